// Items and their classification: chip recognition, item parsing and validation, and the
// classifier that evaluates the dated 3A090/4A090 definitions of data/rules/eccn.json.
#include "rules/classify.h"

#include <algorithm>
#include <set>

#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/error.h"
#include "exportscreen/json_writer.h"
#include "exportscreen/limits.h"
#include "request_fields.h"
#include "rules/rule_engine.h"

namespace exportscreen::rules {
namespace {

using nlohmann::json;

// True when `s` consists only of noise words and memory sizes ("nvidia", "80gb").
bool only_noise(std::string_view s, const std::vector<std::string>& noise) {
  if (s.empty()) return true;
  if (s[0] >= '0' && s[0] <= '9') {
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    for (std::string_view unit : {"gb", "tb", "g"}) {
      if (s.substr(i, unit.size()) == unit && only_noise(s.substr(i + unit.size()), noise))
        return true;
    }
    return false;
  }
  for (const std::string& w : noise) {
    if (s.substr(0, w.size()) == w && only_noise(s.substr(w.size()), noise)) return true;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string alias_text(const Chip& chip, std::size_t key_index) {
  if (key_index < chip.aliases.size()) return chip.aliases[key_index];
  return key_index == chip.aliases.size() ? chip.id : chip.name;
}

// Bounds on an item's figures. Far outside anything made (the largest datasheet figure is about
// 2 x 10^4 TOPS; dies are tens to hundreds of mm^2) yet small enough that TPP (TOPS x up to 64
// bits) and densities (figure / area) stay finite: an absurd figure is a typo, never infinity.
constexpr double kMaxItemFigure = 1e9;
constexpr double kMinItemArea = 1e-3;

double positive_number(const json& v, const std::string& field, bool allow_zero) {
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
      (!allow_zero && v.get<double>() == 0)) {
    throw Error(errc::kInvalidRequest,
                field + (allow_zero ? " must be a number >= 0" : " must be a number > 0"));
  }
  const double x = v.get<double>();
  if (x > kMaxItemFigure) {
    throw Error(errc::kInvalidRequest,
                field + " must be at most 1e9 (no chip comes near it: check the unit)");
  }
  if (!allow_zero && x < kMinItemArea) {
    throw Error(errc::kInvalidRequest, field + " must be at least 0.001 (mm^2)");
  }
  return x;
}

bool boolean(const json& v, const std::string& field) {
  if (!v.is_boolean()) throw Error(errc::kInvalidRequest, field + " must be true or false");
  return v.get<bool>();
}

std::string string_field(const json& v, const std::string& field, std::size_t max_bytes) {
  if (!v.is_string()) throw Error(errc::kInvalidRequest, field + " must be a string");
  std::string s = v.get<std::string>();
  if (s.size() > max_bytes) {
    throw Error(errc::kRequestTooLarge, field + " is " + std::to_string(s.size()) +
                                            " bytes; the limit is " + std::to_string(max_bytes));
  }
  const auto not_space = [](unsigned char c) { return !(c == ' ' || (c >= '\t' && c <= '\r')); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// The catalog has this figure, so the request may not state it again.
[[noreturn]] void catalog_has(const std::string& field, const Chip& chip) {
  throw Error(errc::kInvalidRequest,
              field + ": the catalog already gives this figure for " + chip.name +
                  "; remove it, or describe the chip by its specifications (tops) instead of name");
}

// A reason text of the rule data with its {placeholders} filled, by the engine's templates.
std::string substitute(const std::string& text,
                       const std::vector<std::pair<std::string, std::string>>& values,
                       std::string_view locale, const RuleSet& rules) {
  Facts facts;
  for (const auto& [key, value] : values) facts[key] = Fact::of(value);
  return render(text, FactScope({&facts}), locale, rules);
}

std::string_view op_symbol(Op op) {
  switch (op) {
    case Op::kGe:
      return "≥";
    case Op::kGt:
      return ">";
    case Op::kLe:
      return "≤";
    case Op::kLt:
      return "<";
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "≠";
    default:
      return "?";
  }
}

// The symbol that holds for the item: "15,832 ≥ 4,800" or, when the test fails, "2,368 < 4,800".
std::string_view shown_op(Op op, Tri result) {
  if (result != Tri::kFalse) return op_symbol(op);
  switch (op) {
    case Op::kGe:
      return "<";
    case Op::kGt:
      return "≤";
    case Op::kLe:
      return ">";
    case Op::kLt:
      return "≥";
    case Op::kEq:
      return "≠";
    case Op::kNe:
      return "=";
    default:
      return "?";
  }
}

std::string value_text(const json& v, std::string_view locale) {
  if (v.is_boolean())
    return locale == "zh" ? (v.get<bool>() ? "是" : "否") : (v.get<bool>() ? "yes" : "no");
  if (v.is_number()) return format_number(v.get<double>());
  return "?";
}

std::string test_text(const ShownTest& t, const RuleSet& rules, std::string_view locale) {
  const std::string& label = rules.label(t.quantity, locale);
  if (t.rhs.is_boolean()) {
    return label + (locale == "zh" ? "：" : ": ") +
           (t.lhs.is_null() ? rules.unknown_text.in(locale) : value_text(t.lhs, locale));
  }
  if (t.lhs.is_null()) return label + " " + rules.unknown_text.in(locale);
  return label + " " + value_text(t.lhs, locale) + " " + std::string(shown_op(t.op, t.result)) +
         " " + value_text(t.rhs, locale);
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

// Status of a conjunction of tests.
Tri all_of(const std::vector<ShownTest>& tests, std::size_t from, std::size_t to) {
  Tri t = Tri::kTrue;
  for (std::size_t i = from; i < to; ++i) t = tri_and(t, tests[i].result);
  return t;
}

}  // namespace

std::optional<ChipMatch> recognise_chip(const RuleSet& rules, std::string_view name) {
  const std::string q = compact_name(name);
  if (q.empty()) return std::nullopt;
  const Chip* best = nullptr;
  std::size_t best_len = 0;
  std::size_t best_key = 0;
  bool ambiguous = false;
  for (const Chip& chip : rules.chips) {
    for (std::size_t k = 0; k < chip.alias_keys.size(); ++k) {
      const std::string& key = chip.alias_keys[k];
      if (key.size() < best_len) continue;
      for (std::size_t p = q.find(key); p != std::string::npos; p = q.find(key, p + 1)) {
        if (!only_noise(std::string_view(q).substr(0, p), rules.noise) ||
            !only_noise(std::string_view(q).substr(p + key.size()), rules.noise)) {
          continue;
        }
        if (key.size() > best_len) {
          best = &chip;
          best_len = key.size();
          best_key = k;
          ambiguous = false;
        } else if (best != &chip) {
          ambiguous = true;
        }
        break;
      }
    }
  }
  if (!best || ambiguous) return std::nullopt;
  return ChipMatch{best, alias_text(*best, best_key)};
}

std::vector<std::string> closest_chips(const RuleSet& rules, std::string_view name, std::size_t n) {
  const std::string q = compact_name(name);
  std::vector<std::pair<std::size_t, const Chip*>> scored;
  for (const Chip& chip : rules.chips) {
    std::size_t best = SIZE_MAX;
    for (const std::string& key : chip.alias_keys) best = std::min(best, edit_distance(q, key));
    scored.emplace_back(best, &chip);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second->name);
  return out;
}

ItemSpec parse_item(const json& j, const std::string& where, const RuleSet& rules,
                    std::initializer_list<std::string_view> extra) {
  if (!j.is_object()) throw Error(errc::kInvalidRequest, where + " must be an object");

  for (const auto& [key, value] : j.items()) {
    if (std::find(fields::kItem.begin(), fields::kItem.end(), key) == fields::kItem.end() &&
        std::find(extra.begin(), extra.end(), key) == extra.end()) {
      throw Error(errc::kInvalidRequest, "unknown field \"" + key.substr(0, 40) + "\" in " + where);
    }
  }
  ItemSpec item;
  const auto field = [&](std::string_view key) { return where + "." + std::string(key); };
  if (j.contains("kind")) {
    item.kind = string_field(j["kind"], field("kind"), 16);
    if (item.kind != "ic" && item.kind != "computer" && item.kind != "hbm") {
      throw Error(errc::kInvalidRequest,
                  field("kind") + " must be \"ic\", \"computer\" or \"hbm\"");
    }
  }
  if (j.contains("label")) item.label = string_field(j["label"], field("label"), kMaxItemNameBytes);
  if (j.contains("name")) {
    if (item.kind == "hbm")
      throw Error(errc::kInvalidRequest, field("name") +
                                             ": the catalog holds no HBM; describe it by "
                                             "memory_bandwidth_gbps and package_area_mm2");
    const std::string name = string_field(j["name"], field("name"), kMaxItemNameBytes);
    if (name.empty()) throw Error(errc::kInvalidRequest, field("name") + " is empty");
    const auto match = recognise_chip(rules, name);
    if (!match) {
      throw Error(errc::kUnknownItem, field("name") + ": \"" + name.substr(0, 64) +
                                          "\" is not a chip of the catalog (closest: " +
                                          join(closest_chips(rules, name, 3), ", ") +
                                          "); describe it by its specifications (tops) instead");
    }
    item.chip = match->chip;
    item.matched_alias = match->alias;
    // A system of the catalog (GB200) is a computer containing the ICs its figures describe.
    if (item.chip->kind == "computer" && !j.contains("kind")) item.kind = "computer";
  }
  // Catalog figures first; the request may add only what the catalog lacks.
  if (item.chip) {
    const Chip& chip = *item.chip;
    for (const auto& [key, fig] : chip.figures) {
      if (rules.bits(key)) item.tops.emplace_back(key, fig.value);
    }
    if (const Figure* f = chip.figure("die_area_mm2")) item.die_area_mm2 = f->value;
    if (const Figure* f = chip.figure("memory_bandwidth_gbps"))
      item.memory_bandwidth_gbps = f->value;
    if (const Figure* f = chip.figure("io_bandwidth_gbps")) item.io_bandwidth_gbps = f->value;
    item.datacenter = chip.datacenter;
    item.designer_hq_country = chip.designer_hq_country;
  }
  if (j.contains("sparse")) item.sparse = boolean(j["sparse"], field("sparse"));
  if (j.contains("tops")) {
    if (item.kind == "hbm")
      throw Error(errc::kInvalidRequest, field("tops") + ": an HBM stack has no TOPS");
    if (item.chip && !item.tops.empty()) catalog_has(field("tops"), *item.chip);
    const json& tops = j["tops"];
    if (!tops.is_object() || tops.empty()) {
      throw Error(errc::kInvalidRequest,
                  field("tops") + " must be an object of precision: TOPS, with at least one");
    }
    for (const auto& [precision, value] : tops.items()) {
      if (!rules.bits(precision)) {
        std::string known;
        for (const auto& [p, b] : rules.precisions) known += (known.empty() ? "" : ", ") + p;
        throw Error(errc::kInvalidRequest, field("tops") + ": unknown precision \"" +
                                               precision.substr(0, 16) + "\" (known: " + known +
                                               ")");
      }
      const double v = positive_number(value, field("tops." + precision), true);
      // Technical Note to 3A090: TPP counts dense operations; sparse figures are halved.
      item.tops.emplace_back(precision, item.sparse ? v / 2 : v);
    }
  } else if (item.sparse && !item.tops.empty() && item.chip) {
    throw Error(errc::kInvalidRequest, field("sparse") + ": catalog figures are already dense");
  }
  const auto number = [&](std::string_view key, std::optional<double>& into, bool allow_zero) {
    if (!j.contains(std::string(key))) return;
    if (into && item.chip) catalog_has(field(key), *item.chip);
    into = positive_number(j[std::string(key)], field(key), allow_zero);
  };
  number("die_area_mm2", item.die_area_mm2, false);
  number("memory_bandwidth_gbps", item.memory_bandwidth_gbps, true);
  number("io_bandwidth_gbps", item.io_bandwidth_gbps, true);
  number("package_area_mm2", item.package_area_mm2, false);
  if (j.contains("datacenter")) {
    if (item.chip) catalog_has(field("datacenter"), *item.chip);
    item.datacenter = boolean(j["datacenter"], field("datacenter"));
  }
  if (j.contains("logic_co_packaged"))
    item.logic_co_packaged = boolean(j["logic_co_packaged"], field("logic_co_packaged"));
  const auto country = [&](std::string_view key, std::string& into) {
    if (!j.contains(std::string(key))) return;
    const json& v = j[std::string(key)];
    if (v.is_string() && v.get<std::string>().empty()) return;
    if (!into.empty() && item.chip) catalog_has(field(key), *item.chip);
    into = require_country(string_field(v, field(key), 16), field(key));
  };
  country("designer_hq_country", item.designer_hq_country);
  country("producer_hq_country", item.producer_hq_country);
  if (j.contains("quantity")) {
    const json& q = j["quantity"];
    if (!q.is_number_integer() || q.get<long long>() < 1) {
      throw Error(errc::kInvalidRequest, field("quantity") + " must be an integer >= 1");
    }
    item.quantity = q.get<long long>();
  }
  if (item.kind == "hbm") {
    for (const char* key : {"die_area_mm2", "datacenter", "io_bandwidth_gbps"}) {
      if (j.contains(key))
        throw Error(errc::kInvalidRequest, field(key) + " does not apply to an HBM stack");
    }
    // A stack described on its own is not part of a logic IC unless the request says so.
    if (!item.logic_co_packaged) item.logic_co_packaged = false;
  } else {
    for (const char* key : {"package_area_mm2", "logic_co_packaged"}) {
      if (j.contains(key))
        throw Error(errc::kInvalidRequest, field(key) + " applies only to kind \"hbm\"");
    }
    if (!item.chip && !j.contains("tops")) {
      throw Error(errc::kInvalidRequest,
                  where + ": give name (a catalog chip) or tops (its specifications)");
    }
  }
  item.name = item.chip ? item.chip->name : (!item.label.empty() ? item.label : where);
  return item;
}

Classification classify(const ItemSpec& item, const std::string& as_of, const std::string& locale,
                        const RuleSet& rules) {
  Classification c;
  c.item = &item;
  c.as_of = as_of;
  c.locale = locale;
  const bool hbm = item.kind == "hbm";

  // TPP: the maximum over precisions of dense TOPS x bit length (Technical Note to 3A090).
  for (const auto& [precision, tops] : item.tops) {
    const int bits = rules.bits(precision);
    const double term = tops * bits;
    c.tpp_terms.push_back(
        {{"precision", precision}, {"tops", tops}, {"bits", bits}, {"tpp", term}});
    if (!c.tpp || term > *c.tpp) {
      c.tpp = term;
      c.tpp_precision = precision;
    }
  }
  if (c.tpp) {
    const auto note = rules.precision_notes.find(c.tpp_precision);
    if (note != rules.precision_notes.end()) c.notes.push_back(note->second.in(locale));
  }
  if (c.tpp && item.die_area_mm2) c.performance_density = *c.tpp / *item.die_area_mm2;
  if (item.memory_bandwidth_gbps && item.package_area_mm2) {
    c.memory_bandwidth_density = *item.memory_bandwidth_gbps / *item.package_area_mm2;
  }

  const std::string definition_kind = hbm ? "hbm" : "ic";
  for (const Definition& d : rules.definitions) {
    if (d.kind == definition_kind && d.in_force(as_of)) c.definition = &d;
  }

  std::string ic_paragraph;  // the IC's paragraph, for a computer
  if (!c.definition) {
    c.reason = substitute(rules.reason(hbm ? "before_hbm" : "before_controls", locale),
                          {{"as_of", as_of}}, locale, rules);
  } else {
    const Definition& def = *c.definition;
    const auto quantity = [&](const std::string& q) -> json {
      if (q == "tpp") return c.tpp ? json(*c.tpp) : json(nullptr);
      if (q == "performance_density")
        return c.performance_density ? json(*c.performance_density) : json(nullptr);
      if (q == "io_bandwidth")
        return item.io_bandwidth_gbps ? json(*item.io_bandwidth_gbps) : json(nullptr);
      if (q == "datacenter") return item.datacenter ? json(*item.datacenter) : json(nullptr);
      if (q == "memory_bandwidth_density")
        return c.memory_bandwidth_density ? json(*c.memory_bandwidth_density) : json(nullptr);
      if (q == "logic_co_packaged")
        return item.logic_co_packaged ? json(*item.logic_co_packaged) : json(nullptr);
      return nullptr;
    };
    const auto run = [&](const std::string& prong, const std::vector<Test>& tests) {
      const std::size_t from = c.tests.size();
      for (const Test& t : tests) {
        ShownTest s;
        s.prong = prong;
        s.quantity = t.quantity;
        s.lhs = quantity(t.quantity);
        s.op = t.op;
        s.rhs = t.value;
        if (s.lhs.is_null()) {
          s.result = Tri::kUnknown;
        } else if (s.lhs.is_boolean()) {
          const bool eq = s.lhs.get<bool>() == t.value.get<bool>();
          s.result = (t.op == Op::kEq ? eq : !eq) ? Tri::kTrue : Tri::kFalse;
        } else {
          s.result = compare_numbers(s.lhs.get<double>(), t.op, t.value.get<double>());
        }
        c.tests.push_back(std::move(s));
      }
      return std::make_pair(from, c.tests.size());
    };
    struct Part {
      std::string name;
      std::size_t from, to;
      Tri status;
    };
    std::vector<Part> paragraphs, exclusions;
    for (const Paragraph& p : def.paragraphs) {
      const auto [from, to] = run(p.paragraph, p.tests);
      paragraphs.push_back({p.paragraph, from, to, all_of(c.tests, from, to)});
    }
    for (const Exclusion& x : def.exclusions) {
      const auto [from, to] = run(x.id, x.tests);
      exclusions.push_back({x.id, from, to, all_of(c.tests, from, to)});
    }
    const auto decisive_all = [&](const Part& p) {
      for (std::size_t i = p.from; i < p.to; ++i) c.tests[i].decisive = true;
    };
    const auto texts = [&](const Part& p, Tri only) {
      std::vector<std::string> out;
      for (std::size_t i = p.from; i < p.to; ++i) {
        if (only == Tri::kUnknown || c.tests[i].result == only)
          out.push_back(test_text(c.tests[i], rules, locale));
      }
      return out;
    };
    const Part* excluded = nullptr;
    bool exclusion_unknown = false;
    for (const Part& x : exclusions) {
      if (x.status == Tri::kTrue && !excluded) excluded = &x;
      if (x.status == Tri::kUnknown) exclusion_unknown = true;
    }
    std::vector<const Part*> met, possible;
    for (const Part& p : paragraphs) {
      if (p.status == Tri::kTrue) met.push_back(&p);
      if (p.status == Tri::kUnknown) possible.push_back(&p);
    }
    const std::string outside =
        substitute(rules.reason("outside", locale), {{"eccn", def.eccn}}, locale, rules);
    if (excluded) {
      decisive_all(*excluded);
      const Exclusion* ex = nullptr;
      for (const Exclusion& x : def.exclusions) {
        if (x.id == excluded->name) ex = &x;
      }
      c.reason = substitute(rules.reason("excluded", locale),
                            {{"eccn", def.eccn},
                             {"exclusion", ex ? ex->text.in(locale) : excluded->name},
                             {"tests", join(texts(*excluded, Tri::kUnknown), "; ")}},
                            locale, rules);
    } else if (!met.empty() && !exclusion_unknown) {
      decisive_all(*met.front());
      c.eccn = def.eccn;
      c.paragraph = met.front()->name;
      for (const Part* p : met) c.paragraphs.push_back(p->name);
      c.reason = substitute(
          rules.reason("met", locale),
          {{"paragraph", c.paragraph}, {"tests", join(texts(*met.front(), Tri::kUnknown), "; ")}},
          locale, rules);
    } else if (!met.empty() || !possible.empty()) {
      // Either a paragraph may be met, or one is met but an exclusion may take it out.
      c.determinate = false;
      std::vector<std::string> outcomes;
      for (const Part* p : met) outcomes.push_back(p->name);
      for (const Part* p : possible) outcomes.push_back(p->name);
      for (const std::string& o : outcomes) c.possible.push_back(o);
      c.possible.push_back(nullptr);
      outcomes.push_back(outside);
      std::vector<std::string> missing_labels;
      const auto mark = [&](const Part& p) {
        for (std::size_t i = p.from; i < p.to; ++i) {
          if (c.tests[i].result != Tri::kUnknown) continue;
          c.tests[i].decisive = true;
          const auto it = rules.missing_inputs.find(c.tests[i].quantity);
          const std::string input =
              it == rules.missing_inputs.end() ? c.tests[i].quantity : it->second;
          if (std::find(c.missing.begin(), c.missing.end(), input) == c.missing.end()) {
            c.missing.push_back(input);
            missing_labels.push_back(rules.label(c.tests[i].quantity, locale));
          }
        }
      };
      for (const Part* p : possible) mark(*p);
      // An exclusion that may hold decides too (Note 2: a non-datacenter item below 4,800).
      for (const Part& x : exclusions) {
        if (x.status == Tri::kUnknown) mark(x);
      }
      if (!c.tpp && item.chip && !item.chip->notes.en.empty()) {
        c.reason = substitute(rules.reason("no_figures", locale),
                              {{"notes", item.chip->notes.in(locale)}}, locale, rules);
      } else {
        c.reason = substitute(rules.reason("indeterminate", locale),
                              {{"missing", join(missing_labels, ", ")},
                               {"possible", join(outcomes, rules.reason("or", locale))}},
                              locale, rules);
      }
    } else {
      std::vector<std::string> failed;
      for (const Part& p : paragraphs) {
        for (std::size_t i = p.from; i < p.to; ++i) {
          if (c.tests[i].result == Tri::kFalse) {
            c.tests[i].decisive = true;
            const std::string shortname =
                p.name.rfind(def.eccn + ".", 0) == 0 ? p.name.substr(def.eccn.size() + 1) : p.name;
            failed.push_back(shortname + ": " + test_text(c.tests[i], rules, locale));
            break;
          }
        }
      }
      c.reason = substitute(rules.reason("not_met", locale),
                            {{"eccn", def.eccn}, {"tests", join(failed, "; ")}}, locale, rules);
    }
    if (item.kind == "computer") {
      // 4A090: computers and assemblies containing 3A090.a/.b ICs.
      ic_paragraph = c.paragraph;
      const std::string ic_reason = c.reason;
      std::vector<std::string> mapped;
      for (const std::string& p : c.paragraphs) {
        for (const auto& [from, to] : rules.computer_map) {
          if (p.rfind(from, 0) == 0 && std::find(mapped.begin(), mapped.end(), to) == mapped.end())
            mapped.push_back(to);
        }
      }
      if (c.determinate && !c.eccn.empty() && !mapped.empty()) {
        c.eccn = rules.computer_eccn;
        c.paragraphs = mapped;
        c.paragraph = mapped.front();
        c.reason =
            substitute(rules.reason("computer", locale),
                       {{"ic_paragraph", ic_paragraph}, {"paragraph", c.paragraph}}, locale, rules);
      } else if (c.determinate) {
        c.eccn.clear();
        c.paragraph.clear();
        c.paragraphs.clear();
        c.reason = substitute(rules.reason("computer_not", locale), {{"ic_reason", ic_reason}},
                              locale, rules);
      } else {
        json possible = json::array();
        for (const json& p : c.possible) {
          if (p.is_null()) {
            possible.push_back(nullptr);
            continue;
          }
          for (const auto& [from, to] : rules.computer_map) {
            if (p.get<std::string>().rfind(from, 0) == 0) possible.push_back(to);
          }
        }
        c.possible = possible;
      }
    }
  }

  // GP10 guidance: a 3A090-level IC developed or produced by a company headquartered in D:5 or
  // Macau, or one of the ICs the guidance names.
  const auto prc = [&](const std::string& code) -> Tri {
    if (code.empty()) return Tri::kUnknown;
    const auto groups = rules.groups_of(code, as_of);
    const bool d5 = std::find(groups.begin(), groups.end(), "D:5") != groups.end();
    return d5 || rules.effective_country(code, as_of) == "MO" ? Tri::kTrue : Tri::kFalse;
  };
  const Tri designer = prc(item.designer_hq_country);
  const Tri producer = prc(item.producer_hq_country);
  Tri origin = Tri::kFalse;
  std::string origin_country;
  if (designer == Tri::kTrue || producer == Tri::kTrue) {
    origin = Tri::kTrue;
    origin_country = designer == Tri::kTrue ? item.designer_hq_country : item.producer_hq_country;
  } else if (designer == Tri::kUnknown) {
    origin = Tri::kUnknown;
  }
  // The GP10 guidance concerns advanced-computing ICs (3A090.a/.b), not 3A090.c memory.
  Tri is3a090 = Tri::kFalse;
  if (hbm) {
    is3a090 = Tri::kFalse;
  } else if (!c.determinate) {
    is3a090 = Tri::kUnknown;
  } else if (!c.eccn.empty()) {
    is3a090 = Tri::kTrue;
  }
  std::string country_text =
      origin_country.empty()
          ? std::string()
          : std::string(country_name(origin_country, locale)) + " (" + origin_country + ")";
  if (item.chip && item.chip->gp10_named) {
    c.prc_advanced_ic = Tri::kTrue;
    c.gp10_reason = rules.reason("gp10_named", locale);
  } else {
    c.prc_advanced_ic = tri_and(is3a090, origin);
    if (is3a090 == Tri::kFalse) {
      c.gp10_reason = rules.reason("gp10_not_3a090", locale);
    } else if (origin == Tri::kFalse) {
      c.gp10_reason = rules.reason("gp10_not_prc", locale);
    } else if (c.prc_advanced_ic == Tri::kTrue) {
      c.gp10_reason =
          substitute(rules.reason("gp10_prc", locale), {{"country", country_text}}, locale, rules);
    } else if (is3a090 == Tri::kTrue) {
      c.gp10_reason = rules.reason("gp10_unknown_origin", locale);
      c.missing.push_back("designer_hq_country");
    } else if (origin == Tri::kTrue) {
      c.gp10_reason = substitute(rules.reason("gp10_unknown_3a090", locale),
                                 {{"country", country_text}}, locale, rules);
    } else {
      c.gp10_reason = rules.reason("gp10_unknown_origin", locale);
      c.missing.push_back("designer_hq_country");
    }
  }
  if (as_of >= rules.gp10_from) {
    c.gp10 = c.prc_advanced_ic;
  } else {
    c.gp10 = Tri::kFalse;
    c.gp10_reason =
        substitute(rules.reason("gp10_before", locale), {{"as_of", as_of}}, locale, rules) + " " +
        c.gp10_reason;
  }
  return c;
}

// Written as text (JsonWriter), each object's keys in sorted order as the nlohmann::json value it
// replaces wrote them; tests/core/json_writer_test.cpp requires the same text.
void write_json(JsonWriter& w, const Classification& c, const RuleSet& rules,
                std::optional<std::size_t> item_index) {
  const ItemSpec& item = *c.item;
  // A value after its key: w.key(k) is passed in, as in tri(w.key("gp10"), c.gp10).
  const auto tri = [](JsonWriter& out, Tri t) -> JsonWriter& {
    return t == Tri::kUnknown ? out.null() : out.value(t == Tri::kTrue);
  };
  const auto opt = [](JsonWriter& out, const std::optional<double>& v) -> JsonWriter& {
    return v ? out.value(*v) : out.null();
  };
  w.object().field("as_of", c.as_of).key("chip");
  if (item.chip) {
    const Chip& ch = *item.chip;
    w.object()
        .field("datacenter", ch.datacenter)
        .field("designer_hq_country", ch.designer_hq_country)
        .key("figures")
        .object();
    std::vector<const std::pair<std::string, Figure>*> figures;
    for (const auto& f : ch.figures) figures.push_back(&f);
    std::stable_sort(figures.begin(), figures.end(),
                     [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : figures) {
      const auto& [key, f] = *entry;
      const bool tops = rules.bits(key) > 0;
      w.key(key).object();
      if (tops) w.field("dense", true);
      w.field("grade", f.grade).field("source", f.source);
      if (tops) {
        w.field("unit", key.rfind("int", 0) == 0 ? "TOPS" : "TFLOPS");
      } else {
        w.field("unit", key == "die_area_mm2" ? "mm2" : "GB/s");
      }
      w.field("value", f.value).end();
    }
    w.end()
        .field("gp10_named", ch.gp10_named)
        .field("id", ch.id)
        .field("matched_alias", item.matched_alias)
        .field("name", ch.name)
        .field("notes", ch.notes.in(c.locale))
        .field("vendor", ch.vendor)
        .end();
  } else {
    w.null();
  }
  w.key("datacenter");
  if (item.datacenter) {
    w.value(*item.datacenter);
  } else {
    w.null();
  }
  w.key("definition");
  if (c.definition) {
    const Definition& d = *c.definition;
    w.object().field("citation", d.citation);
    if (item.kind == "computer") {
      w.field("computer_citation", rules.computer_citation)
          .field("computer_source_url", rules.computer_source_url);
    }
    w.field("eccn", d.eccn)
        .field("effective_from", d.effective_from)
        .key("effective_until")
        .string_or_null(d.effective_until)
        .field("id", d.id)
        .field("source_url", d.source_url)
        .end();
  } else {
    w.null();
  }
  w.field("determinate", c.determinate);
  opt(w.key("die_area_mm2"), item.die_area_mm2);
  w.key("eccn").string_or_null(c.eccn);
  tri(w.key("gp10"), c.gp10);
  w.field("gp10_reason", c.gp10_reason);
  opt(w.key("io_bandwidth_gbps"), item.io_bandwidth_gbps);
  if (item_index) w.field("item", *item_index);
  w.field("kind", item.kind);
  if (item.kind == "hbm") opt(w.key("memory_bandwidth_density"), c.memory_bandwidth_density);
  opt(w.key("memory_bandwidth_gbps"), item.memory_bandwidth_gbps);
  w.field("missing", c.missing).key("name");
  if (item.chip || !item.label.empty()) {
    w.value(item.name);
  } else {
    w.null();
  }
  w.field("notes", c.notes);
  if (item.kind == "hbm") opt(w.key("package_area_mm2"), item.package_area_mm2);
  w.key("paragraph").string_or_null(c.paragraph).field("paragraphs", c.paragraphs);
  opt(w.key("performance_density"), c.performance_density);
  w.field("possible", c.possible);
  if (item.quantity) w.field("quantity", *item.quantity);
  w.field("reason", c.reason)
      .field("rules_date", rules.rules_date)
      .field("rules_version", rules.rules_version)
      .field("sparse_halved", item.sparse)
      .key("tests")
      .array();
  for (const ShownTest& t : c.tests) {
    w.object()
        .field("decisive", t.decisive)
        .field("lhs", t.lhs)
        .field("op", to_string(t.op))
        .field("prong", t.prong)
        .field("quantity", t.quantity);
    tri(w.key("result"), t.result);
    w.field("rhs", t.rhs).end();
  }
  w.end();
  opt(w.key("tpp"), c.tpp);
  w.key("tpp_precision");
  if (c.tpp) {
    w.value(c.tpp_precision);
  } else {
    w.null();
  }
  w.field("tpp_terms", c.tpp_terms).end();
}

}  // namespace exportscreen::rules
