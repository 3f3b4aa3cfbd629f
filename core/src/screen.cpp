// Screener: holds the lists and turns a request into findings and a verdict: parties are
// matched, items classified, and the rule data applied to the whole deal (deal_rules.h).
#include "exportscreen/screen.h"

#include <algorithm>
#include <utility>

#include "deal_rules.h"
#include "exportscreen/error.h"
#include "exportscreen/json_writer.h"
#include "rules/classify.h"
#include "rules/rule_set.h"

namespace exportscreen {

Screener::Screener() = default;
Screener::~Screener() = default;
Screener::Screener(Screener&&) noexcept = default;
Screener& Screener::operator=(Screener&&) noexcept = default;

const ListInfo& Screener::add_list(ListSnapshot list) {
  ListSnapshot& held = *lists_.emplace_back(std::make_unique<ListSnapshot>(std::move(list)));
  // The names the list carries normalized are the index's now, not held twice.
  matcher_.add(held, std::exchange(held.normalized_names, {}));
  return held.info;
}

void Screener::weigh_words_by(const ListSnapshot& list) { matcher_.weigh_words_by(list); }
void Screener::weigh_words_by(const Screener& whole) { matcher_.weigh_words_by(whole.matcher_); }

void Screener::clear_lists() {
  matcher_ = PartyMatcher();
  lists_.clear();
}

std::vector<ListInfo> Screener::lists() const {
  std::vector<ListInfo> out;
  for (const auto& l : lists_) out.push_back(l->info);
  return out;
}

std::vector<PartyMatch> Screener::match(const MatchQuery& query, const MatchOptions& options,
                                        MatchSummary* summary) const {
  return matcher_.match(query, options, nullptr, summary);
}

ScreenResult Screener::screen(const ScreenRequest& request,
                              std::vector<PartyMatches>* matched) const {
  if (lists_.empty() && !request.parties.empty()) {
    throw Error(errc::kNoLists, "no restricted-party list is loaded");
  }
  const rules::RuleSet& rule_set = rules::builtin_rule_set();
  ScreenResult result;
  result.rules_version = rule_set.rules_version;
  result.rules_date = rule_set.rules_date;
  result.as_of = request.as_of;
  result.locale = request.locale;
  result.notice = rule_set.notice.in(request.locale);
  result.lists = lists();

  std::vector<std::vector<PartyMatch>> matches;
  for (std::size_t i = 0; i < request.parties.size(); ++i) {
    const Party& party = request.parties[i];
    MatchSummary& summary = result.party_match_counts.emplace_back();
    if (matched && i < matched->size()) {
      summary = std::move((*matched)[i].counts);
      matches.push_back(std::move((*matched)[i].matches));
    } else {
      matches.push_back(matcher_.match({party.name, party.country, party.type}, request.match,
                                       nullptr, &summary));
    }
    for (const PartyMatch& m : matches.back()) result.party_matches.push_back({i, m});
  }

  // Items are parsed in full before any is classified: a classification points at its item.
  std::vector<rules::ItemSpec> items;
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    items.push_back(
        rules::parse_item(request.items[i], "items[" + std::to_string(i) + "]", rule_set));
  }
  std::vector<rules::Classification> classifications;
  for (std::size_t i = 0; i < items.size(); ++i) {
    classifications.push_back(rules::classify(items[i], request.as_of, request.locale, rule_set));
    JsonWriter w;
    rules::write_json(w, classifications.back(), rule_set, i);
    result.classifications.push_back(std::move(w).take());
  }

  rules::DealOutcome outcome =
      rules::apply_rules({request, items, classifications, matches, result.lists}, rule_set);
  result.findings = std::move(outcome.findings);
  result.open_questions = std::move(outcome.open_questions);
  result.license_exceptions = std::move(outcome.license_exceptions);

  for (const Finding& f : result.findings) result.verdict = std::max(result.verdict, f.severity);
  // Most severe first, stable within a severity.
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  return result;
}

}  // namespace exportscreen
