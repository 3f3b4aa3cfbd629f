// The JSON entry points of the rule data: classify one item, and the reference a form needs to
// ask every question (chips, end uses, red flags, roles, country groups) in one locale.
#include <new>

#include "exportscreen/api.h"
#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/json_boundary.h"
#include "exportscreen/matcher.h"
#include "request_fields.h"
#include "rules/classify.h"
#include "rules/rule_set.h"

namespace exportscreen {
namespace {

using nlohmann::json;

std::string date_option(const json& j, std::string_view default_as_of) {
  if (j.contains("as_of")) {
    if (!j["as_of"].is_string()) throw Error(errc::kInvalidRequest, "as_of must be a string");
    return require_date(j["as_of"].get<std::string>(), "as_of");
  }
  return default_as_of.empty() ? today_utc() : std::string(default_as_of);
}

// The match presets (kMatchPresets) as the contract gives them.
json presets_json() {
  json out = json::array();
  for (const MatchPreset& p : kMatchPresets) {
    out.push_back({{"id", p.name}, {"min_score", p.min_score}});
  }
  return out;
}

json reference(const rules::RuleSet& rs, const std::string& locale, const std::string& as_of) {
  json chips = json::array();
  for (const rules::Chip& c : rs.chips) {
    const bool figures = std::any_of(c.figures.begin(), c.figures.end(),
                                     [&](const auto& f) { return rs.bits(f.first) > 0; });
    chips.push_back({{"id", c.id},
                     {"name", c.name},
                     {"vendor", c.vendor},
                     {"aliases", c.aliases},
                     {"kind", c.kind},
                     {"datacenter", c.datacenter},
                     {"designer_hq_country", c.designer_hq_country},
                     {"gp10_named", c.gp10_named},
                     {"figures_public", figures}});
  }
  json precisions = json::array();
  for (const auto& [p, bits] : rs.precisions) precisions.push_back({{"id", p}, {"bits", bits}});
  json end_uses = json::array();
  for (const rules::EndUse& e : rs.end_uses) {
    end_uses.push_back({{"id", e.id},
                        {"question", e.question.in(locale)},
                        {"help", e.help.in(locale)},
                        {"citation", e.citation},
                        {"source_url", e.source_url},
                        {"default", e.default_answer ? json(*e.default_answer) : json(nullptr)}});
  }
  json red_flags = json::array();
  for (const rules::RedFlag& f : rs.red_flags) {
    red_flags.push_back({{"id", f.id},
                         {"question", f.question.in(locale)},
                         {"source", f.source.in(locale)},
                         {"citation", f.citation},
                         {"source_url", f.source_url},
                         {"applies_to", f.applies_to}});
  }
  json roles = json::array();
  for (const rules::Role& r : rs.roles)
    roles.push_back({{"id", r.id}, {"label", r.label.in(locale)}});
  json transactions = json::array();
  for (const rules::Role& t : rs.transactions) {
    transactions.push_back({{"id", t.id}, {"label", t.label.in(locale)}});
  }
  json fields = json::object();
  for (const char* key :
       {"transaction", "origin_country", "authorization.license", "authorization.nac_aca"}) {
    fields[key] = rs.field_questions.at(key).in(locale);
  }
  json groups = json::object();
  for (const auto& [id, g] : rs.groups) {
    groups[id] = {
        {"name", g.name.in(locale)},
        {"members", rs.members_of(g, as_of)},
        {"citation", g.citation},
        {"source_url", rs.groups_source_url},
        {"verified_as_of", g.verified_as_of.empty() ? json(nullptr) : json(g.verified_as_of)}};
    if (!g.note.empty()) groups[id]["note"] = g.note;
  }
  json destinations = json::object();
  for (const rules::TreatedAs& t : rs.treated_as) {
    destinations[t.code] = {{"treated_as", t.country},
                            {"from", t.from},
                            {"note", t.note.in(locale)},
                            {"citation", t.citation},
                            {"source_url", t.source_url}};
  }
  for (const auto& [code, note] : rs.destination_notes)
    destinations[code] = {{"note", note.in(locale)}};
  return {{"rules_version", rs.rules_version},
          {"rules_date", rs.rules_date},
          {"as_of", as_of},
          {"locale", locale},
          {"locales", rs.locales},
          {"notice", rs.notice.in(locale)},
          {"chips", chips},
          {"precisions", precisions},
          {"end_uses", end_uses},
          {"red_flags", red_flags},
          {"roles", roles},
          {"transactions", transactions},
          {"field_questions", fields},
          {"presets", presets_json()},
          {"country_groups", groups},
          {"destinations", destinations}};
}

}  // namespace

std::string rules_date() { return rules::builtin_rule_set().rules_date; }

std::string_view version() { return EXPORTSCREEN_VERSION; }

std::string version_json() {
  return guarded([] {
    const rules::RuleSet& rs = rules::builtin_rule_set();
    json roles = json::array();
    for (const rules::Role& r : rs.roles) roles.push_back(r.id);
    return dump({{"version", version()},
                 {"rules_version", rs.rules_version},
                 {"rules_date", rs.rules_date},
                 {"presets", presets_json()},
                 {"roles", roles}});
  });
}

std::string rules_version() { return rules::builtin_rule_set().rules_version; }

std::string classify_json(std::string_view item_json, std::string_view default_as_of,
                          std::string_view default_locale) {
  return guarded([&] {
    const rules::RuleSet& rs = rules::builtin_rule_set();
    const json j = parse_request_json(item_json, "the item");
    const rules::ItemSpec item =
        rules::parse_item(j, "item", rs, {fields::kClassifyExtra[0], fields::kClassifyExtra[1]});
    const std::string as_of = date_option(j, default_as_of);
    const std::string locale =
        j.contains("locale") ? require_locale(j["locale"], "locale") : std::string(default_locale);
    return dump(rules::to_json(rules::classify(item, as_of, locale, rs), rs));
  });
}

std::string reference_json(std::string_view options_json) {
  return guarded([&] {
    const rules::RuleSet& rs = rules::builtin_rule_set();
    json j = json::object();
    if (!options_json.empty()) {
      j = parse_request_json(options_json, "the reference options");
      if (!j.is_object())
        throw Error(errc::kInvalidRequest, "the reference options must be an object");
      for (const auto& [key, value] : j.items()) {
        if (std::find(fields::kReferenceOptions.begin(), fields::kReferenceOptions.end(), key) ==
            fields::kReferenceOptions.end()) {
          throw Error(errc::kInvalidRequest,
                      "unknown field \"" + key.substr(0, 40) + "\" in the reference options");
        }
      }
    }
    const std::string locale = j.contains("locale") ? require_locale(j["locale"], "locale") : "en";
    return dump(reference(rs, locale, date_option(j, {})));
  });
}

}  // namespace exportscreen
