// The JSON API shared by every boundary (CLI, wasm, widget): JSON text in, JSON text out.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exportscreen/error.h"
#include "exportscreen/json_boundary.h"
#include "exportscreen/screen.h"

namespace exportscreen {

/// Limits on one request; larger input is refused with a clear error rather than screened in part.
inline constexpr std::size_t kMaxRequestBytes = 16u << 20;
inline constexpr std::size_t kMaxParties = 10000;
inline constexpr std::size_t kMaxNameBytes = 1024;
inline constexpr std::size_t kMaxItems = 1000;
/// Limits on a user's CSV file of parties (batch screening); larger files are refused whole.
inline constexpr std::size_t kMaxCsvRecords = 100000;
inline constexpr std::size_t kMaxCsvFields = 64;

/// Parses and validates a screening request (docs/api.md). Throws Error naming the field.
ScreenRequest parse_screen_request(std::string_view json_text);

/// "en" or "zh"; throws Error(errc::kInvalidRequest) naming `field` otherwise.
std::string require_locale(const nlohmann::json& value, std::string_view field);

/// Parses JSON text within the request limits (size, nesting); throws Error (invalid_json,
/// request_too_large) naming `what`.
nlohmann::json parse_request_json(std::string_view text, std::string_view what);

/// JSON of a result, a match and a list description (docs/api.md).
nlohmann::json to_json(const ScreenResult& result, const ScreenRequest& request);
nlohmann::json to_json(const PartyMatch& match);
nlohmann::json to_json(const ListInfo& info);
nlohmann::json to_json(const NameComparison& comparison);
/// {"total", "strong", "possible", "groups": [{"words", "entries"}]} of one query's matches.
nlohmann::json to_json(const MatchSummary& summary);

/// Screens a request given as JSON text; returns the result or {"error": ...}. Never throws.
std::string screen_json(const Screener& screener, std::string_view request_json);

/// Matches one {"name", "type"?, "country"?, "preset"?, "min_score"?, "limit"?, "sources"?,
/// "programs"?, "countries"?} query given as JSON text; returns {"query", "matches": [...]} or
/// {"error": ...}. `defaults` apply to options the query leaves out. Never throws.
std::string match_json(const Screener& screener, std::string_view query_json,
                       const MatchOptions& defaults = {});

/// Compares two names given as {"a", "b", "type"?}; returns {"score", "match", "explanation"}
/// or {"error": ...}. Never throws.
std::string compare_json(std::string_view pair_json, double min_score = kDefaultPairMinScore);

/// Loads a list file into the screener; `options_json` is {"label"?, "as_of"?, "format"?,
/// "replace"?}. Returns {"list": {...}, "lists": [...]} or {"error": ...}. Never throws; on
/// error the screener's lists are unchanged.
std::string load_list_json(Screener& screener, std::string_view bytes,
                           std::string_view options_json);

/// Parses list-loading options {"label"?, "as_of"?, "format"?, "replace"?} (empty text: the
/// defaults); sets `*replace`. Throws Error naming the field.
LoadOptions parse_load_options(std::string_view options_json, bool* replace);

/// Adds a loaded list to the screener (after removing the others when `replace`); returns
/// {"list": {...}, "lists": [...]}. Throws only on a bug or out of memory.
std::string add_list_json(Screener& screener, ListSnapshot list, bool replace);

/// {"lists": [...]} describing what the screener holds.
std::string lists_json(const Screener& screener);

/// Classifies one item given as JSON (docs/api.md, Classify), optionally with "as_of" and
/// "locale"; `default_as_of` (empty: today) and `default_locale` apply when it has none. Returns
/// the classification or {"error": ...}. Never throws.
std::string classify_json(std::string_view item_json, std::string_view default_as_of = {},
                          std::string_view default_locale = "en");

/// The date the built-in rule data is current to (YYYY-MM-DD).
std::string rules_date();

/// The version of the built-in rule data (data/rules/version.json).
std::string rules_version();

/// The release of exportscreen (CMake's project version, the one place it is written).
std::string_view version();

/// What this engine is and accepts (docs/api.md, WebAssembly module): {"version", "rules_version",
/// "rules_date", "presets": [{"id", "min_score"}], "roles": [id, ...]}. Never throws.
std::string version_json();

/// Everything a form needs to ask the questions (docs/api.md, Reference); `options_json` is
/// {"locale"?, "as_of"?} or empty. Returns the reference or {"error": ...}. Never throws.
std::string reference_json(std::string_view options_json);

/// Reads a user's CSV file (a batch of parties) with the same RFC 4180 reader as the list
/// loader, so there is one CSV parser. `options_json` is {"separator"?: "," | ";" | "\t"}.
/// Returns {"rows": [[field, ...], ...], "lines": [first line of each row, ...]} or {"error"}:
/// invalid_utf8 or invalid_csv naming the line, request_too_large over kMaxCsvRecords records or
/// kMaxCsvFields fields. Never throws.
std::string parse_csv_json(std::string_view bytes, std::string_view options_json);

/// {"countries": [{"code": "AD", "name": "Andorra"}, ...]}: every code the core accepts.
std::string country_codes_json();

}  // namespace exportscreen
