// Screening rows one party at a time with the options of screen_rows (internal): shared by
// screen_rows (JSON rows) and screen_csv_block (a block of a customer CSV file).
#pragma once

#include <map>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "exportscreen/screen.h"

namespace exportscreen {

/// Screens parties each as a request of its own and gives each its row summary (api.h,
/// screen_rows). A party without a match gets the summary of the first party without a match of
/// its role and countries (no rule reads a party's name: the rules run once for them all).
class RowScreening {
 public:
  /// Reads the row options (api.h, screen_rows); throws Error for a bad option, or
  /// no_lists when rows are to be screened and the screener holds no list.
  RowScreening(const Screener& screener, const nlohmann::json& options, bool any_rows);

  /// The summary of one party: {"verdict", "matches", "best", "rule", "citation", "rules",
  /// "entries"}. Valid until the next call when `*shared` is set false (a party with a match, or
  /// a name with invisible characters: the rule party.invisible_characters reads them);
  /// else as long as this object (one summary shared by every party without a match of its
  /// role and countries: its address identifies it).
  const nlohmann::json& screen(const Party& party, bool* shared = nullptr);

 private:
  const Screener& screener_;
  ScreenRequest base_;
  bool memo_allowed_;
  std::map<std::tuple<std::string, std::string, std::string>, nlohmann::json> no_match_;
  nlohmann::json matched_;
};

}  // namespace exportscreen
