// Screening rows one party at a time with the options of screen_rows (internal): shared by
// screen_rows (JSON rows) and screen_csv_block (a block of a customer CSV file).
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

  /// The matches of a party against the screener's lists, best first (what decides whether its
  /// summary is its own).
  std::vector<PartyMatch> match(const Party& party) const;

  /// The summary of a party match() found nothing for: {"verdict", "matches", "best", "rule",
  /// "citation", "rules", "entries"}, shared (`*shared` set) by every such party of its role,
  /// countries and count of invisible characters in its name, valid as long as this object; its
  /// own when the rules read a party's name (then valid until the next call).
  const nlohmann::json& summary(const Party& party, bool* shared = nullptr);

  /// The summary of any party: matched once, then its own result when it has a match (valid
  /// until the next call, `*shared` set false), else summary().
  const nlohmann::json& screen(const Party& party, bool* shared = nullptr);

 private:
  const Screener& screener_;
  ScreenRequest base_;
  bool memo_allowed_;
  // Keyed by role, country, headquarters country and invisible characters, each ended by a
  // NUL; the JSON object's own map type (no more code in the WebAssembly module).
  nlohmann::json::object_t no_match_;
  std::string key_;
  nlohmann::json matched_;
};

/// "added" or "changed": what happened to a match's entry since the earlier list of a delta
/// screening ("changed" for a list that is not a delta's).
std::string_view delta_change(const PartyMatch& m);

}  // namespace exportscreen
