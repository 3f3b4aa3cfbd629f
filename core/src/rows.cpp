// Screening many rows, each a party on its own (a customer or supplier base): one summary per
// row (verdict, best match, citation), bad rows answered in place (api.h, screen_rows).
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/date.h"
#include "exportscreen/diff.h"
#include "exportscreen/unicode.h"
#include "request_fields.h"
#include "row_screening.h"
#include "rules/rule_set.h"

namespace exportscreen {
namespace {

using nlohmann::json;

// Whether a rule could tell two parties apart by their name or place in the request alone:
// a condition or a citation that reads party.name, party.name_shown, party.invisible (which
// names the invisible characters and their places) or party.index. The rule data has none, so a
// row without a match gets the verdict, rule and citation of any row without a match that has
// the same role, countries and number of invisible characters in its name
// (party.invisible_count, which the rule party.invisible_characters reads), and the engine runs
// once for them all (below).
bool rules_read_party_name() {
  const auto reads = [](const rules::Condition& c, const auto& self) -> bool {
    if (c.kind == rules::Condition::Kind::kCompare)
      return c.fact == "party.name" || c.fact == "party.name_shown" ||
             c.fact == "party.invisible" || c.fact == "party.index";
    for (const auto& child : c.children) {
      if (self(child, self)) return true;
    }
    return false;
  };
  for (const rules::Rule& r : rules::builtin_rule_set().rules) {
    if (reads(r.when, reads) || r.citation_suffix.find("{party.") != std::string::npos) return true;
  }
  return false;
}

// The fields of a match a row's summary keeps.
json best_of(const PartyMatch& m) {
  json best = {{"entry_id", m.entry->id},
               {"name", m.entry->name},
               {"matched_name", m.matched_name},
               {"alias", m.alias},
               {"score", m.score},
               {"source", m.entry->source},
               {"source_code", m.entry->source_code},
               {"list", m.list->label},
               {"country_match", m.country_match},
               {"strength", to_string(m.strength)}};
  if (m.list && m.list->delta) best["change"] = delta_change(m);
  return best;
}

// The summary of one party screened as a request of its own (each row is its own screening),
// with its matches when they were found already.
json screen_one(const Screener& screener, const ScreenRequest& base, Party party,
                std::vector<Screener::PartyMatches>* matched = nullptr) {
  ScreenRequest request = base;
  request.parties.push_back(std::move(party));
  const ScreenResult result = screener.screen(request, matched);
  Severity verdict = Severity::kClear;
  const Finding* first = nullptr;  // the most severe finding (findings come most severe first)
  std::vector<std::string> rules;
  for (const Finding& f : result.findings) {
    verdict = std::max(verdict, f.severity);
    if (!first) first = &f;
    if (std::find(rules.begin(), rules.end(), f.rule) == rules.end()) rules.push_back(f.rule);
  }
  json entries = json::array();
  for (const PartyMatchResult& pm : result.party_matches) {
    entries.push_back({{"entry_id", pm.match.entry->id},
                       {"source_code", pm.match.entry->source_code},
                       {"score", pm.match.score}});
  }
  return {{"verdict", verdict_name(verdict, result.lists)},
          {"matches", result.party_matches.size()},
          {"best", result.party_matches.empty() ? json(nullptr)
                                                : best_of(result.party_matches.front().match)},
          {"rule", first ? json(first->rule) : json(nullptr)},
          {"citation", first ? json(first->citation) : json(nullptr)},
          {"rules", rules},
          {"entries", entries}};
}

}  // namespace

RowScreening::RowScreening(const Screener& screener, const json& options, bool any_rows)
    : screener_(screener) {
  if (!options.is_object()) throw Error(errc::kInvalidRequest, "the row options must be an object");
  for (const auto& [key, value] : options.items()) {
    // "compact" is the JSON-text entry point's (screen_rows_json takes it out before this).
    if (key == "compact" || std::find(fields::kRowOptions.begin(), fields::kRowOptions.end(),
                                      key) == fields::kRowOptions.end()) {
      throw Error(errc::kInvalidRequest,
                  "unknown field \"" + std::string(utf8_prefix(key, 40)) + "\" in the row options");
    }
  }
  base_.explain = false;  // a summary keeps the verdict, the rule and its citation
  base_.match = parse_options(options, "", MatchOptions{});
  base_.as_of = options.contains("as_of") && options["as_of"].is_string()
                    ? require_date(options["as_of"].get<std::string>(), "as_of")
                    : today_utc();
  if (options.contains("as_of") && !options["as_of"].is_string())
    throw Error(errc::kInvalidRequest, "as_of must be a string");
  if (options.contains("locale")) base_.locale = require_locale(options["locale"], "locale");
  if (any_rows && screener.lists().empty())
    throw Error(errc::kNoLists, "no restricted-party list is loaded");
  static const bool memo_allowed = !rules_read_party_name();
  memo_allowed_ = memo_allowed;
}

std::string_view delta_change(const PartyMatch& m) {
  if (!m.list || !m.list->delta) return "changed";
  const auto& added = m.list->delta->added_keys;
  return std::binary_search(added.begin(), added.end(), list_entry_key(*m.entry)) ? "added"
                                                                                  : "changed";
}

std::vector<PartyMatch> RowScreening::match(const Party& party) const {
  return screener_.match({party.name, party.country, party.type}, base_.match);
}

const json& RowScreening::screen(const Party& party, bool* shared) {
  std::vector<Screener::PartyMatches> matched(1);
  matched[0].matches =
      screener_.match({party.name, party.country, party.type}, base_.match, &matched[0].counts);
  if (matched[0].matches.empty()) return summary(party, shared);
  if (shared) *shared = false;
  matched_ = screen_one(screener_, base_, party, &matched);  // matched once
  return matched_;
}

// A row without a match gets the summary of the first row without a match of its role,
// countries and count of invisible characters (what the rules read of it;
// rules_read_party_name() says they read nothing else).
const json& RowScreening::summary(const Party& party, bool* shared) {
  if (shared) *shared = memo_allowed_;
  if (!memo_allowed_) {
    matched_ = screen_one(screener_, base_, party);
    return matched_;
  }
  // The key in one reused buffer: a row without a match costs no allocation here.
  key_.assign(party.role).append(1, '\0').append(party.country).append(1, '\0');
  key_.append(party.headquarters_country).append(1, '\0');
  key_.append(std::to_string(find_invisible(party.name).size()));
  auto it = no_match_.find(key_);
  if (it == no_match_.end())
    it = no_match_.emplace(key_, screen_one(screener_, base_, party)).first;
  return it->second;
}

json screen_rows(const Screener& screener, const json& rows, const json& options) {
  if (!rows.is_array()) throw Error(errc::kInvalidRequest, "the rows must be an array");
  RowScreening screening(screener, options, !rows.empty());
  json out = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Party party;
    try {
      party = parse_party(rows[i], "row");
    } catch (const Error& e) {
      out.push_back(error_json(e.code(), e.what()));  // a bad row is answered in its place
      continue;
    }
    out.push_back(screening.screen(party));
  }
  return out;
}

std::string screen_rows_json(const Screener& screener, std::string_view rows_json,
                             std::string_view options_json) {
  return guarded([&] {
    const json rows = parse_rows_json(rows_json);
    json options =
        options_json.empty() ? json::object() : parse_request_json(options_json, "the row options");
    bool compact = false;
    if (options.is_object() && options.contains("compact")) {
      if (!options["compact"].is_boolean())
        throw Error(errc::kInvalidRequest, "compact must be true or false");
      compact = options["compact"].get<bool>();
      options.erase("compact");
    }
    const json out = screen_rows(screener, rows, options);
    if (!compact) return dump({{"rows", out}});
    // Each distinct summary once, and each row the index of its summary: most rows of a customer
    // base share one (no match), and a caller then decodes it once, not once a row.
    std::unordered_map<std::string, std::size_t> index_of;
    std::string summaries = "[", indices = "[";
    for (const json& row : out) {
      const auto [it, inserted] = index_of.emplace(dump(row), index_of.size());
      if (inserted) {
        if (it->second) summaries += ',';
        summaries += it->first;
      }
      if (indices.size() > 1) indices += ',';
      indices += std::to_string(it->second);
    }
    return "{\"rows\":" + indices + "],\"summaries\":" + summaries + "]}";
  });
}

}  // namespace exportscreen
