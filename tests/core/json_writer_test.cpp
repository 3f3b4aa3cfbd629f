// JsonWriter writes the text dump() writes, and the answers written with it are what the
// nlohmann::json values they replaced wrote: every object's keys sorted, the same numbers, the
// same escapes.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "exportscreen/diff.h"
#include "exportscreen/json_writer.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

// Writes `j` through the writer's own calls: objects, arrays, keys and each kind of value.
void write_through(JsonWriter& w, const json& j) {
  switch (j.type()) {
    case json::value_t::object:
      w.object();
      for (const auto& [k, v] : j.items()) write_through(w.key(k), v);
      w.end();
      break;
    case json::value_t::array:
      w.array();
      for (const json& v : j) write_through(w, v);
      w.end();
      break;
    case json::value_t::string:
      w.value(j.get_ref<const std::string&>());
      break;
    case json::value_t::boolean:
      w.value(j.get<bool>());
      break;
    case json::value_t::number_integer:
      w.value(j.get<long long>());
      break;
    case json::value_t::number_unsigned:
      w.value(j.get<unsigned long long>());
      break;
    case json::value_t::number_float:
      w.value(j.get<double>());
      break;
    default:
      w.null();
  }
}

std::string written(const json& j) {
  JsonWriter w;
  write_through(w, j);
  return std::move(w).take();
}

// The text is what parsing it and dumping it again gives: sorted keys, nlohmann's number and
// string forms.
void check_canonical(const std::string& text) {
  INFO(text.substr(0, 300));
  CHECK(dump(json::parse(text)) == text);
}

}  // namespace

TEST_CASE("json writer: writes what dump() writes") {
  std::string controls;
  for (char c = 0; c < 0x20; ++c) controls += c;
  const json j = {
      {"strings",
       {"", "plain", "quote \" and backslash \\", controls, "\x7f", "华为 Huawei",
        "zero\u200Bwidth", "bad \xff byte", "cut \xe5\x8d", "\xed\xa0\x80 surrogate"}},
      {"numbers",
       {0, -3, 42, std::numeric_limits<long long>::min(),
        std::numeric_limits<unsigned long long>::max(), 0.0, 1.0, -2.5, 0.1, 0.9581160851553071,
        1e-7, 1e300, std::nan("")}},
      {"literals", {true, false, nullptr}},
      {"empty", {{"object", json::object()}, {"array", json::array()}}},
      {"nested", {{"a", {{"b", {{"c", json::array({json::object(), json::array()})}}}}}}}};
  CHECK(written(j) == dump(j));
  for (const auto& [k, v] : j.items()) CHECK(written(v) == dump(v));
  CHECK(written("a") == "\"a\"");
  CHECK(written(json::array({1, 2})) == "[1,2]");
}

TEST_CASE("json writer: nlohmann::json values, lists of strings and nulls in place") {
  JsonWriter w;
  w.object()
      .field("evidence", json{{"score", 1.0}, {"party", 0}})
      .field("names", std::vector<std::string>{"a", "b\n"})
      .key("none")
      .string_or_null("")
      .key("some")
      .string_or_null("x")
      .end();
  CHECK(std::move(w).take() ==
        R"({"evidence":{"party":0,"score":1.0},"names":["a","b\n"],"none":null,"some":"x"})");
}

TEST_CASE("json writer: the API's answers are the text their JSON values dump to") {
  Screener s;
  s.add_list(builtin_list());
  // A deal with every check firing: parties matched, items classified, open questions.
  check_canonical(screen_json(s, R"({"as_of":"2026-09-01",
             "parties":[{"name":"Huawei Technologies Co., Ltd.","country":"CN"},
                        {"name":"Example Compute Pte Ltd","country":"SG",
                         "headquarters_country":"CN","role":"ultimate_consignee"},
                        {"name":"Hua\u200Bwei \"Tech\"\\nologies"}],
             "items":[{"name":"H100 SXM5","quantity":64},{"name":"Ascend 910B"}],
             "destination":"SG","end_use":{"ai_model_training":true},"locale":"zh"})"));
  check_canonical(screen_json(s, R"({"parties":[{"name":"John Smith"}]})"));
  check_canonical(match_json(s, R"({"name":"Huawei","limit":3})", {}));
  check_canonical(compare_json(R"({"a":"Huawei Technologies","b":"华为技术"})", 0.8));
  check_canonical(lists_json(s));
  check_canonical(country_codes_json());
  check_canonical(screen_json(s, "{not json"));  // the error envelope
  // Classifications: a catalog chip, figures given (sparse, HBM, a computer), a name unknown, and
  // the reference data in both languages and on a date before a group's change.
  for (const char* item :
       {R"({"name":"H100 SXM5","quantity":3})", R"({"name":"Ascend 910C","locale":"zh"})",
        R"({"name":"MI300X","as_of":"2023-01-01"})",
        R"({"label":"x","tops":{"fp8":2000},"sparse":true,"die_area_mm2":800})",
        R"({"kind":"hbm","memory_bandwidth_gbps":3000,"package_area_mm2":20})",
        R"({"kind":"computer","tops":{"int8":4000}})", R"({"tops":{"fp16":10}})",
        R"({"name":"no such chip"})"}) {
    CAPTURE(item);
    check_canonical(classify_json(item));
  }
  check_canonical(version_json());
  check_canonical(
      parse_csv_json("\xEF\xBB\xBFname;country\r\nM\xC3\xBCller \"GmbH\";DE\r\n\r\nx;\n", ""));
  check_canonical(parse_csv_json("name,country\nA,CN\n", R"({"separator":"auto"})"));
  check_canonical(parse_csv_json("", ""));
  check_canonical(parse_csv_json("a,\"b\n", ""));  // refused: the error envelope
  check_canonical(reference_json(""));
  check_canonical(reference_json(R"({"locale":"zh","as_of":"2024-01-01"})"));

  // A list whose names hold characters that are not displayed, and a delta list.
  const std::string header =
      test::fixture("csl-sample.csv").substr(0, test::fixture("csl-sample.csv").find('\n') + 1);
  Screener invisible;
  check_canonical(load_list_json(
      invisible,
      header + "\"x1\",\"Entity List (EL) - Bureau of Industry and Security\",\"\",\"\",\"\","
               "\"Tech\u2060nova Systems\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
               "\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n",
      ""));
  const std::string technova =
      screen_json(invisible, R"({"parties":[{"name":"Tech\u200Cnova Systems"}]})");
  CHECK(technova.find("differs_only_by_invisible") != std::string::npos);
  check_canonical(technova);

  const ListSnapshot before =
      load_list(test::fixture("csl-sample.csv"), test::labelled("old", "2026-11-13"));
  const ListSnapshot after =
      load_list(test::fixture("diff/csl-new.csv"), test::labelled("new", "2026-11-20"));
  const std::vector<const ListSnapshot*> one_before{&before}, one_after{&after};
  std::vector<ListSnapshot> delta =
      delta_lists(one_before, one_after, diff_lists(one_before, one_after));
  REQUIRE(delta.size() == 1);
  Screener changes;
  check_canonical(add_list_json(changes, std::move(delta[0]), false));
  const std::string nobody = screen_json(changes, R"({"parties":[{"name":"Nobody Known"}]})");
  CHECK(nobody.find(R"("delta":{"added":1,"changed":3,"removed":1)") != std::string::npos);
  check_canonical(nobody);
  check_canonical(screen_json(changes, R"({"parties":[{"name":"Huawei Technologies"}]})"));
}
