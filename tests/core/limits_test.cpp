// Every limit on what the core reads (limits.h, docs/api.md "Limits"), each at the limit, one
// past it and ten times it: the limit is accepted, past it is refused with its code, and the
// refusal comes while reading (the input after the first value too many is never read).
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "exportscreen/limits.h"
#include "exportscreen/list.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

const Screener& builtin() {
  static const Screener s = [] {
    Screener screener;
    screener.add_list(builtin_list());
    return screener;
  }();
  return s;
}

json reply(const std::string& out) { return json::parse(out); }

std::string message_of(const std::string& out) {
  const json j = reply(out);
  return j.contains("error") ? j["error"]["message"].get<std::string>() : "";
}

// A request naming `n` parties, as JSON text.
std::string parties(std::size_t n, const std::string& extra = "") {
  std::string s = R"({"as_of":"2026-11-01","parties":[)";
  for (std::size_t i = 0; i < n; ++i) {
    s += i ? R"(,{"name":"P)" : R"({"name":"P)";
    s += std::to_string(i);
    s += "\"}";
  }
  return s + "]" + extra + "}";
}

std::string items(std::size_t n) {
  std::string s = R"({"as_of":"2026-11-01","parties":[],"destination":"NL","items":[)";
  for (std::size_t i = 0; i < n; ++i)
    s += i ? R"(,{"name":"H100 SXM5"})" : R"({"name":"H100 SXM5"})";
  return s + "]}";
}

std::string named(std::size_t bytes) {
  std::string s = R"({"parties":[{"name":")";
  s.append(bytes, 'a');
  return s + R"("}]})";
}

}  // namespace

TEST_CASE("limits: parties per request") {
  const json ok = reply(screen_json(builtin(), parties(kMaxParties)));
  CHECK(ok.contains("verdict"));
  for (std::size_t n : {kMaxParties + 1, 10 * kMaxParties}) {
    CAPTURE(n);
    const std::string out = screen_json(builtin(), parties(n));
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).find("parties[10000] is one too many") != std::string::npos);
  }
  // Refused at the first party too many: what follows it is never read (this is not JSON).
  CHECK(test::error_code(screen_json(builtin(), parties(kMaxParties + 1, ", this is not read"))) ==
        "request_too_large");
}

TEST_CASE("limits: rows per block of rows, as parties per request") {
  const auto rows = [](std::size_t n) {
    std::string s = "[";
    for (std::size_t i = 0; i < n; ++i)
      s += (i ? R"(,{"name":"P)" : R"({"name":"P)") + std::to_string(i) + "\"}";
    return s + "]";
  };
  // Well past the 1,000 elements of an ordinary array: a block of rows is a request's parties.
  CHECK(reply(screen_rows_json(builtin(), rows(kMaxParties), R"({"compact":true})"))
            .contains("summaries"));
  for (std::size_t n : {kMaxParties + 1, 10 * kMaxParties}) {
    CAPTURE(n);
    const std::string out = screen_rows_json(builtin(), rows(n), "");
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).find("names more than 10000 rows") != std::string::npos);
  }
}

TEST_CASE("limits: rows of a party CSV file, a header row above them") {
  const auto csv = [](std::size_t n) {
    std::string s = "name\n";
    for (std::size_t i = 0; i < n; ++i) s += "P" + std::to_string(i) + "\n";
    return s;
  };
  const json ok = reply(parse_csv_json(csv(kMaxCsvRecords), ""));
  REQUIRE(ok.contains("rows"));
  CHECK(ok["rows"].size() == kMaxCsvRecords + 1);
  for (std::size_t n : {kMaxCsvRecords + 1, 10 * kMaxCsvRecords}) {
    CAPTURE(n);
    const std::string out = parse_csv_json(csv(n), "");
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).find("more than 100000 rows and a header") != std::string::npos);
  }
}

TEST_CASE("limits: items per request") {
  CHECK(reply(screen_json(builtin(), items(kMaxItems))).contains("verdict"));
  for (std::size_t n : {kMaxItems + 1, 10 * kMaxItems}) {
    CAPTURE(n);
    const std::string out = screen_json(builtin(), items(n));
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).find("items[1000]") != std::string::npos);
  }
}

TEST_CASE("limits: bytes of a party name, in a request, a match query and a comparison") {
  CHECK(reply(screen_json(builtin(), named(kMaxNameBytes))).contains("verdict"));
  const std::string name(kMaxNameBytes, 'a');
  CHECK(reply(match_json(builtin(), json{{"name", name}}.dump())).contains("matches"));
  CHECK(reply(compare_json(json{{"a", name}, {"b", name}}.dump())).contains("score"));
  for (std::size_t n : {kMaxNameBytes + 1, 10 * kMaxNameBytes}) {
    CAPTURE(n);
    const std::string out = screen_json(builtin(), named(n));
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).starts_with("parties[0].name is " + std::to_string(n) + " bytes"));
    const std::string big(n, 'a');
    CHECK(test::error_code(match_json(builtin(), json{{"name", big}}.dump())) ==
          "request_too_large");
    CHECK(test::error_code(compare_json(json{{"a", "x"}, {"b", big}}.dump())) ==
          "request_too_large");
  }
}

TEST_CASE("limits: bytes of an item name or label") {
  const auto item = [](std::size_t bytes, const char* field) {
    return json{{"parties", json::array()},
                {"items", {{{field, std::string(bytes, 'x')}, {"tops", {{"fp16", 400}}}}}}}
        .dump();
  };
  CHECK(reply(screen_json(builtin(), item(kMaxItemNameBytes, "label"))).contains("verdict"));
  CHECK(test::error_code(screen_json(builtin(), item(kMaxItemNameBytes, "name"))) ==
        "unknown_item");
  for (const char* field : {"name", "label"}) {
    for (std::size_t n : {kMaxItemNameBytes + 1, 10 * kMaxItemNameBytes}) {
      CAPTURE(n);
      CHECK(test::error_code(screen_json(builtin(), item(n, field))) == "request_too_large");
    }
  }
}

TEST_CASE("limits: bytes of a request") {
  // A valid request padded with spaces (JSON allows them) to exactly the limit.
  const std::string core = R"({"parties":[{"name":"Huawei Technologies Co Ltd"}]})";
  std::string at = core + std::string(kMaxRequestBytes - core.size(), ' ');
  CHECK(reply(screen_json(builtin(), at)).contains("verdict"));
  at += ' ';
  CHECK(test::error_code(screen_json(builtin(), at)) == "request_too_large");
  const std::string ten(10 * kMaxRequestBytes, ' ');
  const std::string out = screen_json(builtin(), ten);
  CHECK(test::error_code(out) == "request_too_large");
  CHECK(message_of(out).find("the limit is 16777216") != std::string::npos);
}

TEST_CASE("limits: nesting") {
  const auto nested = [](std::size_t depth) {
    // The request object is one level; `items` holds the rest.
    return R"({"parties":[],"items":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') +
           "}";
  };
  // At the limit the request is read, then refused for its shape (items hold objects).
  CHECK(test::error_code(screen_json(builtin(), nested(kMaxJsonNesting))) == "invalid_request");
  for (std::size_t depth : {kMaxJsonNesting + 1, 10 * kMaxJsonNesting}) {
    CAPTURE(depth);
    const std::string out = screen_json(builtin(), nested(depth));
    CHECK(test::error_code(out) == "invalid_json");
    CHECK(message_of(out).find("nested deeper than 32 levels") != std::string::npos);
  }
}

TEST_CASE("limits: JSON values, array elements, object members and string bytes") {
  // An unknown field `x` holding arrays of at most 1,000 zeros, `values` JSON values in all:
  // read in full, then refused for the unknown field; one value more is refused as it is read.
  const auto with_values = [](std::size_t values) {
    std::size_t left = values - 3;  // the request, the parties' array, x's array
    std::string x;
    while (left > 0) {
      const std::size_t n = std::min<std::size_t>(left - 1, kMaxArrayElements);
      std::string inner;
      for (std::size_t k = 0; k < n; ++k) inner += k ? ",0" : "0";
      x += (x.empty() ? "[" : ",[") + inner + "]";
      left -= n + 1;
    }
    return R"({"parties":[],"x":[)" + x + "]}";
  };
  CHECK(test::error_code(screen_json(builtin(), with_values(kMaxRequestValues))) ==
        "invalid_request");
  for (std::size_t n : {kMaxRequestValues + 1, 10 * kMaxRequestValues}) {
    CAPTURE(n);
    const std::string out = screen_json(builtin(), with_values(n));
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).find("JSON values") != std::string::npos);
  }

  const auto sources = [](std::size_t n) {
    json s = json::array();
    for (std::size_t i = 0; i < n; ++i) s.push_back("EL");
    return json{{"parties", {{{"name", "x"}}}}, {"options", {{"sources", s}}}}.dump();
  };
  CHECK(reply(screen_json(builtin(), sources(kMaxArrayElements))).contains("verdict"));
  for (std::size_t n : {kMaxArrayElements + 1, 10 * kMaxArrayElements}) {
    const std::string out = screen_json(builtin(), sources(n));
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).starts_with("options.sources has more than 1000 elements"));
  }

  const auto members = [](std::size_t n) {
    json end_use = json::object();
    for (std::size_t i = 0; i < n; ++i) end_use[std::string("q").append(std::to_string(i))] = true;
    return json{{"parties", json::array()}, {"end_use", end_use}}.dump();
  };
  CHECK(test::error_code(screen_json(builtin(), members(kMaxObjectMembers))) == "invalid_request");
  for (std::size_t n : {kMaxObjectMembers + 1, 10 * kMaxObjectMembers}) {
    const std::string out = screen_json(builtin(), members(n));
    CHECK(test::error_code(out) == "request_too_large");
    CHECK(message_of(out).starts_with("end_use has more than 64 fields"));
  }

  const auto address = [](std::size_t n) {
    return json{{"parties", {{{"name", "x"}, {"address", std::string(n, 'a')}}}}}.dump();
  };
  CHECK(reply(screen_json(builtin(), address(kMaxStringBytes))).contains("verdict"));
  for (std::size_t n : {kMaxStringBytes + 1, 10 * kMaxStringBytes}) {
    CHECK(test::error_code(screen_json(builtin(), address(n))) == "request_too_large");
  }
}

namespace {

// A CSL JSON document of one record, followed by `padding` spaces (allowed after a document).
std::string csl_json_padded(std::size_t total) {
  const std::string doc =
      R"({"total":1,"results":[{"name":"Padded Trading","source":"Entity List (EL) - Bureau of Industry and Security"}]})";
  return doc + std::string(total - doc.size(), ' ');
}

std::string list_error(const std::function<void()>& load) {
  try {
    load();
  } catch (const Error& e) {
    return std::string(e.code()) + ": " + e.what();
  }
  return "";
}

// An OFAC set of `records` rows in all: one primary row and aliases of it (10 bytes a row).
std::vector<std::string> ofac_rows(std::size_t records) {
  std::string alt;
  alt.reserve(10 * records);
  for (std::size_t i = 1; i < records; ++i) alt += "1,1,a,b,c\n";
  return {"1,\"PADDED TRADING\",-0-,SDGT,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n", alt};
}

}  // namespace

TEST_CASE("limits: bytes of a list, known beforehand or counted as they are fed") {
  const std::string at = csl_json_padded(kMaxListBytes);
  CHECK(load_list(at).info.records == 1);
  CHECK(list_error([&] {
          load_list(at + " ");
        }).starts_with("list_too_large: the list is 67108865 bytes"));
  // Ten times the limit, known beforehand: refused before a byte is read.
  LoadOptions big;
  big.total_bytes = 10 * kMaxListBytes;
  CHECK(list_error([&] { ListLoader loader(big); }).starts_with("list_too_large"));
  // Not known beforehand: refused at the chunk that crosses the limit, before it is parsed.
  ListLoader loader;
  const std::string chunk(1u << 20, ' ');
  loader.feed(at.substr(0, 200));
  std::string error;
  std::size_t fed = 200;
  for (std::size_t i = 0; i < 640 && error.empty(); ++i) {
    error = list_error([&] { loader.feed(chunk); });
    if (error.empty()) fed += chunk.size();
  }
  CHECK(error.starts_with("list_too_large: the list is more than"));
  CHECK(fed <= kMaxListBytes);
  CHECK(fed + chunk.size() > kMaxListBytes);
}

TEST_CASE("limits: records of a list, over all the files of a set") {
  const auto load = [](std::size_t records) {
    const std::vector<std::string> files = ofac_rows(records);
    return load_list({{"sdn.csv", files[0]}, {"alt.csv", files[1]}});
  };
  const ListSnapshot at = load(kMaxListRecords);
  CHECK(at.info.records == 1);
  CHECK(at.entries[0].alt_names.size() == kMaxListRecords - 1);
  for (std::size_t n : {kMaxListRecords + 1, 10 * kMaxListRecords}) {
    CAPTURE(n);
    const std::string e = list_error([&] { load(n); });
    // The first record too many is the set's 500,001st: line 500,000 of alt.csv.
    CHECK(e.starts_with("list_too_large: alt.csv: line 500000: the list has more than 500000"));
  }
}

TEST_CASE("limits: bytes of one record of a list file") {
  const std::string header =
      "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
      "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
      "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
      "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
      "source_information_url,ids\n";
  // A record of exactly `bytes` bytes, its line break included, its remarks padded.
  const auto record = [](std::size_t bytes) {
    const std::string head =
        "id1,Entity List (EL) - Bureau of Industry and Security,,Entity,,"
        "Padded Trading,,,,,,,,,,,,,,,\"";
    const std::string tail = "\",,,,,,,,\n";
    return head + std::string(bytes - head.size() - tail.size(), 'r') + tail;
  };
  CHECK(load_list(header + record(kMaxListRecordBytes)).entries[0].remarks.size() > 4000000);
  for (std::size_t n : {kMaxListRecordBytes + 1, 10 * kMaxListRecordBytes}) {
    CAPTURE(n);
    CHECK(list_error([&] {
            load_list(header + record(n));
          }).starts_with("invalid_list: line 2: a record longer than 4194304 bytes"));
  }
  // A quote left open stops the reading at the limit, not at the end of the file.
  CHECK(list_error([&] {
          load_list(header + "id1,\"" + std::string(10 * kMaxListRecordBytes, 'x'));
        }).starts_with("invalid_list: line 2: a record longer than"));
  // A record of a million empty fields is counted, not stored.
  CHECK(list_error([&] {
          load_list(header + std::string(1000000, ',') + "\n");
        }).starts_with("invalid_list: line 2: 1000001 fields, expected 29"));
}
