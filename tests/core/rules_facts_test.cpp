// The fact table (core/src/rules/facts.h): documented in data/rules/README.md from the table
// itself, every fact declared once, and every declared fact produced by some request.
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "deal_rules.h"
#include "exportscreen/api.h"
#include "rules/facts.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

constexpr const char* kBegin = "<!-- facts:begin (generated from core/src/rules/facts.h) -->\n";
constexpr const char* kEnd = "<!-- facts:end -->\n";

std::string fact_table_markdown() {
  std::string out = "| fact | type | meaning |\n|---|---|---|\n";
  for (const rules::FactDeclaration& d : rules::kFactTable) {
    out += "| `" + std::string(d.name) + "` | " + std::string(rules::to_string(d.type)) + " | " +
           std::string(d.meaning) + " |\n";
  }
  out +=
      "| `end_use.<id>`, `red_flag.<id>` | bool | The answers to the questions of "
      "end-uses.json and red-flags.json; unknown when not given (except those that default "
      "to no) |\n";
  return out;
}

}  // namespace

TEST_CASE("facts: each name is declared once, and the README's table is generated from them") {
  std::set<std::string_view> names;
  for (const rules::FactDeclaration& d : rules::kFactTable) {
    CHECK_MESSAGE(names.insert(d.name).second, "fact " << d.name << " is declared twice");
    CHECK(rules::fact_name(d.id) == d.name);
  }
  const std::string path = std::string(EXPORTSCREEN_RULES_README);
  std::string readme = test::read_file(path);
  const std::size_t begin = readme.find(kBegin);
  const std::size_t end = readme.find(kEnd);
  REQUIRE_MESSAGE((begin != std::string::npos && end != std::string::npos),
                  "data/rules/README.md has no facts:begin/facts:end markers");
  const std::string current =
      readme.substr(begin + std::strlen(kBegin), end - begin - std::strlen(kBegin));
  const std::string expected = fact_table_markdown();
  if (current != expected && std::getenv("EXPORTSCREEN_UPDATE_README")) {
    readme.replace(begin + std::strlen(kBegin), current.size(), expected);
    std::ofstream(path, std::ios::binary) << readme;
    return;
  }
  CHECK_MESSAGE(current == expected,
                "data/rules/README.md's fact table is stale: run the core tests with "
                "EXPORTSCREEN_UPDATE_README=1 to regenerate it");
}

TEST_CASE("facts: every declared fact is produced by some request") {
  Screener s;
  s.add_list(builtin_list());
  std::set<std::string> produced;
  const auto run = [&](const json& request) {
    // The deal evaluation as Screener::screen runs it, to read the facts it built.
    const ScreenRequest r = parse_screen_request(request.dump());
    const rules::RuleSet& rs = rules::builtin_rule_set();
    std::vector<std::vector<PartyMatch>> matches;
    for (const Party& p : r.parties)
      matches.push_back(s.match({p.name, p.country, p.type}, r.match));
    std::vector<rules::ItemSpec> items;
    for (std::size_t i = 0; i < r.items.size(); ++i)
      items.push_back(rules::parse_item(r.items[i], "items[" + std::to_string(i) + "]", rs));
    std::vector<rules::Classification> classifications;
    for (const rules::ItemSpec& item : items)
      classifications.push_back(rules::classify(item, r.as_of, r.locale, rs));
    const std::vector<ListInfo> lists = s.lists();
    const rules::DealOutcome outcome =
        rules::apply_rules({r, items, classifications, matches, lists}, rs);
    for (const std::string& f : outcome.facts_built) produced.insert(f);
  };
  run({{"as_of", "2026-09-01"},
       {"parties",
        {{{"name", "Sugon"},
          {"country", "CN"},
          {"headquarters_country", "CN"},
          {"role", "end_user"}},
         {{"name", "Example Pte Ltd"}, {"country", "SG"}}}},
       {"items", {{{"name", "H100"}, {"quantity", 8}}, {{"tops", {{"fp16", 100}}}}}},
       {"destination", "CN"},
       {"transaction", "export"},
       {"authorization", {{"license", "D123456"}}}});
  run({{"parties", json::array()}});
  for (const rules::FactDeclaration& d : rules::kFactTable) {
    CHECK_MESSAGE(produced.count(std::string(d.name)), "fact " << d.name << " is never produced");
  }
}
