// JSON text written as it goes, for the answers the core gives most often (a screening's result,
// a match, the lists): building them as nlohmann::json values and dumping those took 5.3 M of the
// 12.7 M instructions of screening "Huawei Technologies Co., Ltd." against the built-in list.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace exportscreen {

/// Writes one JSON value: objects and arrays opened and closed in order, keys and values between.
/// Its text is what dump() writes for the same value: one line, no spaces, invalid UTF-8 replaced,
/// numbers as nlohmann::json writes them. Keys are written in the order given, so callers give
/// each object's keys sorted as nlohmann::json (a std::map) keeps them; the API tests parse and
/// dump each answer again and require the same text.
class JsonWriter {
 public:
  JsonWriter& object();
  JsonWriter& array();
  /// Closes the innermost object or array.
  JsonWriter& end();
  JsonWriter& key(std::string_view name);

  JsonWriter& null();
  JsonWriter& value(bool b);
  JsonWriter& value(double d);
  template <std::integral Int>
  requires(!std::same_as<Int, bool>) JsonWriter& value(Int i) {
    separate();
    out_ += std::to_string(i);
    return *this;
  }
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  /// An array of strings.
  JsonWriter& value(const std::vector<std::string>& strings);
  /// A value built as nlohmann::json (a finding's evidence, a classification), dumped in place.
  JsonWriter& value(const nlohmann::json& j);
  /// A value already written as JSON text (by another JsonWriter), copied as it is.
  JsonWriter& raw(std::string_view json_text);
  /// The string, or null when it is empty.
  JsonWriter& string_or_null(std::string_view s);

  /// key(name).value(v).
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  /// The text written. Every object and array must be closed.
  std::string take() &&;

 private:
  // A comma before the value or key to come, unless it is the first of its object or array (or
  // the value of a key just written).
  void separate();
  void open(char bracket, char closing);

  std::string out_;
  std::string closing_;  // the brackets still open, innermost last
  bool comma_ = false;
};

}  // namespace exportscreen
