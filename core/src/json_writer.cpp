#include "exportscreen/json_writer.h"

#include <cassert>
#include <utility>

#include "exportscreen/json_boundary.h"
#include "exportscreen/unicode.h"

namespace exportscreen {
namespace {

// Appends `s` as a JSON string (quoted and escaped) to `out`, as dump() would write it.
void append_json_string(std::string& out, std::string_view s) {
  // Invalid UTF-8 is replaced exactly as dump() replaces it (which bytes become U+FFFD is the
  // serializer's business); it is rare, so it takes the slow way.
  if (find_invalid_utf8(s) != std::string_view::npos) {
    out += dump(nlohmann::json(std::string(s)));
    return;
  }
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
      }
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

}  // namespace

void JsonWriter::separate() {
  if (comma_) out_ += ',';
  comma_ = true;
}

void JsonWriter::open(char bracket, char closing) {
  separate();
  out_ += bracket;
  closing_ += closing;
  comma_ = false;
}

JsonWriter& JsonWriter::object() {
  open('{', '}');
  return *this;
}

JsonWriter& JsonWriter::array() {
  open('[', ']');
  return *this;
}

JsonWriter& JsonWriter::end() {
  assert(!closing_.empty());
  out_ += closing_.back();
  closing_.pop_back();
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  // nlohmann::json's own number format (shortest round trip, "1.0" for whole numbers, null for
  // NaN and infinities), so the text is the same whichever way it is written.
  separate();
  out_ += nlohmann::json(d).dump();
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& strings) {
  array();
  for (const std::string& s : strings) value(s);
  return end();
}

JsonWriter& JsonWriter::value(const nlohmann::json& j) {
  separate();
  out_ += dump(j);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json_text) {
  separate();
  out_ += json_text;
  return *this;
}

JsonWriter& JsonWriter::string_or_null(std::string_view s) { return s.empty() ? null() : value(s); }

std::string JsonWriter::take() && {
  assert(closing_.empty());
  return std::move(out_);
}

}  // namespace exportscreen
