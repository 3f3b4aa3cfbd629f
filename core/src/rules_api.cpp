// The JSON entry points of the rule data: classify one item, and the reference a form needs to
// ask every question (chips, end uses, red flags, roles, country groups) in one locale.
#include <map>
#include <new>
#include <variant>

#include "exportscreen/api.h"
#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/json_boundary.h"
#include "exportscreen/json_writer.h"
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
void write_presets(JsonWriter& w) {
  w.array();
  for (const MatchPreset& p : kMatchPresets) {
    w.object().field("id", p.name).field("min_score", p.min_score).end();
  }
  w.end();
}

// Written as text (JsonWriter), each object's keys in sorted order as the nlohmann::json value it
// replaces wrote them; tests/core/json_writer_test.cpp requires the same text.
std::string reference(const rules::RuleSet& rs, const std::string& locale,
                      const std::string& as_of) {
  JsonWriter w;
  w.object().field("as_of", as_of).key("chips").array();
  for (const rules::Chip& c : rs.chips) {
    const bool figures = std::any_of(c.figures.begin(), c.figures.end(),
                                     [&](const auto& f) { return rs.bits(f.first) > 0; });
    w.object()
        .field("aliases", c.aliases)
        .field("datacenter", c.datacenter)
        .field("designer_hq_country", c.designer_hq_country)
        .field("figures_public", figures)
        .field("gp10_named", c.gp10_named)
        .field("id", c.id)
        .field("kind", c.kind)
        .field("name", c.name)
        .field("vendor", c.vendor)
        .end();
  }
  w.end().key("country_groups").object();
  for (const auto& [id, g] : rs.groups) {
    w.key(id)
        .object()
        .field("citation", g.citation)
        .field("members", rs.members_of(g, as_of))
        .field("name", g.name.in(locale));
    if (!g.note.empty()) w.field("note", g.note);
    w.field("source_url", rs.groups_source_url)
        .key("verified_as_of")
        .string_or_null(g.verified_as_of)
        .end();
  }
  // A destination note replaces what a code is treated as (as the keys of one object would).
  std::map<std::string_view, std::variant<const rules::TreatedAs*, const rules::Text*>>
      destinations;
  for (const rules::TreatedAs& t : rs.treated_as) destinations[t.code] = &t;
  for (const auto& [code, note] : rs.destination_notes) destinations[code] = &note;
  w.end().key("destinations").object();
  for (const auto& [code, d] : destinations) {
    w.key(code).object();
    if (const auto* note = std::get_if<const rules::Text*>(&d)) {
      w.field("note", (*note)->in(locale));
    } else {
      const rules::TreatedAs& t = *std::get<const rules::TreatedAs*>(d);
      w.field("citation", t.citation)
          .field("from", t.from)
          .field("note", t.note.in(locale))
          .field("source_url", t.source_url)
          .field("treated_as", t.country);
    }
    w.end();
  }
  w.end().key("end_uses").array();
  for (const rules::EndUse& e : rs.end_uses) {
    w.object().field("citation", e.citation).key("default");
    if (e.default_answer) {
      w.value(*e.default_answer);
    } else {
      w.null();
    }
    w.field("help", e.help.in(locale))
        .field("id", e.id)
        .field("question", e.question.in(locale))
        .field("source_url", e.source_url)
        .end();
  }
  w.end().key("field_questions").object();
  for (const char* key :
       {"authorization.license", "authorization.nac_aca", "origin_country", "transaction"}) {
    w.field(key, rs.field_questions.at(key).in(locale));
  }
  w.end()
      .field("locale", locale)
      .field("locales", rs.locales)
      .field("notice", rs.notice.in(locale))
      .key("precisions")
      .array();
  for (const auto& [p, bits] : rs.precisions) w.object().field("bits", bits).field("id", p).end();
  w.end().key("presets");
  write_presets(w);
  w.key("red_flags").array();
  for (const rules::RedFlag& f : rs.red_flags) {
    w.object()
        .field("applies_to", f.applies_to)
        .field("citation", f.citation)
        .field("id", f.id)
        .field("question", f.question.in(locale))
        .field("source", f.source.in(locale))
        .field("source_url", f.source_url)
        .end();
  }
  w.end().key("roles").array();
  for (const rules::Role& r : rs.roles)
    w.object().field("id", r.id).field("label", r.label.in(locale)).end();
  w.end().field("rules_date", rs.rules_date).field("rules_version", rs.rules_version);
  w.key("transactions").array();
  for (const rules::Role& t : rs.transactions) {
    w.object().field("id", t.id).field("label", t.label.in(locale)).end();
  }
  w.end().end();
  return std::move(w).take();
}

}  // namespace

std::string rules_date() { return rules::builtin_rule_set().rules_date; }

std::string_view version() { return EXPORTSCREEN_VERSION; }

std::string version_json() {
  return guarded([] {
    const rules::RuleSet& rs = rules::builtin_rule_set();
    JsonWriter w;
    w.object().key("presets");
    write_presets(w);
    w.key("roles").array();
    for (const rules::Role& r : rs.roles) w.value(r.id);
    w.end()
        .field("rules_date", rs.rules_date)
        .field("rules_version", rs.rules_version)
        .field("version", version())
        .end();
    return std::move(w).take();
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
    JsonWriter w;
    rules::write_json(w, rules::classify(item, as_of, locale, rs), rs);
    return std::move(w).take();
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
    return reference(rs, locale, date_option(j, {}));
  });
}

}  // namespace exportscreen
