// Applies the rule data to one screening request: builds the facts of the deal, its items,
// parties and party matches, evaluates every rule in force over its scope, and turns the
// outcome into findings, open questions and license exceptions (internal to the core).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "exportscreen/screen.h"
#include "rules/classify.h"
#include "rules/rule_set.h"

namespace exportscreen::rules {

/// What the rules are applied to.
struct DealInput {
  const ScreenRequest& request;
  const std::vector<ItemSpec>& items;
  const std::vector<Classification>& classifications;
  const std::vector<std::vector<PartyMatch>>& matches;  ///< Per party, best first.
  const std::vector<ListInfo>& lists;
};

/// What the rules concluded.
struct DealOutcome {
  std::vector<Finding> findings;  ///< In rule order; the caller sorts by severity.
  nlohmann::json open_questions = nlohmann::json::array();
  nlohmann::json license_exceptions = nlohmann::json::array();
  std::vector<std::string> facts_built;  ///< Every fact name set (tests: each declared fact).
};

/// Evaluates every rule of `rules` in force on the request's as_of date.
DealOutcome apply_rules(const DealInput& input, const RuleSet& rules);

/// What lists screened together hold against the official Consolidated Screening List.
struct ListCoverage {
  /// Some CSL source has no entry in any of them, or too few (incomplete).
  bool partial = false;
  std::vector<const CslSource*> missing;  ///< Sources none holds, in the rule data's order.
  /// A source the lists hold fewer than RuleSet::csl_min_share of its counted records of: the
  /// lists are a sample, a search's results or an extract of it.
  struct Incomplete {
    const CslSource* source = nullptr;
    std::size_t records = 0;  ///< The records the lists hold from it.
  };
  std::vector<Incomplete> incomplete;  ///< In the rule data's order.
};

/// How many records of `source` lists must hold together not to be incomplete: min_share of the
/// records the official list was counted to hold, rounded up (0 when it was not counted).
std::size_t complete_from(const CslSource& source, const RuleSet& rules);

/// The coverage of `lists` taken together (one list: pass a vector of one).
ListCoverage list_coverage(const std::vector<ListInfo>& lists, const RuleSet& rules);

/// Days from a list's date to `as_of` (0 when the list is newer), or -1 when it has no date.
long list_age_days(const ListInfo& list, std::string_view as_of);

}  // namespace exportscreen::rules
