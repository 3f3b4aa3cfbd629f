// What each fuzz target does with one input, shared by the libFuzzer targets (fuzz_*.cpp) and
// the regression test that replays every crash ever found (tests/core/regression_test.cpp).
#pragma once

#include <string_view>

namespace exportscreen::fuzz {

/// Loads `data` as a CSL CSV list; checks the loaded list's invariants.
void csl_csv(std::string_view data);

/// Loads `data` as a CSL JSON list; checks the loaded list's invariants.
void csl_json(std::string_view data);

/// Splits `data` at kOfacFileSeparator into the files of an OFAC legacy set (named sdn.csv,
/// alt.csv, add.csv, sdn_comments.csv in turn; cons_prim.csv, cons_alt.csv, ... when `data`
/// starts with the separator) and loads them as one list, at once and fed in chunks: both must
/// give the same list, or the same error code.
void ofac_set(std::string_view data);

/// The byte that separates the files of an OFAC set in an ofac_set input (ASCII record separator).
inline constexpr char kOfacFileSeparator = '\x1e';

/// Classifies `data` as an item (classify) and screens it as the item of a request; neither may
/// answer internal_error or anything but valid JSON.
void item(std::string_view data);

/// Parses `data` as a screening request and, when valid, screens it against the built-in list.
void request(std::string_view data);

/// Loads `data[1:]` as a list of any format at once and fed in chunks of `data[0] % 64 + 1`
/// bytes: both must give the same list, or the same error code.
void list_stream(std::string_view data);

/// Normalizes `data` as a name and compares it with itself and with a listed name.
void normalize(std::string_view data);

/// Splits `data` at kListVersionSeparator into an earlier and a later version of a list (any
/// format) and, when both load, compares them (diff_lists) and builds the delta lists: the
/// counts must add up, a list compared with itself must be unchanged, the delta must hold
/// exactly the added and changed entries, and screening the delta must find nothing the full
/// list does not.
void diff(std::string_view data);

/// Reads `data[2:]` as a user's CSV file of parties (PartyCsvReader: encodings, separator
/// `data[0]` chooses among sniffed, comma, semicolon and tab) at once and in chunks of
/// `data[1] % 64 + 1` bytes: both must stop with the same error or give the same rows, read as
/// the same encoding; every field is UTF-8; the JSON entry point the widget calls answers in
/// the contract's shape.
void party_csv(std::string_view data);

/// The byte that separates the two versions of a list in a diff input (ASCII group separator).
inline constexpr char kListVersionSeparator = '\x1d';

}  // namespace exportscreen::fuzz
