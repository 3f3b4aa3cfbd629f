// What a match on each restricted-party list means for the transaction (internal to the core).
#pragma once

#include <string_view>

#include "exportscreen/screen.h"

namespace exportscreen::party_rules {

/// The consequence of a match on one source list, with the regulation that imposes it.
struct ListConsequence {
  std::string_view source_code;  ///< CSL short code: EL, DPL, SDN, ...
  std::string_view rule;         ///< Stable rule id.
  Severity severity;
  std::string_view citation;   ///< Regulation behind the consequence.
  std::string_view effect;     ///< Plain-language consequence.
  std::string_view next_step;  ///< What to do next.
};

/// The consequence for a source code; a generic "review" consequence for unknown lists.
const ListConsequence& consequence_for(std::string_view source_code);

}  // namespace exportscreen::party_rules
