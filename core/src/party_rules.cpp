// Consequences of restricted-party list matches, one row per list of the Consolidated Screening
// List (trade.gov CSL; list descriptions at https://www.trade.gov/consolidated-screening-list).
#include "party_rules.h"

#include <algorithm>
#include <iterator>

namespace exportscreen::party_rules {
namespace {

constexpr ListConsequence kConsequences[] = {
    {"EL", "party.entity_list", Severity::kLicenseRequired,
     "15 CFR 744.11 and Supplement No. 4 to Part 744 (Entity List)",
     "A license is required for the items named in the entry's license requirement, reviewed "
     "under the entry's license review policy; license exceptions are generally unavailable.",
     "Do not export, reexport or transfer the items the entry covers without a BIS license. "
     "Confirm the match against the full entry (name, aliases, addresses) and escalate to your "
     "export compliance officer."},
    {"DPL", "party.denied_persons", Severity::kStop,
     "15 CFR 764.3(a)(2) and Supplement No. 1 to Part 764 (standard terms of denial orders)",
     "The party's export privileges are denied: no one may take part in any transaction "
     "involving items subject to the EAR with it.",
     "Stop the transaction. Confirm the match against the denial order in the Federal Register "
     "and consult your export compliance officer."},
    {"UVL", "party.unverified_list", Severity::kReview,
     "15 CFR 744.15 and Supplement No. 6 to Part 744 (Unverified List)",
     "License exceptions are unavailable and a UVL statement from the party is required before "
     "exporting items subject to the EAR.",
     "Obtain the UVL statement required by 15 CFR 744.15(b) before proceeding, and check that "
     "no license is otherwise required."},
    {"MEU", "party.military_end_user", Severity::kLicenseRequired,
     "15 CFR 744.21 and Supplement No. 7 to Part 744 (Military End-User List)",
     "A license is required for items listed in Supplement No. 2 to Part 744 when exported to "
     "this military end user.",
     "Check whether the items are listed in Supplement No. 2 to Part 744; if so, apply for a "
     "BIS license before proceeding."},
    {"SDN", "party.sdn", Severity::kStop,
     "31 CFR Chapter V (OFAC sanctions regulations); Specially Designated Nationals List",
     "The party's property and interests in property are blocked: U.S. persons may not deal "
     "with it unless OFAC authorizes the dealing.",
     "Stop the transaction and do not release goods or funds. Confirm the match against the "
     "SDN entry and contact OFAC or counsel; blocked property may have to be reported."},
    {"SSI", "party.sectoral_sanctions", Severity::kReview,
     "31 CFR Part 589 and the OFAC Directives under E.O. 13662 (Sectoral Sanctions "
     "Identifications List)",
     "Certain dealings (new debt or equity, some energy projects) with the party are "
     "prohibited under the directive named in the entry.",
     "Check the directive named in the entry's programs against the transaction before "
     "proceeding."},
    {"CMIC", "party.cmic", Severity::kReview,
     "31 CFR Part 586 and E.O. 13959 as amended by E.O. 14032 (Non-SDN Chinese "
     "Military-Industrial Complex Companies List)",
     "U.S. persons may not purchase or sell publicly traded securities of the party; other "
     "dealings are not prohibited by this listing.",
     "Check that the transaction involves no securities of the party, and screen the party's "
     "other listings."},
    {"MBS", "party.menu_based_sanctions", Severity::kReview,
     "OFAC Non-SDN Menu-Based Sanctions List (sanctions selected per entry)",
     "The sanctions chosen for this party (named in the entry) may restrict the transaction.",
     "Read the sanctions named in the entry's programs and check them against the transaction."},
    {"PLC", "party.palestinian_legislative_council", Severity::kReview,
     "31 CFR Part 594 (Palestinian Legislative Council List)",
     "Transactions with this party may be restricted under OFAC's terrorism sanctions.",
     "Review the entry and consult OFAC guidance before proceeding."},
    {"ISN", "party.nonproliferation_sanctions", Severity::kReview,
     "State Department nonproliferation sanctions (Federal Register notice named in the entry)",
     "The sanctions imposed on this party, which vary by notice, may bar the transaction.",
     "Read the Federal Register notice named in the entry and check whether its sanctions "
     "cover the transaction."},
    {"DTC", "party.itar_debarred", Severity::kReview,
     "22 CFR 127.7 (ITAR statutory and administrative debarment)",
     "The party may not participate in exports of defense articles or services; for "
     "dual-use items this is a serious red flag.",
     "If any item is ITAR-controlled, stop. Otherwise treat the match as a red flag under "
     "Supplement No. 3 to Part 732 and escalate before proceeding."},
};

constexpr ListConsequence kUnknownList = {
    "", "party.other_list", Severity::kReview, "List named in the match (see its source)",
    "The party matches an entry of a list exportscreen has no specific rule for.",
    "Read the list entry and its source, and decide with your compliance officer."};

}  // namespace

const ListConsequence& consequence_for(std::string_view source_code) {
  const auto* it = std::find_if(std::begin(kConsequences), std::end(kConsequences),
                                [&](const ListConsequence& c) { return c.source_code == source_code; });
  return it == std::end(kConsequences) ? kUnknownList : *it;
}

}  // namespace exportscreen::party_rules
