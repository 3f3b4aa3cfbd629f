// Whole deals through screen_json: the scenarios of issue 4 and the rules around them (dates,
// destinations, end uses, red flags, open questions, license exceptions, locale).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

// A list holding every source of the official CSL (not a partial one), so a party without a
// match is cleared.
const Screener& sample_screener() {
  static const Screener s = [] {
    Screener sc;
    sc.add_list(load_list(test::fixture("csl-complete.csv"),
                          test::labelled("csl-complete.csv", "2026-11-20")));
    return sc;
  }();
  return s;
}

// Every end-use question and red flag answered "no" (read from the reference, not hard-coded).
json all_answered_no() {
  const json ref = json::parse(reference_json(""));
  json end_use = {{"red_flags", json::object()}};
  for (const json& e : ref["end_uses"]) end_use[e["id"].get<std::string>()] = false;
  for (const json& f : ref["red_flags"]) end_use["red_flags"][f["id"].get<std::string>()] = false;
  return end_use;
}

json screen(const json& request, const Screener& s = sample_screener()) {
  const json r = json::parse(screen_json(s, request.dump()));
  REQUIRE_MESSAGE(!r.contains("error"), r.dump());
  return r;
}

std::string screen_error(const json& request) {
  return test::error_code(screen_json(sample_screener(), request.dump()));
}

// The findings of a rule.
std::vector<json> findings(const json& r, const std::string& rule) {
  std::vector<json> out;
  for (const json& f : r["findings"]) {
    if (f["rule"] == rule) out.push_back(f);
  }
  return out;
}

bool has_question(const json& r, const std::string& field) {
  for (const json& q : r["open_questions"]) {
    if (q["field"] == field) return true;
  }
  return false;
}

// (std::vector, not a braced json: a one-element braced json is a copy under clang, an array
// under gcc.)
json deal(const std::string& as_of, json items, const std::string& destination,
          const std::vector<json>& parties = {}) {
  json r = {{"as_of", as_of},
            {"parties", json(parties)},
            {"items", std::move(items)},
            {"end_use", all_answered_no()}};
  if (!destination.empty()) r["destination"] = destination;
  return r;
}

json party(const std::string& name, const std::string& country, const std::string& hq,
           const std::string& role = "ultimate_consignee") {
  return {{"name", name}, {"country", country}, {"headquarters_country", hq}, {"role", role}};
}

}  // namespace

TEST_CASE("scenario: Ascend 910C bought for a Malaysian data center is a GP10 stop") {
  json d = deal("2026-09-01", {{{"name", "Ascend 910C"}, {"quantity", 64}}}, "MY",
                {party("Example Data Center Sdn Bhd", "MY", "MY", "purchaser")});
  const json r = screen(d);
  CHECK(r["verdict"] == "stop");
  const auto gp10 = findings(r, "item.gp10.prc_advanced_ic");
  REQUIRE(gp10.size() == 1);
  CHECK(gp10[0]["severity"] == "stop");
  CHECK(gp10[0]["citation"].get<std::string>().find("736.2(b)(10)") != std::string::npos);
  CHECK(gp10[0]["citation"].get<std::string>().find("May 13, 2025") != std::string::npos);
  CHECK(gp10[0]["subject"] == json({{"item", 0}}));
  CHECK(gp10[0]["evidence"]["item.catalog_id"] == "huawei-ascend-910c");
  CHECK(r["findings"][0]["rule"] == "item.gp10.prc_advanced_ic");  // most severe first
  // The one exception BIS named: acquisition solely for technical analysis or evaluation.
  d["end_use"]["technical_evaluation_only"] = true;
  const json eval = screen(d);
  CHECK(eval["verdict"] == "review");
  CHECK(findings(eval, "item.gp10.prc_advanced_ic").empty());
  CHECK(findings(eval, "item.gp10.technical_evaluation").size() == 1);
  // Before the guidance of May 13, 2025 the same deal is a review, not a stop.
  d["end_use"]["technical_evaluation_only"] = false;
  d["as_of"] = "2025-05-12";
  const json before = screen(d);
  CHECK(before["verdict"] == "review");
  CHECK(findings(before, "item.prc_advanced_ic.before_guidance").size() == 1);
}

TEST_CASE(
    "scenario: H100 to a German customer needs no license and clears once everything is answered") {
  const json d = deal("2026-09-01", {{{"name", "H100 SXM5"}, {"quantity", 8}}}, "DE",
                      {party("Example Rechenzentrum GmbH", "DE", "DE")});
  const json r = screen(d);
  CHECK(r["verdict"] == "clear");
  CHECK(r["open_questions"].empty());
  CHECK(findings(r, "item.advanced_computing.destination_clear").size() == 1);
  CHECK(findings(r, "item.advanced_computing.destination").empty());
  CHECK(r["classifications"][0]["paragraph"] == "3A090.a.1");
  CHECK(r["classifications"][0]["item"] == 0);
  // Unanswered questions are never taken as "no".
  json unanswered = d;
  unanswered.erase("end_use");
  const json open = screen(unanswered);
  CHECK(open["verdict"] == "review");
  CHECK(findings(open, "deal.open_questions").size() == 1);
  CHECK(has_question(open, "end_use.wmd"));
  CHECK(has_question(open, "end_use.red_flags.kyc_reluctant_end_use"));
  CHECK(has_question(open, "end_use.red_flags.ac_first_time_large_volume"));
  for (const json& q : open["open_questions"]) {
    CHECK(!q["question"].get<std::string>().empty());
    CHECK(!q["rules"].empty());
  }
}

TEST_CASE("scenario: H100 to a Singapore subsidiary of a Chinese company needs a license") {
  json d = deal("2026-09-01", {{{"name", "H100"}}}, "SG",
                {party("Example Compute Pte Ltd", "SG", "CN")});
  const json r = screen(d);
  CHECK(r["verdict"] == "license_required");
  const auto hq = findings(r, "item.advanced_computing.headquarters");
  REQUIRE(hq.size() == 1);
  CHECK(hq[0]["subject"] == json({{"item", 0}, {"party", 0}}));
  CHECK(hq[0]["evidence"]["party.hq_country"] == "CN");
  CHECK(hq[0]["citation"].get<std::string>().find("742.6(a)(6)(iii)(A)") != std::string::npos);
  // Located outside D:5 and Macau: the January 2026 rule keeps presumption of denial.
  CHECK(hq[0]["evidence"]["review_policy"]["rule"] == "item.policy.headquarters_denial_outside_d5");
  CHECK(findings(r, "item.advanced_computing.destination_clear").size() ==
        1);  // SG itself is not listed
  // Without the parent's country the rule cannot decide: it asks.
  d["parties"][0].erase("headquarters_country");
  const json open = screen(d);
  CHECK(open["verdict"] == "review");
  REQUIRE(has_question(open, "parties[0].headquarters_country"));
  for (const json& q : open["open_questions"]) {
    if (q["field"] == "parties[0].headquarters_country") {
      CHECK(q["subject"] == json({{"party", 0}}));
      CHECK(q["question"].get<std::string>().find("Example Compute Pte Ltd") != std::string::npos);
      CHECK(q["rules"] == json({"item.advanced_computing.headquarters"}));
    }
  }
  // A freight forwarder headquartered in China is not the recipient the rule is about.
  d["parties"][0]["headquarters_country"] = "CN";
  d["parties"][0]["role"] = "freight_forwarder";
  CHECK(findings(screen(d), "item.advanced_computing.headquarters").empty());
}

TEST_CASE("scenario: RTX 4090 and RTX 4090D to China") {
  const json r = screen(deal("2026-09-01", {{{"name", "RTX 4090"}}, {{"name", "RTX 4090D"}}}, "CN",
                             {party("Example Gaming Ltd", "CN", "CN", "end_user")}));
  CHECK(r["verdict"] == "license_required");
  const auto lic = findings(r, "item.advanced_computing.destination");
  REQUIRE(lic.size() == 1);
  CHECK(lic[0]["subject"] == json({{"item", 0}}));  // the 4090, not the 4090D
  CHECK(lic[0]["citation"].get<std::string>().find("742.6(a)(6)") != std::string::npos);
  CHECK(r["classifications"][1]["eccn"].is_null());
  const auto clear = findings(r, "item.not_advanced_computing");
  REQUIRE(clear.size() == 1);
  CHECK(clear[0]["subject"] == json({{"item", 1}}));
  CHECK(clear[0]["message"].get<std::string>().find("Note 2") != std::string::npos);
  // Non-datacenter 3A090.a: NAC may be available (never granted), with its conditions.
  bool nac = false;
  for (const json& e : r["license_exceptions"]) {
    if (e["exception"] == "NAC" && e["subject"] == json({{"item", 0}})) {
      nac = true;
      CHECK(e["status"] == "may_be_available");
      CHECK(e["message"].get<std::string>().find("may be available") != std::string::npos);
      CHECK(e["conditions"].size() >= 3);
    }
  }
  CHECK(nac);
}

TEST_CASE(
    "license exceptions: ACA for D:1 outside D:5 from April 2024, NAC before; none for datacenter "
    ".a") {
  const auto exceptions = [](const json& r) {
    std::vector<std::string> out;
    for (const json& e : r["license_exceptions"]) out.push_back(e["exception"]);
    return out;
  };
  CHECK(exceptions(screen(deal("2026-09-01", {{{"name", "RTX 4090"}}}, "VN"))) ==
        std::vector<std::string>{"ACA"});
  CHECK(exceptions(screen(deal("2024-01-10", {{{"name", "RTX 4090"}}}, "VN"))) ==
        std::vector<std::string>{"NAC"});
  CHECK(exceptions(screen(deal("2026-09-01", {{{"name", "H100"}}}, "VN"))).empty());
  // HBM below 3.3 GB/s/mm2 to China: License Exception HBM may be available.
  const json hbm = screen(deal("2026-09-01",
                               {{{"kind", "hbm"},
                                 {"memory_bandwidth_gbps", 300},
                                 {"package_area_mm2", 100},
                                 {"designer_hq_country", "KR"}}},
                               "CN"));
  CHECK(exceptions(hbm) == std::vector<std::string>{"HBM"});
}

TEST_CASE("scenario: cloud GPU hours sold to a D:5-headquartered AI lab") {
  json d = deal("2026-09-01", {{{"name", "H100 SXM5"}, {"quantity", 512}}}, "",
                {party("Example AI Lab", "CN", "CN", "end_user")});
  d["end_use"]["cloud_service"] = true;
  d["end_use"]["ai_model_training"] = true;
  d["destination"] = "US";  // the GPUs stay in a U.S. data center
  const json r = screen(d);
  CHECK(r["verdict"] == "license_required");
  const auto training = findings(r, "end_use.ai_training_d5_macau_party");
  REQUIRE(training.size() == 1);
  CHECK(training[0]["citation"].get<std::string>().find("May 13, 2025") != std::string::npos);
  CHECK(training[0]["message"].get<std::string>().find("IaaS") != std::string::npos);
  // Remote access is not an export of the chips: the shipment rules stay silent.
  CHECK(findings(r, "item.advanced_computing.headquarters").empty());
  // Inference only: no training finding.
  d["end_use"]["ai_model_training"] = false;
  CHECK(findings(screen(d), "end_use.ai_training_d5_macau_party").empty());
  // Training for an unnamed D:5-headquartered principal counts too.
  d["parties"][0]["headquarters_country"] = "US";
  d["end_use"]["ai_training_for_d5_macau_party"] = true;
  CHECK(findings(screen(d), "end_use.ai_training_d5_macau").size() == 1);
}

TEST_CASE("scenario: H20 to China either side of the April 2025 license requirement") {
  const json before = screen(
      deal("2025-04-08", {{{"name", "H20"}}}, "CN", {party("Example Cloud Co", "CN", "CN")}));
  CHECK(before["verdict"] == "clear");
  CHECK(findings(before, "item.not_advanced_computing").size() == 1);
  const json after = screen(
      deal("2025-04-09", {{{"name", "H20"}}}, "CN", {party("Example Cloud Co", "CN", "CN")}));
  CHECK(after["verdict"] == "license_required");
  const auto notice = findings(after, "item.h20_license_notice");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0]["citation"].get<std::string>().find("8-K") != std::string::npos);
  CHECK(notice[0]["source_url"].get<std::string>().find("sec.gov") != std::string::npos);
  // ... and for a China-headquartered buyer in Singapore.
  const json sg =
      screen(deal("2025-06-01", {{{"name", "H20"}}}, "SG", {party("Example Pte Ltd", "SG", "CN")}));
  CHECK(findings(sg, "item.h20_license_notice.headquarters").size() == 1);
}

TEST_CASE("review policy: the January 2026 case-by-case band, and what stays at denial") {
  const auto policy = [](const json& r) {
    return findings(r, "item.advanced_computing.destination")
        .at(0)["evidence"]["review_policy"]["rule"];
  };
  CHECK(policy(screen(deal("2026-01-14", {{{"name", "H200"}}}, "CN"))) ==
        "item.policy.denial_d5_macau");
  CHECK(policy(screen(deal("2026-01-15", {{{"name", "H200"}}}, "CN"))) ==
        "item.policy.case_by_case_jan_2026_band");
  CHECK(policy(screen(deal("2026-01-15", {{{"name", "MI325X"}}}, "MO"))) ==
        "item.policy.case_by_case_jan_2026_band");
  // B200: TPP 36,000 and 8,000 GB/s, outside the band.
  CHECK(policy(screen(deal("2026-02-01", {{{"name", "B200"}}}, "CN"))) ==
        "item.policy.denial_d5_macau");
  // The band covers China and Macau only; Russia stays at denial.
  CHECK(policy(screen(deal("2026-02-01", {{{"name", "H200"}}}, "RU"))) ==
        "item.policy.denial_d5_macau");
  // D:1/D:4 outside D:5: approval.
  CHECK(policy(screen(deal("2026-02-01", {{{"name", "H200"}}}, "AE"))) ==
        "item.policy.approval_d1_d4");
  // Cambodia left D:5 on February 3, 2026.
  CHECK(policy(screen(deal("2026-02-02", {{{"name", "H100"}}}, "KH"))) ==
        "item.policy.denial_d5_macau");
  CHECK(policy(screen(deal("2026-02-03", {{{"name", "H100"}}}, "KH"))) ==
        "item.policy.approval_d1_d4");
  json exported = deal("2026-02-01", {{{"name", "H200"}}}, "CN");
  exported["transaction"] = "export";
  const json r = screen(exported);
  CHECK(findings(r, "item.advanced_computing.destination")[0]["message"].get<std::string>().find(
            "Review policy: Case-by-case") != std::string::npos);
  // Whether it is an export from the United States decides the policy: asked, never assumed.
  const json unknown = screen(deal("2026-02-01", {{{"name", "H200"}}}, "CN"));
  CHECK(has_question(unknown, "transaction"));
  CHECK(findings(unknown, "item.advanced_computing.destination")[0]["evidence"]["review_policy"]
                                                                ["undetermined"] == true);
}

TEST_CASE("scenario: a Denied Persons hit stops the deal") {
  const json r = screen(deal("2026-09-01", {{{"name", "L20"}}}, "DE",
                             {party("ADT Analog and Digital Technik", "DE", "DE", "purchaser")}));
  CHECK(r["verdict"] == "stop");
  const auto dpl = findings(r, "party.denied_persons");
  REQUIRE(!dpl.empty());
  CHECK(dpl[0]["citation"].get<std::string>().find("764.3") != std::string::npos);
  CHECK(dpl[0]["subject"] == json({{"party", 0}}));
}

TEST_CASE("scenario: an Iranian consignee is never clear, with or without items") {
  const json only_party =
      screen({{"as_of", "2026-09-01"},
              {"parties", json::array({party("Example Trading Co", "IR", "IR")})}});
  CHECK(only_party["verdict"] == "stop");
  const auto located = findings(only_party, "party.located_in_embargoed_country");
  REQUIRE(located.size() == 1);
  CHECK(located[0]["citation"].get<std::string>().find("746.7") != std::string::npos);
  const json shipped = screen(deal("2026-09-01", {{{"name", "RTX 4090D"}}}, "IR"));
  CHECK(shipped["verdict"] == "stop");
  CHECK(findings(shipped, "destination.embargoed.iran").size() == 1);
  CHECK(findings(shipped, "destination.embargoed.iran")[0]["citation"].get<std::string>().find(
            "31 CFR Part 560") != std::string::npos);
  // The other embargoed destinations.
  CHECK(screen(deal("2026-09-01", {{{"name", "RTX 4090D"}}}, "KP"))["verdict"] == "stop");
  CHECK(screen(deal("2026-09-01", {{{"name", "RTX 4090D"}}}, "CU"))["verdict"] == "stop");
  CHECK(screen(deal("2025-06-30", {{{"name", "RTX 4090D"}}}, "SY"))["verdict"] == "stop");
  CHECK(screen(deal("2025-07-01", {{{"name", "RTX 4090D"}}}, "SY"))["verdict"] ==
        "license_required");
  CHECK(findings(screen(deal("2026-09-01", {{{"name", "RTX 4090D"}}}, "RU")),
                 "destination.russia_belarus")
            .size() == 1);
}

TEST_CASE("destinations: Hong Kong is China, Macau is named, Israel is in A:6") {
  const json hk = screen(deal("2026-09-01", {{{"name", "H100"}}}, "HK"));
  const auto f = findings(hk, "item.advanced_computing.destination");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["evidence"]["destination.country"] == "CN");
  CHECK(f[0]["message"].get<std::string>().find("Hong Kong") != std::string::npos);
  CHECK(findings(screen(deal("2026-09-01", {{{"name", "H100"}}}, "MO")),
                 "item.advanced_computing.destination")
            .size() == 1);
  CHECK(findings(screen(deal("2026-09-01", {{{"name", "H100"}}}, "IL")),
                 "item.advanced_computing.destination")
            .empty());
  // Before Nov. 17, 2023 only China and Macau needed a license (87 FR 62186).
  const json old = screen(deal("2023-01-10", {{{"name", "H100"}}}, "CN"));
  CHECK(findings(old, "item.advanced_computing.destination_2022").size() == 1);
  CHECK(findings(screen(deal("2023-01-10", {{{"name", "H100"}}}, "RU")),
                 "item.advanced_computing.destination_2022")
            .empty());
}

TEST_CASE("end uses: WMD, military, military intelligence, supercomputer, advanced-node fabs") {
  const auto with = [](const std::string& id, const std::string& destination) {
    json d = deal("2026-09-01", {{{"name", "RTX 4090D"}}}, destination);
    d["end_use"][id] = true;
    return screen(d);
  };
  CHECK(with("wmd", "DE")["verdict"] == "stop");
  CHECK(with("military", "CN")["verdict"] == "license_required");
  CHECK(with("military", "DE")["verdict"] == "review");
  CHECK(with("military_intelligence", "VE")["verdict"] == "license_required");
  CHECK(with("military_intelligence", "IR")["verdict"] == "stop");  // the embargo is stricter
  CHECK(with("supercomputer", "CN")["verdict"] == "license_required");
  CHECK(findings(with("supercomputer", "CN"), "end_use.supercomputer")[0]["citation"]
            .get<std::string>()
            .find("744.23(a)(1)") != std::string::npos);
  CHECK(with("supercomputer", "JP")["verdict"] == "review");
  CHECK(with("advanced_node_ic_production", "MO")["verdict"] == "license_required");
}

TEST_CASE(
    "red flags: a flag answered yes is a review finding with its source; unanswered flags are "
    "asked") {
  json d = deal("2026-09-01", {{{"name", "H100"}}}, "DE", {party("Example GmbH", "DE", "DE")});
  d["end_use"]["red_flags"]["ac_residential_address"] = true;
  const json r = screen(d);
  CHECK(r["verdict"] == "review");
  const auto flag = findings(r, "red_flag.ac_residential_address");
  REQUIRE(flag.size() == 1);
  CHECK(flag[0]["check"] == "red_flag");
  CHECK(flag[0]["message"].get<std::string>().find("Industry Guidance to Prevent Diversion") !=
        std::string::npos);
  // Advanced-computing flags are asked only about advanced-computing items.
  json plain = deal("2026-09-01", {{{"name", "RTX 4090D"}}}, "DE");
  plain["end_use"].erase("red_flags");
  const json p = screen(plain);
  CHECK(has_question(p, "end_use.red_flags.kyc_vague_delivery"));
  CHECK(!has_question(p, "end_use.red_flags.ac_residential_address"));
  // A name-only screening asks nothing about the deal.
  const json names = screen({{"parties", {{{"name", "Acme Widgets Inc"}}}}});
  CHECK(names["open_questions"].empty());
  CHECK(names["verdict"] == "clear");
}

TEST_CASE(
    "dates: the AI Diffusion Rule is never applied, and dates before the rule data are flagged") {
  const json r = screen(
      deal("2025-06-01", {{{"name", "H100"}}}, "SG", {party("Example Pte Ltd", "SG", "SG")}));
  CHECK(r["verdict"] == "clear");
  const auto note = findings(r, "item.ai_diffusion.not_enforced");
  REQUIRE(note.size() == 1);
  CHECK(note[0]["severity"] == "clear");
  CHECK(note[0]["evidence"]["enforced"] == false);
  CHECK(note[0]["citation"].get<std::string>().find("90 FR 4544") != std::string::npos);
  CHECK(findings(screen(deal("2025-06-01", {{{"name", "H100"}}}, "FR")),
                 "item.ai_diffusion.not_enforced")
            .empty());  // Tier 1
  const json old = screen(deal("2021-06-01", {{{"name", "H100"}}}, "CN"));
  CHECK(old["verdict"] == "review");
  CHECK(findings(old, "rules.before_coverage").size() == 1);
}

TEST_CASE(
    "results: findings carry subject, source and rendered texts; the result names rules and date") {
  json d = deal("2026-09-01", {{{"name", "RTX 4090"}}, {{"name", "Ascend 910B"}}}, "CN",
                {party("Example Ltd", "HK", "CN"),
                 party("Example Forwarder", "SG", "SG", "freight_forwarder")});
  d["end_use"].erase("red_flags");
  const json r = screen(d);
  CHECK(r["rules_version"] == rules_version());
  CHECK(r["rules_date"] == rules_date());
  CHECK(r["locale"] == "en");
  CHECK(r["notice"].get<std::string>().find("not legal advice") != std::string::npos);
  CHECK(r["classifications"].size() == 2);
  for (const json& f : r["findings"]) {
    CAPTURE(f["rule"]);
    for (const char* key : {"check", "severity", "rule", "citation", "source_url", "message",
                            "next_step", "evidence", "subject"}) {
      CHECK(f.contains(key));
    }
    CHECK(f["message"].get<std::string>().find('{') == std::string::npos);
    CHECK(f["message"].get<std::string>().find("[[") == std::string::npos);
    CHECK(f["next_step"].get<std::string>().find('{') == std::string::npos);
  }
  // Each open question is asked once however many rules wait on it.
  std::set<std::string> ids;
  for (const json& q : r["open_questions"]) CHECK(ids.insert(q["id"].get<std::string>()).second);
}

TEST_CASE(
    "locale: messages, questions and the notice in Chinese; citations as the regulation names "
    "them") {
  json d = deal("2026-09-01", {{{"name", "H100"}}}, "CN");
  d["locale"] = "zh";
  d["end_use"].erase("wmd");
  const json r = screen(d);
  CHECK(r["locale"] == "zh");
  CHECK(r["notice"].get<std::string>().find("不构成法律意见") != std::string::npos);
  const auto f = findings(r, "item.advanced_computing.destination");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["message"].get<std::string>().find("须取得许可") != std::string::npos);
  CHECK(f[0]["message"].get<std::string>().find("目的地：中国 (CN)") != std::string::npos);
  CHECK(f[0]["citation"].get<std::string>().find("15 CFR 742.6(a)(6)(i)") != std::string::npos);
  bool zh_question = false;
  for (const json& q : r["open_questions"])
    zh_question |= q["question"].get<std::string>().find("是否") != std::string::npos;
  CHECK(zh_question);
  CHECK(r["classifications"][0]["reason"] == "3A090.a.1：TPP 15,832 ≥ 4,800。");
}

TEST_CASE("requests: unknown end uses, red flags, items and locales are errors, never ignored") {
  json d = deal("2026-09-01", {{{"name", "H100"}}}, "DE");
  d["end_use"]["space_tourism"] = true;
  CHECK(screen_error(d) == "invalid_request");
  d = deal("2026-09-01", {{{"name", "H100"}}}, "DE");
  d["end_use"]["red_flags"]["looks_shifty"] = true;
  CHECK(screen_error(d) == "invalid_request");
  d = deal("2026-09-01", {{{"name", "H100"}}}, "DE");
  d["end_use"]["wmd"] = "no";
  CHECK(screen_error(d) == "invalid_request");
  CHECK(screen_error(deal("2026-09-01", {{{"name", "Warp Core 9000"}}}, "DE")) == "unknown_item");
  CHECK(screen_error(deal("2026-09-01",
                          {{{"tops", {{"fp16", 1}}}, {"designer_hq_country", "Atlantis"}}},
                          "DE")) == "invalid_country");
  d = deal("2026-09-01", {{{"name", "H100"}}}, "DE");
  d["locale"] = "fr";
  CHECK(screen_error(d) == "invalid_request");
  const json e = json::parse(screen_json(
      sample_screener(), deal("2026-09-01", {{{"name", "H100"}}, {{"tops", 3}}}, "DE").dump()));
  CHECK(e["error"]["message"].get<std::string>().starts_with("items[1].tops"));
  json many = deal("2026-09-01", json::array(), "DE");
  for (std::size_t i = 0; i <= kMaxItems; ++i) many["items"].push_back({{"name", "H100"}});
  CHECK(screen_error(many) == "request_too_large");
}

TEST_CASE("reference: everything a form needs, from the rule data, in a locale") {
  const json en = json::parse(reference_json(R"({"locale":"en","as_of":"2026-09-01"})"));
  CHECK(en["rules_version"] == rules_version());
  CHECK(en["chips"].size() == 46);
  CHECK(en["end_uses"].size() == 11);
  CHECK(en["red_flags"].size() == 21);
  CHECK(en["roles"].size() == 7);
  for (const char* g : {"A:5", "A:6", "D:1", "D:3", "D:4", "D:5", "E:1", "E:2"})
    CHECK(en["country_groups"].contains(g));
  CHECK(en["destinations"]["HK"]["treated_as"] == "CN");
  for (const json& q : en["end_uses"]) {
    CHECK(!q["citation"].get<std::string>().empty());
    CHECK((q["default"].is_null() || q["default"] == false));
  }
  for (const json& f : en["red_flags"]) CHECK(!f["source"].get<std::string>().empty());
  const auto d5 = [](const std::string& as_of) {
    const json r = json::parse(reference_json(json({{"as_of", as_of}}).dump()));
    const json& m = r["country_groups"]["D:5"]["members"];
    return std::find(m.begin(), m.end(), "KH") != m.end();
  };
  CHECK(d5("2026-02-02"));
  CHECK(!d5("2026-02-03"));
  const json zh = json::parse(reference_json(R"({"locale":"zh"})"));
  CHECK(zh["end_uses"][0]["question"].get<std::string>().find("是否") != std::string::npos);
  CHECK(zh["roles"][0]["label"] == "买方");
  CHECK(json::parse(reference_json(R"({"locale":"de"})"))["error"]["code"] == "invalid_request");
  CHECK(json::parse(reference_json(R"({"colour":1})"))["error"]["code"] == "invalid_request");
}

TEST_CASE("the built-in list: a party it does not match is never cleared") {
  Screener builtin;
  builtin.add_list(builtin_list());
  const json r = screen(
      deal("2026-09-01", {{{"name", "H100"}}}, "DE", {party("Example GmbH", "DE", "DE")}), builtin);
  CHECK(r["verdict"] == "review");
  CHECK(findings(r, "lists.partial_coverage").size() == 1);
}
