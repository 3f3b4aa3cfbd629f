// Applying the rule data to a request: the facts of each scope, one evaluation loop for every
// rule, and the open questions of the rules that the request leaves undecided.
#include "deal_rules.h"

#include <algorithm>
#include <map>

#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "rules/rule_engine.h"

namespace exportscreen::rules {
namespace {

using nlohmann::json;

std::string country_label(std::string_view code, const RuleSet& rules, std::string_view as_of,
                          std::string_view locale) {
  std::string s = std::string(country_name(code, locale)) + " (" + std::string(code) + ")";
  const std::string effective = rules.effective_country(code, as_of);
  if (effective != code) {
    const std::string& treated = rules.texts.at("treated_as").in(locale);
    const std::string target =
        std::string(country_name(effective, locale)) + " (" + effective + ")";
    s += locale == "zh" ? "，" + treated + target : ", " + treated + " " + target;
  }
  return s;
}

// Entity List footnotes that extend the foreign direct product rule to the entry: footnote 1
// (15 CFR 734.9(e)(1)) and footnote 4 (734.9(e)(2)), as the license requirement cites them.
std::vector<std::string> fdp_footnotes(const std::string& requirement) {
  std::vector<std::string> out;
  if (requirement.find("734.9(e)(1)") != std::string::npos ||
      requirement.find("734.9(e) 1") != std::string::npos) {
    out.push_back("1");
  }
  if (requirement.find("734.9(e)(2)") != std::string::npos) out.push_back("4");
  return out;
}

std::string item_field(std::size_t i, const std::string& field) {
  return "items[" + std::to_string(i) + "]." + field;
}

// One thing a rule is evaluated for: the deal, an item, a party, an item with a party, a match.
struct Subject {
  json subject = json::object();
  FactScope facts;
};

class Evaluation {
 public:
  Evaluation(const DealInput& in, const RuleSet& rules)
      : in_(in), rules_(rules), as_of_(in.request.as_of), locale_(in.request.locale) {}

  DealOutcome run() {
    build_facts();
    for (const Rule& rule : rules_.rules) {
      if (rule.phase == 1) apply(rule);
    }
    qualify();
    deal_["deal.open_question_count"] = Fact::of(static_cast<double>(questions_.size()));
    for (const Rule& rule : rules_.rules) {
      if (rule.phase == 2) apply(rule);
    }
    out_.open_questions = open_questions();
    return std::move(out_);
  }

 private:
  struct Produced {
    const Rule* rule;
    std::size_t finding;  // index into out_.findings
    Subject subject;
  };

  void build_facts() {
    const ScreenRequest& r = in_.request;
    deal_["as_of"] = Fact::of(as_of_);
    deal_["options.min_score"] = Fact::of(r.match.min_score);
    deal_["lists.count"] = Fact::of(static_cast<double>(in_.lists.size()));
    deal_["lists.only_builtin"] =
        Fact::of(!in_.lists.empty() && std::all_of(in_.lists.begin(), in_.lists.end(),
                                                   [](const ListInfo& l) { return l.builtin; }));
    list_facts();
    deal_["deal.has_items"] = Fact::of(!in_.items.empty());
    deal_["deal.party_count"] = Fact::of(static_cast<double>(r.parties.size()));
    deal_["deal.destination_given"] = Fact::of(!r.destination.empty());
    if (r.destination.empty()) {
      for (const char* f : {"destination.country", "destination.entered", "destination.name",
                            "destination.groups"}) {
        deal_[f] = Fact::unknown({"destination"});
      }
    } else {
      deal_["destination.entered"] = Fact::of(r.destination);
      deal_["destination.country"] = Fact::of(rules_.effective_country(r.destination, as_of_));
      deal_["destination.name"] = Fact::of(country_label(r.destination, rules_, as_of_, locale_));
      deal_["destination.groups"] = Fact::of(rules_.groups_of(r.destination, as_of_));
    }
    for (const EndUse& e : rules_.end_uses) {
      const std::string fact = "end_use." + e.id;
      if (r.end_use.contains(e.id)) {
        deal_[fact] = Fact::of(r.end_use[e.id].get<bool>());
      } else if (e.default_answer) {
        deal_[fact] = Fact::of(*e.default_answer);
      } else {
        deal_[fact] = Fact::unknown({fact});
      }
    }
    const json flags = r.end_use.contains("red_flags") ? r.end_use["red_flags"] : json::object();
    for (const RedFlag& f : rules_.red_flags) {
      deal_["red_flag." + f.id] = flags.contains(f.id)
                                      ? Fact::of(flags[f.id].get<bool>())
                                      : Fact::unknown({"end_use.red_flags." + f.id});
    }

    Fact any_advanced = Fact::of(false);
    for (std::size_t i = 0; i < in_.items.size(); ++i) {
      items_.push_back(item_facts(i));
      const Fact& adv = items_.back()["item.advanced_computing"];
      if (adv.known() && adv.boolean) {
        any_advanced = Fact::of(true);
      } else if (!adv.known() && (any_advanced.known() ? !any_advanced.boolean : true)) {
        std::vector<std::string> missing = any_advanced.missing;
        missing.insert(missing.end(), adv.missing.begin(), adv.missing.end());
        any_advanced = Fact::unknown(std::move(missing));
      }
    }
    deal_["deal.any_advanced_item"] = any_advanced;

    for (std::size_t p = 0; p < r.parties.size(); ++p) parties_.push_back(party_facts(p));
    matches_.resize(r.parties.size());
    for (std::size_t p = 0; p < r.parties.size(); ++p) {
      for (const PartyMatch& m : in_.matches[p]) matches_[p].push_back(match_facts(m));
    }
  }

  // What the lists screened against hold, how old they are and what part of them was screened
  // (lists.partial_coverage, lists.too_old, lists.undated, lists.filtered): a list that cannot
  // know never clears a party.
  void list_facts() {
    const ListCoverage coverage = list_coverage(in_.lists, rules_);
    std::string names;
    for (const CslSource* s : coverage.missing) {
      // "Capta List (CAP) - Treasury Department" -> "Capta List (CAP)": the code names it.
      const std::string& n = s->name;
      const std::size_t agency = n.rfind(" - ");
      names +=
          (names.empty() ? "" : ", ") + (agency == std::string::npos ? n : n.substr(0, agency));
    }
    deal_["lists.partial"] = Fact::of(!in_.lists.empty() && coverage.partial);
    deal_["lists.missing_sources"] = Fact::of(names);
    deal_["lists.missing_source_count"] = Fact::of(static_cast<double>(coverage.missing.size()));
    long oldest = 0;
    bool undated = false;
    for (const ListInfo& l : in_.lists) {
      const long age = list_age_days(l, as_of_);
      if (age < 0) undated = true;
      oldest = std::max(oldest, age);
    }
    deal_["lists.age_days"] = Fact::of(static_cast<double>(oldest));
    const int max_age = in_.request.max_list_age_days;
    deal_["lists.max_age_days"] = Fact::of(static_cast<double>(max_age));
    deal_["lists.too_old"] = Fact::of(max_age > 0 && oldest > max_age);
    deal_["lists.undated"] = Fact::of(max_age > 0 && undated);
    // A screening limited to some sources, programs or countries did not look at the rest.
    const MatchOptions& m = in_.request.match;
    std::string filter;
    for (const auto* part : {&m.sources, &m.programs, &m.countries}) {
      std::string joined;
      for (const std::string& v : *part) joined += (joined.empty() ? "" : ", ") + v;
      if (!joined.empty()) filter += (filter.empty() ? "" : "; ") + joined;
    }
    deal_["lists.filtered"] = Fact::of(!filter.empty());
    deal_["lists.filter"] = Fact::of(filter);
  }

  Facts item_facts(std::size_t i) {
    const ItemSpec& item = in_.items[i];
    const Classification& c = in_.classifications[i];
    std::vector<std::string> missing;
    for (const std::string& m : c.missing) missing.push_back(item_field(i, m));
    Facts f;
    f["item.index"] = Fact::of(static_cast<double>(i));
    f["item.name"] = Fact::of(item.name);
    f["item.catalog_id"] = Fact::of(item.chip ? item.chip->id : std::string());
    f["item.kind"] = Fact::of(item.kind);
    f["item.quantity"] =
        item.quantity ? Fact::of(static_cast<double>(*item.quantity)) : Fact::unknown();
    f["item.determinate"] = Fact::of(c.determinate);
    f["item.reason"] = Fact::of(c.reason);
    std::string missing_text;
    for (const std::string& m : missing) missing_text += (missing_text.empty() ? "" : ", ") + m;
    f["item.missing"] = Fact::of(missing_text);
    if (c.determinate) {
      f["item.eccn"] = Fact::of(c.eccn.empty() ? std::string("none") : c.eccn);
      f["item.paragraph"] = Fact::of(c.paragraph);
      f["item.advanced_computing"] = Fact::of(!c.eccn.empty());
      // Each paragraph with its parents, so a rule can test "3A090.a" or "3A090".
      std::vector<std::string> set;
      for (const std::string& p : c.paragraphs) {
        for (std::size_t dot = p.find('.'); dot != std::string::npos; dot = p.find('.', dot + 1)) {
          set.push_back(p.substr(0, dot));
        }
        set.push_back(p);
      }
      std::sort(set.begin(), set.end());
      set.erase(std::unique(set.begin(), set.end()), set.end());
      f["item.paragraphs"] = Fact::of(set);
    } else {
      for (const char* k :
           {"item.eccn", "item.paragraph", "item.advanced_computing", "item.paragraphs"}) {
        f[k] = Fact::unknown(missing);
      }
    }
    f["item.tpp"] = c.tpp ? Fact::of(*c.tpp) : Fact::unknown({item_field(i, "tops")});
    f["item.performance_density"] = c.performance_density
                                        ? Fact::of(*c.performance_density)
                                        : Fact::unknown({item_field(i, "die_area_mm2")});
    f["item.datacenter"] =
        item.datacenter ? Fact::of(*item.datacenter) : Fact::unknown({item_field(i, "datacenter")});
    f["item.memory_bandwidth_gbps"] = item.memory_bandwidth_gbps
                                          ? Fact::of(*item.memory_bandwidth_gbps)
                                          : Fact::unknown({item_field(i, "memory_bandwidth_gbps")});
    f["item.memory_bandwidth_density"] = c.memory_bandwidth_density
                                             ? Fact::of(*c.memory_bandwidth_density)
                                             : Fact::unknown({item_field(i, "package_area_mm2")});
    const auto tri = [&](Tri t) {
      return t == Tri::kUnknown ? Fact::unknown(missing) : Fact::of(t == Tri::kTrue);
    };
    f["item.prc_advanced_ic"] = tri(c.prc_advanced_ic);
    f["item.gp10"] = tri(c.gp10);
    f["item.gp10_reason"] = Fact::of(c.gp10_reason);
    return f;
  }

  Facts party_facts(std::size_t p) {
    const Party& party = in_.request.parties[p];
    const std::string where = "parties[" + std::to_string(p) + "].";
    Facts f;
    f["party.index"] = Fact::of(static_cast<double>(p));
    f["party.name"] = Fact::of(party.name);
    f["party.role"] = Fact::of(party.role);
    f["party.country_given"] = Fact::of(!party.country.empty());
    f["party.match_count"] = Fact::of(static_cast<double>(in_.matches[p].size()));
    const auto place = [&](const std::string& code, const char* country, const char* name,
                           const char* groups, const std::string& field) {
      if (code.empty()) {
        for (const char* k : {country, name, groups}) f[k] = Fact::unknown({where + field});
        return;
      }
      f[country] = Fact::of(rules_.effective_country(code, as_of_));
      f[name] = Fact::of(country_label(code, rules_, as_of_, locale_));
      f[groups] = Fact::of(rules_.groups_of(code, as_of_));
    };
    place(party.country, "party.country", "party.country_name", "party.country_groups", "country");
    place(party.headquarters_country, "party.hq_country", "party.hq_country_name",
          "party.hq_groups", "headquarters_country");
    return f;
  }

  Facts match_facts(const PartyMatch& m) {
    const ListEntry& e = *m.entry;
    Facts f;
    f["match.source_code"] = Fact::of(e.source_code);
    f["match.source"] = Fact::of(e.source);
    f["match.list"] = Fact::of(m.list ? m.list->label : std::string());
    f["match.entry_id"] = Fact::of(e.id);
    f["match.entry_name"] = Fact::of(e.name);
    f["match.matched_name"] = Fact::of(m.matched_name);
    f["match.alias_name"] = m.alias ? Fact::of(m.matched_name) : Fact::unknown();
    f["match.score"] = Fact::of(m.score);
    f["match.federal_register_notice"] = Fact::of(e.federal_register_notice);
    f["match.license_requirement"] = Fact::of(e.license_requirement);
    f["match.license_policy"] = Fact::of(e.license_policy);
    f["match.fdp_footnotes"] = Fact::of(fdp_footnotes(e.license_requirement));
    return f;
  }

  std::vector<Subject> subjects(Scope scope) const {
    std::vector<Subject> out;
    switch (scope) {
      case Scope::kDeal:
        out.push_back({json::object(), FactScope({&deal_})});
        break;
      case Scope::kItem:
        for (std::size_t i = 0; i < items_.size(); ++i)
          out.push_back({{{"item", i}}, FactScope({&items_[i], &deal_})});
        break;
      case Scope::kParty:
        for (std::size_t p = 0; p < parties_.size(); ++p)
          out.push_back({{{"party", p}}, FactScope({&parties_[p], &deal_})});
        break;
      case Scope::kItemParty:
        for (std::size_t i = 0; i < items_.size(); ++i) {
          for (std::size_t p = 0; p < parties_.size(); ++p) {
            out.push_back(
                {{{"item", i}, {"party", p}}, FactScope({&items_[i], &parties_[p], &deal_})});
          }
        }
        break;
      case Scope::kPartyMatch:
        for (std::size_t p = 0; p < parties_.size(); ++p) {
          for (std::size_t m = 0; m < matches_[p].size(); ++m) {
            out.push_back({{{"party", p}}, FactScope({&matches_[p][m], &parties_[p], &deal_})});
          }
        }
        break;
    }
    return out;
  }

  void apply(const Rule& rule) {
    if (rule.kind == RuleKind::kPolicy || rule.kind == RuleKind::kException) return;
    if (!rule.in_force(as_of_)) return;
    for (Subject& s : subjects(rule.scope)) {
      const Outcome o = evaluate(rule.when, s.facts);
      if (o.value == Tri::kTrue) {
        produced_.push_back({&rule, out_.findings.size(), s});
        out_.findings.push_back(finding(rule, s));
      } else if (o.value == Tri::kUnknown && rule.kind == RuleKind::kFinding) {
        ask(rule, o.missing);
      }
    }
  }

  Finding finding(const Rule& rule, const Subject& s) const {
    Finding f;
    f.check = rule.check;
    f.severity = rule.kind == RuleKind::kNote ? Severity::kClear : rule.severity;
    f.rule = rule.id;
    f.citation = rule.citation;
    if (!rule.citation_suffix.empty()) {
      f.citation += render(rule.citation_suffix, s.facts, locale_, rules_);
    }
    f.message = render(rule.message.in(locale_), s.facts, locale_, rules_);
    f.next_step = render(rule.next_step.in(locale_), s.facts, locale_, rules_);
    f.evidence = json::object();
    for (const auto& [key, fact] : rule.evidence) f.evidence[key] = s.facts.find(fact).to_json();
    if (rule.kind == RuleKind::kNote) f.evidence["enforced"] = false;
    f.source_url = rule.source_url;
    f.subject = s.subject;
    return f;
  }

  // The review policy of a license finding and the license exceptions that may be available.
  void qualify() {
    for (const Produced& p : produced_) {
      bool has_policy = false;
      for (const Rule& rule : rules_.rules) {
        if (rule.kind != RuleKind::kPolicy && rule.kind != RuleKind::kException) continue;
        if (!rule.in_force(as_of_)) continue;
        if (std::find(rule.for_rules.begin(), rule.for_rules.end(), p.rule->id) ==
            rule.for_rules.end())
          continue;
        if (evaluate(rule.when, p.subject.facts).value != Tri::kTrue) continue;
        const std::string text = render(rule.message.in(locale_), p.subject.facts, locale_, rules_);
        if (rule.kind == RuleKind::kPolicy) {
          if (has_policy) continue;  // the first policy that holds, in data order
          has_policy = true;
          Finding& f = out_.findings[p.finding];
          f.evidence["review_policy"] = {{"rule", rule.id},
                                         {"text", text},
                                         {"citation", rule.citation},
                                         {"source_url", rule.source_url}};
          f.message += (locale_ == "zh" ? "" : " ") + rules_.texts.at("review_policy").in(locale_) +
                       (locale_ == "zh" ? "" : " ") + text;
        } else {
          out_.license_exceptions.push_back(
              {{"exception", rule.exception},
               {"status", "may_be_available"},
               {"rule", rule.id},
               {"for_rule", p.rule->id},
               {"subject", p.subject.subject},
               {"citation", rule.citation},
               {"source_url", rule.source_url},
               {"message", text},
               {"conditions", locale_ == "zh" ? rule.conditions_zh : rule.conditions_en}});
        }
      }
    }
  }

  void ask(const Rule& rule, std::vector<std::string> missing) {
    // A rule undecided for a reason no field names still must not pass silently.
    if (missing.empty()) missing.push_back("rule:" + rule.id);
    for (const std::string& m : missing) {
      auto it = std::find_if(questions_.begin(), questions_.end(),
                             [&](const auto& q) { return q.first == m; });
      if (it == questions_.end()) {
        questions_.emplace_back(m, std::vector<std::string>{});
        it = std::prev(questions_.end());
      }
      if (std::find(it->second.begin(), it->second.end(), rule.id) == it->second.end())
        it->second.push_back(rule.id);
    }
  }

  json open_questions() const {
    json out = json::array();
    for (const auto& [field, rule_ids] : questions_) {
      json q = {{"id", field}, {"field", field}, {"subject", json::object()}, {"rules", rule_ids}};
      if (field == "destination") {
        q["question"] = rules_.field_questions.at("destination").in(locale_);
      } else if (field.rfind("items[", 0) == 0 || field.rfind("parties[", 0) == 0) {
        const bool item = field[0] == 'i';
        const std::size_t open = field.find('['), close = field.find(']');
        const std::size_t index = std::stoul(field.substr(open + 1, close - open - 1));
        std::string name = field.substr(close + 2);
        if (name == "producer_hq_country") name = "designer_hq_country";
        const std::string key = (item ? "item." : "party.") + name;
        q["subject"] = {{item ? "item" : "party", index}};
        const auto it = rules_.field_questions.find(key);
        const FactScope facts(item ? std::vector<const Facts*>{&items_[index], &deal_}
                                   : std::vector<const Facts*>{&parties_[index], &deal_});
        q["question"] = it == rules_.field_questions.end()
                            ? field
                            : render(it->second.in(locale_), facts, locale_, rules_);
      } else if (field.rfind("end_use.red_flags.", 0) == 0) {
        const RedFlag* f = rules_.red_flag(field.substr(18));
        q["question"] = f->question.in(locale_);
        q["source"] = f->source.in(locale_);
        q["citation"] = f->citation;
        q["source_url"] = f->source_url;
        q["applies_to"] = f->applies_to;
      } else if (field.rfind("end_use.", 0) == 0) {
        const EndUse* e = rules_.end_use(field.substr(8));
        q["question"] = e->question.in(locale_);
        q["help"] = e->help.in(locale_);
        q["citation"] = e->citation;
        q["source_url"] = e->source_url;
      } else {
        q["question"] = field;
      }
      out.push_back(std::move(q));
    }
    return out;
  }

  const DealInput& in_;
  const RuleSet& rules_;
  const std::string as_of_;
  const std::string locale_;
  Facts deal_;
  std::vector<Facts> items_, parties_;
  std::vector<std::vector<Facts>> matches_;
  std::vector<Produced> produced_;
  std::vector<std::pair<std::string, std::vector<std::string>>> questions_;
  DealOutcome out_;
};

}  // namespace

DealOutcome apply_rules(const DealInput& input, const RuleSet& rules) {
  return Evaluation(input, rules).run();
}

ListCoverage list_coverage(const std::vector<ListInfo>& lists, const RuleSet& rules) {
  ListCoverage out;
  for (const CslSource& source : rules.csl_sources) {
    const bool held = std::any_of(lists.begin(), lists.end(), [&](const ListInfo& l) {
      return std::any_of(l.composition.begin(), l.composition.end(),
                         [&](const SourceCount& c) { return c.code == source.code && c.records; });
    });
    if (!held) out.missing.push_back(&source);
  }
  out.partial = !out.missing.empty();
  return out;
}

long list_age_days(const ListInfo& list, std::string_view as_of) {
  if (list.as_of.empty()) return -1;
  return std::max(0L, days_between(list.as_of, as_of));
}

}  // namespace exportscreen::rules
