// The trade.gov Consolidated Screening List JSON document, read as it arrives: a scanner cuts
// the records of `results` out of the byte stream and nlohmann's SAX parser reads each one.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/error.h"
#include "exportscreen/unicode.h"
#include "limited_json.h"
#include "lists/format.h"
#include "lists/text.h"

namespace exportscreen::lists {
namespace {

// The JSON of a CSL JSON record. Loading is hot and this file is compiled for speed, while
// api.cpp, which parses requests, is compiled for size (core/CMakeLists.txt). A JSON type of its
// own gives records a lexer instantiation of its own: when both shared nlohmann::json's, the
// linker kept the size-optimized copy and loading the 24 MB CSL JSON list became 40 % slower in
// wasm (docs/benchmarks.md). Records are read by SAX (CslJsonRecordReader), never as a DOM.
// Requests are read over the same lexer (limited_json.cpp), which keeps this file's copy because
// this file is linked first (core/CMakeLists.txt lists it before limited_json.cpp).
using ListJson = nlohmann::ordered_json;

// Runs nlohmann's parser over one record with a SAX handler. The parser class ListJson::parse()
// uses (nlohmann::detail, Debian's nlohmann-json3-dev 3.11.2) rather than ListJson::sax_parse(),
// which also instantiates the CBOR, MessagePack, UBJSON and BSON readers for the handler: code
// the widget's size budget has no room for.
template <class Sax>
void sax_parse_record(std::string_view text, Sax& sax) {
  nlohmann::detail::parser<ListJson, nlohmann::detail::iterator_input_adapter<const char*>>(
      nlohmann::detail::input_adapter(text.data(), text.data() + text.size()))
      .sax_parse(&sax, /*strict=*/true);
}

// A CSL JSON record larger than this is refused (real ones are a few KiB).
constexpr std::size_t kMaxJsonRecordBytes = kMaxListRecordBytes;
// The document around `results` (total, offset, sources_used) is a few hundred bytes; it is
// parsed as a DOM at the end, so it may not grow with the file.
constexpr std::size_t kMaxDocumentRestBytes = 1u << 20;

// The small rest of a CSL JSON document (total, offset, sources_used) is parsed as a DOM of
// nlohmann::json by the reader api.cpp already has for requests (limited_json.h): speed does not
// matter there, and the module then holds no nlohmann::json::parse() of its own. Throws Error
// invalid_list for text that is not JSON.
nlohmann::json parse_document_rest(std::string_view text) {
  try {
    return read_limited_json(text, "the CSL JSON document", only_byte_limit(kMaxDocumentRestBytes));
  } catch (const Error& e) {
    throw Error(errc::kInvalidList, e.what());
  }
}

// What a CSL JSON record holds, read by nlohmann's SAX parser without building the record:
// the fields a ListEntry takes, as the file gives them; the rest, nested or not, is skipped.
// Values are kept until the record has parsed, then checked, so that everything is decided as
// when the record was a DOM: a syntax error anywhere wins over a field's type, a repeated key
// keeps its last value, and field errors come in the order CslJsonParser::add_record() checks.
class CslJsonRecordReader {
 public:
  // A field's value, or enough of it to give the error it deserves.
  struct Value {
    enum class Kind : std::uint8_t { kAbsent, kNull, kString, kArray, kObject, kOther };
    Kind kind = Kind::kAbsent;
    std::string text;                // kString
    std::vector<std::string> items;  // kArray: its strings
    bool only_strings = true;        // kArray: nothing but strings

    void set(Kind k) {
      kind = k;
      text.clear();
      items.clear();
      only_strings = true;
    }
    bool given() const { return kind != Kind::kAbsent && kind != Kind::kNull; }
  };

  // An element of `addresses`: a string, an object (its parts in kAddressParts' order) or
  // something else.
  struct AddressValue {
    Value element;
    std::array<Value, 5> parts;
  };

  enum Field : std::uint8_t {
    kSource,
    kName,
    kId,
    kUnderscoreId,
    kEntityNumber,
    kType,
    kPrograms,
    kAddresses,
    kFederalRegisterNotice,
    kStartDate,
    kEndDate,
    kStandardOrder,
    kLicenseRequirement,
    kLicensePolicy,
    kRemarks,
    kSourceListUrl,
    kAltNames,
    kCitizenships,
    kNationalities,
    kDatesOfBirth,
    kSourceInformationUrl,
    kFieldCount
  };
  static constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
      "source",
      "name",
      "id",
      "_id",
      "entity_number",
      "type",
      "programs",
      "addresses",
      "federal_register_notice",
      "start_date",
      "end_date",
      "standard_order",
      "license_requirement",
      "license_policy",
      "remarks",
      "source_list_url",
      "alt_names",
      "citizenships",
      "nationalities",
      "dates_of_birth",
      "source_information_url"};
  static constexpr std::array<std::string_view, 5> kAddressParts = {"address", "city", "state",
                                                                    "postal_code", "country"};

  // Reads one record (an object, as the scanner made sure); throws ListJson's parse error.
  void read(std::string_view record) {
    for (auto& f : fields_) f.set(Value::Kind::kAbsent);
    addresses_.clear();
    depth_ = skip_ = 0;
    current_ = part_ = nullptr;
    sax_parse_record(record, *this);
  }

  Value& field(Field f) { return fields_[f]; }
  std::vector<AddressValue>& addresses() { return addresses_; }

  // The SAX interface (nlohmann::json_sax).
  using number_integer_t = ListJson::number_integer_t;
  using number_unsigned_t = ListJson::number_unsigned_t;
  using number_float_t = ListJson::number_float_t;
  using string_t = ListJson::string_t;
  using binary_t = ListJson::binary_t;

  bool null() { return scalar(Value::Kind::kNull, nullptr); }
  bool boolean(bool) { return scalar(Value::Kind::kOther, nullptr); }
  bool number_integer(number_integer_t) { return scalar(Value::Kind::kOther, nullptr); }
  bool number_unsigned(number_unsigned_t) { return scalar(Value::Kind::kOther, nullptr); }
  bool number_float(number_float_t, const string_t&) {
    return scalar(Value::Kind::kOther, nullptr);
  }
  bool string(string_t& s) { return scalar(Value::Kind::kString, &s); }
  bool binary(binary_t&) { return scalar(Value::Kind::kOther, nullptr); }
  bool start_object(std::size_t) { return open(Value::Kind::kObject); }
  bool start_array(std::size_t) { return open(Value::Kind::kArray); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& k) {
    if (skip_ > 0) return true;
    if (depth_ == 1) {
      current_ = nullptr;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (kFieldNames[f] == k) {
          current_ = &fields_[f];
          if (f == kAddresses) addresses_.clear();  // a repeated key keeps its last value
          break;
        }
      }
    } else if (depth_ == 3) {
      part_ = nullptr;
      for (std::size_t p = 0; p < kAddressParts.size(); ++p) {
        if (kAddressParts[p] == k) {
          part_ = &addresses_.back().parts[p];
          break;
        }
      }
    }
    return true;
  }

  // As the DOM parser does: the record is not valid JSON.
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    throw e;
  }

 private:
  // A string, number, boolean or null: depth 1 is a field's value, depth 2 an element of a
  // field's array, depth 3 an address part.
  bool scalar(Value::Kind kind, string_t* s) {
    if (skip_ > 0) return true;
    Value* target = nullptr;
    if (depth_ == 1) {
      target = current_;
    } else if (depth_ == 2 && current_ == &fields_[kAddresses]) {
      target = &addresses_.emplace_back().element;
    } else if (depth_ == 2) {
      if (kind == Value::Kind::kString) {
        current_->items.emplace_back(*s);
      } else {
        current_->only_strings = false;
      }
      return true;
    } else if (depth_ == 3) {
      target = part_;
    }
    if (target) {
      target->set(kind);
      // The lexer's buffer (its capacity grown for long strings) circulates back to the lexer;
      // field_string() copies out exactly what the entry keeps.
      if (s) target->text.swap(*s);
    }
    return true;
  }

  // An object or array: the record, a field's array, an address object; anything else (an
  // unknown field's value, a nested value where a string belongs) is noted and skipped.
  bool open(Value::Kind kind) {
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (depth_ == 1 && current_) {
      current_->set(kind);
      if (kind == Value::Kind::kArray) {
        depth_ = 2;
        return true;
      }
    } else if (depth_ == 2 && current_ == &fields_[kAddresses]) {
      addresses_.emplace_back().element.set(kind);
      if (kind == Value::Kind::kObject) {
        depth_ = 3;
        part_ = nullptr;
        return true;
      }
    } else if (depth_ == 2) {
      current_->only_strings = false;
    } else if (depth_ == 3 && part_) {
      part_->set(kind);
    }
    ++skip_;
    return true;
  }

  bool close() {
    if (skip_ > 0) {
      --skip_;
    } else {
      --depth_;
    }
    return true;
  }

  std::array<Value, kFieldCount> fields_;
  std::vector<AddressValue> addresses_;
  std::size_t depth_ = 0, skip_ = 0;
  Value* current_ = nullptr;  // the field whose value is being read (null: an unknown one)
  Value* part_ = nullptr;     // the address part whose value is being read
};

// The CSL JSON document {total, offset, sources_used, results: [...]}, read without building it:
// a scanner follows strings and nesting across chunks, hands each element of `results` to the
// JSON parser on its own (a few KiB), and keeps the small rest of the document for finish().
class CslJsonParser final : public FileParser {
 public:
  CslJsonParser(std::vector<ListEntry>& out, std::size_t& names) : out_(out), names_(names) {}

  void feed(std::string_view chunk) override {
    // The first broken byte decides the error, whatever it is and however the file is chunked:
    // bytes are read up to the first invalid UTF-8 sequence, and a sequence cut by the end of a
    // chunk waits for the next one.
    std::string joined;
    std::string_view text = chunk;
    if (!utf8_carry_.empty()) {
      joined = utf8_carry_ + std::string(chunk);
      text = joined;
      utf8_carry_.clear();
    }
    std::size_t cut = text.size();
    for (std::size_t k = 1; k <= 3 && k <= text.size(); ++k) {
      const auto b = static_cast<unsigned char>(text[text.size() - k]);
      if ((b & 0xC0) == 0x80) continue;
      const std::size_t len = (b & 0xE0) == 0xC0   ? 2
                              : (b & 0xF0) == 0xE0 ? 3
                              : (b & 0xF8) == 0xF0 ? 4
                                                   : 1;
      if (len > k) cut = text.size() - k;
      break;
    }
    const std::size_t bad = find_invalid_utf8(text.substr(0, cut));
    std::string_view valid = text.substr(0, std::min(bad, cut));
    // A byte order mark (a file saved by a Windows editor) is not part of the document. A
    // sequence is never split here (see the carry above), so a whole BOM starts the first text.
    if (offset_ == 0 && valid.starts_with("\xEF\xBB\xBF")) {
      valid.remove_prefix(3);
      offset_ = 3;
    }
    for (std::size_t i = 0; i < valid.size();) {
      const std::size_t run = plain_run(valid.substr(i));
      if (run > 0) {
        append_run(valid.substr(i, run));
        i += run;
        continue;
      }
      const char c = valid[i++];
      ++offset_;
      if (c == '\n') ++line_;
      step(c);
    }
    if (bad != std::string_view::npos) {
      throw Error(errc::kInvalidUtf8,
                  line_prefix(line_) + "invalid UTF-8; list files must be UTF-8");
    }
    utf8_carry_ = std::string(text.substr(cut));
  }

  void finish() override {
    if (!utf8_carry_.empty()) {
      throw Error(errc::kTruncatedList, "byte " + std::to_string(offset_) +
                                            ": the file ends inside a UTF-8 sequence (the file is "
                                            "cut short)");
    }
    if (!seen_root_) throw Error(errc::kEmptyList, "the list file is empty");
    if (depth_ != 0 || in_string_) {
      throw Error(errc::kTruncatedList, "line " + std::to_string(line_) + " (byte " +
                                            std::to_string(offset_) + "): the JSON ends inside " +
                                            (in_string_ ? "a string" : "an object or array") +
                                            " after " + std::to_string(records_) +
                                            " records of results: the file is cut short");
    }
    const nlohmann::json doc = parse_document_rest(rest_);
    if (!doc.is_object())
      throw Error(errc::kInvalidList, "the CSL JSON document must be an object");
    if (!seen_results_)
      throw Error(errc::kInvalidList, "the CSL JSON document has no \"results\" array");
    if (!doc.contains("total"))
      throw Error(errc::kInvalidList, "the CSL JSON document has no \"total\" record count");
    if (!doc["total"].is_number_integer() || doc["total"].get<long long>() < 0) {
      throw Error(errc::kInvalidList, std::string("the CSL JSON document's \"total\" is a ") +
                                          doc["total"].type_name() +
                                          ", not a record count (a whole number, 0 or more)");
    }
    const auto total = static_cast<std::size_t>(doc["total"].get<long long>());
    std::size_t offset = 0;
    if (doc.contains("offset") && doc["offset"].is_number_integer() &&
        doc["offset"].get<long long>() > 0) {
      offset = static_cast<std::size_t>(doc["offset"].get<long long>());
    }
    if (offset + records_ < total) {
      throw Error(errc::kTruncatedList,
                  "the file holds " + std::to_string(records_) + " records from offset " +
                      std::to_string(offset) + " of the " + std::to_string(total) +
                      " its \"total\" announces: it is a partial download (a later page, or cut "
                      "short)");
    }
    if (offset + records_ > total) {
      throw Error(errc::kInvalidList, "the file holds " + std::to_string(records_) +
                                          " records but its \"total\" says " +
                                          std::to_string(total));
    }
    if (records_ == 0) throw Error(errc::kEmptyList, "the list file has no records");
    if (doc.contains("sources_used")) {
      const auto& s = doc["sources_used"];
      if (!s.is_array()) throw Error(errc::kInvalidList, "\"sources_used\" must be an array");
      for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string where = "sources_used[" + std::to_string(i) + "]";
        if (!s[i].is_object() || !s[i].contains("source") || !s[i]["source"].is_string()) {
          throw Error(errc::kInvalidList, where + " must be an object with a \"source\"");
        }
        SourceDate d{s[i]["source"].get<std::string>(), {}};
        if (s[i].contains("source_last_updated") && s[i]["source_last_updated"].is_string()) {
          // "2026-04-14" or a timestamp "2026-04-14T08:00:00+00:00": the date part. It becomes
          // the list's date (the age warning, audit records): a date that is not one refuses the
          // file rather than dating the list 2999; an empty one means unknown.
          d.last_updated = s[i]["source_last_updated"].get<std::string>().substr(0, 10);
          if (!d.last_updated.empty()) {
            try {
              require_date(d.last_updated, where + ".source_last_updated");
            } catch (const Error& e) {
              throw Error(errc::kInvalidList, e.what());
            }
          }
        }
        sources_used_.push_back(std::move(d));
      }
    }
  }

  std::size_t records() const override { return records_; }
  std::vector<SourceDate> sources_used() const override { return sources_used_; }

 private:
  [[noreturn]] void invalid(const std::string& what) {
    throw Error(errc::kInvalidList, line_prefix(line_) + what);
  }

  // How many bytes at the start of `text` step() would only append: the scanner copies such a
  // run at once rather than byte by byte. Inside a string that is up to a quote, a backslash or a
  // control character; inside a record, up to a quote, a brace, a bracket or a line break.
  // Elsewhere (the small rest of the document) every byte goes through step().
  std::size_t plain_run(std::string_view text) const {
    static constexpr auto kStringStops = [] {
      std::array<bool, 256> stops{};
      for (int b = 0; b < 0x20; ++b) stops[b] = true;
      stops['"'] = stops['\\'] = true;
      return stops;
    }();
    static constexpr auto kRecordStops = [] {
      std::array<bool, 256> stops{};
      for (const unsigned char b : {'"', '{', '}', '[', ']', '\n'}) stops[b] = true;
      return stops;
    }();
    const std::array<bool, 256>* stops = nullptr;
    if (in_string_) {
      if (escaped_) return 0;
      stops = &kStringStops;
    } else if (depth_ >= 3 && in_results_) {
      stops = &kRecordStops;
    } else {
      return 0;
    }
    std::size_t n = 0;
    while (n < text.size() && !(*stops)[static_cast<unsigned char>(text[n])]) ++n;
    return n;
  }

  // step() for each byte of a run plain_run() found, at once.
  void append_run(std::string_view run) {
    offset_ += run.size();
    const bool in_record = depth_ >= 3 && in_results_;
    if (in_string_) {
      (in_record ? record_ : rest_).append(run);
      if (capture_key_) key_.append(run);
      if (record_.size() > kMaxJsonRecordBytes) record_too_large();
      if (rest_.size() > kMaxDocumentRestBytes) rest_too_large();
      return;
    }
    record_.append(run);
    if (record_.size() > kMaxJsonRecordBytes) record_too_large();
  }

  [[noreturn]] void rest_too_large() {
    invalid("the document outside \"results\" is larger than " +
            std::to_string(kMaxDocumentRestBytes) + " bytes: not the CSL JSON layout");
  }

  [[noreturn]] void record_too_large() {
    invalid("results[" + std::to_string(records_) + "] is larger than " +
            std::to_string(kMaxJsonRecordBytes) + " bytes");
  }

  void step(char c) {
    const bool in_record = depth_ >= 3 && in_results_;
    if (in_string_) {
      if (in_record) {
        record_ += c;
        if (record_.size() > kMaxJsonRecordBytes) record_too_large();
      } else {
        rest_ += c;
        if (rest_.size() > kMaxDocumentRestBytes) rest_too_large();
      }
      if (capture_key_) key_ += c;
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
        if (capture_key_) {
          key_.pop_back();
          capture_key_ = false;
        }
      } else if (static_cast<unsigned char>(c) < 0x20) {
        invalid("control character inside a JSON string");
      }
      return;
    }
    switch (c) {
      case '{':
      case '[':
        if (depth_ == 0) {
          if (seen_root_) invalid("text after the JSON document");
          if (c != '{') invalid("the CSL JSON document must be an object");
          seen_root_ = true;
        }
        ++depth_;
        if (depth_ == 2 && c == '[' && last_key_ == "results" && after_colon_) {
          if (seen_results_) invalid("a second \"results\" array");
          in_results_ = seen_results_ = true;
          rest_ += c;
          after_colon_ = false;
          return;
        }
        if (depth_ == 3 && in_results_) {
          if (c != '{') invalid("results[" + std::to_string(records_) + "] is not an object");
          record_.clear();
          record_line_ = line_;
        }
        break;
      case '}':
      case ']':
        if (depth_ == 0) invalid("unbalanced '" + std::string(1, c) + "'");
        if (depth_ == 3 && in_results_) {
          record_ += c;
          --depth_;
          add_record();
          return;
        }
        if (depth_ == 2 && in_results_) {
          in_results_ = false;
          rest_ += c;
          --depth_;
          return;
        }
        --depth_;
        break;
      case '"':
        if (depth_ == 2 && in_results_) {
          invalid("results[" + std::to_string(records_) + "] is not an object");
        }
        in_string_ = true;
        if (depth_ == 1 && !after_colon_) {
          capture_key_ = true;
          key_.clear();
        }
        break;
      case ':':
        if (depth_ == 1) {
          last_key_ = key_;
          after_colon_ = true;
        }
        break;
      case ',':
        if (depth_ == 1) after_colon_ = false;
        break;
      case ' ':
      case '\t':
      case '\r':
      case '\n':
        if (depth_ == 0) return;
        break;
      default:
        if (depth_ == 0) invalid("text outside the JSON document");
        if (depth_ == 2 && in_results_) {
          invalid("results[" + std::to_string(records_) + "] is not an object");
        }
        break;
    }
    if (depth_ >= 3 && in_results_) {
      record_ += c;
      if (record_.size() > kMaxJsonRecordBytes) record_too_large();
    } else if (!(depth_ == 2 && in_results_ && c == ',')) {
      rest_ += c;
      if (rest_.size() > kMaxDocumentRestBytes) rest_too_large();
    }
  }

  using Record = CslJsonRecordReader;
  using Value = Record::Value;

  static std::string field_string(const Value& v, std::string_view key, const std::string& where) {
    if (!v.given()) return {};
    if (v.kind != Value::Kind::kString) {
      throw Error(errc::kInvalidList, where + "." + std::string(key) + " must be a string");
    }
    return std::string(v.text);
  }

  std::string field_string(Record::Field f, const std::string& where) {
    return field_string(reader_.field(f), Record::kFieldNames[f], where);
  }

  std::vector<std::string> field_strings(Record::Field f, const std::string& where) {
    std::vector<std::string> out;
    const Value& v = reader_.field(f);
    if (!v.given()) return out;
    if (v.kind == Value::Kind::kString) return split_list(v.text);
    const std::string key(Record::kFieldNames[f]);
    if (v.kind != Value::Kind::kArray)
      throw Error(errc::kInvalidList, where + "." + key + " must be an array");
    if (!v.only_strings) throw Error(errc::kInvalidList, where + "." + key + " must hold strings");
    for (const auto& x : v.items) {
      std::string s = trim(x);
      if (!s.empty()) out.push_back(std::move(s));
    }
    return out;
  }

  void add_record() {
    check_record_limit(records_ + 1, line_prefix(record_line_));
    const std::string where =
        "line " + std::to_string(record_line_) + ": results[" + std::to_string(records_) + "]";
    try {
      reader_.read(record_);
    } catch (const ListJson::exception& e) {
      throw Error(errc::kInvalidList, where + " is not valid JSON: " + e.what());
    }
    ListEntry e;
    e.source = field_string(Record::kSource, where);
    e.name = trim(field_string(Record::kName, where));
    if (e.name.empty()) throw Error(errc::kInvalidList, where + ".name is missing or empty");
    if (e.source.empty()) throw Error(errc::kInvalidList, where + ".source is missing or empty");
    e.source_code = source_code_of(e.source);
    e.id = field_string(Record::kId, where);
    if (e.id.empty()) e.id = field_string(Record::kUnderscoreId, where);
    if (e.id.empty()) e.id = field_string(Record::kEntityNumber, where);
    if (e.id.empty()) e.id = e.source_code + ":record-" + std::to_string(records_);
    e.type = parse_type(field_string(Record::kType, where));
    e.programs = field_strings(Record::kPrograms, where);
    if (reader_.field(Record::kAddresses).given()) {
      if (reader_.field(Record::kAddresses).kind != Value::Kind::kArray)
        throw Error(errc::kInvalidList, where + ".addresses must be an array");
      const std::string where_address = where + ".addresses";
      for (auto& a : reader_.addresses()) {
        if (a.element.kind == Value::Kind::kString) {
          e.addresses.push_back(parse_address(a.element.text));
          continue;
        }
        if (a.element.kind != Value::Kind::kObject)
          throw Error(errc::kInvalidList, where + ".addresses must hold objects");
        Address addr;
        for (std::size_t k = 0; k < 4; ++k) {  // address, city, state, postal_code
          const std::string part =
              trim(field_string(a.parts[k], Record::kAddressParts[k], where_address));
          if (!part.empty()) addr.text += (addr.text.empty() ? "" : ", ") + part;
        }
        const std::string country =
            trim(field_string(a.parts[4], Record::kAddressParts[4], where_address));
        if (country.size() == 2 && is_country_code(country)) {
          addr.country = require_country(country, "country");
        } else if (!country.empty()) {
          addr.country = country_code_of_name(country);
          if (addr.country.empty()) addr.text += (addr.text.empty() ? "" : ", ") + country;
        }
        if (!addr.text.empty() || !addr.country.empty()) e.addresses.push_back(std::move(addr));
      }
    }
    e.federal_register_notice = field_string(Record::kFederalRegisterNotice, where);
    e.start_date = field_string(Record::kStartDate, where);
    e.end_date = field_string(Record::kEndDate, where);
    e.standard_order = field_string(Record::kStandardOrder, where);
    e.license_requirement = field_string(Record::kLicenseRequirement, where);
    e.license_policy = field_string(Record::kLicensePolicy, where);
    e.remarks = field_string(Record::kRemarks, where);
    e.source_list_url = field_string(Record::kSourceListUrl, where);
    e.alt_names = field_strings(Record::kAltNames, where);
    for (const auto k : {Record::kCitizenships, Record::kNationalities}) {
      for (auto& n : field_strings(k, where)) e.nationalities.push_back(std::move(n));
    }
    e.dates_of_birth = field_strings(Record::kDatesOfBirth, where);
    e.source_information_url = field_string(Record::kSourceInformationUrl, where);
    names_ += 1 + e.alt_names.size();
    out_.push_back(std::move(e));
    ++records_;
    record_.clear();
  }

  std::vector<ListEntry>& out_;
  std::size_t& names_;
  CslJsonRecordReader reader_;
  std::vector<SourceDate> sources_used_;
  std::string rest_;    // the document without the elements of `results`
  std::string record_;  // the results element being read
  std::string key_, last_key_;
  std::string utf8_carry_;
  std::size_t depth_ = 0, records_ = 0, offset_ = 0, line_ = 1, record_line_ = 1;
  bool in_string_ = false, escaped_ = false, capture_key_ = false, after_colon_ = false;
  bool in_results_ = false, seen_results_ = false, seen_root_ = false;
};

}  // namespace

std::unique_ptr<FileParser> csl_json_parser(std::vector<ListEntry>& out, std::size_t& names) {
  return std::make_unique<CslJsonParser>(out, names);
}

}  // namespace exportscreen::lists
