// JSON text read at a boundary with its limits checked as it is read (internal): a request over
// a limit is refused at the first value past it, so refusing never costs more than reading the
// largest request accepted (docs/api.md, Limits).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace exportscreen {

/// A limit on the values at one path of a document: "parties" (an array: its elements),
/// "parties[].name" (a string: its bytes). `[]` stands for every element of an array.
struct JsonPathLimit {
  std::string_view path;
  std::size_t max = 0;
  /// What the elements are, for the message ("parties"); empty for a string's bytes.
  std::string_view elements;
};

/// What one document may hold. A path without a limit of its own gets the general ones.
struct JsonLimits {
  std::size_t max_bytes = 0;   ///< Bytes of the whole text.
  std::size_t max_depth = 0;   ///< Nested arrays and objects.
  std::size_t max_values = 0;  ///< JSON values of every kind, containers included.
  std::size_t max_array_elements = 0;
  std::size_t max_object_members = 0;  ///< Members read, a repeated key counted each time.
  std::size_t max_string_bytes = 0;    ///< Of a string value or a key.
  std::vector<JsonPathLimit> paths;
};

/// Parses `text` into a DOM with nlohmann's SAX parser, checking `limits` at every value as it is
/// read: the first value past a limit stops the reading. Throws Error: invalid_json (not JSON,
/// numbers beyond double, nested deeper than max_depth) or request_too_large (every other limit),
/// naming `what` and the path of the value ("parties[10000]").
nlohmann::json read_limited_json(std::string_view text, std::string_view what,
                                 const JsonLimits& limits);

/// Limits for text that is trusted or already bounded (the built-in rule files, the few hundred
/// bytes around a CSL JSON document's records): `max_bytes` only, nothing else limited, as with
/// nlohmann::json::parse(). Reading such text through read_limited_json() too keeps a single JSON
/// parser in the WebAssembly module (docs/benchmarks.md, module size).
JsonLimits only_byte_limit(std::size_t max_bytes);

}  // namespace exportscreen
