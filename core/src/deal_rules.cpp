// Applying the rule data to a request: the facts of each scope, one evaluation loop for every
// rule, and the open questions of the rules that the request leaves undecided.
#include "deal_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/unicode.h"
#include "native_only.h"
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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The footnotes an Entity List license requirement carries, read from its structure: the
// eCFR writes a footnote as a lone number after the text it qualifies ("§§ 734.9(e) 1 and
// 744.11", "of the EAR) 4"), and a later edition may cite the paragraph instead
// ("§ 734.9(e)(2)"). Numbers that are part of a citation (§ 744.11, Part 744, 84 FR 22963) are
// not markers.
std::vector<std::string> footnote_markers(const std::string& requirement) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < requirement.size();) {
    while (i < requirement.size() && requirement[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < requirement.size() && requirement[i] != ' ') ++i;
    if (i > start) tokens.push_back(requirement.substr(start, i - start));
  }
  std::vector<std::string> out;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    std::string token = tokens[t];
    while (!token.empty() && (token.back() == '.' || token.back() == ',' || token.back() == ';'))
      token.pop_back();
    if (token.size() != 1 || !is_digit(token[0])) continue;
    if (t + 1 < tokens.size() && tokens[t + 1].rfind("FR", 0) == 0) continue;  // 84 FR 22963
    if (t > 0) {
      std::string before = tokens[t - 1];
      for (char& c : before) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (before == "\xC2\xA7" || before == "\xC2\xA7\xC2\xA7" || before == "part" ||
          before == "no." || before == "nos." || before == "supplement" || before == "paragraph" ||
          before == "section")
        continue;  // "supplement no. 7 to part 746": a citation, not a marker
    }
    if (std::find(out.begin(), out.end(), token) == out.end()) out.push_back(token);
  }
  return out;
}

// The foreign-direct-product footnotes of an entry in force on as_of: its markers that the rule
// data declares FDP footnotes, and the footnotes whose paragraph it cites.
std::vector<const FdpFootnote*> fdp_footnotes(const std::string& requirement, const RuleSet& rules,
                                              std::string_view as_of) {
  const std::vector<std::string> markers = footnote_markers(requirement);
  std::vector<const FdpFootnote*> out;
  for (const FdpFootnote& f : rules.fdp_footnotes) {
    if (as_of < f.from) continue;
    const bool marked = std::find(markers.begin(), markers.end(), f.footnote) != markers.end();
    const bool cited = requirement.find(f.paragraph) != std::string::npos;
    if (marked || cited) out.push_back(&f);
  }
  return out;
}

// "5/21/19" or "10/13/2022" as YYYY-MM-DD, or "".
std::string us_date(std::string_view text) {
  int part[3] = {0, 0, 0};
  std::size_t digits[3] = {0, 0, 0};
  int k = 0;
  for (const char c : text) {
    if (is_digit(c)) {
      part[k] = part[k] * 10 + (c - '0');
      ++digits[k];
    } else if (c == '/' && k < 2 && digits[k]) {
      ++k;
    } else {
      return {};
    }
  }
  if (k != 2 || !digits[2] || part[0] < 1 || part[0] > 12 || part[1] < 1 || part[1] > 31) return {};
  int year = part[2];
  if (digits[2] == 2) year += year < 70 ? 2000 : 1900;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, part[0], part[1]);
  return buf;
}

// The listing date of an entry: its start_date, else the earliest date among its Federal
// Register citations ("84 FR 22963, 5/21/19; 87 FR 62202, 10/13/22").
std::string listing_date(const ListEntry& e) {
  if (e.start_date.size() >= 10) return e.start_date.substr(0, 10);
  std::string earliest;
  const std::string& n = e.federal_register_notice;
  for (std::size_t i = 0; i < n.size();) {
    const std::size_t start = n.find_first_of("0123456789", i);
    if (start == std::string::npos) break;
    std::size_t end = start;
    while (end < n.size() && (is_digit(n[end]) || n[end] == '/')) ++end;
    const std::string d = us_date(std::string_view(n).substr(start, end - start));
    if (!d.empty() && (earliest.empty() || d < earliest)) earliest = d;
    i = end;
  }
  return earliest;
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
    // Always: a recorded authorization changes a finding's severity and undecided policies ask
    // questions that phase 2 reads, so the verdict depends on it whether or not texts are wanted.
    qualify();
    put(deal_, FactId::kDealOpenQuestionCount, Fact::of(static_cast<double>(questions_.size())));
    for (const Rule& rule : rules_.rules) {
      if (rule.phase == 2) apply(rule);
    }
    out_.open_questions = open_questions();
    collect_fact_names();
    return std::move(out_);
  }

 private:
  struct Produced {
    const Rule* rule;
    std::size_t finding;  // index into out_.findings
    Subject subject;
  };

  // A fact given by a request field, or unknown naming that field.
  static Fact given(const std::string& value, const char* field) {
    return value.empty() ? Fact::unknown({field}) : Fact::of(value);
  }

  void build_facts() {
    const ScreenRequest& r = in_.request;
    put(deal_, FactId::kAsOf, Fact::of(as_of_));
    put(deal_, FactId::kOptionsMinScore, Fact::of(r.match.min_score));
    put(deal_, FactId::kListsCount, Fact::of(static_cast<double>(in_.lists.size())));
    put(deal_, FactId::kListsOnlyBuiltin,
        Fact::of(!in_.lists.empty() && std::all_of(in_.lists.begin(), in_.lists.end(),
                                                   [](const ListInfo& l) { return l.builtin; })));
    // A delta screening (--since) holds only the entries added or changed since earlier lists.
    std::string since;
    for (const ListInfo& l : in_.lists) {
      if (!l.delta || !since.empty()) continue;
      for (const ListVersion& v : l.delta->since) {
        since += (since.empty() ? "" : ", ") + v.label + (v.as_of.empty() ? "" : " of " + v.as_of);
      }
    }
    put(deal_, FactId::kListsDelta,
        Fact::of(std::any_of(in_.lists.begin(), in_.lists.end(),
                             [](const ListInfo& l) { return l.delta.has_value(); })));
    put(deal_, FactId::kListsDeltaSince, Fact::of(since));
    list_facts();
    put(deal_, FactId::kDealHasItems, Fact::of(!in_.items.empty()));
    put(deal_, FactId::kDealPartyCount, Fact::of(static_cast<double>(r.parties.size())));
    put(deal_, FactId::kDealDestinationGiven, Fact::of(!r.destination.empty()));
    if (r.destination.empty()) {
      for (FactId f : {FactId::kDestinationCountry, FactId::kDestinationEntered,
                       FactId::kDestinationName, FactId::kDestinationGroups}) {
        put(deal_, f, Fact::unknown({"destination"}));
      }
    } else {
      put(deal_, FactId::kDestinationEntered, Fact::of(r.destination));
      put(deal_, FactId::kDestinationCountry,
          Fact::of(rules_.effective_country(r.destination, as_of_)));
      put(deal_, FactId::kDestinationName,
          Fact::of(country_label(r.destination, rules_, as_of_, locale_)));
      put(deal_, FactId::kDestinationGroups, Fact::of(rules_.groups_of(r.destination, as_of_)));
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
    transaction_facts();

    Fact any_advanced = Fact::of(false);
    for (std::size_t i = 0; i < in_.items.size(); ++i) {
      items_.push_back(item_facts(i));
      const Fact& adv = items_.back()[std::string(fact_name(FactId::kItemAdvancedComputing))];
      if (adv.known() && adv.boolean) {
        any_advanced = Fact::of(true);
      } else if (!adv.known() && (any_advanced.known() ? !any_advanced.boolean : true)) {
        std::vector<std::string> missing = any_advanced.missing;
        missing.insert(missing.end(), adv.missing.begin(), adv.missing.end());
        any_advanced = Fact::unknown(std::move(missing));
      }
    }
    put(deal_, FactId::kDealAnyAdvancedItem, any_advanced);

    for (std::size_t p = 0; p < r.parties.size(); ++p) parties_.push_back(party_facts(p));
    matches_.resize(r.parties.size());
    for (std::size_t p = 0; p < r.parties.size(); ++p) {
      for (const PartyMatch& m : in_.matches[p]) {
        matches_[p].push_back(match_facts(m, r.parties[p].name));
      }
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
    put(deal_, FactId::kListsPartial, Fact::of(!in_.lists.empty() && coverage.partial));
    put(deal_, FactId::kListsMissingSources, Fact::of(names));
    put(deal_, FactId::kListsMissingSourceCount,
        Fact::of(static_cast<double>(coverage.missing.size())));
    // "SDN 3 / 17,815": records held against records counted in the official list, written
    // alike in every language.
    std::string incomplete;
    for (const ListCoverage::Incomplete& s : coverage.incomplete) {
      incomplete += (incomplete.empty() ? "" : ", ") + s.source->code + " " +
                    format_number(static_cast<double>(s.records), 0) + " / " +
                    format_number(static_cast<double>(s.source->records), 0);
    }
    put(deal_, FactId::kListsIncompleteSources, Fact::of(incomplete));
    put(deal_, FactId::kListsIncompleteSourceCount,
        Fact::of(static_cast<double>(coverage.incomplete.size())));
    long oldest = 0;
    bool undated = false;
    for (const ListInfo& l : in_.lists) {
      const long age = list_age_days(l, as_of_);
      if (age < 0) undated = true;
      oldest = std::max(oldest, age);
    }
    put(deal_, FactId::kListsAgeDays, Fact::of(static_cast<double>(oldest)));
    const int max_age = in_.request.max_list_age_days;
    put(deal_, FactId::kListsMaxAgeDays, Fact::of(static_cast<double>(max_age)));
    put(deal_, FactId::kListsTooOld, Fact::of(max_age > 0 && oldest > max_age));
    put(deal_, FactId::kListsUndated, Fact::of(max_age > 0 && undated));
    // A screening limited to some sources, programs or countries did not look at the rest.
    const MatchOptions& m = in_.request.match;
    std::string filter;
    for (const auto* part : {&m.sources, &m.programs, &m.countries}) {
      std::string joined;
      for (const std::string& v : *part) joined += (joined.empty() ? "" : ", ") + v;
      if (!joined.empty()) filter += (filter.empty() ? "" : "; ") + joined;
    }
    put(deal_, FactId::kListsFiltered, Fact::of(!filter.empty()));
    put(deal_, FactId::kListsFilter, Fact::of(filter));
  }

  // The kind of transaction (given, or implied by a US destination or by remote access) and what
  // it decides: whether the items move abroad, and whether this is an export from the US.
  void transaction_facts() {
    const ScreenRequest& r = in_.request;
    std::string transaction = r.transaction;
    // The end-use answer cloud_service (end-uses.json) is the older way to say remote access.
    const bool cloud =
        r.end_use.contains("cloud_service") && r.end_use["cloud_service"].get<bool>();
    if (transaction.empty() && cloud) transaction = "remote_access";
    if (transaction.empty() && r.destination == "US") transaction = "domestic";
    put(deal_, FactId::kDealTransaction, given(transaction, "transaction"));
    std::string origin = r.origin_country;
    if (origin.empty() && (transaction == "export" || transaction == "domestic")) origin = "US";
    if (origin.empty() && transaction == "in_country_transfer") origin = r.destination;
    put(deal_, FactId::kDealOriginCountry, given(origin, "origin_country"));
    // An unknown transaction abroad is one of export, reexport or in-country transfer: the
    // destination rules treat all three alike, so it counts as shipped.
    const bool shipped = transaction.empty() || transaction == "export" ||
                         transaction == "reexport" || transaction == "in_country_transfer";
    put(deal_, FactId::kDealShipped, Fact::of(shipped));
    put(deal_, FactId::kDealExportFromUs,
        transaction.empty() ? Fact::unknown({"transaction"}) : Fact::of(transaction == "export"));
    // The request's own answer (end-uses.json, outside_ear_foreign_made) for items reexported or
    // transferred abroad; anything else stays subject (15 CFR 734.3).
    const bool abroad_to_abroad = transaction == "reexport" || transaction == "in_country_transfer";
    const bool stated_outside = r.end_use.contains("outside_ear_foreign_made") &&
                                r.end_use["outside_ear_foreign_made"].get<bool>();
    put(deal_, FactId::kDealSubjectToEar, Fact::of(!(abroad_to_abroad && stated_outside)));
    put(deal_, FactId::kDealLicenseRecorded, Fact::of(!r.license_number.empty()));
    put(deal_, FactId::kDealLicenseNumber, Fact::of(r.license_number));
    put(deal_, FactId::kDealNacRecorded, Fact::of(!r.nac_number.empty()));
    put(deal_, FactId::kDealNacNumber, Fact::of(r.nac_number));
  }

  Facts item_facts(std::size_t i) {
    const ItemSpec& item = in_.items[i];
    const Classification& c = in_.classifications[i];
    std::vector<std::string> missing;
    for (const std::string& m : c.missing) missing.push_back(item_field(i, m));
    Facts f;
    put(f, FactId::kItemIndex, Fact::of(static_cast<double>(i)));
    put(f, FactId::kItemName, Fact::of(item.name));
    put(f, FactId::kItemCatalogId, Fact::of(item.chip ? item.chip->id : std::string()));
    put(f, FactId::kItemKind, Fact::of(item.kind));
    put(f, FactId::kItemQuantity,
        item.quantity ? Fact::of(static_cast<double>(*item.quantity)) : Fact::unknown());
    put(f, FactId::kItemDeterminate, Fact::of(c.determinate));
    put(f, FactId::kItemReason, Fact::of(c.reason));
    std::string missing_text;
    for (const std::string& m : missing) missing_text += (missing_text.empty() ? "" : ", ") + m;
    put(f, FactId::kItemMissing, Fact::of(missing_text));
    if (c.determinate) {
      put(f, FactId::kItemEccn, Fact::of(c.eccn.empty() ? std::string("none") : c.eccn));
      put(f, FactId::kItemParagraph, Fact::of(c.paragraph));
      put(f, FactId::kItemAdvancedComputing, Fact::of(!c.eccn.empty()));
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
      put(f, FactId::kItemParagraphs, Fact::of(set));
    } else {
      for (FactId k : {FactId::kItemEccn, FactId::kItemParagraph, FactId::kItemAdvancedComputing,
                       FactId::kItemParagraphs}) {
        put(f, k, Fact::unknown(missing));
      }
    }
    put(f, FactId::kItemTpp, c.tpp ? Fact::of(*c.tpp) : Fact::unknown({item_field(i, "tops")}));
    put(f, FactId::kItemPerformanceDensity,
        c.performance_density ? Fact::of(*c.performance_density)
                              : Fact::unknown({item_field(i, "die_area_mm2")}));
    put(f, FactId::kItemDatacenter,
        item.datacenter ? Fact::of(*item.datacenter)
                        : Fact::unknown({item_field(i, "datacenter")}));
    put(f, FactId::kItemMemoryBandwidthGbps,
        item.memory_bandwidth_gbps ? Fact::of(*item.memory_bandwidth_gbps)
                                   : Fact::unknown({item_field(i, "memory_bandwidth_gbps")}));
    put(f, FactId::kItemMemoryBandwidthDensity,
        c.memory_bandwidth_density ? Fact::of(*c.memory_bandwidth_density)
                                   : Fact::unknown({item_field(i, "package_area_mm2")}));
    const auto tri = [&](Tri t) {
      return t == Tri::kUnknown ? Fact::unknown(missing) : Fact::of(t == Tri::kTrue);
    };
    put(f, FactId::kItemPrcAdvancedIc, tri(c.prc_advanced_ic));
    put(f, FactId::kItemGp10, tri(c.gp10));
    put(f, FactId::kItemGp10Reason, Fact::of(c.gp10_reason));
    return f;
  }

  Facts party_facts(std::size_t p) {
    const Party& party = in_.request.parties[p];
    const std::string where = "parties[" + std::to_string(p) + "].";
    Facts f;
    put(f, FactId::kPartyIndex, Fact::of(static_cast<double>(p)));
    put(f, FactId::kPartyName, Fact::of(party.name));
    put(f, FactId::kPartyRole, Fact::of(party.role));
    put(f, FactId::kPartyCountryGiven, Fact::of(!party.country.empty()));
    put(f, FactId::kPartyMatchCount, Fact::of(static_cast<double>(in_.matches[p].size())));
    put(f, FactId::kPartyStrongMatchCount,
        Fact::of(static_cast<double>(std::count_if(
            in_.matches[p].begin(), in_.matches[p].end(),
            [](const PartyMatch& m) { return m.strength == MatchStrength::kStrong; }))));
    const auto place = [&](const std::string& code, FactId country, FactId name, FactId groups,
                           const std::string& field) {
      if (code.empty()) {
        for (FactId k : {country, name, groups}) put(f, k, Fact::unknown({where + field}));
        return;
      }
      put(f, country, Fact::of(rules_.effective_country(code, as_of_)));
      put(f, name, Fact::of(country_label(code, rules_, as_of_, locale_)));
      put(f, groups, Fact::of(rules_.groups_of(code, as_of_)));
    };
    // Characters that are not displayed (issue 16): which, where, and the name with them shown.
    const std::vector<InvisibleChar> invisible = find_invisible(party.name);
    put(f, FactId::kPartyInvisibleCount, Fact::of(static_cast<double>(invisible.size())));
    put(f, FactId::kPartyInvisible, Fact::of(describe_invisible(invisible)));
    put(f, FactId::kPartyNameShown, Fact::of(with_invisible_shown(party.name)));
    place(party.country, FactId::kPartyCountry, FactId::kPartyCountryName,
          FactId::kPartyCountryGroups, "country");
    place(party.headquarters_country, FactId::kPartyHqCountry, FactId::kPartyHqCountryName,
          FactId::kPartyHqGroups, "headquarters_country");
    const std::string& destination = in_.request.destination;
    if (party.country.empty() || destination.empty()) {
      put(f, FactId::kPartyLocatedInDestination,
          Fact::unknown({party.country.empty() ? where + "country" : std::string("destination")}));
    } else {
      put(f, FactId::kPartyLocatedInDestination,
          Fact::of(rules_.effective_country(party.country, as_of_) ==
                   rules_.effective_country(destination, as_of_)));
    }
    return f;
  }

  // "U+200B ZERO WIDTH SPACE at position 4, ..." (positions counted from 1, in characters).
  std::string describe_invisible(const std::vector<InvisibleChar>& chars) const {
    std::string out;
    for (const InvisibleChar& c : chars) {
      if (!out.empty()) out += locale_ == "zh" ? "；" : "; ";
      const std::string at = std::to_string(c.index + 1);
      if (locale_ == "zh") {
        out += "第 " + at + " 个字符处的 " + code_point_label(c.code_point) + "（" +
               invisible_name(c.code_point) + "）";
      } else {
        out += code_point_label(c.code_point) + " " + invisible_name(c.code_point) +
               " at position " + at;
      }
    }
    return out;
  }

  Facts match_facts(const PartyMatch& m, const std::string& party_name) {
    const ListEntry& e = *m.entry;
    Facts f;
    // The party's name and the name it matched look alike on screen but are not the same text:
    // they differ only by characters that are not displayed.
    put(f, FactId::kMatchInvisibleOnlyDifference,
        Fact::of(party_name != m.matched_name &&
                 without_invisible(party_name) == without_invisible(m.matched_name)));
    put(f, FactId::kMatchMatchedNameShown, Fact::of(with_invisible_shown(m.matched_name)));
    put(f, FactId::kMatchSourceCode, Fact::of(e.source_code));
    put(f, FactId::kMatchSource, Fact::of(e.source));
    put(f, FactId::kMatchList, Fact::of(m.list ? m.list->label : std::string()));
    put(f, FactId::kMatchEntryId, Fact::of(e.id));
    put(f, FactId::kMatchEntryName, Fact::of(e.name));
    put(f, FactId::kMatchMatchedName, Fact::of(m.matched_name));
    put(f, FactId::kMatchAliasName, m.alias ? Fact::of(m.matched_name) : Fact::unknown());
    put(f, FactId::kMatchScore, Fact::of(m.score));
    put(f, FactId::kMatchFederalRegisterNotice, Fact::of(e.federal_register_notice));
    put(f, FactId::kMatchLicenseRequirement, Fact::of(e.license_requirement));
    put(f, FactId::kMatchLicensePolicy, Fact::of(e.license_policy));
    std::vector<std::string> numbers;
    std::string paragraphs;
    for (const FdpFootnote* fn : fdp_footnotes(e.license_requirement, rules_, as_of_)) {
      numbers.push_back(fn->footnote);
      paragraphs +=
          (paragraphs.empty() ? "" : "; ") + fn->paragraph + " (footnote " + fn->footnote + ")";
    }
    put(f, FactId::kMatchFdpFootnotes, Fact::of(numbers));
    put(f, FactId::kMatchFdpParagraphs, Fact::of(paragraphs));
    const std::string listed = listing_date(e);
    put(f, FactId::kMatchStartDate, listed.empty() ? Fact::unknown() : Fact::of(listed));
    put(f, FactId::kMatchDateKnown, Fact::of(!listed.empty()));
    // Without a date the list's consequence applies: the entry may have been listed any time.
    put(f, FactId::kMatchListedOnAsOf, Fact::of(listed.empty() || listed <= as_of_));
    // Strong: the list's consequence; possible: a lead to review (the matcher says why).
    put(f, FactId::kMatchStrength, Fact::of(std::string(to_string(m.strength))));
    put(f, FactId::kMatchReason, Fact::of(std::string(to_string(m.reason))));
    put(f, FactId::kMatchReasonWords, Fact::of(m.reason_words));
    put(f, FactId::kMatchGroupEntries, Fact::of(static_cast<double>(m.group_entries)));
    return f;
  }

  void collect_fact_names() {
    std::vector<std::string>& names = out_.facts_built;
    const auto add = [&](const Facts& facts) {
      for (const auto& [name, fact] : facts) names.push_back(name);
    };
    add(deal_);
    for (const Facts& f : items_) add(f);
    for (const Facts& f : parties_) add(f);
    for (const auto& per_party : matches_) {
      for (const Facts& f : per_party) add(f);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
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
    if (rule.kind == RuleKind::kPolicy || rule.kind == RuleKind::kException ||
        rule.kind == RuleKind::kAuthorization)
      return;
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
    if (in_.request.explain) {
      f.message = render(rule.message.in(locale_), s.facts, locale_, rules_);
      f.next_step = render(rule.next_step.in(locale_), s.facts, locale_, rules_);
    }
    f.evidence = json::object();
    for (const auto& [key, fact] : rule.evidence) f.evidence[key] = s.facts.find(fact).to_json();
    if (rule.kind == RuleKind::kNote) f.evidence["enforced"] = false;
    f.source_url = rule.source_url;
    f.subject = s.subject;
    return f;
  }

  // The review policy of a license finding, the license exceptions that may be available and a
  // recorded authorization. Policies are tried in data order: the first that holds is attached;
  // one that cannot be decided stops the search (a later one must not stand in for it) and
  // asks what would decide it. An exception that cannot be decided is listed with what it
  // depends on, and asked.
  //
  // The rules that qualify others (a few dozen) are picked once, and a finding's loop over
  // them does no more than ask whether each names its rule; what a qualifier does is a function
  // of its own (attach(), EXPORTSCREEN_OUTLINED). A screening that matched a hundred list
  // entries runs this loop for each of their findings.
  void qualify() {
    std::vector<const Rule*> qualifiers;
    for (const Rule& rule : rules_.rules) {
      if ((rule.kind == RuleKind::kPolicy || rule.kind == RuleKind::kException ||
           rule.kind == RuleKind::kAuthorization) &&
          rule.in_force(as_of_)) {
        qualifiers.push_back(&rule);
      }
    }
    for (const Produced& p : produced_) {
      bool policy_settled = false;
      for (const Rule* rule : qualifiers) {
        if (rule->kind == RuleKind::kPolicy && policy_settled) continue;
        if (std::find(rule->for_rules.begin(), rule->for_rules.end(), p.rule->id) ==
            rule->for_rules.end())
          continue;
        policy_settled |= attach(*rule, p);
      }
    }
  }

  // Applies a qualifier to the finding p produced; true when it settles the finding's policy.
  EXPORTSCREEN_OUTLINED bool attach(const Rule& rule, const Produced& p) {
    const Outcome o = evaluate(rule.when, p.subject.facts);
    if (o.value == Tri::kFalse) return false;
    Finding& f = out_.findings[p.finding];
    const std::string text = render(rule.message.in(locale_), p.subject.facts, locale_, rules_);
    const std::string sep = locale_ == "zh" ? "" : " ";
    if (rule.kind == RuleKind::kPolicy) {
      if (o.value == Tri::kUnknown) {
        ask(rule, o.missing);
        f.evidence["review_policy"] = {
            {"rule", rule.id}, {"undetermined", true},      {"depends_on", o.missing},
            {"text", text},    {"citation", rule.citation}, {"source_url", rule.source_url}};
        f.message += sep + rules_.texts.at("review_policy_undetermined").in(locale_) + sep + text;
        return true;
      }
      f.evidence["review_policy"] = {{"rule", rule.id},
                                     {"text", text},
                                     {"citation", rule.citation},
                                     {"source_url", rule.source_url}};
      f.message += sep + rules_.texts.at("review_policy").in(locale_) + sep + text;
      return true;
    }
    if (rule.kind == RuleKind::kException) {
      json e = {{"exception", rule.exception},
                {"status", "may_be_available"},
                {"rule", rule.id},
                {"for_rule", p.rule->id},
                {"subject", p.subject.subject},
                {"citation", rule.citation},
                {"source_url", rule.source_url},
                {"message", text},
                {"conditions", locale_ == "zh" ? rule.conditions_zh : rule.conditions_en}};
      if (o.value == Tri::kUnknown) {
        ask(rule, o.missing);
        e["depends_on"] = o.missing;
      }
      out_.license_exceptions.push_back(std::move(e));
    } else if (o.value == Tri::kTrue && f.severity == Severity::kLicenseRequired) {
      // A recorded authorization: the finding is now a check of that authorization.
      f.severity = Severity::kReview;
      f.evidence["authorization"] = {{"rule", rule.id},
                                     {"text", text},
                                     {"citation", rule.citation},
                                     {"source_url", rule.source_url}};
      f.message += sep + text;
    } else if (o.value == Tri::kUnknown) {
      ask(rule, o.missing);
    }
    return false;
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
      if (rules_.field_questions.count(field)) {
        q["question"] = rules_.field_questions.at(field).in(locale_);
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

std::size_t complete_from(const CslSource& source, const RuleSet& rules) {
  return static_cast<std::size_t>(
      std::ceil(rules.csl_min_share * static_cast<double>(source.records)));
}

ListCoverage list_coverage(const std::vector<ListInfo>& lists, const RuleSet& rules) {
  ListCoverage out;
  for (const CslSource& source : rules.csl_sources) {
    std::size_t held = 0;
    for (const ListInfo& l : lists) {
      for (const SourceCount& c : l.composition) held += c.code == source.code ? c.records : 0;
    }
    if (held == 0) {
      out.missing.push_back(&source);
    } else if (held < complete_from(source, rules)) {
      out.incomplete.push_back({&source, held});
    }
  }
  out.partial = !out.missing.empty() || !out.incomplete.empty();
  return out;
}

long list_age_days(const ListInfo& list, std::string_view as_of) {
  if (list.as_of.empty()) return -1;
  return std::max(0L, days_between(list.as_of, as_of));
}

}  // namespace exportscreen::rules
