// The fields each JSON input of the core accepts; any other field is invalid_request ("unknown
// field"), so a misspelt field never goes unnoticed. One list per input, read by the parsers and
// checked against contract/exportscreen.schema.json by the doctest suite (contract_test.cpp).
#pragma once

#include <array>
#include <string_view>

namespace exportscreen::fields {

/// A screening request (contract: ScreenRequest).
inline constexpr std::array<std::string_view, 10> kScreenRequest = {
    "as_of",  "parties", "items",       "destination",    "end_use",
    "locale", "options", "transaction", "origin_country", "authorization"};
/// The authorization recorded for a deal (contract: Authorization).
inline constexpr std::array<std::string_view, 2> kAuthorization = {"license", "nac_aca"};
/// A party of a screening request (contract: Party).
inline constexpr std::array<std::string_view, 6> kParty = {
    "name", "type", "role", "country", "address", "headquarters_country"};
/// The options of a screening request: matching, and the lists' age (contract: MatchOptions).
inline constexpr std::array<std::string_view, 7> kMatchOptions = {
    "min_score", "preset", "limit", "sources", "programs", "countries", "max_list_age_days"};
/// A match query (contract: MatchQuery).
inline constexpr std::array<std::string_view, 9> kMatchQuery = {
    "name", "type", "country", "preset", "min_score", "limit", "sources", "programs", "countries"};
/// A compare pair (contract: ComparePair).
inline constexpr std::array<std::string_view, 3> kComparePair = {"a", "b", "type"};
/// The options of a list load (contract: ListOptions).
inline constexpr std::array<std::string_view, 6> kListOptions = {
    "label", "as_of", "format", "replace", "known_sha256", "total_bytes"};
/// The options of a user's CSV file (contract: CsvOptions).
inline constexpr std::array<std::string_view, 1> kCsvOptions = {"separator"};
/// The options of reference() (contract: ReferenceOptions).
inline constexpr std::array<std::string_view, 2> kReferenceOptions = {"locale", "as_of"};
/// An item of a screening request (contract: Item).
inline constexpr std::array<std::string_view, 14> kItem = {"name",
                                                           "label",
                                                           "kind",
                                                           "tops",
                                                           "sparse",
                                                           "die_area_mm2",
                                                           "datacenter",
                                                           "memory_bandwidth_gbps",
                                                           "io_bandwidth_gbps",
                                                           "designer_hq_country",
                                                           "producer_hq_country",
                                                           "package_area_mm2",
                                                           "logic_co_packaged",
                                                           "quantity"};
/// The options of screening rows (contract: RowOptions); "compact" is read by the JSON-text
/// entry point only.
inline constexpr std::array<std::string_view, 9> kRowOptions = {
    "min_score", "preset", "limit",  "sources", "programs",
    "countries", "as_of",  "locale", "compact"};
/// What an item to classify adds to an item (contract: ClassifyItem).
inline constexpr std::array<std::string_view, 2> kClassifyExtra = {"as_of", "locale"};

}  // namespace exportscreen::fields
