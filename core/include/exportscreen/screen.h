// Screening a whole request: parties against the loaded lists, and one explained verdict.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/list.h"
#include "exportscreen/matcher.h"

namespace exportscreen {

/// How serious a finding is; the verdict is the most severe finding (stop > license_required >
/// review > clear).
enum class Severity { kClear = 0, kReview = 1, kLicenseRequired = 2, kStop = 3 };

/// "clear", "review", "license_required" or "stop".
std::string_view to_string(Severity s) noexcept;

/// A party to the transaction, as the request names it.
struct Party {
  std::string name;
  std::string role;                  ///< purchaser, intermediate_consignee, ..., or empty.
  std::string country;               ///< ISO 3166-1 alpha-2, or empty.
  std::string address;
  std::string headquarters_country;  ///< Country of the ultimate parent's headquarters.
  NameKind type = NameKind::kUnknown;  ///< "person" or "organization" when the request says.
};

/// A screening request (the JSON contract of docs/api.md, parsed and validated).
struct ScreenRequest {
  std::string as_of;  ///< Date the rules and lists are applied as of (YYYY-MM-DD).
  std::vector<Party> parties;
  nlohmann::json items = nlohmann::json::array();
  std::string destination;  ///< ISO 3166-1 alpha-2, or empty.
  nlohmann::json end_use = nlohmann::json::object();
  MatchOptions match;  ///< Threshold and filters for party matching.
};

/// One reason behind the verdict, with the rule that produced it.
struct Finding {
  std::string check;     ///< parties, item, destination or end_use.
  Severity severity = Severity::kClear;
  std::string rule;      ///< Stable rule id, e.g. "party.entity_list".
  std::string citation;  ///< CFR section, Federal Register notice or BIS guidance, with dates.
  std::string message;   ///< Plain-language explanation.
  std::string next_step;  ///< What the user should do next.
  nlohmann::json evidence = nlohmann::json::object();  ///< The facts the rule acted on.
};

/// A list entry one of the request's parties matched.
struct PartyMatchResult {
  std::size_t party = 0;  ///< Index into ScreenRequest::parties.
  PartyMatch match;
};

/// The answer to a request.
struct ScreenResult {
  Severity verdict = Severity::kClear;
  std::vector<Finding> findings;
  std::vector<PartyMatchResult> party_matches;
  std::vector<ListInfo> lists;  ///< The lists screened against.
  std::string rules_version;
  std::string as_of;
};

/// The "not legal advice" notice every result carries.
extern const char* const kNotice;

/// Version of the rule data the core applies.
extern const char* const kRulesVersion;

/// Holds the loaded lists and screens requests against them. Not thread-safe for writes.
class Screener {
 public:
  Screener();
  ~Screener();
  Screener(Screener&&) noexcept;
  Screener& operator=(Screener&&) noexcept;

  /// Adds a loaded list and indexes its names; returns what was loaded.
  const ListInfo& add_list(ListSnapshot list);

  /// Removes every list.
  void clear_lists();

  /// What is loaded, in load order.
  std::vector<ListInfo> lists() const;

  /// Screens a validated request. Throws Error only for a request that cannot be screened
  /// (no list loaded).
  ScreenResult screen(const ScreenRequest& request) const;

  /// Matches one name against the loaded lists.
  std::vector<PartyMatch> match(const MatchQuery& query, const MatchOptions& options) const;

 private:
  std::vector<std::unique_ptr<ListSnapshot>> lists_;
  PartyMatcher matcher_;
};

}  // namespace exportscreen
