// What a list holds and how old it is (issue 13): its composition against the sources of the
// official Consolidated Screening List, the partial flag and the missing sources, and the rules
// that keep a partial, old or undated list from clearing a party.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

Screener screener_of(const std::vector<std::pair<std::string, std::string>>& files) {
  Screener s;
  for (const auto& [bytes, as_of] : files) {
    s.add_list(load_list(bytes, test::labelled("list.csv", as_of)));
  }
  return s;
}

json screen(const Screener& s, const json& request) {
  const json r = json::parse(screen_json(s, request.dump()));
  REQUIRE_MESSAGE(!r.contains("error"), r.dump());
  return r;
}

std::vector<json> findings(const json& r, const std::string& rule) {
  std::vector<json> out;
  for (const json& f : r["findings"]) {
    if (f["rule"] == rule) out.push_back(f);
  }
  return out;
}

std::vector<std::string> codes(const json& missing) {
  std::vector<std::string> out;
  for (const json& m : missing) out.push_back(m["code"]);
  return out;
}

// The CSV rows of `bytes` whose source carries `code`, with the header.
std::string rows_of(const std::string& bytes, const std::vector<std::string>& wanted) {
  std::string out;
  std::size_t at = 0;
  bool header = true;
  while (at < bytes.size()) {
    std::size_t end = bytes.find('\n', at);
    if (end == std::string::npos) end = bytes.size();
    const std::string line = bytes.substr(at, end - at + 1);
    bool keep = header;
    for (const std::string& code : wanted) keep |= line.find("(" + code) != std::string::npos;
    if (keep) out += line;
    header = false;
    at = end + 1;
  }
  return out;
}

const json kQuietParty = {{"parties", {{{"name", "Quiet Meadow Bakery Ltd"}, {"country", "DE"}}}},
                          {"as_of", "2026-11-21"}};

}  // namespace

TEST_CASE("coverage: a list is described by the sources it holds, against the CSL's") {
  Screener s;
  const json all = json::parse(load_list_json(s, test::fixture("csl-complete.csv"), "{}"));
  REQUIRE(!all.contains("error"));
  CHECK(all["list"]["partial"] == false);
  CHECK(all["list"]["missing_sources"].empty());
  CHECK(all["list"]["incomplete_sources"].empty());
  CHECK(all["list"]["composition"].size() == 13);
  // Per source, in order of first appearance, with its code and record count, and the records
  // the official list was counted to hold where it was (data/rules/csl-sources.json).
  CHECK(all["list"]["composition"][0]["code"] == "SDN");
  CHECK(all["list"]["composition"][0]["records"] == 1792);
  CHECK(all["list"]["composition"][0]["counted"] == 17815);
  CHECK(all["list"]["composition"][0]["complete_from"] == 1782);  // a tenth, rounded up
  for (const json& c : all["list"]["composition"]) {
    CHECK_MESSAGE(
        c.contains("counted") == (c["code"] != "UVL" && c["code"] != "FSE" && c["code"] != "CAP"),
        c.dump());
  }

  const json sample = json::parse(
      load_list_json(s, test::fixture("csl-sample.csv"), R"({"replace":true})"))["list"];
  CHECK(sample["partial"] == true);
  CHECK(codes(sample["missing_sources"]) ==
        std::vector<std::string>{"FSE", "PLC", "CAP", "MBS", "CMIC"});
  CHECK(sample["missing_sources"][0]["name"] ==
        "Foreign Sanctions Evaders (FSE) - Treasury Department");
  std::size_t records = 0;
  for (const json& c : sample["composition"]) records += c["records"].get<std::size_t>();
  CHECK(records == sample["records"].get<std::size_t>());

  // The built-in list: Entity List entries only, partial by the same measure.
  const json builtin = json::parse(lists_json(screener_of({})))["lists"];
  Screener b;
  b.add_list(builtin_list());
  const json bl = json::parse(lists_json(b))["lists"][0];
  CHECK(bl["partial"] == true);
  CHECK(bl["composition"].size() == 1);
  CHECK(bl["composition"][0]["code"] == "EL");
  CHECK(bl["missing_sources"].size() == 12);
  CHECK(builtin.empty());
}

TEST_CASE("coverage: a file in the CSL layout from other sources (the UN list) is partial") {
  std::string un = test::fixture("csl-sample.csv");
  // Every source renamed to the UN list's, as the UN list in the CSL layout has it.
  for (const char* from : {"Specially Designated Nationals (SDN) - Treasury Department",
                           "Entity List (EL) - Bureau of Industry and Security",
                           "Denied Persons List (DPL) - Bureau of Industry and Security",
                           "ITAR Debarred (DTC) - State Department",
                           "Military End User (MEU) List - Bureau of Industry and Security",
                           "Nonproliferation Sanctions (ISN) - State Department",
                           "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
                           "Unverified List (UVL) - Bureau of Industry and Security"}) {
    for (std::size_t at = un.find(from); at != std::string::npos; at = un.find(from)) {
      un.replace(at, std::string(from).size(), "UN Security Council Consolidated List");
    }
  }
  const Screener s = screener_of({{un, "2026-11-20"}});
  const json list = json::parse(lists_json(s))["lists"][0];
  CHECK(list["partial"] == true);
  CHECK(list["missing_sources"].size() == 13);
  // Not a match, but not a clear either: the lists cannot know.
  const json r = screen(s, {{"parties", {{{"name", "Huawei Technologies Co Ltd"}}}}});
  CHECK(r["verdict"] == "review");
  REQUIRE(findings(r, "lists.partial_coverage").size() == 1);
}

TEST_CASE("coverage: a sample holding every source is incomplete, and never clears") {
  // 17 real records, one or more of each source: far fewer than the official list holds.
  const Screener s = screener_of({{test::fixture("csl-all-sources.csv"), "2026-11-20"}});
  const json list = json::parse(lists_json(s))["lists"][0];
  CHECK(list["partial"] == true);
  CHECK(list["missing_sources"].empty());
  std::vector<std::string> short_codes = codes(list["incomplete_sources"]);
  // Every counted source but NS-MBS, whose one record is a tenth of its ten.
  CHECK(short_codes ==
        std::vector<std::string>{"EL", "DPL", "MEU", "ISN", "DTC", "SDN", "SSI", "PLC", "CMIC"});
  const json& sdn = list["incomplete_sources"][5];
  CHECK(sdn["records"] == 3);
  CHECK(sdn["counted"] == 17815);
  CHECK(sdn["name"] == "Specially Designated Nationals (SDN) - Treasury Department");

  for (const char* name : {"Huawei Technologies Co Ltd", "Quiet Meadow Bakery Ltd"}) {
    json request = kQuietParty;
    request["parties"][0]["name"] = name;
    const json r = screen(s, request);
    CHECK_MESSAGE(r["verdict"] == "review", name);
    CHECK(findings(r, "lists.partial_coverage").empty());
    const auto f = findings(r, "lists.incomplete_sources");
    REQUIRE(f.size() == 1);
    const std::string message = f[0]["message"];
    CHECK_MESSAGE(
        message.find("Consolidated Screening List's sources (records held") != std::string::npos,
        message);
    CHECK_MESSAGE(message.find("SDN 3 / 17,815") != std::string::npos, message);
    CHECK(f[0]["evidence"]["incomplete_source_count"] == 9);
    CHECK(f[0]["citation"].get<std::string>().find("Supplement No. 3 to Part 732") !=
          std::string::npos);
  }
  json zh = kQuietParty;
  zh["locale"] = "zh";
  const std::string message = findings(screen(s, zh), "lists.incomplete_sources")[0]["message"];
  CHECK(message.find("名单不完整") != std::string::npos);
  CHECK(message.find("SDN 3 / 17,815") != std::string::npos);
}

TEST_CASE("coverage: a partial list never clears; every CSL source held clears") {
  const std::string all = test::fixture("csl-complete.csv");
  const json partial =
      screen(screener_of({{test::fixture("csl-sample.csv"), "2026-11-20"}}), kQuietParty);
  CHECK(partial["verdict"] == "review");
  const auto f = findings(partial, "lists.partial_coverage");
  REQUIRE(f.size() == 1);
  const std::string message = f[0]["message"];
  CHECK(
      message.find("Foreign Sanctions Evaders (FSE), Palestinian Legislative Council List (PLC)") !=
      std::string::npos);
  CHECK(message.find("no entry of the Consolidated Screening List's sources") != std::string::npos);
  CHECK(f[0]["evidence"]["missing_source_count"] == 5);
  CHECK(f[0]["citation"].get<std::string>().find("Supplement No. 3 to Part 732") !=
        std::string::npos);

  CHECK(screen(screener_of({{all, "2026-11-20"}}), kQuietParty)["verdict"] == "clear");
  // Two lists screened together that hold every source between them are complete, and the
  // records of a source they share are counted together.
  std::string odd, even;
  {
    std::size_t at = 0, row = 0;
    while (at < all.size()) {
      const std::size_t end = std::min(all.find('\n', at), all.size() - 1);
      const std::string line = all.substr(at, end - at + 1);
      if (row == 0 || row % 2) odd += line;
      if (row == 0 || row % 2 == 0) even += line;
      ++row;
      at = end + 1;
    }
  }
  const json halves = screen(screener_of({{odd, "2026-11-20"}}), kQuietParty);
  CHECK(halves["verdict"] == "review");
  CHECK(findings(halves, "lists.incomplete_sources").size() == 1);
  const json together =
      screen(screener_of({{odd, "2026-11-20"}, {even, "2026-11-20"}}), kQuietParty);
  CHECK(together["verdict"] == "clear");
  CHECK(findings(together, "lists.partial_coverage").empty());
  CHECK(findings(together, "lists.incomplete_sources").empty());
  const json apart = screen(
      screener_of(
          {{rows_of(all, {"SDN", "EL", "DPL", "UVL", "MEU", "ISN"}), "2026-11-20"},
           {rows_of(all, {"DTC", "SSI", "PLC", "CAP", "FSE", "NS-MBS", "CMIC"}), "2026-11-20"}}),
      kQuietParty);
  CHECK(apart["verdict"] == "clear");
  // In Chinese too, the message names the missing sources.
  json zh = kQuietParty;
  zh["locale"] = "zh";
  const json r = screen(screener_of({{test::fixture("csl-sample.csv"), "2026-11-20"}}), zh);
  CHECK(findings(r, "lists.partial_coverage")[0]["message"].get<std::string>().find("名单不完整") !=
        std::string::npos);
}

TEST_CASE("age: a list older than max_list_age_days, or without a date, never clears") {
  const std::string all = test::fixture("csl-complete.csv");
  const Screener dated = screener_of({{all, "2026-11-20"}});
  const auto request = [](const std::string& as_of, int max) {
    json r = kQuietParty;
    r["as_of"] = as_of;
    if (max) r["options"] = {{"max_list_age_days", max}};
    return r;
  };
  // Within the limit: clear; its age is in the result.
  const json fresh = screen(dated, request("2026-11-27", 7));
  CHECK(fresh["verdict"] == "clear");
  CHECK(fresh["lists"][0]["age_days"] == 7);
  // Past it: review, saying how old and the limit.
  const json old = screen(dated, request("2026-12-01", 7));
  CHECK(old["verdict"] == "review");
  CHECK(old["lists"][0]["age_days"] == 11);
  const auto f = findings(old, "lists.too_old");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["message"].get<std::string>().find("11 days old, older than the 7 days") !=
        std::string::npos);
  CHECK(f[0]["evidence"]["age_days"] == 11);
  CHECK(f[0]["evidence"]["max_age_days"] == 7);
  // No limit asked for: the age is reported, the verdict is the list's.
  CHECK(screen(dated, request("2026-12-01", 0))["verdict"] == "clear");
  // A list newer than as_of is 0 days old.
  CHECK(screen(dated, request("2026-11-01", 7))["lists"][0]["age_days"] == 0);

  const Screener undated = screener_of({{all, ""}});
  const json u = screen(undated, request("2026-12-01", 7));
  CHECK(u["verdict"] == "review");
  CHECK(u["lists"][0]["age_days"].is_null());
  CHECK(findings(u, "lists.undated").size() == 1);
  CHECK(screen(undated, request("2026-12-01", 0))["verdict"] == "clear");
}

TEST_CASE("age: max_list_age_days must be a whole number of days") {
  const Screener s = screener_of({{test::fixture("csl-complete.csv"), "2026-11-20"}});
  for (const char* bad : {"0", "-1", "1.5", "\"7\"", "36501", "null"}) {
    const json r = json::parse(screen_json(
        s, std::string(R"({"parties":[],"options":{"max_list_age_days":)") + bad + "}}"));
    CHECK_MESSAGE(r["error"]["code"] == "invalid_request", bad);
  }
}

TEST_CASE("filters: a screening limited to some sources or countries never clears") {
  const Screener s = screener_of({{test::fixture("csl-complete.csv"), "2026-11-20"}});
  json r = kQuietParty;
  CHECK(screen(s, r)["verdict"] == "clear");
  r["options"] = {{"sources", {"EL"}}};
  const json el = screen(s, r);
  CHECK(el["verdict"] == "review");
  REQUIRE(findings(el, "lists.filtered").size() == 1);
  CHECK(findings(el, "lists.filtered")[0]["message"].get<std::string>().find("limited to EL") !=
        std::string::npos);
  r["options"] = {{"countries", {"CN", "RU"}}};
  CHECK(findings(screen(s, r), "lists.filtered")[0]["evidence"]["filter"] == "CN, RU");
  // A match still takes its list's consequence.
  json sdn = {{"parties", {{{"name", "Abu Abbas"}}}}, {"options", {{"sources", {"SDN"}}}}};
  CHECK(screen(s, sdn)["verdict"] == "stop");
}
