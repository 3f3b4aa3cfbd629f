// JSON read with its limits checked as it is read: nlohmann's SAX parser drives a handler that
// counts and measures every value before handing it to nlohmann's own DOM builder.
#include "limited_json.h"

#include <limits>
#include <string>

#include "exportscreen/error.h"
#include "exportscreen/unicode.h"

namespace exportscreen {
namespace {

using nlohmann::json;

// Counts, measures and builds. Each event is checked first, so the DOM never holds a value past
// a limit and the parser stops at the first one (an Error thrown out of sax_parse).
class LimitedDomBuilder {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  LimitedDomBuilder(json& root, std::string_view what, const JsonLimits& limits)
      : dom_(root, /*allow_exceptions=*/true), what_(what), limits_(limits) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool b) { return value() && dom_.boolean(b); }
  bool number_integer(number_integer_t n) { return value() && dom_.number_integer(n); }
  bool number_unsigned(number_unsigned_t n) { return value() && dom_.number_unsigned(n); }
  bool number_float(number_float_t n, const string_t& s) {
    return value() && dom_.number_float(n, s);
  }
  bool binary(binary_t& b) { return value() && dom_.binary(b); }

  bool string(string_t& s) {
    value();
    const std::size_t max = string_limit();
    if (s.size() > max) {
      throw Error(errc::kRequestTooLarge, where() + " is " + std::to_string(s.size()) +
                                              " bytes; the limit is " + std::to_string(max));
    }
    return dom_.string(s);
  }

  bool start_object(std::size_t n) {
    open(false);
    return dom_.start_object(n);
  }
  bool start_array(std::size_t n) {
    open(true);
    return dom_.start_array(n);
  }
  bool end_object() {
    close();
    return dom_.end_object();
  }
  bool end_array() {
    close();
    return dom_.end_array();
  }

  bool key(string_t& k) {
    Frame& f = frames_.back();
    if (++f.count > limits_.max_object_members) {
      throw Error(errc::kRequestTooLarge,
                  place(f) + " has more than " + std::to_string(limits_.max_object_members) +
                      " fields; the limit is " + std::to_string(limits_.max_object_members));
    }
    if (k.size() > limits_.max_string_bytes) {
      throw Error(errc::kRequestTooLarge, "a field name in " + place(f) + " is " +
                                              std::to_string(k.size()) + " bytes; the limit is " +
                                              std::to_string(limits_.max_string_bytes));
    }
    path_.resize(f.path_end);
    if (!path_.empty()) path_ += '.';
    path_ += k;
    return dom_.key(k);
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    throw e;
  }

 private:
  struct Frame {
    bool array = false;
    std::size_t path_end = 0;  // path_ of the container itself (before "[]" for an array)
    std::size_t count = 0;     // elements (array) or members (object) read so far
  };

  // Every value: counted, and as an array element, counted against its array's limit.
  bool value() {
    if (++values_ > limits_.max_values) {
      throw Error(errc::kRequestTooLarge, std::string(what_) + " holds more than " +
                                              std::to_string(limits_.max_values) +
                                              " JSON values (at " + where() + "); the limit is " +
                                              std::to_string(limits_.max_values));
    }
    if (frames_.empty() || !frames_.back().array) return true;
    Frame& f = frames_.back();
    const JsonPathLimit* own = path_limit(std::string_view(path_).substr(0, f.path_end));
    const std::size_t max = own ? own->max : limits_.max_array_elements;
    if (++f.count > max) {
      const std::string container =
          f.path_end == 0 ? std::string(what_) : path_.substr(0, f.path_end);
      if (own && !own->elements.empty()) {
        throw Error(errc::kRequestTooLarge,
                    std::string(what_) + " names more than " + std::to_string(max) + " " +
                        std::string(own->elements) + "; the limit is " + std::to_string(max) +
                        " (" + where() + " is one too many)");
      }
      throw Error(errc::kRequestTooLarge, container + " has more than " + std::to_string(max) +
                                              " elements; the limit is " + std::to_string(max));
    }
    return true;
  }

  void open(bool array) {
    value();
    if (frames_.size() >= limits_.max_depth) {
      throw Error(errc::kInvalidJson, std::string(what_) + " is nested deeper than " +
                                          std::to_string(limits_.max_depth) + " levels");
    }
    frames_.push_back({array, path_.size(), 0});
    if (array) path_ += "[]";
  }

  void close() {
    path_.resize(frames_.back().path_end);
    frames_.pop_back();
  }

  const JsonPathLimit* path_limit(std::string_view path) const {
    for (const JsonPathLimit& l : limits_.paths) {
      if (l.path == path) return &l;
    }
    return nullptr;
  }

  std::size_t string_limit() const {
    const JsonPathLimit* own = path_limit(path_);
    return own ? own->max : limits_.max_string_bytes;
  }

  // The path of the value being read with the index of every array on it: "parties[3].name".
  std::string where() const {
    std::string out;
    std::size_t at = 0;
    for (const Frame& f : frames_) {
      if (!f.array) continue;
      out.append(path_, at, f.path_end - at);
      out += "[" + std::to_string(f.count == 0 ? 0 : f.count - 1) + "]";
      at = f.path_end + 2;
    }
    if (at < path_.size()) out.append(path_, at);
    return out.empty() ? std::string(what_) : std::string(utf8_prefix(out, 200));
  }

  std::string place(const Frame& f) const {
    if (f.path_end == 0) return std::string(what_);
    // The container's own path, with indices: cut where() at the container's end.
    std::string out;
    std::size_t at = 0;
    for (const Frame& g : frames_) {
      if (&g == &f) break;
      if (!g.array) continue;
      out.append(path_, at, g.path_end - at);
      out += "[" + std::to_string(g.count == 0 ? 0 : g.count - 1) + "]";
      at = g.path_end + 2;
    }
    if (at < f.path_end) out.append(path_, at, f.path_end - at);
    return std::string(utf8_prefix(out, 200));
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::string_view what_;
  const JsonLimits& limits_;
  std::vector<Frame> frames_;
  std::string path_;  // "parties[].name": keys, and "[]" for the elements of an array
  std::size_t values_ = 0;
};

}  // namespace

json read_limited_json(std::string_view text, std::string_view what, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error(errc::kRequestTooLarge, std::string(what) + " is " + std::to_string(text.size()) +
                                            " bytes; the limit is " +
                                            std::to_string(limits.max_bytes));
  }
  json root;
  LimitedDomBuilder builder(root, what, limits);
  try {
    // The parser class json::parse() uses, driven by our handler (json::sax_parse() would also
    // instantiate the binary formats' readers for it), over the lexer of the CSL JSON records'
    // type (lists/csl_json.cpp): the module holds one JSON lexer, not two (2.3 KB gzip). That
    // lexer must be the copy compiled for speed: link-time optimization keeps the first copy it
    // links, and csl_json.cpp comes before this file in core/CMakeLists.txt (measured: the 24 MB
    // CSL JSON list parsed as fast, 805 against 808 ms in node, 6 alternating runs).
    nlohmann::detail::parser<nlohmann::ordered_json,
                             nlohmann::detail::iterator_input_adapter<const char*>>(
        nlohmann::detail::input_adapter(text.data(), text.data() + text.size()))
        .sax_parse(&builder, /*strict=*/true);
  } catch (const json::exception& e) {
    // parse_error, and out_of_range for numbers beyond double ("1e999").
    throw Error(errc::kInvalidJson, std::string(what) + " is not valid JSON: " + e.what());
  }
  return root;
}

JsonLimits only_byte_limit(std::size_t max_bytes) {
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  return {max_bytes, kNone, kNone, kNone, kNone, kNone, {}};
}

}  // namespace exportscreen
