// Screening many rows, each a party on its own (a customer or supplier base): one summary per
// row (verdict, best match, citation), bad rows answered in place (api.h, screen_rows).
#include <algorithm>
#include <string>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/date.h"
#include "exportscreen/diff.h"

namespace exportscreen {
namespace {

using nlohmann::json;

// Rows are screened this many at a time: one request's findings stay small, and the per-request
// work (the deal's facts, the list descriptions) is shared by many rows.
constexpr std::size_t kRowsPerRequest = 1000;

// The fields of a match a row's summary keeps; "strength" when the matcher gives one.
json best_of(const PartyMatch& m) {
  json full = to_json(m);
  json best = {{"entry_id", full["id"]},
               {"name", full["name"]},
               {"matched_name", full["matched_name"]},
               {"alias", full["alias"]},
               {"score", full["score"]},
               {"source", full["source"]},
               {"source_code", full["source_code"]},
               {"list", full["list"]},
               {"country_match", full["country_match"]}};
  if (full.contains("strength")) best["strength"] = full["strength"];
  if (m.list && m.list->delta) {
    const auto& added = m.list->delta->added_keys;
    const bool is_added = std::binary_search(added.begin(), added.end(), list_entry_key(*m.entry));
    best["change"] = is_added ? "added" : "changed";
  }
  return best;
}

// One summary per party of a screened request, in order.
void summarize(const ScreenResult& result, std::vector<json>& out) {
  const std::size_t parties = out.size();
  std::vector<Severity> verdict(parties, Severity::kClear);
  std::vector<const Finding*> first(parties, nullptr);  // the most severe finding about it
  std::vector<std::vector<std::string>> rules(parties);
  const auto note = [&](std::size_t p, const Finding& f) {
    verdict[p] = std::max(verdict[p], f.severity);
    if (!first[p]) first[p] = &f;  // findings come most severe first
    if (std::find(rules[p].begin(), rules[p].end(), f.rule) == rules[p].end())
      rules[p].push_back(f.rule);
  };
  for (const Finding& f : result.findings) {
    const auto it = f.subject.find("party");
    if (it != f.subject.end() && it->is_number_unsigned()) {
      const auto p = it->get<std::size_t>();
      if (p < parties) note(p, f);
    } else {
      for (std::size_t p = 0; p < parties; ++p) note(p, f);  // about the whole request
    }
  }
  std::vector<std::size_t> matches(parties, 0);
  std::vector<const PartyMatch*> best(parties, nullptr);
  std::vector<json> entries(parties, json::array());
  for (const PartyMatchResult& pm : result.party_matches) {
    if (pm.party >= parties) continue;
    if (matches[pm.party]++ == 0) best[pm.party] = &pm.match;  // best first
    entries[pm.party].push_back({{"entry_id", pm.match.entry->id},
                                 {"source_code", pm.match.entry->source_code},
                                 {"score", pm.match.score}});
  }
  for (std::size_t p = 0; p < parties; ++p) {
    json row = {{"verdict", verdict_name(verdict[p], result.lists)},
                {"matches", matches[p]},
                {"best", best[p] ? best_of(*best[p]) : json(nullptr)},
                {"rule", first[p] ? json(first[p]->rule) : json(nullptr)},
                {"citation", first[p] ? json(first[p]->citation) : json(nullptr)},
                {"rules", rules[p]},
                {"entries", std::move(entries[p])}};
    out[p] = std::move(row);
  }
}

}  // namespace

json screen_rows(const Screener& screener, const json& rows, const json& options) {
  if (!rows.is_array()) throw Error(errc::kInvalidRequest, "the rows must be an array");
  if (!options.is_object()) throw Error(errc::kInvalidRequest, "the row options must be an object");
  for (const auto& [key, value] : options.items()) {
    static const std::vector<std::string_view> kKnown = {
        "min_score", "preset", "limit", "sources", "programs", "countries", "as_of", "locale"};
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
      throw Error(errc::kInvalidRequest,
                  "unknown field \"" + std::string(utf8_prefix(key, 40)) + "\" in the row options");
    }
  }
  ScreenRequest base;
  base.explain = false;  // a summary keeps the verdict, the rule and its citation
  base.match = parse_options(options, "", MatchOptions{});
  base.as_of = options.contains("as_of") && options["as_of"].is_string()
                   ? require_date(options["as_of"].get<std::string>(), "as_of")
                   : today_utc();
  if (options.contains("as_of") && !options["as_of"].is_string())
    throw Error(errc::kInvalidRequest, "as_of must be a string");
  if (options.contains("locale")) base.locale = require_locale(options["locale"], "locale");
  if (!rows.empty() && screener.lists().empty())
    throw Error(errc::kNoLists, "no restricted-party list is loaded");

  json out = json::array();
  std::vector<std::size_t> index;  // row of each party of the request being built
  ScreenRequest request = base;
  const auto flush = [&] {
    if (request.parties.empty()) return;
    std::vector<json> summaries(request.parties.size());
    summarize(screener.screen(request), summaries);
    for (std::size_t k = 0; k < index.size(); ++k) out[index[k]] = std::move(summaries[k]);
    request.parties.clear();
    index.clear();
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(nullptr);
    try {
      request.parties.push_back(parse_party(rows[i], "row"));
      index.push_back(i);
    } catch (const Error& e) {
      out[i] = error_json(e.code(), e.what());  // a bad row is answered in its place
    }
    if (request.parties.size() == kRowsPerRequest) flush();
  }
  flush();
  return out;
}

std::string screen_rows_json(const Screener& screener, std::string_view rows_json,
                             std::string_view options_json) {
  return guarded([&] {
    const json rows = parse_request_json(rows_json, "the rows");
    const json options =
        options_json.empty() ? json::object() : parse_request_json(options_json, "the row options");
    return dump({{"rows", screen_rows(screener, rows, options)}});
  });
}

}  // namespace exportscreen
