// Screener: holds the lists and turns a request into findings and a verdict.
#include "exportscreen/screen.h"

#include <algorithm>
#include <cstdio>

#include "exportscreen/error.h"
#include "party_rules.h"

namespace exportscreen {

const char* const kNotice =
    "exportscreen is a screening aid, not legal advice. A result depends on the lists and rule "
    "data it names and on the facts entered; confirm every finding with the cited regulation "
    "and your export compliance officer before acting.";

const char* const kRulesVersion = "2026-11-24";

std::string_view to_string(Severity s) noexcept {
  switch (s) {
    case Severity::kClear: return "clear";
    case Severity::kReview: return "review";
    case Severity::kLicenseRequired: return "license_required";
    case Severity::kStop: return "stop";
  }
  return "clear";
}

Screener::Screener() = default;
Screener::~Screener() = default;
Screener::Screener(Screener&&) noexcept = default;
Screener& Screener::operator=(Screener&&) noexcept = default;

const ListInfo& Screener::add_list(ListSnapshot list) {
  lists_.push_back(std::make_unique<ListSnapshot>(std::move(list)));
  matcher_.add(*lists_.back());
  return lists_.back()->info;
}

void Screener::clear_lists() {
  matcher_ = PartyMatcher();
  lists_.clear();
}

std::vector<ListInfo> Screener::lists() const {
  std::vector<ListInfo> out;
  for (const auto& l : lists_) out.push_back(l->info);
  return out;
}

std::vector<PartyMatch> Screener::match(const MatchQuery& query, const MatchOptions& options) const {
  return matcher_.match(query, options);
}

namespace {

std::string score_text(double score) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

Finding party_finding(const Party& party, std::size_t index, const PartyMatch& m) {
  const auto& rule = party_rules::consequence_for(m.entry->source_code);
  Finding f;
  f.check = "parties";
  f.severity = rule.severity;
  f.rule = std::string(rule.rule);
  f.citation = std::string(rule.citation);
  if (!m.entry->federal_register_notice.empty()) {
    f.citation += "; listed " + m.entry->federal_register_notice;
  }
  f.message = "\"" + party.name + "\" matches " + m.entry->source + " entry \"" + m.entry->name +
              "\"" + (m.alias ? " (alias \"" + m.matched_name + "\")" : std::string()) +
              " with score " + score_text(m.score) + ". " + std::string(rule.effect);
  if (!m.entry->license_requirement.empty()) {
    f.message += " License requirement: " + m.entry->license_requirement + ".";
  }
  if (!m.entry->license_policy.empty()) {
    f.message += " License review policy: " + m.entry->license_policy;
  }
  f.next_step = std::string(rule.next_step);
  f.evidence = {{"party", index},
                {"entry_id", m.entry->id},
                {"source", m.entry->source},
                {"entry_name", m.entry->name},
                {"matched_name", m.matched_name},
                {"score", m.score},
                {"federal_register_notice", m.entry->federal_register_notice},
                {"license_requirement", m.entry->license_requirement},
                {"license_policy", m.entry->license_policy}};
  return f;
}

}  // namespace

ScreenResult Screener::screen(const ScreenRequest& request) const {
  if (lists_.empty() && !request.parties.empty()) {
    throw Error(errc::kNoLists, "no restricted-party list is loaded");
  }
  ScreenResult result;
  result.rules_version = kRulesVersion;
  result.as_of = request.as_of;
  result.lists = lists();

  for (std::size_t i = 0; i < request.parties.size(); ++i) {
    const Party& party = request.parties[i];
    const auto matches = matcher_.match({party.name, party.country, party.type}, request.match);
    for (const PartyMatch& m : matches) {
      result.findings.push_back(party_finding(party, i, m));
      result.party_matches.push_back({i, m});
    }
    if (matches.empty()) {
      Finding f;
      f.check = "parties";
      f.severity = Severity::kClear;
      f.rule = "party.no_match";
      f.citation = "Screened against the lists named in this result (\"lists\")";
      f.message = "\"" + party.name + "\" matches no entry of the loaded lists at or above score " +
                  score_text(request.match.min_score) + ".";
      f.next_step =
          "Keep this result with the transaction records. A partial list (such as the built-in "
          "one) cannot clear a party: load the full Consolidated Screening List.";
      f.evidence = {{"party", i}, {"min_score", request.match.min_score}};
      result.findings.push_back(std::move(f));
    }
  }

  // A list that is known to be partial cannot clear anyone: say so in the verdict.
  const bool only_partial = !lists_.empty() && std::all_of(lists_.begin(), lists_.end(), [](const auto& l) {
    return l->info.builtin;
  });
  if (only_partial && !request.parties.empty()) {
    Finding f;
    f.check = "parties";
    f.severity = Severity::kReview;
    f.rule = "lists.partial_coverage";
    f.citation = "Supplement No. 3 to Part 732 (BIS \"Know Your Customer\" guidance): screen all "
                 "parties against the lists of parties of concern";
    f.message =
        "Parties were screened only against the built-in list, a partial selection of Entity "
        "List entries for AI-chip and advanced-computing parties. A party it does not match is "
        "not cleared.";
    f.next_step =
        "Load the full Consolidated Screening List (consolidated.csv from trade.gov) and screen "
        "again.";
    f.evidence = {{"lists", result.lists.size()}};
    result.findings.push_back(std::move(f));
  }

  for (const Finding& f : result.findings) result.verdict = std::max(result.verdict, f.severity);
  // Most severe first, stable within a severity.
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  return result;
}

}  // namespace exportscreen
