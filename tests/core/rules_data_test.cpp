// The rule data is validated when it is loaded: the built-in files load, and each kind of broken
// file is an error naming the file and the entry, never a silently skipped rule.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/error.h"
#include "exportscreen/screen.h"
#include "rules/rule_pack.h"
#include "rules/rule_set.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

// Loads the built-in files after `edit`; returns the error message, or "" if they loaded.
std::string load_error(const std::function<void(json&)>& edit) {
  json files = rules::builtin_rule_files();
  edit(files);
  try {
    rules::load_rule_set(files);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

json& rule(json& files, const std::string& file, const std::string& id) {
  for (json& r : files[file]["rules"]) {
    if (r["id"] == id) return r;
  }
  throw std::runtime_error("no rule " + id);
}

bool mentions(const std::string& message, const std::string& a, const std::string& b = "") {
  return message.find(a) != std::string::npos && message.find(b) != std::string::npos;
}

// What the build embeds (core/gen/embed-rules.mjs) is each file as its JSON text parses, less the
// "about" texts: removes them from `v`.
void strip_about(json& v) {
  if (v.is_object()) v.erase("about");
  if (v.is_structured()) {
    for (json& e : v) strip_about(e);
  }
}

}  // namespace

TEST_CASE("rule data: the rule files the library carries are data/rules/*.json, value for value") {
  const json& packed = rules::builtin_rule_files();
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(EXPORTSCREEN_RULES_DIR)) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    names.insert(name);
    REQUIRE(packed.contains(name));
    json expected = json::parse(test::read_file(entry.path().string()));
    strip_about(expected);
    CHECK(packed[name] == expected);
    // Same types too (== compares 5 and 5.0 equal): integers stay integers, fractions doubles.
    CHECK(packed[name].dump() == expected.dump());
  }
  CHECK(names.size() == packed.size());
  CHECK(names.size() == 15);
}

TEST_CASE("rule data: the built-in files load and name their version and date") {
  const rules::RuleSet& rs = rules::builtin_rule_set();
  CHECK(rs.rules_version.size() == 10);
  CHECK(rs.rules_date == "2026-09-01");
  CHECK(rs.notice.en.find("not legal advice") != std::string::npos);
  CHECK(rs.chips.size() == 46);
  CHECK(rs.red_flags.size() == 21);
  CHECK(rs.end_uses.size() == 11);
  CHECK(rs.rules.size() > 60);
}

TEST_CASE("rule data: the rule set the engine reads from its pack is the one the files load to") {
  // The build loads and validates data/rules/ and packs the result (core/gen/prebuild.cpp);
  // builtin_rule_set() reads the pack. Field for field, the two must be equal.
  const rules::RuleSet loaded = rules::load_rule_set(rules::builtin_rule_files());
  CHECK(rules::builtin_rule_set() == loaded);

  // And a changed rule set is packed as changed: each kind of field comes back as written.
  json files = rules::builtin_rule_files();
  json& r = files["rules-parties.json"]["rules"][0];
  r["citation"] = "15 CFR 744.11 (edited)";
  r["message"]["zh"] = "已编辑";
  files["chips.json"]["chips"][0]["figures"]["fp16"]["value"] = 1234.5;
  const rules::RuleSet edited = rules::load_rule_set(files);
  REQUIRE_FALSE(edited == loaded);
  const std::string pack = rules::pack_rule_set(edited);
  CHECK(pack != rules::pack_rule_set(loaded));
  const rules::RuleSet back = rules::unpack_rule_set(pack);
  CHECK(back == edited);
  const rules::Rule* changed = back.rule(r["id"].get<std::string>());
  REQUIRE(changed);
  CHECK(changed->citation == "15 CFR 744.11 (edited)");
  CHECK(changed->message.zh == "已编辑");
  REQUIRE(back.chips[0].figure("fp16"));
  CHECK(back.chips[0].figure("fp16")->value == 1234.5);
}

TEST_CASE("rule data: a damaged pack is an internal error, never a partial rule set") {
  const std::string pack = rules::pack_rule_set(rules::builtin_rule_set());
  const auto refused = [](const std::string& bytes) {
    try {
      rules::unpack_rule_set(bytes);
    } catch (const Error& e) {
      return e.code() == errc::kInternal &&
             std::string(e.what()).find("rule pack is damaged") != std::string::npos;
    }
    return false;
  };
  CHECK(refused(""));
  CHECK(refused("ESRULES"));
  CHECK(refused("XSRULES" + pack.substr(7)));                   // another magic
  CHECK(refused(pack.substr(0, 7) + "\x01" + pack.substr(8)));  // another format
  CHECK(refused(pack + "x"));                                   // bytes after the rule set
  // Cut anywhere: at 400 places spread over the pack, and in its last 16 bytes.
  for (std::size_t i = 1; i <= 400; ++i) {
    const std::size_t cut = pack.size() * i / 401;
    CAPTURE(cut);
    CHECK(refused(pack.substr(0, cut)));
  }
  for (std::size_t cut = pack.size() - 16; cut < pack.size(); ++cut) {
    CAPTURE(cut);
    CHECK(refused(pack.substr(0, cut)));
  }
}

TEST_CASE("rule data: every rule carries a citation, a source, dates and both languages") {
  for (const rules::Rule& r : rules::builtin_rule_set().rules) {
    CAPTURE(r.id);
    CHECK(!r.citation.empty());
    CHECK(r.source_url.rfind("https://", 0) == 0);
    CHECK(!r.message.en.empty());
    CHECK(!r.message.zh.empty());
    if (r.kind == rules::RuleKind::kFinding) {
      CHECK(!r.next_step.en.empty());
      CHECK(!r.next_step.zh.empty());
    }
    if (!r.effective_from.empty() && !r.effective_until.empty())
      CHECK(r.effective_from <= r.effective_until);
  }
}

TEST_CASE("rule data: a broken rule file is an error naming the file and the rule") {
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-items.json",
                        "item.gp10.prc_advanced_ic")["when"]["all"][0]["fact"] = "item.gp11";
                 }),
                 "rules-items.json", "unknown fact \"item.gp11\""));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-items.json",
                        "item.gp10.prc_advanced_ic")["when"]["all"][0]["value"] = "yes";
                 }),
                 "item.gp10.prc_advanced_ic", "does not fit"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-end-use.json", "end_use.wmd")["message"].erase("zh");
                 }),
                 "rules-end-use.json", "\"zh\" is missing"));
  CHECK(mentions(
      load_error([](json& f) { rule(f, "rules-end-use.json", "end_use.wmd").erase("citation"); }),
      "end_use.wmd", "citation"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-items.json", "item.h20_license_notice")["effective_from"] =
                       "2025-02-30";
                 }),
                 "item.h20_license_notice", "effective_from"));
  CHECK(mentions(load_error([](json& f) {
                   json& r = rule(f, "rules-items.json", "item.h20_license_notice");
                   r["effective_until"] = "2025-01-01";
                 }),
                 "item.h20_license_notice", "before effective_from"));
  CHECK(mentions(
      load_error([](json& f) {
        rule(f, "rules-items.json", "item.gp10.prc_advanced_ic")["when"] = {{"use", "no_such"}};
      }),
      "unknown named condition"));
  CHECK(mentions(load_error([](json& f) {
                   f["rules-deal.json"]["rules"].push_back(f["rules-deal.json"]["rules"][0]);
                 }),
                 "rules.before_coverage", "duplicate id"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-items.json", "item.exception.nac")["for"] = {"item.nothing"};
                 }),
                 "qualifies unknown rule item.nothing"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-deal.json", "rules.before_coverage")["message"]["en"] =
                       "{item.name}";
                 }),
                 "rules.before_coverage", "not available in this rule's scope"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-deal.json", "rules.before_coverage")["severity"] = "maybe";
                 }),
                 "unknown severity"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-deal.json", "rules.before_coverage")["source_url"] = "http://x";
                 }),
                 "https"));
  CHECK(mentions(load_error([](json& f) {
                   rule(f, "rules-deal.json", "rules.before_coverage")["message"]["en"] = "[[ a";
                 }),
                 "[[ without ]]"));
  CHECK(load_error([](json&) {}).empty());
}

TEST_CASE("rule data: broken catalog, definitions, groups and questions are errors") {
  CHECK(mentions(load_error([](json& f) {
                   f["chips.json"]["chips"][0]["figures"]["fp16"]["grade"] = "guess";
                 }),
                 "chips.json", "grade"));
  CHECK(mentions(
      load_error([](json& f) { f["chips.json"]["chips"][0]["figures"]["fp16"].erase("source"); }),
      "nvidia-a100", "source"));
  CHECK(mentions(
      load_error([](json& f) { f["chips.json"]["chips"][1]["aliases"].push_back("A100"); }),
      "also names"));
  CHECK(mentions(load_error([](json& f) {
                   for (json& c : f["chips.json"]["chips"]) {
                     if (c["id"] == "amd-mi308x") c.erase("notes");
                   }
                 }),
                 "amd-mi308x", "no performance figure"));
  CHECK(mentions(load_error([](json& f) {
                   f["eccn.json"]["definitions"][1]["effective_from"] = "2023-01-01";
                 }),
                 "3A090-2023", "overlaps"));
  CHECK(mentions(load_error([](json& f) {
                   f["eccn.json"]["definitions"][1]["paragraphs"][0]["tests"][0]["quantity"] =
                       "flops";
                 }),
                 "unknown quantity flops"));
  CHECK(mentions(load_error([](json& f) {
                   f["country-groups.json"]["groups"]["D:5"]["members"].push_back({{"code", "ZZ"}});
                 }),
                 "D:5", "ISO 3166-1"));
  CHECK(mentions(load_error([](json& f) {
                   f["country-groups.json"]["groups"]["D:5"]["members"].push_back(
                       {{"code", "FR"}, {"from", "2030-01-01"}});
                 }),
                 "dated membership needs a note"));
  CHECK(mentions(load_error([](json& f) { f["country-groups.json"]["groups"].erase("E:2"); }),
                 "group E:2 is missing"));
  CHECK(mentions(load_error([](json& f) { f["end-uses.json"]["end_uses"][0]["default"] = true; }),
                 "must be null or false"));
  CHECK(mentions(load_error([](json& f) { f["red-flags.json"]["flags"][0]["group"] = "rumours"; }),
                 "red-flags.json"));
  CHECK(mentions(load_error([](json& f) { f["version.json"]["rules_version"] = "1999"; }),
                 "version.json", "rules_version"));
  CHECK(mentions(load_error([](json& f) { f.erase("conditions.json"); }), "conditions.json",
                 "missing"));
  // The CSL sources' counts: a share between 0 and 1, a count with where it was counted.
  CHECK(mentions(load_error([](json& f) { f["csl-sources.json"]["min_share"] = 1.5; }),
                 "csl-sources.json", "min_share"));
  CHECK(mentions(load_error([](json& f) { f["csl-sources.json"].erase("min_share_why"); }),
                 "csl-sources.json", "min_share_why"));
  CHECK(mentions(load_error([](json& f) { f["csl-sources.json"]["sources"][0]["records"] = -3; }),
                 "EL", "records"));
  CHECK(mentions(
      load_error([](json& f) { f["csl-sources.json"]["sources"][0].erase("records_counted_in"); }),
      "EL", "records_counted_in"));
}
