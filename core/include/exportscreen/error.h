// Errors the core reports: a stable snake_case code plus a human message.
#pragma once

#include <array>
#include <stdexcept>
#include <string>

#include "exportscreen/unicode.h"

namespace exportscreen {

/// Stable error codes. Every code is documented in docs/api.md ("Error codes"); never rename one.
namespace errc {
inline constexpr const char* kInvalidJson = "invalid_json";        ///< Request text is not JSON.
inline constexpr const char* kInvalidRequest = "invalid_request";  ///< JSON of the wrong shape.
inline constexpr const char* kInvalidUtf8 = "invalid_utf8";        ///< Text is not valid UTF-8.
inline constexpr const char* kInvalidDate = "invalid_date";        ///< Not a real YYYY-MM-DD date.
inline constexpr const char* kInvalidCountry =
    "invalid_country";                                       ///< Not an ISO 3166-1 alpha-2 code.
inline constexpr const char* kInvalidList = "invalid_list";  ///< A list file breaks its format.
inline constexpr const char* kTruncatedList = "truncated_list";  ///< A list file ends mid-record.
inline constexpr const char* kEmptyList = "empty_list";          ///< A list file has no records.
inline constexpr const char* kListTooLarge =
    "list_too_large";  ///< A list over its limits (bytes, records).
inline constexpr const char* kUnknownListFormat =
    "unknown_list_format";                                 ///< Format not recognised.
inline constexpr const char* kInvalidCsv = "invalid_csv";  ///< A user's CSV file breaks RFC 4180.
inline constexpr const char* kNotCsv = "not_csv";          ///< A workbook or archive given as CSV.
inline constexpr const char* kNoLists = "no_lists";        ///< Screening without any list.
inline constexpr const char* kUnknownItem = "unknown_item";  ///< Item name not in the catalog.
inline constexpr const char* kRequestTooLarge = "request_too_large";  ///< Over a documented limit.
inline constexpr const char* kOutOfMemory = "out_of_memory";  ///< Memory (the wasm heap) ran out.
inline constexpr const char* kInternal = "internal_error";    ///< A bug; please report it.

/// Every code above (the contract test checks them against contract/exportscreen.schema.json).
inline constexpr std::array<const char*, 17> kAll = {
    kInvalidJson, kInvalidRequest, kInvalidUtf8, kInvalidDate,  kInvalidCountry,
    kInvalidList, kTruncatedList,  kEmptyList,   kListTooLarge, kUnknownListFormat,
    kInvalidCsv,  kNotCsv,         kNoLists,     kUnknownItem,  kRequestTooLarge,
    kOutOfMemory, kInternal};
}  // namespace errc

/// An input or data error. Thrown inside the core; every boundary (CLI line, wasm call) catches
/// it and reports {"error": {"code", "message"}} instead of crashing.
class Error : public std::runtime_error {
 public:
  /// Creates an error with one of the errc codes and a message naming what was wrong and where.
  /// Invalid UTF-8 in `message` (quoted input) is replaced, so every message is valid UTF-8.
  Error(std::string code, const std::string& message)
      : std::runtime_error(to_valid_utf8(message)), code_(std::move(code)) {}

  /// The stable snake_case code (errc::*).
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

}  // namespace exportscreen
