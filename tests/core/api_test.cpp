// The JSON contract: request validation, result shape, verdicts, and the error envelope.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {
Screener builtin_screener() {
  Screener s;
  s.add_list(builtin_list());
  return s;
}

Screener sample_screener() {
  Screener s;
  s.add_list(load_list(test::fixture("csl-complete.csv"),
                       test::labelled("csl-complete.csv", "2026-11-20")));
  return s;
}

}  // namespace

TEST_CASE("api: a Huawei request yields license_required with the Entity List entry and citation") {
  const Screener s = builtin_screener();
  const json r = json::parse(screen_json(
      s,
      R"({"as_of":"2026-11-01","parties":[{"name":"Huawei Technologies Co Ltd","country":"CN"}]})"));
  CHECK(r["verdict"] == "license_required");
  CHECK(r["as_of"] == "2026-11-01");
  CHECK(r["rules_version"] == rules_version());
  CHECK(r["notice"].get<std::string>().find("not legal advice") != std::string::npos);
  REQUIRE(r["party_matches"].size() >= 1);
  const json& m = r["party_matches"][0];
  CHECK(m["party"] == 0);
  CHECK(m["name"] == "Huawei Technologies Co., Ltd.");
  CHECK(m["source"] == "Entity List (EL) - Bureau of Industry and Security");
  CHECK(m["score"].get<double>() == doctest::Approx(1.0));
  CHECK(m.contains("id"));
  CHECK(m.contains("matched_name"));
  CHECK(m["explanation"]["pairs"].size() == 2);
  const json& f = r["findings"][0];
  CHECK(f["check"] == "parties");
  CHECK(f["severity"] == "license_required");
  CHECK(f["rule"] == "party.entity_list");
  CHECK(f["citation"].get<std::string>().find("15 CFR 744.11") != std::string::npos);
  CHECK(f["citation"].get<std::string>().find("84 FR 22963") != std::string::npos);
  CHECK(f["evidence"]["entry_id"] == m["id"]);
  REQUIRE(r["lists"].size() == 1);
  CHECK(r["lists"][0]["records"] == 261);
  CHECK(r["lists"][0]["as_of"] == "2026-07-09");
  CHECK(r["lists"][0]["sha256"].get<std::string>().size() == 64);
}

TEST_CASE("api: the built-in list alone never clears a party") {
  const Screener s = builtin_screener();
  const json r = json::parse(screen_json(s, R"({"parties":[{"name":"Acme Widgets Inc"}]})"));
  CHECK(r["verdict"] == "review");
  bool partial = false;
  for (const auto& f : r["findings"]) partial |= f["rule"] == "lists.partial_coverage";
  CHECK(partial);
}

TEST_CASE("api: each list's consequence sets the verdict") {
  const Screener s = sample_screener();
  const auto verdict = [&](const std::string& name) {
    return json::parse(screen_json(s, R"({"parties":[{"name":")" + name + R"("}]})"))["verdict"];
  };
  CHECK(verdict("ADT Analog and Digital Technik") == "stop");        // Denied Persons
  CHECK(verdict("Ayman al-Zawahiri") == "stop");                     // SDN
  CHECK(verdict("Guangdong University of Technology") == "review");  // Unverified List
  CHECK(verdict("Academy of Aerospace Solid Propulsion Technology") == "license_required");  // MEU
  CHECK(verdict("Acme Widgets Inc") == "clear");  // a full-format list with no match clears
}

TEST_CASE("api: the most severe finding comes first and decides the verdict") {
  const Screener s = sample_screener();
  const json r = json::parse(screen_json(
      s,
      R"({"parties":[{"name":"Acme Widgets Inc"},{"name":"ADT Analog and Digital Technik"},{"name":"Guangdong University of Technology"}]})"));
  CHECK(r["verdict"] == "stop");
  CHECK(r["findings"][0]["severity"] == "stop");
  CHECK(r["findings"].back()["severity"] == "clear");
  CHECK(r["party_matches"][0]["party"] == 1);
}

TEST_CASE("api: malformed requests get a structured error, never a crash") {
  const Screener s = builtin_screener();
  CHECK(test::error_code(screen_json(s, "")) == "invalid_json");
  CHECK(test::error_code(screen_json(s, "{\"parties\":[")) == "invalid_json");
  CHECK(test::error_code(screen_json(s, "[]")) == "invalid_request");
  CHECK(test::error_code(screen_json(s, "{}")) == "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":{}})")) == "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":[{"name":42}]})")) == "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":[{"name":"  "}]})")) == "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":[{}]})")) == "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":[],"destinaton":"CN"})")) ==
        "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":[{"name":"x","role":"boss"}]})")) ==
        "invalid_request");
  CHECK(test::error_code(screen_json(s, R"({"parties":[{"name":"x","country":"ZZ"}]})")) ==
        "invalid_country");
  CHECK(test::error_code(screen_json(s, R"({"parties":[],"destination":"China"})")) ==
        "invalid_country");
  CHECK(test::error_code(screen_json(s, R"({"as_of":"2026-02-30","parties":[]})")) ==
        "invalid_date");
  CHECK(test::error_code(screen_json(s, R"({"as_of":"1066-10-14","parties":[]})")) ==
        "invalid_date");
  CHECK(test::error_code(screen_json(s, R"({"parties":[],"options":{"min_score":2}})")) ==
        "invalid_request");
}

TEST_CASE("api: error messages name the field") {
  const Screener s = builtin_screener();
  const json e =
      json::parse(screen_json(s, R"({"parties":[{"name":"a"},{"name":"b","country":"XX"}]})"));
  CHECK(e["error"]["message"].get<std::string>().starts_with("parties[1].country"));
}

TEST_CASE("api: limits are enforced with request_too_large") {
  const Screener s = builtin_screener();
  const std::string long_name(kMaxNameBytes + 1, 'a');
  CHECK(test::error_code(screen_json(s, R"({"parties":[{"name":")" + long_name + R"("}]})")) ==
        "request_too_large");
  json many = {{"parties", json::array()}};
  for (std::size_t i = 0; i <= kMaxParties; ++i) many["parties"].push_back({{"name", "x"}});
  CHECK(test::error_code(screen_json(s, many.dump())) == "request_too_large");
  std::string deep(100, '[');
  CHECK(test::error_code(screen_json(s, "{\"parties\":" + deep)) == "invalid_json");
  CHECK(test::error_code(screen_json(s, "{\"parties\":[], \"items\":" + deep +
                                            std::string(100, ']') + "}")) == "invalid_json");
}

TEST_CASE("api: invalid UTF-8 in a request is an invalid_json error") {
  const Screener s = builtin_screener();
  CHECK(test::error_code(screen_json(s, "{\"parties\":[{\"name\":\"\xff\"}]}")) == "invalid_json");
}

TEST_CASE("api: screening with no list loaded is an error") {
  const Screener empty;
  CHECK(test::error_code(screen_json(empty, R"({"parties":[{"name":"x"}]})")) == "no_lists");
}

TEST_CASE("api: match_json and compare_json") {
  const Screener s = builtin_screener();
  const json m =
      json::parse(match_json(s, R"({"name":"Huawei Technologies Co., Ltd.","limit":2})"));
  CHECK(m["query"] == "Huawei Technologies Co., Ltd.");
  CHECK(m["matches"].size() == 2);
  CHECK(test::error_code(match_json(s, R"({"nam":"x"})")) == "invalid_request");

  const json c =
      json::parse(compare_json(R"({"a":"George Bush","b":"George Habbash","type":"person"})"));
  CHECK(c["match"] == false);
  CHECK(c["score"].get<double>() < 0.7);
  CHECK(test::error_code(compare_json(R"({"a":"x","b":"y","type":"ship"})")) == "invalid_request");
}

TEST_CASE("api: load_list_json reports the list and leaves the screener unchanged on error") {
  Screener s;
  const json ok = json::parse(load_list_json(s, test::fixture("csl-sample.csv"),
                                             R"({"label":"sample","as_of":"2026-11-20"})"));
  CHECK(ok["list"]["records"] == 12);
  CHECK(ok["list"]["as_of"] == "2026-11-20");
  CHECK(ok["lists"].size() == 1);
  CHECK(test::error_code(load_list_json(s, "garbage", "")) == "unknown_list_format");
  CHECK(s.lists().size() == 1);
  const json replaced =
      json::parse(load_list_json(s, test::fixture("csl-sample.csv"), R"({"replace":true})"));
  CHECK(replaced["lists"].size() == 1);
}

TEST_CASE("api: dates") {
  CHECK(require_date("2024-02-29", "d") == "2024-02-29");
  CHECK_THROWS_AS(require_date("2023-02-29", "d"), Error);
  CHECK_THROWS_AS(require_date("2023-1-01", "d"), Error);
  CHECK(today_utc().size() == 10);
}

TEST_CASE("api: parse_csv_json reads a party file with the list loader's CSV reader") {
  const json j =
      json::parse(parse_csv_json("\xEF\xBB\xBFname,country\r\n\"Huawei Technologies Co., "
                                 "Ltd.\",CN\r\n\r\n\"Acme \"\"Q\"\"\",DE\n",
                                 ""));
  REQUIRE(j.contains("rows"));
  CHECK(j["rows"].size() == 3);
  CHECK(j["rows"][0] == json::array({"name", "country"}));
  CHECK(j["rows"][1][0] == "Huawei Technologies Co., Ltd.");
  CHECK(j["rows"][2][0] == "Acme \"Q\"");
  CHECK(j["lines"] == json::array({1, 2, 4}));

  const json semi = json::parse(parse_csv_json("name;country\nA, B;CN\n", R"({"separator":";"})"));
  CHECK(semi["rows"][1] == json::array({"A, B", "CN"}));
  CHECK(j["encoding"] == "utf-8");
  CHECK(j["bom"] == true);
  CHECK(semi["bom"] == false);
  CHECK(semi["separator"] == ";");
  const json sniffed =
      json::parse(parse_csv_json("name;country\nA, B;CN\n", R"({"separator":"auto"})"));
  CHECK(sniffed["separator"] == ";");
  CHECK(sniffed["rows"][1] == json::array({"A, B", "CN"}));
}

TEST_CASE("api: parse_csv_json reads the encodings spreadsheets save CSV in, and says which") {
  const json latin = json::parse(parse_csv_json("name\nM\xFCller GmbH \x80\n", ""));
  CHECK(latin["encoding"] == "windows-1252");
  CHECK(latin["rows"][1][0] == "M\xC3\xBCller GmbH \xE2\x82\xAC");
  // Excel's "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated.
  const std::string utf16("\xFF\xFEn\0a\0m\0e\0\t\0c\0\n\0\x4E\x53\x3A\x4E\t\0C\0N\0\n\0", 26);
  const json wide = json::parse(parse_csv_json(utf16, R"({"separator":"auto"})"));
  CHECK(wide["encoding"] == "utf-16le");
  CHECK(wide["separator"] == "\t");
  CHECK(wide["rows"][1] == json::array({"\xE5\x8D\x8E\xE4\xB8\xBA", "CN"}));
  const json zip = json::parse(parse_csv_json(std::string("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"
                                                          "\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0"
                                                          "[Content_Types].xml",
                                                          49),
                                              ""));
  CHECK(zip["error"]["code"] == "not_csv");
  CHECK(zip["error"]["message"].get<std::string>().find("Excel workbook (.xlsx)") !=
        std::string::npos);
}

TEST_CASE("api: parse_csv_json names the line of a broken party file") {
  CHECK(test::error_code(parse_csv_json("name\n\"open quote\n", "")) == "invalid_csv");
  CHECK(test::error_code(parse_csv_json("name\n\"a\"b\n", "")) == "invalid_csv");
  // Not UTF-8 and not Western European text either (GBK: 华为技术).
  const std::string gbk = "name\nok\n\xBB\xAA\xCE\xAA\xBC\xBC\xCA\xF5\n";
  const json bad = json::parse(parse_csv_json(gbk, ""));
  CHECK(bad["error"]["code"] == "invalid_utf8");
  CHECK(bad["error"]["message"].get<std::string>().find("line 3") != std::string::npos);
  CHECK(bad["error"]["message"].get<std::string>().find("CSV UTF-8") != std::string::npos);
  CHECK(test::error_code(parse_csv_json("a\n", R"({"separator":"|"})")) == "invalid_request");
  CHECK(test::error_code(parse_csv_json("a\n", R"({"sep":","})")) == "invalid_request");
  std::string wide(70, ',');
  CHECK(test::error_code(parse_csv_json(wide + "\n", "")) == "request_too_large");
  CHECK(json::parse(parse_csv_json("", ""))["rows"].empty());
}

TEST_CASE("api: country_codes_json lists every accepted code, sorted") {
  const json j = json::parse(country_codes_json());
  const json& c = j["countries"];
  CHECK(c.size() >= 249);
  bool sorted = true, has_cn = false, has_xk = false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i && !(c[i - 1]["code"].get<std::string>() < c[i]["code"].get<std::string>()))
      sorted = false;
    has_cn = has_cn || (c[i]["code"] == "CN" && c[i]["name"] == "China");
    has_xk = has_xk || c[i]["code"] == "XK";
  }
  CHECK(sorted);
  CHECK(has_cn);
  CHECK(has_xk);
  // Written as text: exactly what building it as JSON values and writing those gives.
  json built = json::array();
  for (const auto& [code, name] : country_codes())
    built.push_back({{"code", code}, {"name", name}});
  CHECK(country_codes_json() == json({{"countries", built}}).dump());
}

TEST_CASE(
    "api: invisible characters in a party name are reported, and a name that differs from "
    "a listed one only by them says so") {
  const Screener s = builtin_screener();
  // "Hua<ZERO WIDTH SPACE>wei ...": on screen, the Entity List entry's name.
  const std::string name = "Hua\u200Bwei Technologies Co., Ltd.";
  const json r =
      json::parse(screen_json(s, json{{"parties", {{{"name", name}}}}, {"locale", "en"}}.dump()));
  CHECK(r["verdict"] == "license_required");
  REQUIRE(r["invisible_characters"].size() == 1);
  const json& inv = r["invisible_characters"][0];
  CHECK(inv["party"] == 0);
  CHECK(inv["name_shown"] == "Hua\u27E8U+200B\u27E9wei Technologies Co., Ltd.");
  CHECK(inv["characters"] ==
        json::parse(R"([{"code_point":"U+200B","name":"ZERO WIDTH SPACE","index":3,"byte":3}])"));
  const json& m = r["party_matches"][0];
  CHECK(m["matched_name"] == "Huawei Technologies Co., Ltd.");
  CHECK(m["invisible"]["party_name"][0]["code_point"] == "U+200B");
  CHECK_FALSE(m["invisible"].contains("matched_name"));
  CHECK(m["differs_only_by_invisible"] == true);
  std::map<std::string, json> by_rule;
  for (const auto& f : r["findings"]) by_rule.emplace(f["rule"].get<std::string>(), f);
  REQUIRE(by_rule.count("party.invisible_characters"));
  REQUIRE(by_rule.count("party.match_differs_only_by_invisible"));
  const json& found = by_rule["party.invisible_characters"];
  CHECK(found["severity"] == "review");
  CHECK(found["citation"].get<std::string>().find("Supplement No. 3 to Part 732") !=
        std::string::npos);
  CHECK(found["message"].get<std::string>().find(
            "contains 1 invisible character(s): U+200B ZERO WIDTH SPACE at position 4") !=
        std::string::npos);
  CHECK(by_rule["party.match_differs_only_by_invisible"]["message"].get<std::string>().find(
            "differ only by invisible characters") != std::string::npos);
  CHECK(by_rule["party.match_differs_only_by_invisible"]["subject"]["party"] == 0);

  const json zh =
      json::parse(screen_json(s, json{{"parties", {{{"name", name}}}}, {"locale", "zh"}}.dump()));
  bool zh_text = false;
  for (const auto& f : zh["findings"]) {
    if (f["rule"] == "party.invisible_characters") {
      zh_text = f["message"].get<std::string>().find("第 4 个字符处的 U+200B") != std::string::npos;
    }
  }
  CHECK(zh_text);

  // A plain name carries none of it.
  const json plain = json::parse(screen_json(s, R"({"parties":[{"name":"Huawei Technologies"}]})"));
  CHECK(plain["invisible_characters"].empty());
  CHECK_FALSE(plain["party_matches"][0].contains("invisible"));
  for (const auto& f : plain["findings"]) CHECK(f["rule"] != "party.invisible_characters");
}

TEST_CASE("api: invisible characters in a listed name are reported in the match") {
  const std::string header =
      test::fixture("csl-sample.csv").substr(0, test::fixture("csl-sample.csv").find('\n') + 1);
  Screener s;
  s.add_list(
      load_list(header +
                "\"x1\",\"Entity List (EL) - Bureau of Industry and Security\",\"\",\"\",\"\","
                "\"Tech\u2060nova Systems\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
                "\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"));
  const json r = json::parse(screen_json(s, R"({"parties":[{"name":"Technova Systems"}]})"));
  REQUIRE(r["party_matches"].size() == 1);
  const json& m = r["party_matches"][0];
  CHECK(m["invisible"]["matched_name"][0]["name"] == "WORD JOINER");
  CHECK(m["invisible"]["name"][0]["index"] == 4);
  CHECK(m["differs_only_by_invisible"] == true);
  CHECK(r["invisible_characters"].empty());  // the party's own name has none
  const json q = json::parse(match_json(s, "{\"name\":\"Tech\u200Cnova Systems\"}"));
  CHECK(q["invisible"][0]["code_point"] == "U+200C");
  CHECK(q["matches"][0]["invisible"]["matched_name"][0]["code_point"] == "U+2060");
}

TEST_CASE("api: a party's fields are validated alike from JSON and from a CSV row's columns") {
  // parse_party (requests, JSON rows) and make_party (a customer CSV block's rows) are one
  // validation: the same field gives the same error, or the same party.
  const auto error_of = [](const auto& make) -> std::string {
    try {
      make();
    } catch (const Error& e) {
      return e.code() + ": " + e.what();
    }
    return "";
  };
  const std::string long_name(kMaxNameBytes + 1, 'a');
  const std::string long_address(4097, 'a');
  const std::vector<std::pair<std::string, std::string>> cases = {{"name", ""},
                                                                  {"name", "   "},
                                                                  {"name", long_name},
                                                                  {"type", "robot"},
                                                                  {"type", std::string(40, 'x')},
                                                                  {"role", "buyer"},
                                                                  {"country", "ZZ"},
                                                                  {"country", "CHINA-PRC-REPUBLIC"},
                                                                  {"address", long_address},
                                                                  {"headquarters_country", "XX"},
                                                                  {"country", "cn"},
                                                                  {"type", "person"},
                                                                  {"role", "end_user"}};
  for (const auto& field_case : cases) {
    const std::string& key = field_case.first;     // not a structured binding: clang 14 cannot
    const std::string& value = field_case.second;  // capture those (CAPTURE is a lambda)
    CAPTURE(key);
    json j = {{"name", "Acme Trading"}};
    j[key] = value;
    PartyFields fields;
    fields.name = j["name"].get_ref<const std::string&>();
    std::optional<std::string_view>* slot = key == "type"      ? &fields.type
                                            : key == "role"    ? &fields.role
                                            : key == "country" ? &fields.country
                                            : key == "address" ? &fields.address
                                            : key == "headquarters_country"
                                                ? &fields.headquarters_country
                                                : &fields.name;
    *slot = j[key].get_ref<const std::string&>();
    const std::string from_json = error_of([&] { parse_party(j, "row"); });
    const std::string from_fields = error_of([&] { make_party(fields, "row"); });
    CHECK(from_json == from_fields);
    if (from_json.empty()) {
      const Party a = parse_party(j, "row"), b = make_party(fields, "row");
      CHECK((a.name == b.name && a.type == b.type && a.role == b.role && a.country == b.country &&
             a.headquarters_country == b.headquarters_country));
    } else {
      CHECK(from_json.find("row." + key) != std::string::npos);
    }
  }
  // A field that is not text is named as such (JSON only: a CSV column is always text).
  CHECK(error_of([] {
          parse_party({{"name", "Acme"}, {"type", 3}}, "row");
        }) == "invalid_request: row.type must be a string");
  CHECK(error_of([] {
          parse_party({{"type", "person"}}, "row");
        }) == "invalid_request: row.name is required");
  CHECK(error_of([] { make_party({}, "row"); }) == "invalid_request: row.name is required");
}
