// Screening a whole request: parties against the loaded lists, and one explained verdict.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/finding.h"
#include "exportscreen/list.h"
#include "exportscreen/matcher.h"

namespace exportscreen {

/// A party to the transaction, as the request names it.
struct Party {
  std::string name;
  std::string role;     ///< purchaser, intermediate_consignee, ..., or empty.
  std::string country;  ///< ISO 3166-1 alpha-2, or empty.
  std::string address;
  std::string headquarters_country;    ///< Country of the ultimate parent's headquarters.
  NameKind type = NameKind::kUnknown;  ///< "person" or "organization" when the request says.
};

/// A screening request (the JSON contract of docs/api.md, parsed and validated).
struct ScreenRequest {
  std::string as_of;  ///< Date the rules and lists are applied as of (YYYY-MM-DD).
  std::vector<Party> parties;
  nlohmann::json items = nlohmann::json::array();
  std::string destination;  ///< ISO 3166-1 alpha-2, or empty.
  /// export, reexport, in_country_transfer, domestic, remote_access, or empty (not given).
  std::string transaction;
  std::string origin_country;  ///< Where the items ship from (ISO 3166-1 alpha-2), or empty.
  std::string license_number;  ///< A BIS license recorded for the deal, or empty.
  std::string nac_number;      ///< A NAC/ACA notification confirmation recorded, or empty.
  /// End-use answers {"<id>": bool, ..., "red_flags": {"<id>": bool}}, validated.
  nlohmann::json end_use = nlohmann::json::object();
  std::string locale = "en";  ///< Language of messages: "en" or "zh".
  MatchOptions match;         ///< Threshold and filters for party matching.
  /// False when only the verdict, the rules and their citations are wanted (row summaries,
  /// screen_rows): findings then have no message or next step, and no review policy or license
  /// exception is looked up. The verdict and the findings' severities are the same.
  bool explain = true;
  /// Days after which a list is too old to clear a party (options.max_list_age_days), or 0 for
  /// no limit. A list older than this, or without a date, gives review instead of clear.
  int max_list_age_days = 0;
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
  /// One per party: how many matches it has (strong, possible) whatever the limit cut.
  std::vector<MatchSummary> party_match_counts;
  std::vector<ListInfo> lists;  ///< The lists screened against.
  std::string rules_version;
  std::string rules_date;  ///< The date the rule data is current to.
  std::string as_of;
  std::string locale;
  std::string notice;                        ///< "Not legal advice", in the request's locale.
  std::vector<std::string> classifications;  ///< One per item, as JSON text (docs/api.md).
  nlohmann::json open_questions = nlohmann::json::array();      ///< What the rules still need.
  nlohmann::json license_exceptions = nlohmann::json::array();  ///< "May be available if ...".
};

/// Holds the loaded lists and screens requests against them. Not thread-safe for writes.
class Screener {
 public:
  Screener();
  ~Screener();
  Screener(Screener&&) noexcept;
  Screener& operator=(Screener&&) noexcept;

  /// Adds a loaded list and indexes its names; returns what was loaded.
  const ListInfo& add_list(ListSnapshot list);

  /// Weighs the words of names by the names of `list` without screening against it
  /// (PartyMatcher::weigh_words_by): a delta screening's lists are weighed by the whole new list.
  void weigh_words_by(const ListSnapshot& list);
  /// The same by every list `whole` holds, from its index (PartyMatcher::weigh_words_by).
  void weigh_words_by(const Screener& whole);

  /// Removes every list (and the word statistics of weigh_words_by).
  void clear_lists();

  /// What is loaded, in load order.
  std::vector<ListInfo> lists() const;

  /// A party's matches as match() gives them with a request's options, and their counts.
  struct PartyMatches {
    std::vector<PartyMatch> matches;
    MatchSummary counts;
  };
  /// Screens a validated request; `(*matched)[i]`, when given, are party i's matches (a row is
  /// matched first and screened in whole only when it has one: each name is matched once).
  /// Throws Error only for a request that cannot be screened (no list loaded).
  ScreenResult screen(const ScreenRequest& request,
                      std::vector<PartyMatches>* matched = nullptr) const;

  /// Matches one name against the loaded lists; `summary` counts every match the limit cut.
  std::vector<PartyMatch> match(const MatchQuery& query, const MatchOptions& options,
                                MatchSummary* summary = nullptr) const;

 private:
  std::vector<std::unique_ptr<ListSnapshot>> lists_;
  PartyMatcher matcher_;
};

}  // namespace exportscreen
