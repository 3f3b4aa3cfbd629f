// What each fuzz target does with one input, shared by the libFuzzer targets (fuzz_*.cpp) and
// the regression test that replays every crash ever found (tests/core/regression_test.cpp).
#pragma once

#include <string_view>

namespace exportscreen::fuzz {

/// Loads `data` as a CSL CSV list; checks the loaded list's invariants.
void csl_csv(std::string_view data);

/// Parses `data` as a screening request and, when valid, screens it against the built-in list.
void request(std::string_view data);

/// Loads `data[1:]` as a list of any format at once and fed in chunks of `data[0] % 64 + 1`
/// bytes: both must give the same list, or the same error code.
void list_stream(std::string_view data);

/// Normalizes `data` as a name and compares it with itself and with a listed name.
void normalize(std::string_view data);

}  // namespace exportscreen::fuzz
