// The rule data of data/rules/ as the core holds it once loaded and validated: the chip catalog,
// the dated ECCN definitions, the country groups, the questions and the rules (internal).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/finding.h"
#include "rules/facts.h"

namespace exportscreen::rules {

/// Three-valued truth: a condition on a fact the request does not give is unknown.
enum class Tri : std::uint8_t { kFalse, kTrue, kUnknown };

/// A text in every locale of the rule data.
struct Text {
  std::string en;
  std::string zh;
  /// The text in `locale` ("en" or "zh").
  const std::string& in(std::string_view locale) const { return locale == "zh" ? zh : en; }

  bool operator==(const Text&) const = default;
};

/// Comparison operators of conditions and ECCN tests.
enum class Op : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kIntersects };

/// "==", ">=", "in", ... as written in the rule files.
std::string_view to_string(Op op) noexcept;

/// A condition tree: all/any/not over comparisons of one fact with a constant.
struct Condition {
  enum class Kind : std::uint8_t { kAll, kAny, kNot, kCompare };
  Kind kind = Kind::kAll;
  std::vector<Condition> children;
  std::string fact;      ///< kCompare: the fact compared.
  Op op = Op::kEq;       ///< kCompare: how.
  nlohmann::json value;  ///< kCompare: the constant (number, bool, string or array of strings).

  bool operator==(const Condition&) const = default;
};

/// What a rule is evaluated over: the deal once, each item, each party, each item with each
/// party, each match of a party.
enum class Scope : std::uint8_t { kDeal, kItem, kParty, kItemParty, kPartyMatch };

/// finding: a finding with a severity; note: a rule never enforced, reported as information;
/// policy: the review policy of other rules' findings; exception: a license exception that may
/// be available for other rules' findings; authorization: a license or NAC/ACA confirmation the
/// request records, which turns other rules' license findings into a review of that
/// authorization.
enum class RuleKind : std::uint8_t { kFinding, kNote, kPolicy, kException, kAuthorization };

/// One rule of data/rules/rules-*.json.
struct Rule {
  std::string id;
  std::string file;   ///< The file it came from, for messages about the data.
  std::string check;  ///< parties, item, destination, end_use, red_flag, deal.
  Scope scope = Scope::kDeal;
  RuleKind kind = RuleKind::kFinding;
  Severity severity = Severity::kClear;
  int phase = 1;  ///< 2: evaluated after every phase-1 rule, with the outcome facts.
  Condition when;
  std::string effective_from;   ///< First day in force (YYYY-MM-DD), empty for always.
  std::string effective_until;  ///< Last day in force, empty for open-ended.
  std::string citation;
  std::string citation_suffix;  ///< Template appended to the citation ([[ ]] parts drop out).
  std::string source_url;
  Text message;
  Text next_step;
  std::vector<std::pair<std::string, std::string>> evidence;  ///< Evidence key, fact name.
  std::vector<std::string> for_rules;  ///< policy/exception: the rules it qualifies.
  std::string exception;               ///< exception: NAC, ACA, HBM, ...
  std::vector<std::string> conditions_en, conditions_zh;  ///< exception: what must hold.

  /// True when the rule is in force on `as_of` (YYYY-MM-DD).
  bool in_force(std::string_view as_of) const noexcept {
    return (effective_from.empty() || as_of >= effective_from) &&
           (effective_until.empty() || as_of <= effective_until);
  }

  bool operator==(const Rule&) const = default;
};

/// One figure of a catalog chip, with where it comes from.
struct Figure {
  double value = 0;
  std::string grade;   ///< vendor, secondary or derived.
  std::string source;  ///< Citation of the figure.

  bool operator==(const Figure&) const = default;
};

/// One chip of data/rules/chips.json.
struct Chip {
  std::string id, name, vendor, designer_hq_country, kind;
  bool datacenter = true;
  bool gp10_named = false;  ///< Named by BIS's GP10 guidance of May 13, 2025.
  std::vector<std::string> aliases;
  std::vector<std::string> alias_keys;  ///< Aliases (and the id, name) in the compact form matched.
  std::vector<std::pair<std::string, Figure>> figures;  ///< In file order.
  Text notes;

  /// The figure named `key` (fp16, die_area_mm2, ...), or null.
  const Figure* figure(std::string_view key) const noexcept {
    for (const auto& [k, f] : figures) {
      if (k == key) return &f;
    }
    return nullptr;
  }

  bool operator==(const Chip&) const = default;
};

/// One threshold test of an ECCN paragraph: `quantity op value`.
struct Test {
  std::string quantity;  ///< tpp, performance_density, io_bandwidth, datacenter, ...
  Op op = Op::kGe;
  nlohmann::json value;  ///< A number, or a bool for datacenter/logic_co_packaged.

  bool operator==(const Test&) const = default;
};

/// A paragraph of an entry (3A090.a.1) and the tests that must all hold.
struct Paragraph {
  std::string paragraph;
  std::vector<Test> tests;

  bool operator==(const Paragraph&) const = default;
};

/// A note taking items out of an entry when all its tests hold (Note 2 to 3A090).
struct Exclusion {
  std::string id;
  std::vector<Test> tests;
  Text text;

  bool operator==(const Exclusion&) const = default;
};

/// One dated version of an entry (3A090 as of 2022, as of 2023, 3A090.c).
struct Definition {
  std::string id, eccn, kind, effective_from, effective_until, citation, source_url;
  std::vector<Paragraph> paragraphs;
  std::vector<Exclusion> exclusions;

  bool in_force(std::string_view as_of) const noexcept {
    return as_of >= effective_from && (effective_until.empty() || as_of <= effective_until);
  }

  bool operator==(const Definition&) const = default;
};

/// An Entity List footnote that extends a foreign direct product rule to the entry.
struct FdpFootnote {
  std::string footnote;   ///< "1", "3", "4", "5".
  std::string paragraph;  ///< "734.9(e)(2)".
  std::string from;       ///< The day the paragraph took effect.
  std::string citation;

  bool operator==(const FdpFootnote&) const = default;
};

/// A member of a country group, with the days of its membership (empty: open).
struct GroupMember {
  std::string code, from, until;

  bool operator==(const GroupMember&) const = default;
};

/// A country group of Supplement No. 1 to Part 740.
struct CountryGroup {
  std::string id;
  Text name;
  std::string citation, verified_as_of, note;
  std::vector<GroupMember> members;

  bool operator==(const CountryGroup&) const = default;
};

/// A code treated as another country (Hong Kong as China).
struct TreatedAs {
  std::string code, country, from, citation, source_url;
  Text note;

  bool operator==(const TreatedAs&) const = default;
};

/// An end-use question of data/rules/end-uses.json.
struct EndUse {
  std::string id;
  std::optional<bool> default_answer;  ///< Unset: unknown until answered.
  Text question, help;
  std::string citation, source_url;

  bool operator==(const EndUse&) const = default;
};

/// A red flag of data/rules/red-flags.json.
struct RedFlag {
  std::string id, group, applies_to, citation, source_url;
  Text question, source;

  bool operator==(const RedFlag&) const = default;
};

/// A party role of 15 CFR 748.5 with its label.
struct Role {
  std::string id;
  Text label;

  bool operator==(const Role&) const = default;
};

/// Everything data/rules/ holds.
/// A source list of the official Consolidated Screening List (data/rules/csl-sources.json).
struct CslSource {
  std::string code;    ///< The CSL API's code, as source_code_of gives it: EL, SDN, FSE, ...
  std::string name;    ///< The source's name in CSL files.
  std::string agency;  ///< Commerce, State or Treasury.
  /// How many records of it the official list held when counted (0: not counted; the release
  /// counted is named in the data): a list holding fewer than RuleSet::csl_min_share of them is
  /// incomplete.
  std::size_t records = 0;

  bool operator==(const CslSource&) const = default;
};

struct RuleSet {
  std::string rules_version, rules_date, coverage_from;
  Text notice, unknown_text;
  std::map<std::string, Text, std::less<>> texts;  ///< Small phrases: review_policy, treated_as.
  std::vector<std::string> locales;

  std::vector<Chip> chips;
  std::vector<std::string> noise;  ///< Compact words a chip name may carry beside the alias.

  std::vector<std::pair<std::string, int>> precisions;       ///< Precision and its bit length.
  std::map<std::string, Text, std::less<>> precision_notes;  ///< Caveat when a precision sets TPP.
  std::vector<Definition> definitions;
  std::string computer_eccn, computer_citation, computer_source_url;
  std::vector<std::pair<std::string, std::string>> computer_map;  ///< 3A090.a -> 4A090.a.
  std::string gp10_from, gp10_citation, gp10_source_url;
  std::map<std::string, Text, std::less<>> labels, reasons;
  std::map<std::string, std::string, std::less<>> missing_inputs;  ///< quantity -> input field.

  std::map<std::string, CountryGroup, std::less<>> groups;
  std::string groups_verified_as_of, groups_source_url;
  std::vector<TreatedAs> treated_as;
  std::map<std::string, Text, std::less<>> destination_notes;

  std::vector<EndUse> end_uses;
  std::vector<RedFlag> red_flags;
  std::map<std::string, Text, std::less<>> field_questions;
  std::vector<Role> roles;
  std::vector<Role> transactions;  ///< The kinds of transaction (questions.json), with labels.

  std::vector<Rule> rules;
  std::vector<FdpFootnote> fdp_footnotes;  ///< From rules-parties.json.

  /// The sources of the official CSL: a list holding none of one of them, or fewer than
  /// csl_min_share of the records it was counted to hold, is partial.
  std::vector<CslSource> csl_sources;
  std::string csl_citation, csl_source_url;
  double csl_min_share = 0;

  const Chip* chip(std::string_view id) const noexcept;
  const EndUse* end_use(std::string_view id) const noexcept;
  const RedFlag* red_flag(std::string_view id) const noexcept;
  const Rule* rule(std::string_view id) const noexcept;
  /// The bit length of a precision, or 0 when unknown.
  int bits(std::string_view precision) const noexcept;
  /// A reason or label text in a locale ("" if absent, which validation rules out).
  const std::string& reason(std::string_view key, std::string_view locale) const;
  const std::string& label(std::string_view key, std::string_view locale) const;

  /// The country a code stands for on a date (HK -> CN), upper case.
  std::string effective_country(std::string_view code, std::string_view as_of) const;
  /// The groups `code` belongs to on `as_of` (after effective_country), sorted.
  std::vector<std::string> groups_of(std::string_view code, std::string_view as_of) const;
  /// The members of a group on `as_of`, in file order.
  std::vector<std::string> members_of(const CountryGroup& group, std::string_view as_of) const;

  /// Field by field: the rule set read back from its pack equals the one loaded from the files.
  bool operator==(const RuleSet&) const = default;
};

/// Loads and validates rule files given as {"file name": content}. Throws Error
/// (errc::kInternal) naming the file and entry on anything malformed: an unknown fact or
/// operator, a type mismatch, a missing citation, source or translation, a bad date, a
/// duplicate id, a reference to an unknown rule or condition.
RuleSet load_rule_set(const nlohmann::json& files);

/// The rule files of data/rules/ as {"file name": content}, embedded by core/gen/embed-rules.mjs:
/// what the build loads, validates and packs (core/gen/prebuild.cpp) and what the tests edit.
const nlohmann::json& builtin_rule_files();

/// The built-in rule set, read from the pack the build wrote (rule_pack.h) on first use.
const RuleSet& builtin_rule_set();

/// The compact form names are matched in: folded (unicode.h), only ASCII letters and digits.
std::string compact_name(std::string_view name);

}  // namespace exportscreen::rules

namespace exportscreen::rules {

/// The type of a fact name and the scopes it exists in, or nullopt for an unknown name.
/// Declared in facts.h; facts under "end_use." and "red_flag." exist when `rules` defines the
/// question.
std::optional<FactType> fact_type(std::string_view name, const RuleSet& rules);

/// True when a fact named `name` is available to rules of `scope`.
bool fact_in_scope(std::string_view name, Scope scope) noexcept;

}  // namespace exportscreen::rules
