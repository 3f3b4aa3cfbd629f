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

}  // namespace exportscreen::rules
