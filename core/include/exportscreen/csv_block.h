// Screening a block of a customer CSV file, bytes in and CSV text out (scripts/rescreen's workers):
// each record written back with its result columns, in one call into the core.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/screen.h"

namespace exportscreen {

/// The result columns appended to each row of a re-screened customer file, in order: the one
/// place they are named (scripts/rescreen reads them through the Python binding).
inline constexpr std::array<std::string_view, 12> kResultColumns = {
    "verdict",  "strength", "best_match", "score",           "list",   "entry_id",
    "citation", "rule",     "matches",    "matched_entries", "change", "error"};

/// Which column of a customer file holds each field of a party (0-based, -1: none).
struct CustomerColumns {
  int name = -1;  ///< Required.
  int country = -1;
  int type = -1;
  int address = -1;
  int id = -1;  ///< Joins a row with its previous result (else name, country and type do).
};

/// How the blocks of one customer file are read and screened.
struct CsvBlockJob {
  CustomerColumns columns;
  char separator = ',';
  std::size_t width = 0;  ///< Fields of the header: a record with another count is unreadable.
  nlohmann::json options = nlohmann::json::object();  ///< The row options of screen_rows.
  /// A delta screening: "SOURCE:id" of each entry removed or changed since the earlier list,
  /// "removed" or "changed". A row whose earlier result matched one is screened in full.
  std::map<std::string, std::string> stale;
};

/// Throws Error(invalid_request) naming what is wrong with a job (a column outside the header,
/// no name column, a separator that is a quote or a line break).
void check_csv_block_job(const CsvBlockJob& job);

/// The complete results of an earlier run against the earlier list of a delta screening
/// (scripts/rescreen --previous), by the key of each row (row_key_hash).
struct PreviousResults {
  /// Sorted keys of the rows whose result is common_values: the result most rows share (no
  /// match: clear, or review against a partial list), kept as keys alone.
  std::vector<std::uint64_t> common;
  std::vector<std::string> common_values;  ///< Result columns (kResultColumns) of those rows.
  /// Each distinct result of the other rows with a result to carry forward, and the index of
  /// each such row's result by its key.
  std::vector<std::vector<std::string>> results;
  std::unordered_map<std::uint64_t, std::uint32_t> rows;
  /// Keys without one (an error or "unchanged" there, two rows of one key that differ).
  std::unordered_set<std::uint64_t> ambiguous;
};

/// The rows of an earlier run's output file as read for PreviousResults: each record's key
/// (row_key_hash) and the index of its result columns among the distinct ones, the change
/// column emptied (it was news the last time).
struct PreviousRows {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> result_of;  ///< Per key: its index in `results`.
  std::vector<std::vector<std::string>> results;
  std::size_t skipped = 0;  ///< Records of another width or not UTF-8: screened in full again.
};

/// Reads the records after the header of an earlier output (comma-separated, `width` fields;
/// `result_at[k]` is the field of kResultColumns[k]). Throws Error for text that is not CSV.
PreviousRows read_previous_rows(std::string_view csv, std::size_t first_line, std::size_t width,
                                const CustomerColumns& columns,
                                const std::vector<std::size_t>& result_at);

/// Throws Error(invalid_request) unless every result has the kResultColumns, every row's index
/// names a result and the common keys are sorted.
void check_previous_results(const PreviousResults& previous);

/// What screening one block gave.
struct CsvBlockResult {
  /// The output rows: each readable record (written back as read when it is one line of a
  /// comma-separated file, else re-quoted with commas), a comma, its result columns, "\n".
  std::string csv;
  std::size_t rows = 0;                       ///< Records written.
  std::map<std::string, std::size_t> counts;  ///< Rows by verdict.
  /// (line, why) of each record that cannot be read: not valid CSV, another number of fields
  /// than the header, not UTF-8. It is left out of `csv`; the records after it are read.
  std::vector<std::pair<std::size_t, std::string>> unreadable;
  std::size_t full_screened = 0;  ///< Rows screened against the whole list.
};

/// Screens one block of a customer CSV file (whole records, the header left out; `first_line`
/// is the line number of its first line in the file). Each row's party is its mapped fields
/// (name; country and type trimmed, the country upper case, the type as customer files spell it:
/// "Company", "individual", ...; the address), screened as screen_rows screens a row (the same
/// summaries, the same errors in the row's place) against `full`.
///
/// With `delta` (a Screener holding the entries added or changed since the earlier list, as
/// load_delta makes it), a delta screening: a row is screened against `delta`, and in full
/// against `full` when it gained a match (its change: "added" or "changed"). Without
/// `previous`, every other row is "unchanged". With it, a row's earlier result is carried
/// forward unless the earlier results do not hold its key ("new_row"), hold no result to carry
/// (an error, two rows of the key that differ), it had several matches (equal scores may be
/// ordered anew) or one of its matches was removed or changed since ("removed", "changed"):
/// those rows are screened in full.
///
/// `previous` must have passed check_previous_results (checked once, not once a block).
/// Throws Error: request_too_large for a block of more than kMaxCsvRecords records (as many as a
/// user's CSV file may hold; before any is screened), invalid_request for bad row options,
/// no_lists when `full` holds none.
CsvBlockResult screen_csv_block(const Screener& full, const Screener* delta,
                                const PreviousResults* previous, std::string_view block,
                                std::size_t first_line, const CsvBlockJob& job);

/// {"rows", "counts": {verdict: n}, "unreadable": [[line, message], ...], "full_screened"} of a
/// block's result (everything but its CSV text).
nlohmann::json to_json(const CsvBlockResult& result);

/// The 64-bit key that joins a row of a customer file with its previous result: the first
/// 8 bytes (little-endian) of the SHA-256 of the id column, or else of the name, country and type
/// (trimmed, country and type upper case) joined by U+001F. Missing columns are empty.
std::uint64_t row_key_hash(const std::vector<std::string>& record, const CustomerColumns& columns);

}  // namespace exportscreen
