// Comparing two versions of a list (diff.h) and the delta screening built on it: what is added,
// removed and changed, what is not (reordered records, reordered aliases), and that screening
// against the changed entries gives exactly what a full screening gives on those entries.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "exportscreen/diff.h"
#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "exportscreen/screen.h"
#include "test_support.h"

using namespace exportscreen;
using exportscreen::test::fixture;
using exportscreen::test::labelled;
using nlohmann::json;

namespace {

std::vector<const ListSnapshot*> one(const ListSnapshot& l) { return {&l}; }

// "added Huawei ...": the change lines of a diff, in order.
std::vector<std::string> lines(const ListDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) {
    std::string line = std::string(to_string(c.kind)) + " " + c.entry->name;
    for (const auto& f : c.fields) line += " " + f;
    out.push_back(line);
  }
  return out;
}

// The matches of a screening as comparable values: the entry (of the new list), score, matched
// name, alias, country match.
struct Seen {
  const ListEntry* entry;
  double score;
  std::string matched_name;
  bool alias;
  bool country_match;
  bool operator==(const Seen& o) const {
    return entry == o.entry && score == o.score && matched_name == o.matched_name &&
           alias == o.alias && country_match == o.country_match;
  }
};

// For every query: screening against the delta lists must give the full screening's matches on
// the delta's entries, with the same scores and in the same order, at any limit. Returns how
// many queries found something in the delta (so a test can check it tested something).
std::size_t check_delta_equals_restricted_full(const ListSnapshot& before,
                                               const ListSnapshot& after,
                                               const std::vector<MatchQuery>& queries,
                                               double min_score) {
  const ListDiff diff = diff_lists(one(before), one(after));
  PartyMatcher full;
  full.add(after);
  const std::vector<ListSnapshot> delta = delta_lists(one(before), one(after), diff);
  PartyMatcher changed;
  for (const auto& l : delta) changed.add(l);
  changed.weigh_words_by(after);
  // Weighed by the full screening's index instead of the list: the same statistics.
  PartyMatcher changed_by_index;
  for (const auto& l : delta) changed_by_index.add(l);
  changed_by_index.weigh_words_by(full);
  // The delta's entries are copies of the new list's, in its order: map them back.
  std::vector<const ListEntry*> originals;
  for (const auto& c : diff.changes) {
    if (c.kind != EntryChangeKind::kRemoved) originals.push_back(c.entry);
  }
  std::sort(originals.begin(), originals.end());  // the new list's order (one vector)
  std::map<const ListEntry*, const ListEntry*> original_of;
  REQUIRE(delta[0].entries.size() == originals.size());
  for (std::size_t i = 0; i < originals.size(); ++i)
    original_of[&delta[0].entries[i]] = originals[i];

  std::size_t found = 0;
  for (const MatchQuery& q : queries) {
    MatchOptions all;
    all.min_score = min_score;
    all.limit = 1000;
    // Matches at or above the threshold, and the leads below it (distinctive words, acronyms),
    // which rank after every match (strong first, then by score).
    std::vector<Seen> restricted, restricted_leads;
    for (const auto& m : full.match(q, all)) {
      if (!std::binary_search(originals.begin(), originals.end(), m.entry)) continue;
      (m.score < min_score ? restricted_leads : restricted)
          .push_back({m.entry, m.score, m.matched_name, m.alias, m.country_match});
    }
    const auto seen = [&](const std::vector<PartyMatch>& matches, std::vector<Seen>* leads) {
      std::vector<Seen> out;
      for (const auto& m : matches) {
        const Seen s{original_of.at(m.entry), m.score, m.matched_name, m.alias, m.country_match};
        if (m.score >= min_score) {
          out.push_back(s);
        } else if (leads) {
          leads->push_back(s);
        }
      }
      return out;
    };
    std::vector<Seen> leads, leads_by_index;
    const std::vector<Seen> got = seen(changed.match(q, all), &leads);
    CHECK_MESSAGE(got == restricted, "query: " << q.name);
    CHECK_MESSAGE(seen(changed_by_index.match(q, all), &leads_by_index) == got,
                  "query: " << q.name);
    CHECK(leads_by_index == leads);
    // Every lead of the full screening is a lead of the delta, with the same score; the delta
    // may list more (the full screening scores only the shortest of the names holding a brand).
    for (const Seen& l : restricted_leads) {
      CHECK_MESSAGE(std::find(leads.begin(), leads.end(), l) != leads.end(),
                    "lead of " << q.name << ": " << l.matched_name);
    }
    // With a limit the delta gives the first matches of the restricted full screening.
    MatchOptions three = all;
    three.limit = 3;
    const std::vector<Seen> first = seen(changed.match(q, three), nullptr);
    CHECK(first == std::vector<Seen>(restricted.begin(),
                                     restricted.begin() + std::min<std::size_t>(3, first.size())));
    CHECK(first.size() == std::min<std::size_t>(3, restricted.size()));
    found += !got.empty();
  }
  return found;
}

// Queries from a list's own names and aliases, misspelt and changed, plus look-alikes.
std::vector<MatchQuery> queries_from(const ListSnapshot& l) {
  std::vector<MatchQuery> out;
  for (const auto& e : l.entries) {
    std::vector<std::string> names = {e.name};
    names.insert(names.end(), e.alt_names.begin(), e.alt_names.end());
    for (const auto& n : names) {
      out.push_back({n, "", NameKind::kUnknown});
      if (n.size() > 6) {
        std::string typo = n;
        std::swap(typo[2], typo[3]);
        out.push_back({typo, "", NameKind::kUnknown});
        out.push_back({n.substr(0, n.size() / 2), "", NameKind::kOrganization});
      }
      if (!e.addresses.empty() && !e.addresses[0].country.empty())
        out.push_back({n, e.addresses[0].country, NameKind::kUnknown});
    }
  }
  for (const char* n : {"Acme Widgets", "Huawei", "Bank", "Technology Co Ltd", "John Smith"})
    out.push_back({n, "", NameKind::kUnknown});
  return out;
}

}  // namespace

TEST_CASE("diff: added, removed and changed entries, each changed field named") {
  const ListSnapshot before = load_list(fixture("csl-sample.csv"), labelled("old"));
  const ListSnapshot after = load_list(fixture("diff/csl-new.csv"), labelled("new"));
  const ListDiff d = diff_lists(one(before), one(after));
  // tests/fixtures/README.md lists the edits of csl-new.csv.
  CHECK(lines(d) == std::vector<std::string>{
                        "added Huawei Technologies Co., Ltd.",
                        "changed Afghan-German Construction Company federal_register_notice",
                        "changed Abdul Satar Ghoura addresses",
                        "changed VTB BANK PUBLIC JOINT STOCK COMPANY alt_names",
                        "removed Gucheng Xian Fengxin Titanium Alloy, Xiyuan Industrial District, "
                        "Gucheng County, Hebei Province, Hengshui City, China 253800"});
  CHECK(d.added == 1);
  CHECK(d.removed == 1);
  CHECK(d.changed == 3);
  CHECK(d.unchanged == 8);  // every one of them moved: the new file is in reverse order
  CHECK(d.before_entries == 12);
  CHECK(d.after_entries == 12);
  const EntryChange& vtb = d.changes[3];
  REQUIRE(vtb.previous);
  CHECK(vtb.previous->alt_names[0] == "JSC VTB BANK");
  CHECK(vtb.entry->alt_names[0] == "VTB BANK JSC");
  CHECK(vtb.list == &after.info);
  CHECK(d.changes[4].list == &before.info);  // a removed entry points into the old list
}

TEST_CASE("diff: the same list, reordered, is unchanged; so are reordered aliases") {
  const ListSnapshot a = load_list(fixture("csl-sample.csv"));
  CHECK(diff_lists(one(a), one(a)).changes.empty());
  ListSnapshot b = a;
  std::reverse(b.entries.begin(), b.entries.end());
  for (auto& e : b.entries) std::reverse(e.alt_names.begin(), e.alt_names.end());
  for (auto& e : b.entries) std::reverse(e.addresses.begin(), e.addresses.end());
  const ListDiff d = diff_lists(one(a), one(b));
  CHECK(d.changes.empty());
  CHECK(d.unchanged == a.entries.size());
}

TEST_CASE("diff: every field of an entry counts, and the JSON line names it") {
  const ListSnapshot a = load_list(fixture("csl-sample.csv"));
  ListSnapshot b = a;
  b.entries[0].name += " X";
  b.entries[1].type = PartyType::kEntity;
  b.entries[2].programs.push_back("NEW-PROGRAM");
  b.entries[3].remarks = "changed";
  b.entries[4].license_policy = "Policy of denial.";
  b.entries[5].nationalities.push_back("AF");
  b.entries[6].end_date = "2030-01-01";
  b.entries[7].standard_order = "Y";
  b.entries[8].license_requirement = "All items.";
  b.entries[9].dates_of_birth.push_back("1970");
  b.entries[10].start_date = "2001-01-01";
  b.entries[11].source_information_url = "https://example.org";
  const ListDiff d = diff_lists(one(a), one(b));
  REQUIRE(d.changes.size() == 12);
  std::vector<std::string> fields;
  for (const auto& c : d.changes) {
    REQUIRE(c.fields.size() == 1);
    fields.push_back(c.fields[0]);
  }
  CHECK(fields == std::vector<std::string>{"name", "type", "programs", "remarks", "license_policy",
                                           "nationalities", "end_date", "standard_order",
                                           "license_requirement", "dates_of_birth", "start_date",
                                           "source_information_url"});
  const json line = to_json(d.changes[0]);
  CHECK(line["change"] == "changed");
  CHECK(line["fields"] == json::array({"name"}));
  CHECK(line["entry"]["name"] == a.entries[0].name + " X");
  CHECK(line["previous"]["name"] == a.entries[0].name);
  CHECK(line["entry"]["id"] == a.entries[0].id);
  CHECK(line["entry"]["source_code"] == "SDN");
}

TEST_CASE(
    "diff: a key on several records pairs identical records first (one party, two addresses)") {
  // The CSL gives an Entity List party listed at two addresses two records with one _id.
  const ListSnapshot a = load_list(fixture("csl-sample.csv"));
  ListSnapshot b = a;
  ListEntry twin = a.entries[4];  // Abdul Satar Ghoura, EL
  twin.addresses = {{"127-128, Times Center, Saddar Road, Peshawar", "PK"}};
  ListSnapshot before = a;
  before.entries.push_back(twin);
  ListSnapshot after = b;
  after.entries.insert(after.entries.begin(), twin);  // the same two records, swapped
  CHECK(diff_lists(one(before), one(after)).changes.empty());
  // A third record of the key is added; the other two stay unchanged.
  ListEntry third = twin;
  third.addresses = {{"Dubai", "AE"}};
  after.entries.push_back(third);
  const ListDiff d = diff_lists(one(before), one(after));
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].kind == EntryChangeKind::kAdded);
  CHECK(d.changes[0].entry->addresses[0].country == "AE");
  // Changing one of them is a change of that one, paired with the record left over.
  after.entries.pop_back();
  after.entries[0].addresses[0].text += ", Khyber Pakhtunkhwa";
  const ListDiff d2 = diff_lists(one(before), one(after));
  REQUIRE(d2.changes.size() == 1);
  CHECK(d2.changes[0].kind == EntryChangeKind::kChanged);
  CHECK(d2.changes[0].previous->addresses[0].text ==
        "127-128, Times Center, Saddar Road, Peshawar");
}

TEST_CASE("diff: keys are the source list and the id: one id in two source lists is two entries") {
  // OFAC gives a party on the SDN and the SSI list the same entity number.
  const ListSnapshot a = load_list(fixture("csl-sample.csv"));
  ListSnapshot b = a;
  ListEntry sdn_twin = a.entries[3];  // VTB, SSI, id 17013
  sdn_twin.source = "Specially Designated Nationals (SDN) - Treasury Department";
  sdn_twin.source_code = "SDN";
  b.entries.push_back(sdn_twin);
  const ListDiff d = diff_lists(one(a), one(b));
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].kind == EntryChangeKind::kAdded);
  CHECK(d.changes[0].entry->source_code == "SDN");
  CHECK(list_entry_key(*d.changes[0].entry) != list_entry_key(a.entries[3]));
}

TEST_CASE("diff: CSL JSON and OFAC sets, through the same loaders") {
  // CSL JSON: one alias renamed, one record dropped (total adjusted).
  json doc = json::parse(fixture("csl-sample.json"));
  const std::string renamed = doc["results"][0]["alt_names"].empty()
                                  ? std::string()
                                  : doc["results"][0]["alt_names"][0].get<std::string>();
  doc["results"][1]["alt_names"].push_back("A NEW ALIAS");
  doc["results"].erase(doc["results"].begin() + 2);
  doc["total"] = doc["results"].size();
  const ListSnapshot a = load_list(fixture("csl-sample.json"));
  const ListSnapshot b = load_list(doc.dump());
  const ListDiff d = diff_lists(one(a), one(b));
  CHECK(d.changed == 1);
  CHECK(d.removed == 1);
  CHECK(d.added == 0);
  CHECK(d.changes[0].fields == std::vector<std::string>{"alt_names"});

  // OFAC: an alias renamed in alt.csv is a change of its entity.
  const std::string sdn = fixture("ofac/sdn.csv"), alt = fixture("ofac/alt.csv");
  std::string alt2 = alt;
  const auto at = alt2.find("AERO-CARIBBEAN");
  REQUIRE(at != std::string::npos);
  alt2.replace(at, 14, "AEROCARIBE SA");
  const ListSnapshot o1 = load_list(std::vector<ListFileBytes>{{"sdn.csv", sdn}, {"alt.csv", alt}});
  const ListSnapshot o2 =
      load_list(std::vector<ListFileBytes>{{"sdn.csv", sdn}, {"alt.csv", alt2}});
  const ListDiff od = diff_lists(one(o1), one(o2));
  REQUIRE(od.changes.size() == 1);
  CHECK(od.changes[0].entry->id == "36");
  CHECK(od.changes[0].fields == std::vector<std::string>{"alt_names"});
}

TEST_CASE("delta lists: the added and changed entries of the new list, in its order, with since") {
  const ListSnapshot before = load_list(fixture("csl-sample.csv"), labelled("old", "2026-11-13"));
  const ListSnapshot after = load_list(fixture("diff/csl-new.csv"), labelled("new", "2026-11-20"));
  const ListDiff d = diff_lists(one(before), one(after));
  const std::vector<ListSnapshot> delta = delta_lists(one(before), one(after), d);
  REQUIRE(delta.size() == 1);
  const ListSnapshot& l = delta[0];
  std::vector<std::string> names;
  for (const auto& e : l.entries) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{
                     "Huawei Technologies Co., Ltd.", "Afghan-German Construction Company",
                     "Abdul Satar Ghoura", "VTB BANK PUBLIC JOINT STOCK COMPANY"});
  CHECK(l.info.label == "new");
  CHECK(l.info.sha256 == after.info.sha256);
  REQUIRE(l.info.delta);
  CHECK(l.info.delta->added == 1);
  CHECK(l.info.delta->changed == 3);
  CHECK(l.info.delta->removed == 1);
  REQUIRE(l.info.delta->since.size() == 1);
  CHECK(l.info.delta->since[0].label == "old");
  CHECK(l.info.delta->since[0].as_of == "2026-11-13");
  CHECK(l.info.delta->since[0].sha256 == before.info.sha256);
  CHECK(l.info.delta->added_keys == std::vector<std::string>{list_entry_key(l.entries[0])});
  const auto described = [](const ListInfo& info) {
    JsonWriter w;
    write_json(w, info);
    return json::parse(std::move(w).take());
  };
  const json j = described(l.info);
  CHECK(j["delta"]["screened"] == 4);
  CHECK(j["delta"]["since"][0]["source"] == "old");
  CHECK_FALSE(described(after.info).contains("delta"));
}

TEST_CASE("delta screening = the full screening restricted to the added and changed entries") {
  const ListSnapshot before = load_list(fixture("csl-sample.csv"), labelled("old"));
  const ListSnapshot after = load_list(fixture("diff/csl-new.csv"), labelled("new"));
  auto queries = queries_from(after);
  const auto old_queries = queries_from(before);  // a removed entry's names find nothing new
  queries.insert(queries.end(), old_queries.begin(), old_queries.end());
  CHECK(check_delta_equals_restricted_full(before, after, queries, 0.85) > 5);
  CHECK(check_delta_equals_restricted_full(before, after, queries, 0.6) > 5);
}

TEST_CASE("delta screening = restricted full screening, on the built-in list with 10 % changed") {
  // The newer list is the built-in one; the earlier lacks every 20th entry and has every 20th
  // (offset 10) with an alias renamed and its Federal Register notice changed.
  const ListSnapshot after = builtin_list();
  ListSnapshot before = after;
  before.entries.clear();
  for (std::size_t i = 0; i < after.entries.size(); ++i) {
    if (i % 20 == 0) continue;
    ListEntry e = after.entries[i];
    if (i % 20 == 10) {
      if (!e.alt_names.empty()) e.alt_names[0] += " Old";
      e.federal_register_notice = "80 FR 1000, 1/2/15";
    }
    before.entries.push_back(e);
  }
  const ListDiff d = diff_lists(one(before), one(after));
  CHECK(d.added == (after.entries.size() + 19) / 20);
  CHECK(d.changed == (after.entries.size() + 9) / 20);
  CHECK(d.removed == 0);
  const std::size_t found =
      check_delta_equals_restricted_full(before, after, queries_from(after), 0.75);
  CHECK(found > 20);
}

TEST_CASE("delta screening = restricted full screening, on the full CSL with 1 % changed" *
          doctest::skip(exportscreen::test::shared_absent("lists/consolidated.csv"))) {
  const ListSnapshot after = load_list(
      exportscreen::test::read_file(exportscreen::test::shared_data("lists/consolidated.csv")));
  ListSnapshot before = after;
  before.entries.clear();
  for (std::size_t i = 0; i < after.entries.size(); ++i) {
    if (i % 100 == 0) continue;
    ListEntry e = after.entries[i];
    if (i % 100 == 50) e.addresses.clear();
    if (i % 100 == 51) e.alt_names.push_back("Old Alias " + std::to_string(i));
    before.entries.push_back(e);
  }
  // Queries: the names of every 50th entry and their misspellings, and 200 of the delta's.
  ListSnapshot sample;
  for (std::size_t i = 0; i < after.entries.size(); i += 50)
    sample.entries.push_back(after.entries[i]);
  for (std::size_t i = 1; i < after.entries.size(); i += 100)
    sample.entries.push_back(after.entries[i]);
  const std::size_t found =
      check_delta_equals_restricted_full(before, after, queries_from(sample), 0.85);
  CHECK(found > 100);
}

TEST_CASE("delta screening: a party with no new match is unchanged, never clear") {
  // Lists holding every CSL source: a partial list never clears, nor says unchanged.
  const ListSnapshot before = load_list(fixture("csl-complete.csv"), labelled("old", "2026-11-13"));
  const ListSnapshot after = load_list(fixture("diff/csl-new-complete.csv"), labelled("new"));
  Screener s;
  for (auto& l : delta_lists(one(before), one(after), diff_lists(one(before), one(after))))
    s.add_list(std::move(l));
  // ADT (DPL) is on both lists, unchanged: no new match.
  const json r = json::parse(screen_json(
      s,
      R"({"parties":[{"name":"ADT Analog and Digital Technik"},{"name":"Huawei Technologies Co Ltd"}]})"));
  CHECK(r["verdict"] == "license_required");  // Huawei was added to the list
  bool unchanged_finding = false;
  for (const auto& f : r["findings"]) {
    CHECK(f["rule"] != "party.no_match");
    if (f["rule"] == "party.no_new_match") {
      unchanged_finding = true;
      CHECK(f["subject"]["party"] == 0);
      CHECK(f["message"].get<std::string>().find("old of 2026-11-13") != std::string::npos);
    }
  }
  CHECK(unchanged_finding);
  const json only =
      json::parse(screen_json(s, R"({"parties":[{"name":"ADT Analog and Digital Technik"}]})"));
  CHECK(only["verdict"] == "unchanged");
  CHECK(only["lists"][0]["delta"]["screened"] == 4);

  const json rows = json::parse(screen_rows_json(
      s,
      R"([{"name":"ADT Analog and Digital Technik"},{"name":"Huawei Technologies"},{"name":"VTB Bank JSC"},{"name":""}])",
      ""))["rows"];
  CHECK(rows[0]["verdict"] == "unchanged");
  CHECK(rows[0]["rule"] == "party.no_new_match");
  CHECK(rows[1]["verdict"] == "license_required");
  CHECK(rows[1]["best"]["change"] == "added");
  CHECK(rows[2]["best"]["change"] == "changed");  // its alias was renamed
  CHECK(rows[3]["error"]["code"] == "invalid_request");
}

TEST_CASE("screen_rows: one summary per row, the verdict, best match and citation of the rules") {
  Screener s;
  s.add_list(load_list(fixture("csl-complete.csv"), labelled("sample")));
  const json out = json::parse(screen_rows_json(
      s,
      R"([{"name":"ADT Analog and Digital Technik","country":"DE"},{"name":"Acme Widgets Ltd"},
          {"name":"VTB Bank","type":"organization"},{"name":"x","country":"QQ"},{"nom":"x"},
          {"name":"Abdul Satar Ghoura","type":"person"}])",
      R"({"min_score":0.85,"as_of":"2026-11-01"})"));
  const json& rows = out["rows"];
  REQUIRE(rows.size() == 6);
  CHECK(rows[0]["verdict"] == "stop");
  CHECK(rows[0]["rule"] == "party.denied_persons");
  CHECK(rows[0]["citation"].get<std::string>().find("15 CFR 764.3") == 0);
  CHECK(rows[0]["best"]["source_code"] == "DPL");
  CHECK(rows[0]["best"]["country_match"] == true);
  CHECK(rows[0]["entries"][0]["source_code"] == "DPL");
  CHECK(rows[1]["verdict"] == "clear");
  CHECK(rows[1]["rule"] == "party.no_match");
  CHECK(rows[1]["best"].is_null());
  CHECK(rows[1]["matches"] == 0);
  CHECK(rows[2]["verdict"] == "review");  // SSI
  CHECK(rows[3]["error"]["code"] == "invalid_country");
  CHECK(rows[4]["error"]["code"] == "invalid_request");
  CHECK(rows[5]["verdict"] == "license_required");
  CHECK(rows[5]["rules"] == json::array({"party.entity_list"}));
  // The same verdicts, rules and best matches as screening each row as a request of its own.
  const json input = json::parse(
      R"([{"name":"ADT Analog and Digital Technik","country":"DE"},{"name":"Acme Widgets Ltd"},
          {"name":"VTB Bank","type":"organization"},{"name":"Abdul Satar Ghoura","type":"person"}])");
  const std::vector<std::size_t> at = {0, 1, 2, 5};
  for (std::size_t k = 0; k < at.size(); ++k) {
    const json request = {{"as_of", "2026-11-01"}, {"parties", json::array({input[k]})}};
    const json alone = json::parse(screen_json(s, request.dump()));
    CHECK(alone["verdict"] == rows[at[k]]["verdict"]);
    CHECK(alone["findings"][0]["rule"] == rows[at[k]]["rule"]);
    CHECK(alone["findings"][0]["citation"] == rows[at[k]]["citation"]);
    CHECK(alone["party_matches"].size() == rows[at[k]]["matches"]);
  }
  // The compact form: each distinct summary once, each row the index of its own.
  const json compact = json::parse(screen_rows_json(
      s, R"([{"name":"Acme Widgets Ltd"},{"name":"x","country":"QQ"},{"name":"Other Name Inc"},
             {"name":"ADT Analog and Digital Technik"},{"name":"x","country":"QQ"}])",
      R"({"compact":true})"));
  CHECK(compact["rows"] == json::array({0, 1, 0, 2, 1}));
  REQUIRE(compact["summaries"].size() == 3);
  CHECK(compact["summaries"][0]["verdict"] == "clear");
  CHECK(compact["summaries"][1]["error"]["code"] == "invalid_country");
  CHECK(compact["summaries"][2]["verdict"] == "stop");
  CHECK(json::parse(screen_rows_json(s, "[]", R"({"compact":1})"))["error"]["code"] ==
        "invalid_request");
  CHECK(json::parse(screen_rows_json(s, "{}", ""))["error"]["code"] == "invalid_request");
  CHECK(json::parse(screen_rows_json(s, "[]", R"({"limit":0})"))["error"]["code"] ==
        "invalid_request");
  CHECK(json::parse(screen_rows_json(s, "[]", R"({"frobnicate":1})"))["error"]["code"] ==
        "invalid_request");
  CHECK(json::parse(screen_rows_json(Screener(), R"([{"name":"x"}])", ""))["error"]["code"] ==
        "no_lists");
}

TEST_CASE("screen_rows: a name with invisible characters never shares a summary (regression)") {
  // Rows without a match shared the summary of the first such row of their role and countries,
  // whatever its name: its party.invisible_characters finding went to every row after it, or
  // a later row with invisible characters lost its own.
  Screener s;
  s.add_list(load_list(fixture("csl-complete.csv"), labelled("sample")));
  const json rows = json::parse(
      screen_rows_json(s,
                       "[{\"name\":\"Acme\xE2\x80\x8B Widgets Ltd\"},{\"name\":\"Other Name Inc\"},"
                       "{\"name\":\"Third\xE2\x80\x8D Name Ltd\"},{\"name\":\"Fourth Name Ltd\"}]",
                       ""))["rows"];
  REQUIRE(rows.size() == 4);
  const auto has_rule = [&](std::size_t i) {
    const json& r = rows[i]["rules"];
    return std::find(r.begin(), r.end(), "party.invisible_characters") != r.end();
  };
  CHECK(has_rule(0));
  CHECK_FALSE(has_rule(1));
  CHECK(has_rule(2));
  CHECK_FALSE(has_rule(3));
  CHECK(rows[1] == rows[3]);
}
