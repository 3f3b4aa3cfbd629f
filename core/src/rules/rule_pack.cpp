// The rule set's pack (pack.h): every field of RuleSet (rule_set.h), as the build writes it
// (core/gen/prebuild.cpp) and as each start of the engine reads it back.
#include "rules/rule_pack.h"

#include "pack.h"

namespace exportscreen::rules {
namespace {

constexpr std::string_view kMagic = "ESRULES";
constexpr char kFormat = 2;

}  // namespace

// Not in the unnamed namespace: the pack's reader and writer find them by argument-dependent
// lookup, which does not look there.
using detail::Is;

template <class Io, Is<Text> S>
void fields(Io& io, S& v) {
  io(v.en, v.zh);
}
template <class Io, Is<Condition> S>
void fields(Io& io, S& v) {
  io(v.kind, v.children, v.fact, v.op, v.value);
}
template <class Io, Is<Rule> S>
void fields(Io& io, S& v) {
  io(v.id, v.file, v.check, v.scope, v.kind, v.severity, v.phase, v.when, v.effective_from,
     v.effective_until, v.citation, v.citation_suffix, v.source_url, v.message, v.next_step,
     v.evidence, v.for_rules, v.exception, v.conditions_en, v.conditions_zh);
}
template <class Io, Is<Figure> S>
void fields(Io& io, S& v) {
  io(v.value, v.grade, v.source);
}
template <class Io, Is<Chip> S>
void fields(Io& io, S& v) {
  io(v.id, v.name, v.vendor, v.designer_hq_country, v.kind, v.datacenter, v.gp10_named, v.aliases,
     v.alias_keys, v.figures, v.notes);
}
template <class Io, Is<Test> S>
void fields(Io& io, S& v) {
  io(v.quantity, v.op, v.value);
}
template <class Io, Is<Paragraph> S>
void fields(Io& io, S& v) {
  io(v.paragraph, v.tests);
}
template <class Io, Is<Exclusion> S>
void fields(Io& io, S& v) {
  io(v.id, v.tests, v.text);
}
template <class Io, Is<Definition> S>
void fields(Io& io, S& v) {
  io(v.id, v.eccn, v.kind, v.effective_from, v.effective_until, v.citation, v.source_url,
     v.paragraphs, v.exclusions);
}
template <class Io, Is<FdpFootnote> S>
void fields(Io& io, S& v) {
  io(v.footnote, v.paragraph, v.from, v.citation);
}
template <class Io, Is<GroupMember> S>
void fields(Io& io, S& v) {
  io(v.code, v.from, v.until);
}
template <class Io, Is<CountryGroup> S>
void fields(Io& io, S& v) {
  io(v.id, v.name, v.citation, v.verified_as_of, v.note, v.members);
}
template <class Io, Is<TreatedAs> S>
void fields(Io& io, S& v) {
  io(v.code, v.country, v.from, v.citation, v.source_url, v.note);
}
template <class Io, Is<EndUse> S>
void fields(Io& io, S& v) {
  io(v.id, v.default_answer, v.question, v.help, v.citation, v.source_url);
}
template <class Io, Is<RedFlag> S>
void fields(Io& io, S& v) {
  io(v.id, v.group, v.applies_to, v.citation, v.source_url, v.question, v.source);
}
template <class Io, Is<Role> S>
void fields(Io& io, S& v) {
  io(v.id, v.label);
}
template <class Io, Is<CslSource> S>
void fields(Io& io, S& v) {
  io(v.code, v.name, v.agency, v.records);
}
template <class Io, Is<RuleSet> S>
void fields(Io& io, S& v) {
  io(v.rules_version, v.rules_date, v.coverage_from, v.notice, v.unknown_text, v.texts, v.locales);
  io(v.chips, v.noise);
  io(v.precisions, v.precision_notes, v.definitions, v.computer_eccn, v.computer_citation,
     v.computer_source_url, v.computer_map, v.gp10_from, v.gp10_citation, v.gp10_source_url,
     v.labels, v.reasons, v.missing_inputs);
  io(v.groups, v.groups_verified_as_of, v.groups_source_url, v.treated_as, v.destination_notes);
  io(v.end_uses, v.red_flags, v.field_questions, v.roles, v.transactions);
  io(v.rules, v.fdp_footnotes);
  io(v.csl_sources, v.csl_citation, v.csl_source_url, v.csl_min_share);
}

std::string pack_rule_set(const RuleSet& rules) { return detail::pack(rules, kMagic, kFormat); }

RuleSet unpack_rule_set(std::string_view bytes) {
  return detail::unpack<RuleSet>(bytes, kMagic, kFormat, "rule data: the built-in rule pack");
}

}  // namespace exportscreen::rules
