// The reviewed deals of tests/rules/cases/*.json, run through screen_json: each case names its
// expected verdict, the rules and citations that must (or must not) appear and the questions
// that must be asked, with one line of legal rationale and its source. A failure names the case.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

const Screener& screener(const std::string& lists) {
  // The 12-record sample with one record of each CSL source it lacks: a list that holds every
  // source, so a case can clear (csl-sample.csv alone is partial: lists.partial_coverage).
  static const Screener sample = [] {
    Screener s;
    s.add_list(load_list(test::fixture("csl-complete.csv"),
                         test::labelled("csl-complete.csv", "2026-11-20")));
    return s;
  }();
  static const Screener builtin = [] {
    Screener s;
    s.add_list(builtin_list());
    return s;
  }();
  return lists == "builtin" ? builtin : sample;
}

// Every end-use question and red flag answered "no", so a case states only what it is about.
json all_answered_no() {
  const json ref = json::parse(reference_json(""));
  json end_use = {{"red_flags", json::object()}};
  for (const json& e : ref["end_uses"]) end_use[e["id"].get<std::string>()] = false;
  for (const json& f : ref["red_flags"]) end_use["red_flags"][f["id"].get<std::string>()] = false;
  return end_use;
}

bool has_rule(const json& r, const std::string& rule) {
  return std::any_of(r["findings"].begin(), r["findings"].end(),
                     [&](const json& f) { return f["rule"] == rule; });
}

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(EXPORTSCREEN_CASES)) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("rules cases: every reviewed deal gets its expected verdict, rules and citations") {
  std::size_t count = 0;
  for (const auto& path : case_files()) {
    const json file = json::parse(test::read_file(path.string()));
    for (const json& c : file.at("cases")) {
      const std::string id = c.at("id").get<std::string>();
      INFO("case " << id << " (" << path.filename().string() << ")");
      REQUIRE_MESSAGE(c.contains("rationale"), "case " << id << " has no rationale");
      REQUIRE_MESSAGE(c.contains("source"), "case " << id << " has no source");
      ++count;
      json request = c.at("request");
      if (!c.value("unanswered", false)) {
        json answers = all_answered_no();
        if (request.contains("end_use")) {
          for (const auto& [k, v] : request["end_use"].items()) {
            if (k == "red_flags") {
              for (const auto& [f, a] : v.items()) answers["red_flags"][f] = a;
            } else {
              answers[k] = v;
            }
          }
        }
        for (const json& u : c.value("unset", json::array())) answers.erase(u.get<std::string>());
        request["end_use"] = answers;
      }
      if (!request.contains("parties")) request["parties"] = json::array();
      const json r = json::parse(screen_json(screener(c.value("lists", "sample")), request.dump()));
      const json& expect = c.at("expect");
      if (expect.contains("error")) {
        CHECK_MESSAGE(r.contains("error"), "case " << id << ": expected an error");
        if (r.contains("error")) CHECK_MESSAGE(r["error"]["code"] == expect["error"], id);
        continue;
      }
      REQUIRE_MESSAGE(!r.contains("error"), "case " << id << ": " << r.dump());
      CHECK_MESSAGE(r["verdict"] == expect.at("verdict"), "case " << id << ": verdict "
                                                                  << r["verdict"] << ", expected "
                                                                  << expect["verdict"]);
      for (const json& rule : expect.value("rules", json::array())) {
        CHECK_MESSAGE(has_rule(r, rule.get<std::string>()),
                      "case " << id << ": rule " << rule << " missing");
      }
      for (const json& rule : expect.value("absent", json::array())) {
        CHECK_MESSAGE(!has_rule(r, rule.get<std::string>()),
                      "case " << id << ": rule " << rule << " must not fire");
      }
      std::string citations;
      for (const json& f : r["findings"]) {
        citations += f["citation"].get<std::string>() + "\n";
        if (f["evidence"].contains("review_policy"))
          citations += f["evidence"]["review_policy"]["citation"].get<std::string>() + "\n";
      }
      for (const json& e : r["license_exceptions"]) citations += e["citation"].get<std::string>();
      for (const json& cite : expect.value("citations", json::array())) {
        CHECK_MESSAGE(citations.find(cite.get<std::string>()) != std::string::npos,
                      "case " << id << ": citation " << cite << " missing");
      }
      for (const json& q : expect.value("questions", json::array())) {
        const bool asked = std::any_of(r["open_questions"].begin(), r["open_questions"].end(),
                                       [&](const json& o) { return o["field"] == q; });
        CHECK_MESSAGE(asked, "case " << id << ": question " << q << " not asked");
      }
      for (const json& q : expect.value("not_asked", json::array())) {
        const bool asked = std::any_of(r["open_questions"].begin(), r["open_questions"].end(),
                                       [&](const json& o) { return o["field"] == q; });
        CHECK_MESSAGE(!asked, "case " << id << ": question " << q << " must not be asked");
      }
      std::vector<std::string> policies;
      for (const json& f : r["findings"]) {
        if (f["evidence"].contains("review_policy"))
          policies.push_back(f["evidence"]["review_policy"]["rule"].get<std::string>());
      }
      for (const json& p : expect.value("policies", json::array())) {
        CHECK_MESSAGE(std::count(policies.begin(), policies.end(), p.get<std::string>()) > 0,
                      "case " << id << ": review policy " << p << " missing");
      }
      for (const json& p : expect.value("absent_policies", json::array())) {
        CHECK_MESSAGE(std::count(policies.begin(), policies.end(), p.get<std::string>()) == 0,
                      "case " << id << ": review policy " << p << " must not apply");
      }
      for (const json& cite : expect.value("absent_citations", json::array())) {
        CHECK_MESSAGE(citations.find(cite.get<std::string>()) == std::string::npos,
                      "case " << id << ": citation " << cite << " must not appear");
      }
      if (expect.contains("policy")) {
        std::string policy;
        for (const json& f : r["findings"]) {
          if (f["evidence"].contains("review_policy") && policy.empty())
            policy = f["evidence"]["review_policy"]["rule"].get<std::string>();
        }
        CHECK_MESSAGE(policy == expect["policy"], "case " << id << ": review policy " << policy
                                                          << ", expected " << expect["policy"]);
      }
      for (const json& ex : expect.value("exceptions", json::array())) {
        const bool listed =
            std::any_of(r["license_exceptions"].begin(), r["license_exceptions"].end(),
                        [&](const json& e) { return e["rule"] == ex; });
        CHECK_MESSAGE(listed, "case " << id << ": exception " << ex << " not listed");
      }
      if (expect.contains("footnotes")) {
        json found = json::array();
        for (const json& f : r["findings"]) {
          if (f["rule"] == "party.entity_list") found = f["evidence"]["fdp_footnotes"];
        }
        CHECK_MESSAGE(found == expect["footnotes"], "case " << id << ": footnotes " << found
                                                            << ", expected "
                                                            << expect["footnotes"]);
      }
    }
  }
  CHECK_MESSAGE(count >= 80, "the cases suite holds " << count << " cases; at least 80 expected");
}
