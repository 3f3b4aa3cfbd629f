// The rule set in a compact binary form: the build reads and validates data/rules/ once
// (load_rule_set) and writes the result with pack_rule_set (core/gen/prebuild.cpp); the library
// carries that pack and every start of the engine reads it back with unpack_rule_set, without
// parsing the JSON or validating it again (internal).
#pragma once

#include <string>
#include <string_view>

#include "rules/rule_set.h"

namespace exportscreen::rules {

/// The pack of a loaded rule set.
std::string pack_rule_set(const RuleSet& rules);

/// The rule set a pack holds. Throws Error (errc::kInternal) if the bytes are not a whole pack of
/// this format.
RuleSet unpack_rule_set(std::string_view bytes);

}  // namespace exportscreen::rules
