// The JSON API shared by every boundary (CLI, wasm, widget): JSON text in, JSON text out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exportscreen/error.h"
#include "exportscreen/json_boundary.h"
#include "exportscreen/json_writer.h"
#include "exportscreen/limits.h"
#include "exportscreen/screen.h"

namespace exportscreen {

/// Parses and validates a screening request (docs/api.md). Throws Error naming the field.
ScreenRequest parse_screen_request(std::string_view json_text);

/// Parses and validates one party {"name", "type"?, "role"?, "country"?, "address"?,
/// "headquarters_country"?} as in a request; `where` names it in errors ("parties[3]").
Party parse_party(const nlohmann::json& party, std::string_view where);

/// A party's fields as text, each absent when not given: what parse_party reads from its JSON
/// object, and a block of a customer CSV file from a row's columns (no JSON in between).
struct PartyFields {
  std::optional<std::string_view> name, type, role, country, address, headquarters_country;
};

/// Validates a party's fields as parse_party does (sizes, an empty name, the type, the role, the
/// country codes; an empty country is none) and makes the party; throws Error naming the field.
Party make_party(const PartyFields& fields, std::string_view where);

/// Reads the match options {"min_score"?, "preset"?, "limit"?, "sources"?, "programs"?,
/// "countries"?} present in `options` over `defaults`; `where` prefixes field names in errors
/// ("options."). Other fields are left for the caller to check.
MatchOptions parse_options(const nlohmann::json& options, std::string_view where,
                           MatchOptions defaults);

/// The verdict as the JSON names it: the severity, except that a delta screening (a list with
/// `delta`) with nothing found is "unchanged", never "clear".
std::string_view verdict_name(Severity verdict, const std::vector<ListInfo>& lists);

/// "en" or "zh"; throws Error(errc::kInvalidRequest) naming `field` otherwise.
std::string require_locale(const nlohmann::json& value, std::string_view field);

/// Parses JSON text within the request limits (size, nesting); throws Error (invalid_json,
/// request_too_large) naming `what`.
nlohmann::json parse_request_json(std::string_view text, std::string_view what);

/// Parses a JSON array of rows (screen_rows_json) within the request limits, the array holding up
/// to kMaxParties rows as a request holds parties; throws Error naming "the rows".
nlohmann::json parse_rows_json(std::string_view text);

/// Writes a list's description (docs/api.md, "Lists") as the next value of `w`.
void write_json(JsonWriter& w, const ListInfo& info);

/// The batch line of each of a result's first `parties` parties (docs/api.md, "Batch output"):
/// [{"verdict", "rules", "matches", "best"}, ...]: the most severe finding about the party or
/// about the whole deal, the rules that fired for it in the findings' order, how many entries it
/// matched and the best of them (null when none), as the widget's batch and the CLI's
/// `screen --csv` report each row. Linear in the findings and matches.
nlohmann::json party_summaries_json(const ScreenResult& result, std::size_t parties);

/// Screens a request given as JSON text; returns the result or {"error": ...}. Never throws.
std::string screen_json(const Screener& screener, std::string_view request_json);

/// Matches one {"name", "type"?, "country"?, "preset"?, "min_score"?, "limit"?, "sources"?,
/// "programs"?, "countries"?} query given as JSON text; returns {"query", "matches": [...]} or
/// {"error": ...}. `defaults` apply to options the query leaves out. Never throws.
std::string match_json(const Screener& screener, std::string_view query_json,
                       const MatchOptions& defaults = {});

/// Screens rows, each a party screened as a request of its own (a customer or supplier base;
/// the rules run once for all the rows without a match that share a role and countries, since
/// no rule reads a party's name or place): `rows` is an array of
/// parties as in a request ({"name", "type"?, "country"?, "address"?, ...}), `options` is
/// {"min_score"?, "preset"?, "limit"?, "sources"?, "programs"?, "countries"?, "as_of"?,
/// "locale"?}. Returns one summary per row, in order: {"verdict", "matches", "best", "rule",
/// "citation", "rules", "entries"} (docs/api.md, "Screening many rows"), or {"error"} in the
/// place of a row
/// that is not a valid party. Throws Error for bad options, or rows without a list loaded.
nlohmann::json screen_rows(const Screener& screener, const nlohmann::json& rows,
                           const nlohmann::json& options);

/// screen_rows over JSON text: returns {"rows": [...]} or {"error": ...}. With "compact": true
/// in the options, {"rows": [index, ...], "summaries": [...]}: each distinct summary once, each
/// row the index of its own (most rows of a customer base share one). Never throws.
std::string screen_rows_json(const Screener& screener, std::string_view rows_json,
                             std::string_view options_json);

/// Compares two names given as {"a", "b", "type"?}; returns {"score", "match", "explanation"}
/// or {"error": ...}. Never throws.
std::string compare_json(std::string_view pair_json, double min_score = kDefaultPairMinScore);

/// Loads a list file into the screener; `options_json` is {"label"?, "as_of"?, "format"?,
/// "replace"?}. Returns {"list": {...}, "lists": [...]} or {"error": ...}. Never throws; on
/// error the screener's lists are unchanged.
std::string load_list_json(Screener& screener, std::string_view bytes,
                           std::string_view options_json);

/// Parses list-loading options {"label"?, "as_of"?, "format"?, "replace"?, "known_sha256"?,
/// "total_bytes"?} (empty text: the defaults); sets `*replace`. Throws Error naming the field.
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

/// Reads a user's CSV file (a batch of parties) with PartyCsvReader (party_csv.h): the encoding
/// told from the bytes, rows read by the list loader's RFC 4180 reader, so there is one CSV
/// parser. `options_json` is {"separator"?: "," | ";" | "\t" | "auto"} (default ","). Returns
/// {"rows": [[field, ...], ...], "lines": [first line of each row, ...], "encoding", "bom",
/// "separator"} or {"error"}: not_csv for a workbook or archive, invalid_utf8 or invalid_csv
/// naming the line, request_too_large over kMaxCsvBytes bytes, kMaxCsvRecords rows and a header
/// (at the first row too many) or kMaxCsvFields fields. Never throws.
std::string parse_csv_json(std::string_view bytes, std::string_view options_json);

/// {"countries": [{"code": "AD", "name": "Andorra"}, ...]}: every code the core accepts.
std::string country_codes_json();

}  // namespace exportscreen
