// The one declaration of every fact the rules can read (name, type, meaning): the loader
// validates rule files against it, the deal evaluation produces facts by these ids, and the fact
// table of data/rules/README.md is generated from it (tests/core/rules_facts_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace exportscreen::rules {

/// The type of a fact the rules can read.
enum class FactType : std::uint8_t { kBool, kNumber, kString, kDate, kSet };

// X(id, "name", type, "meaning"). The prefix of a name (item., party., match.) decides the
// scopes it exists in (fact_in_scope); the others exist in every scope.
#define EXPORTSCREEN_FACTS(X)                                                                      \
  X(kAsOf, "as_of", kDate, "The date the rules are applied as of")                                 \
  X(kOptionsMinScore, "options.min_score", kNumber, "The match threshold of the request")          \
  X(kListsCount, "lists.count", kNumber, "How many lists were screened against")                   \
  X(kListsOnlyBuiltin, "lists.only_builtin", kBool, "Only the built-in (partial) list is loaded")  \
  X(kListsDelta, "lists.delta", kBool,                                                             \
    "A delta screening: the lists hold only the entries added or changed since earlier lists")     \
  X(kListsDeltaSince, "lists.delta_since", kString,                                                \
    "The earlier lists a delta screening is against (label and date)")                             \
  X(kListsPartial, "lists.partial", kBool,                                                         \
    "The lists screened against lack a source list of the official CSL, or hold too few of its "   \
    "records")                                                                                     \
  X(kListsMissingSources, "lists.missing_sources", kString,                                        \
    "The CSL source lists none of the lists holds (names and codes)")                              \
  X(kListsMissingSourceCount, "lists.missing_source_count", kNumber,                               \
    "How many CSL source lists none of the lists holds")                                           \
  X(kListsIncompleteSources, "lists.incomplete_sources", kString,                                  \
    "The CSL source lists the lists hold fewer than csl-sources.json's min_share of the records "  \
    "of (code, records held / records counted in the official list)")                              \
  X(kListsIncompleteSourceCount, "lists.incomplete_source_count", kNumber,                         \
    "How many CSL source lists the lists hold too few records of")                                 \
  X(kListsAgeDays, "lists.age_days", kNumber, "Age in days of the oldest list on as_of")           \
  X(kListsMaxAgeDays, "lists.max_age_days", kNumber,                                               \
    "options.max_list_age_days of the request (0: no limit)")                                      \
  X(kListsTooOld, "lists.too_old", kBool, "A list is older than lists.max_age_days")               \
  X(kListsUndated, "lists.undated", kBool, "A list has no date while an age limit is set")         \
  X(kListsFiltered, "lists.filtered", kBool,                                                       \
    "The screening was limited to some sources, programs or countries")                            \
  X(kListsFilter, "lists.filter", kString, "The sources, programs and countries screened")         \
  X(kDealHasItems, "deal.has_items", kBool, "The request names items")                             \
  X(kDealPartyCount, "deal.party_count", kNumber, "How many parties the request names")            \
  X(kDealDestinationGiven, "deal.destination_given", kBool, "The request gives a destination")     \
  X(kDealAnyAdvancedItem, "deal.any_advanced_item", kBool,                                         \
    "Some item is 3A090/4A090 (unknown while one is undecided)")                                   \
  X(kDealOpenQuestionCount, "deal.open_question_count", kNumber,                                   \
    "Phase-2 rules only: open questions left by the others")                                       \
  X(kDealTransaction, "deal.transaction", kString,                                                 \
    "export, reexport, in_country_transfer, domestic or remote_access: as given, or implied by "   \
    "destination US (domestic) or end_use.cloud_service (remote_access); unknown otherwise")       \
  X(kDealOriginCountry, "deal.origin_country", kString,                                            \
    "Where the items ship from (US for an export); unknown when not given")                        \
  X(kDealShipped, "deal.shipped", kBool,                                                           \
    "The items themselves move to or within a foreign destination (export, reexport, in-country "  \
    "transfer); false for domestic and remote access; true when the transaction is not given")     \
  X(kDealExportFromUs, "deal.export_from_us", kBool,                                               \
    "The transaction is an export from the United States (unknown when not given)")                \
  X(kDealSubjectToEar, "deal.subject_to_ear", kBool,                                               \
    "The items are taken as subject to the EAR: false only for a reexport or in-country transfer " \
    "whose request answers end_use.outside_ear_foreign_made true")                                 \
  X(kDealLicenseRecorded, "deal.license_recorded", kBool,                                          \
    "A BIS license number is recorded in authorization.license")                                   \
  X(kDealLicenseNumber, "deal.license_number", kString, "The recorded BIS license number")         \
  X(kDealNacRecorded, "deal.nac_recorded", kBool,                                                  \
    "A NAC/ACA notification confirmation is recorded in authorization.nac_aca")                    \
  X(kDealNacNumber, "deal.nac_number", kString, "The recorded NAC/ACA confirmation number")        \
  X(kDestinationCountry, "destination.country", kString,                                           \
    "Country of destination after Hong Kong -> China")                                             \
  X(kDestinationEntered, "destination.entered", kString, "The destination as entered")             \
  X(kDestinationName, "destination.name", kString, "The destination's name and code")              \
  X(kDestinationGroups, "destination.groups", kSet, "The destination's country groups on as_of")   \
  X(kItemIndex, "item.index", kNumber, "The item's index in the request")                          \
  X(kItemName, "item.name", kString, "Catalog name, label or items[i]")                            \
  X(kItemCatalogId, "item.catalog_id", kString, "The catalog chip id (\"\" for a specification)")  \
  X(kItemKind, "item.kind", kString, "ic, computer or hbm")                                        \
  X(kItemQuantity, "item.quantity", kNumber, "How many (unknown when not given)")                  \
  X(kItemEccn, "item.eccn", kString, "3A090, 4A090 or none, on as_of")                             \
  X(kItemParagraph, "item.paragraph", kString, "The first paragraph met (3A090.a.1, ...)")         \
  X(kItemParagraphs, "item.paragraphs", kSet,                                                      \
    "Every paragraph met with its parents (3A090.a.1, 3A090.a, 3A090)")                            \
  X(kItemAdvancedComputing, "item.advanced_computing", kBool, "The item is 3A090/4A090")           \
  X(kItemDeterminate, "item.determinate", kBool, "The classification could be decided")            \
  X(kItemReason, "item.reason", kString, "Why the item is classified so")                          \
  X(kItemMissing, "item.missing", kString, "The request fields that would decide the item")        \
  X(kItemTpp, "item.tpp", kNumber, "Total processing performance")                                 \
  X(kItemPerformanceDensity, "item.performance_density", kNumber, "TPP / applicable die area")     \
  X(kItemDatacenter, "item.datacenter", kBool, "Designed or marketed for use in datacenters")      \
  X(kItemMemoryBandwidthGbps, "item.memory_bandwidth_gbps", kNumber, "Total DRAM bandwidth, GB/s") \
  X(kItemMemoryBandwidthDensity, "item.memory_bandwidth_density", kNumber,                         \
    "HBM: bandwidth / package area, GB/s/mm2")                                                     \
  X(kItemPrcAdvancedIc, "item.prc_advanced_ic", kBool, "A PRC advanced-computing IC (any date)")   \
  X(kItemGp10, "item.gp10", kBool, "... and BIS's GP10 guidance is in force on as_of")             \
  X(kItemGp10Reason, "item.gp10_reason", kString, "Why (or why not) GP10")                         \
  X(kPartyIndex, "party.index", kNumber, "The party's index in the request")                       \
  X(kPartyName, "party.name", kString, "The party's name")                                         \
  X(kPartyRole, "party.role", kString, "Its role (\"\" when not given)")                           \
  X(kPartyCountryGiven, "party.country_given", kBool, "The request gives where the party is")      \
  X(kPartyCountry, "party.country", kString, "Where the party is")                                 \
  X(kPartyCountryName, "party.country_name", kString, "Its name and code")                         \
  X(kPartyCountryGroups, "party.country_groups", kSet, "Its country groups on as_of")              \
  X(kPartyLocatedInDestination, "party.located_in_destination", kBool,                             \
    "The party is located in the destination country")                                             \
  X(kPartyHqCountry, "party.hq_country", kString,                                                  \
    "Where the party's ultimate parent is headquartered")                                          \
  X(kPartyHqCountryName, "party.hq_country_name", kString, "Its name and code")                    \
  X(kPartyHqGroups, "party.hq_groups", kSet, "Its country groups on as_of")                        \
  X(kPartyMatchCount, "party.match_count", kNumber, "How many list entries the party matched")     \
  X(kPartyStrongMatchCount, "party.strong_match_count", kNumber,                                   \
    "How many of them are strong matches")                                                         \
  X(kPartyInvisibleCount, "party.invisible_count", kNumber,                                        \
    "How many characters of the party's name are not displayed (Unicode default-ignorable and "    \
    "format characters)")                                                                          \
  X(kPartyInvisible, "party.invisible", kString,                                                   \
    "Which and where, in the request's locale (\"U+200B ZERO WIDTH SPACE at position 4\")")        \
  X(kPartyNameShown, "party.name_shown", kString,                                                  \
    "The party's name with each invisible character written as a marker (Hua⟨U+200B⟩wei)")         \
  X(kMatchSourceCode, "match.source_code", kString, "CSL code of the list (EL, SDN, ...)")         \
  X(kMatchSource, "match.source", kString, "The list's name")                                      \
  X(kMatchList, "match.list", kString, "The loaded list it came from")                             \
  X(kMatchEntryId, "match.entry_id", kString, "The entry's id")                                    \
  X(kMatchEntryName, "match.entry_name", kString, "The entry's name")                              \
  X(kMatchMatchedName, "match.matched_name", kString, "The name or alias that matched")            \
  X(kMatchInvisibleOnlyDifference, "match.invisible_only_difference", kBool,                       \
    "The party's name and the matched name are different texts, the same once their invisible "    \
    "characters are removed")                                                                      \
  X(kMatchMatchedNameShown, "match.matched_name_shown", kString,                                   \
    "The matched name with each invisible character written as a marker")                          \
  X(kMatchAliasName, "match.alias_name", kString, "The alias that matched (unknown: the name)")    \
  X(kMatchScore, "match.score", kNumber, "The match score")                                        \
  X(kMatchFederalRegisterNotice, "match.federal_register_notice", kString,                         \
    "The entry's Federal Register citations")                                                      \
  X(kMatchLicenseRequirement, "match.license_requirement", kString,                                \
    "The entry's license requirement")                                                             \
  X(kMatchLicensePolicy, "match.license_policy", kString, "The entry's license review policy")     \
  X(kMatchFdpFootnotes, "match.fdp_footnotes", kSet,                                               \
    "Entity List foreign-direct-product footnotes of the entry (1, 3, 4, 5), read from its "       \
    "footnote markers and its 734.9 citations")                                                    \
  X(kMatchFdpParagraphs, "match.fdp_paragraphs", kString,                                          \
    "The 734.9 paragraphs of those footnotes (\"734.9(e)(2) (footnote 4)\")")                      \
  X(kMatchStartDate, "match.start_date", kDate,                                                    \
    "The listing date: the entry's start_date, else the earliest date of its FR citations")        \
  X(kMatchDateKnown, "match.date_known", kBool, "The entry has a listing date")                    \
  X(kMatchListedOnAsOf, "match.listed_on_as_of", kBool,                                            \
    "The entry was listed on or before as_of (true when it has no date: the list's consequence "   \
    "applies)")                                                                                    \
  X(kMatchStrength, "match.strength", kString,                                                     \
    "strong (the entry's name or alias: the list's consequence) or possible (a lead to review)")   \
  X(kMatchReason, "match.reason", kString,                                                         \
    "Why a match is only possible (distinctive_word, acronym, ...; empty when strong)")            \
  X(kMatchReasonWords, "match.reason_words", kSet, "The query words the reason is about")          \
  X(kMatchGroupEntries, "match.group_entries", kNumber,                                            \
    "How many listed entries share the distinctive word of a possible match")

/// A fact's id in the table.
enum class FactId : std::uint16_t {
#define EXPORTSCREEN_FACT_ID(id, name, type, meaning) id,
  EXPORTSCREEN_FACTS(EXPORTSCREEN_FACT_ID)
#undef EXPORTSCREEN_FACT_ID
      kCount
};

/// One declared fact.
struct FactDeclaration {
  FactId id;
  std::string_view name;
  FactType type;
  std::string_view meaning;
};

/// Every declared fact, in table order. The question facts end_use.<id> and red_flag.<id>
/// (bool) come from the rule data instead (end-uses.json, red-flags.json).
inline constexpr FactDeclaration kFactTable[] = {
#define EXPORTSCREEN_FACT_DECL(id, name, type, meaning) {FactId::id, name, FactType::type, meaning},
    EXPORTSCREEN_FACTS(EXPORTSCREEN_FACT_DECL)
#undef EXPORTSCREEN_FACT_DECL
};

/// The name of a declared fact.
constexpr std::string_view fact_name(FactId id) {
  return kFactTable[static_cast<std::size_t>(id)].name;
}

/// The declaration of a name, or nullptr.
const FactDeclaration* declared_fact(std::string_view name) noexcept;

/// "bool", "number", ... as the README writes types.
std::string_view to_string(FactType type) noexcept;

}  // namespace exportscreen::rules
