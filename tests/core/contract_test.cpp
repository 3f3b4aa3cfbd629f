// The core against its JSON contract (contract/exportscreen.schema.json): the error codes it
// reports, the fields each JSON input accepts, the roles and the presets are the schema's, and
// what the entry points answer carries the fields the schema requires.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "exportscreen/error.h"
#include "exportscreen/matcher.h"
#include "request_fields.h"
#include "rules/rule_set.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

const json& contract() {
  static const json schema = [] {
    std::ifstream in(EXPORTSCREEN_CONTRACT, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << EXPORTSCREEN_CONTRACT);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
  }();
  return schema;
}

const json& def(const std::string& name) {
  const json& defs = contract().at("$defs");
  REQUIRE_MESSAGE(defs.contains(name), "the contract has no " << name);
  return defs.at(name);
}

// The property names of an object definition.
std::set<std::string> properties(const std::string& name) {
  std::set<std::string> out;
  for (const auto& [key, value] : def(name).at("properties").items()) out.insert(key);
  return out;
}

// The constants of a oneOf definition, with the alternatives' annotation `key` (or null).
std::vector<std::pair<std::string, json>> constants(const std::string& name,
                                                    const std::string& key = {}) {
  std::vector<std::pair<std::string, json>> out;
  for (const json& alt : def(name).at("oneOf")) {
    out.emplace_back(alt.at("const").get<std::string>(),
                     key.empty() || !alt.contains(key) ? json() : alt.at(key));
  }
  return out;
}

template <std::size_t N>
std::set<std::string> as_set(const std::array<std::string_view, N>& fields) {
  return {fields.begin(), fields.end()};
}

}  // namespace

TEST_CASE("contract: the core's error codes are the schema's core codes") {
  std::set<std::string> schema;
  for (const auto& [code, origin] : constants("ErrorCode", "x-origin")) {
    if (origin == "core") schema.insert(code);
  }
  const std::set<std::string> core(errc::kAll.begin(), errc::kAll.end());
  CHECK(core == schema);
}

TEST_CASE("contract: each JSON input accepts exactly the schema's fields") {
  CHECK(as_set(fields::kScreenRequest) == properties("ScreenRequest"));
  CHECK(as_set(fields::kParty) == properties("Party"));
  CHECK(as_set(fields::kMatchOptions) == properties("MatchOptions"));
  CHECK(as_set(fields::kMatchQuery) == properties("MatchQuery"));
  CHECK(as_set(fields::kComparePair) == properties("ComparePair"));
  CHECK(as_set(fields::kListOptions) == properties("ListOptions"));
  CHECK(as_set(fields::kCsvOptions) == properties("CsvOptions"));
  CHECK(as_set(fields::kReferenceOptions) == properties("ReferenceOptions"));
  CHECK(as_set(fields::kItem) == properties("Item"));
  CHECK(as_set(fields::kRowOptions) == properties("RowOptions"));
  std::set<std::string> classify = as_set(fields::kItem);
  classify.insert(fields::kClassifyExtra.begin(), fields::kClassifyExtra.end());
  CHECK(classify == properties("ClassifyItem"));
}

TEST_CASE("contract: the field lists are what the parsers enforce") {
  // Every field of the schema is known (a wrong value may be refused, never as unknown); a field
  // the schema does not have is refused as unknown.
  Screener screener;
  screener.add_list(builtin_list());
  const auto unknown = [](const std::string& out, const std::string& field) {
    return out.find("unknown field \\\"" + field + "\\\"") != std::string::npos;
  };
  for (const std::string& f : properties("ScreenRequest")) {
    CHECK_FALSE(unknown(screen_json(screener, R"({"parties": [], ")" + f + R"(": 0})"), f));
  }
  for (const std::string& f : properties("Party")) {
    const std::string out =
        screen_json(screener, R"({"parties": [{"name": "x", ")" + f + R"(": 0}]})");
    CHECK_FALSE(unknown(out, f));
  }
  for (const std::string& f : properties("Item")) {
    CHECK_FALSE(unknown(classify_json(R"({")" + f + R"(": 0})"), f));
  }
  for (const std::string& f : properties("MatchQuery")) {
    CHECK_FALSE(unknown(match_json(screener, R"({"name": "x", ")" + f + R"(": 0})"), f));
  }
  CHECK(unknown(screen_json(screener, R"({"parties": [], "partys": 0})"), "partys"));
  CHECK(unknown(screen_json(screener, R"({"parties": [{"name": "x", "rol": 0}]})"), "rol"));
  CHECK(unknown(classify_json(R"({"tflops": 0})"), "tflops"));
  CHECK(unknown(match_json(screener, R"({"name": "x", "score": 0})"), "score"));
  CHECK(unknown(compare_json(R"({"a": "x", "b": "y", "c": 0})"), "c"));
  CHECK(unknown(reference_json(R"({"lang": "en"})"), "lang"));
  CHECK(unknown(parse_csv_json("a,b\n", R"({"sep": ","})"), "sep"));
}

TEST_CASE("contract: roles and presets are the schema's, and the core reports them") {
  std::vector<std::string> roles;
  for (const auto& [id, unused] : constants("Role")) roles.push_back(id);
  std::vector<std::string> core_roles;
  for (const rules::Role& r : rules::builtin_rule_set().roles) core_roles.push_back(r.id);
  CHECK(core_roles == roles);

  const auto presets = constants("Preset", "x-min-score");
  REQUIRE(presets.size() == kMatchPresets.size());
  for (std::size_t i = 0; i < presets.size(); ++i) {
    CHECK(kMatchPresets[i].name == presets[i].first);
    CHECK(kMatchPresets[i].min_score == presets[i].second.get<double>());
    CHECK(preset_min_score(presets[i].first) == kMatchPresets[i].min_score);
  }

  const json info = json::parse(version_json());
  CHECK(info["version"] == std::string(version()));
  CHECK(info["roles"] == json(roles));
  REQUIRE(info["presets"].size() == presets.size());
  CHECK(info["presets"][0]["id"] == presets[0].first);
  const json reference = json::parse(reference_json(R"({"locale": "zh"})"));
  CHECK(reference["presets"] == info["presets"]);
  CHECK(reference["roles"].size() == roles.size());
  // A role the contract does not name is refused.
  Screener screener;
  screener.add_list(builtin_list());
  CHECK(
      test::error_code(screen_json(screener, R"({"parties": [{"name": "x", "role": "owner"}]})")) ==
      errc::kInvalidRequest);
}

TEST_CASE("contract: every answer has the fields the schema requires") {
  Screener screener;
  screener.add_list(builtin_list());
  const auto has_required = [](const std::string& name, const json& value) {
    for (const json& field : def(name).value("required", json::array())) {
      CHECK_MESSAGE(value.contains(field.get<std::string>()), name << " lacks " << field);
    }
  };
  const json result = json::parse(
      screen_json(screener,
                  R"({"parties": [{"name": "Huawei Technologies Co Ltd", "country": "CN"}],
          "items": [{"name": "H100"}], "destination": "CN"})"));
  has_required("ScreenResult", result);
  has_required("Finding", result["findings"][0]);
  has_required("PartyMatch", result["party_matches"][0]);
  has_required("Explanation", result["party_matches"][0]["explanation"]);
  has_required("ListInfo", result["lists"][0]);
  has_required("Classification", result["classifications"][0]);
  has_required("VersionOutput", json::parse(version_json()));
  has_required("Reference", json::parse(reference_json("")));
  has_required("CompareOutput", json::parse(compare_json(R"({"a": "x", "b": "y"})")));
  has_required("ErrorEnvelope", json::parse(screen_json(screener, "{")));
  // Every property the core writes is one the schema describes (an added field goes into the
  // schema first, docs/api.md).
  const std::set<std::string> described = properties("ScreenResult");
  for (const auto& field : result.items()) {
    const std::string key = field.key();
    CHECK_MESSAGE(described.count(key), key);
  }
}
