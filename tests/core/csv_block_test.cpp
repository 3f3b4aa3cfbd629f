// A block of a customer CSV file screened in one call (csv_block.h): the same summaries as
// screen_rows row by row, records written back, unreadable records with their lines, the block
// limit, a delta screening with and without the previous results, the row key.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "exportscreen/csv.h"
#include "exportscreen/csv_block.h"
#include "exportscreen/diff.h"
#include "exportscreen/error.h"
#include "exportscreen/limits.h"
#include "exportscreen/list.h"
#include "exportscreen/screen.h"
#include "test_support.h"

using namespace exportscreen;
using exportscreen::test::fixture;
using exportscreen::test::labelled;
using nlohmann::json;

namespace {

// customer_id, company, ctry, kind, notes
CsvBlockJob customer_job(char separator = ',') {
  CsvBlockJob job;
  job.columns.id = 0;
  job.columns.name = 1;
  job.columns.country = 2;
  job.columns.type = 3;
  job.columns.address = 4;
  job.separator = separator;
  job.width = 5;
  job.options = {{"as_of", "2026-11-01"}};
  return job;
}

// The records of CSV text (commas), each a vector of fields.
std::vector<std::vector<std::string>> records(std::string_view text) {
  CsvReader reader(text);
  CsvRecord r;
  std::vector<std::vector<std::string>> out;
  while (reader.next(r)) out.push_back(r.fields);
  return out;
}

std::string str(const json& v) {
  return v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump();
}

// The result columns a row summary of screen_rows stands for (the oracle, written out here).
std::vector<std::string> expected_columns(const json& s, const std::string& change = "") {
  if (s.contains("error")) {
    return {"error", "", "",     "",
            "",      "", "",     "",
            "",      "", change, str(s["error"]["code"]) + ": " + str(s["error"]["message"])};
  }
  const json& b = s["best"];
  std::string score, entries;
  if (b.is_object()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.3f", b["score"].get<double>());
    score = buf;
  }
  for (const json& e : s["entries"]) {
    if (!entries.empty()) entries += ';';
    entries += str(e["source_code"]);
    entries += ':';
    entries += str(e["entry_id"]);
  }
  const auto best = [&](const char* k) { return b.is_object() && b.contains(k) ? str(b[k]) : ""; };
  return {str(s["verdict"]),
          best("strength"),
          best("name"),
          score,
          best("source"),
          best("entry_id"),
          str(s["citation"]),
          str(s["rule"]),
          str(s["matches"]),
          entries,
          change,
          ""};
}

std::vector<std::string> tail(const std::vector<std::string>& row, std::size_t from) {
  return {row.begin() + static_cast<long>(from), row.end()};
}

}  // namespace

TEST_CASE("csv block: each row screened as screen_rows screens it, with its result columns") {
  Screener s;
  s.add_list(load_list(fixture("csl-complete.csv"), labelled("sample")));
  const std::string block =
      "C1,ADT Analog and Digital Technik, de ,Company,retail\n"
      "C2,Acme Widgets Ltd,,,\"Main St, 1\"\n"
      "C3,\"VTB Bank\",,entity,\"two\nlines\"\n"
      "C4,,DE,person,x\n"
      "C5,Someone Else,QQ,,x\n"
      "C6,Abdul Satar Ghoura,,Individual,x\r\n"
      "C7,Other Name Inc,,robot,x\n"
      "C8,\"Quote \"\"Me\"\" Ltd\",,,\"\"";
  const CsvBlockResult r = screen_csv_block(s, nullptr, nullptr, block, 2, customer_job());
  // The parties screen_rows gets for them (country trimmed and upper case, the customer type
  // spelt as the core's), screened row by row.
  const json parties = json::parse(R"([
      {"name":"ADT Analog and Digital Technik","country":"DE","type":"organization",
       "address":"retail"},
      {"name":"Acme Widgets Ltd","address":"Main St, 1"},
      {"name":"VTB Bank","type":"organization","address":"two\nlines"},
      {"name":"","country":"DE","type":"person","address":"x"},
      {"name":"Someone Else","country":"QQ","address":"x"},
      {"name":"Abdul Satar Ghoura","type":"person","address":"x"},
      {"name":"Other Name Inc","type":"robot","address":"x"},
      {"name":"Quote \"Me\" Ltd"}])");
  const json summaries = screen_rows(s, parties, {{"as_of", "2026-11-01"}});
  const auto out = records(r.csv);
  REQUIRE(out.size() == parties.size());
  CHECK(r.rows == parties.size());
  CHECK(r.unreadable.empty());
  CHECK(r.full_screened == parties.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    CAPTURE(i);
    REQUIRE(out[i].size() == 5 + kResultColumns.size());
    CHECK(tail(out[i], 5) == expected_columns(summaries[i]));
  }
  CHECK(out[0][5] == "stop");
  CHECK(out[3][5] == "error");
  CHECK(out[3][16].find("name is empty") != std::string::npos);
  CHECK(out[4][16].find("invalid_country") == 0);
  CHECK(out[6][16].find("person") != std::string::npos);
  CHECK(out[5][5] == "license_required");
  // One-line records are written back as read; the others re-quoted.
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < r.csv.size();) {
    const std::size_t end = r.csv.find('\n', at);
    lines.push_back(r.csv.substr(at, end - at));
    at = end + 1;
  }
  CHECK(lines[0].starts_with("C1,ADT Analog and Digital Technik, de ,Company,retail,stop,"));
  CHECK(lines[1].starts_with("C2,Acme Widgets Ltd,,,\"Main St, 1\",clear,"));
  CHECK(lines[2] == "C3,VTB Bank,,entity,\"two");
  CHECK(lines[6].starts_with("C6,Abdul Satar Ghoura,,Individual,x,license_required,"));
  CHECK(r.csv.find("C8,\"Quote \"\"Me\"\" Ltd\",,,\"\",clear,") != std::string::npos);
  CHECK(r.counts.at("stop") == 1);
  CHECK(r.counts.at("error") == 3);
  const json report = to_json(r);
  CHECK(report["rows"] == 8);
  CHECK(report["counts"]["error"] == 3);
  CHECK(report["unreadable"] == json::array());
  CHECK(report["full_screened"] == 8);

  // Another separator: the output is comma-separated, every record re-quoted.
  const CsvBlockResult tabs =
      screen_csv_block(s, nullptr, nullptr, "C1\tAcme, Inc\t\t\tx\n", 2, customer_job('\t'));
  CHECK(tabs.csv.starts_with("C1,\"Acme, Inc\",,,x,clear,"));
}

TEST_CASE("csv block: unreadable records are reported with their lines, the others written") {
  Screener s;
  s.add_list(load_list(fixture("csl-complete.csv"), labelled("sample")));
  const std::string block = std::string(
                                "A,Acme,,,x\n"              // 10
                                "B,Acme,DE\n"               // 11: 3 fields
                                "C,\"Acme\"x,,,x\n"         // 12: text after a closing quote
                                "D,M\xFCller GmbH,DE,,x\n"  // 13: not UTF-8
                                "\n"                        // 14: blank, no row
                                "E,\"two\nlines\",,,x\n"    // 15-16
                                "F,Nul") +
                            std::string(1, '\0') +
                            ",,,x\n"                // 17: NUL byte
                            "G,Late Row,,,x\n"      // 18
                            "H,\"open quote,,,x\n"  // 19: the quote never closes
                            "I,swallowed,,,x\n";    // 20
  const CsvBlockResult r = screen_csv_block(s, nullptr, nullptr, block, 10, customer_job());
  const auto out = records(r.csv);
  REQUIRE(out.size() == 3);
  CHECK(out[0][0] == "A");
  CHECK(out[1][0] == "E");
  CHECK(out[1][1] == "two\nlines");
  CHECK(out[2][0] == "G");
  REQUIRE(r.unreadable.size() == 5);
  CHECK(r.unreadable[0] ==
        std::pair<std::size_t, std::string>(11, "3 fields where the header has 5"));
  CHECK(r.unreadable[1].first == 12);
  CHECK(r.unreadable[1].second.starts_with("not valid CSV (line 12: text after the closing"));
  CHECK(r.unreadable[1].second.ends_with("; lines 12-12 were skipped"));
  CHECK(r.unreadable[2] ==
        std::pair<std::size_t, std::string>(13, "not UTF-8 (save the file as CSV UTF-8)"));
  CHECK(r.unreadable[3].first == 17);
  CHECK(r.unreadable[3].second.find("NUL byte") != std::string::npos);
  CHECK(r.unreadable[4].first == 19);
  CHECK(r.unreadable[4].second.ends_with("lines 19-20 were skipped"));
  CHECK(r.rows == 3);
  CHECK(to_json(r)["unreadable"][0] == json::array({11, "3 fields where the header has 5"}));
}

TEST_CASE("csv block: more records than a block may hold are refused before any is screened") {
  std::string block;
  for (std::size_t i = 0; i <= kMaxCsvRecords; ++i) block += "C,Acme Widgets Ltd,,,x\n";
  // No list: the limit is checked first (no_lists would come after it).
  try {
    screen_csv_block(Screener(), nullptr, nullptr, block, 2, customer_job());
    FAIL("a block over the limit was screened");
  } catch (const Error& e) {
    CHECK(e.code() == errc::kRequestTooLarge);
    CHECK(std::string(e.what()).find(std::to_string(kMaxCsvRecords)) != std::string::npos);
  }
  Screener s;
  s.add_list(load_list(fixture("csl-complete.csv"), labelled("sample")));
  block.erase(0, block.find('\n') + 1);  // kMaxCsvRecords records: accepted
  CHECK(screen_csv_block(s, nullptr, nullptr, block, 2, customer_job()).rows == kMaxCsvRecords);
  // Bad jobs and options are refused too.
  CsvBlockJob job = customer_job();
  job.columns.address = 5;
  CHECK_THROWS_AS(screen_csv_block(s, nullptr, nullptr, "", 2, job), Error);
  job = customer_job();
  job.columns.name = -1;
  CHECK_THROWS_AS(check_csv_block_job(job), Error);
  job = customer_job();
  job.options = {{"frobnicate", 1}};
  CHECK_THROWS_AS(screen_csv_block(s, nullptr, nullptr, "C,x,,,x\n", 2, job), Error);
  CHECK_THROWS_AS(screen_csv_block(Screener(), nullptr, nullptr, "C,x,,,x\n", 2, customer_job()),
                  Error);
}

TEST_CASE("csv block: a delta screening screens in full only the rows that need it") {
  const ListSnapshot before = load_list(fixture("csl-complete.csv"), labelled("old"));
  ListSnapshot after = load_list(fixture("diff/csl-new-complete.csv"), labelled("new"));
  const std::vector<const ListSnapshot*> b = {&before}, a = {&after};
  Screener delta;
  for (auto& l : delta_lists(b, a, diff_lists(b, a))) delta.add_list(std::move(l));
  delta.weigh_words_by(after);
  Screener full;
  full.add_list(std::move(after));
  const std::string block =
      "C1,ADT Analog and Digital Technik,DE,,x\n"  // on both lists, unchanged
      "C2,Huawei Technologies,,Company,x\n"        // added since
      "C3,VTB Bank JSC,,,x\n"                      // changed since (an alias renamed)
      "C4,Kalomi Terdor,,person,x\n"
      "C5,,,,x\n"
      "C6,Vanbin Oseru,,person,x\n"
      "C7,Selqua Zetka,,person,x\n"
      "C8,Rumi Dorsel,,person,x\n"
      "C9,Binlo Terka,,person,x\n";
  const CsvBlockJob job = customer_job();

  SUBCASE("without the previous results: unchanged, or screened in full with the change") {
    const CsvBlockResult r = screen_csv_block(full, &delta, nullptr, block, 2, job);
    const auto out = records(r.csv);
    REQUIRE(out.size() == 9);
    CHECK(out[0][5] == "unchanged");
    CHECK(out[0][12] == "party.no_new_match");
    CHECK(out[1][5] == "license_required");
    CHECK(out[1][15] == "added");
    CHECK(out[2][15] == "changed");
    CHECK(out[3][5] == "unchanged");
    CHECK(out[4][5] == "error");
    CHECK(r.full_screened == 2);
    // Screened in full: the full screening's own result.
    const json whole = screen_rows(full, json::parse(R"([{"name":"Huawei Technologies",
        "type":"organization","address":"x"}])"),
                                   job.options);
    CHECK(tail(out[1], 5) == expected_columns(whole[0], "added"));
  }

  SUBCASE("with them: carried forward, or screened in full when they cannot stand") {
    const auto key = [&](const std::string& id) {
      return row_key_hash({id, "", "", "", ""}, job.columns);
    };
    PreviousResults previous;
    const std::vector<std::string> clear = {"clear",          "",  "", "", "", "", "15 CFR earlier",
                                            "party.no_match", "0", "", "", ""};
    previous.common_values = clear;
    for (const char* id : {"C1", "C4"}) previous.common.push_back(key(id));
    std::sort(previous.common.begin(), previous.common.end());
    const auto listed = [](std::string entries, std::string matches) {
      return std::vector<std::string>{"review", "possible", "Earlier Name", "0.900", "old", "E1",
                                      "cite",   "rule",     matches,        entries, "",    ""};
    };
    previous.ambiguous.insert(key("C4"));         // two rows of its key had different results
    previous.results = {listed("SDN:2676", "1"),  // removed since
                        listed("DPL:269d81e7d561f9c8", "1"),  // changed since
                        listed("EL:1;EL:2", "2"),             // several matches
                        listed("SDN:1", "1")};
    previous.rows = {{key("C6"), 0}, {key("C7"), 1}, {key("C8"), 2}};
    check_previous_results(previous);
    CsvBlockJob with_stale = job;
    with_stale.stale = {{"SDN:2676", "removed"}, {"DPL:269d81e7d561f9c8", "changed"}};
    const CsvBlockResult r = screen_csv_block(full, &delta, &previous, block, 2, with_stale);
    const auto out = records(r.csv);
    REQUIRE(out.size() == 9);
    CHECK(tail(out[0], 5) == clear);  // carried forward
    CHECK(out[1][15] == "added");
    CHECK(out[2][15] == "changed");
    CHECK(out[3][5] == "clear");  // screened in full
    CHECK(out[3][11] != "15 CFR earlier");
    CHECK(out[3][15] == "");
    CHECK(out[4][5] == "error");
    CHECK(out[5][5] == "clear");
    CHECK(out[5][15] == "removed");
    CHECK(out[6][5] == "clear");
    CHECK(out[6][15] == "changed");
    CHECK(out[7][5] == "clear");
    CHECK(out[7][15] == "");
    CHECK(out[8][5] == "clear");  // not in the earlier results
    CHECK(out[8][15] == "new_row");
    CHECK(r.full_screened == 2 + 5);
    // A previous result that matched nothing stale is written as it was.
    previous.rows[key("C6")] = 3;
    const auto kept = records(screen_csv_block(full, &delta, &previous, block, 2, with_stale).csv);
    CHECK(tail(kept[5], 5) == listed("SDN:1", "1"));
    previous.rows[key("C6")] = 4;
    CHECK_THROWS_AS(check_previous_results(previous), Error);
    previous.rows[key("C6")] = 3;
    previous.results[3].pop_back();
    CHECK_THROWS_AS(check_previous_results(previous), Error);
  }
}

TEST_CASE("csv block: the row key is the id, else the trimmed name, country and type") {
  CustomerColumns by_id;
  by_id.id = 0;
  by_id.name = 1;
  // SHA-256("abc") = ba7816bf 8f01cfea ...: its first 8 bytes, little-endian.
  CHECK(row_key_hash({"abc", "x"}, by_id) == 0xeacf018fbf1678baULL);
  CustomerColumns by_name;
  by_name.name = 0;
  by_name.country = 1;
  by_name.type = 2;
  CHECK(row_key_hash({" Acme ", " de", "company "}, by_name) == row_key_hash({"Acme\x1f"
                                                                              "DE\x1f"
                                                                              "COMPANY",
                                                                              ""},
                                                                             by_id));
  CHECK(row_key_hash({"Acme", "DE", ""}, by_name) != row_key_hash({"Acme", "FR", ""}, by_name));
  by_name.type = -1;
  CHECK(row_key_hash({"Acme", "DE", "x"}, by_name) == row_key_hash({"Acme\x1f"
                                                                    "DE\x1f",
                                                                    ""},
                                                                   by_id));
}

TEST_CASE("csv block: an earlier output's rows are read as keys and distinct results") {
  // id, name, then the result columns in their order; the change column is emptied (it was
  // news the last time), a record of another width is skipped, text that is not CSV refused.
  CustomerColumns columns;
  columns.id = 0;
  columns.name = 1;
  std::vector<std::size_t> result_at;
  for (std::size_t k = 0; k < kResultColumns.size(); ++k) result_at.push_back(2 + k);
  const std::string no_match = "review,,,,,,cite,party.no_match,0,";  // verdict..matched_entries
  const std::string csv =
      "C1,Acme," + no_match + ",added,\n" +  // change: emptied
      "C2,Beta," + no_match + ",,\n" +       // the same result as C1's
      "C3,Gamma,stop,strong,GAMMA,1.000,EL,7,cite,party.entity_list,1,EL:7,,\n" +
      "C4,short,row\n" +  // another width: skipped
      "C5,Acme," + no_match + ",,\n";
  const std::size_t width = 2 + kResultColumns.size();
  const PreviousRows rows = read_previous_rows(csv, 2, width, columns, result_at);
  REQUIRE(rows.keys.size() == 4);
  CHECK(rows.skipped == 1);
  CHECK(rows.keys[0] == row_key_hash({"C1"}, columns));
  CHECK(rows.keys[3] == row_key_hash({"C5"}, columns));
  REQUIRE(rows.results.size() == 2);
  CHECK(rows.result_of == std::vector<std::uint32_t>{0, 0, 1, 0});
  CHECK(rows.results[0][0] == "review");
  CHECK(rows.results[0][10].empty());  // change
  CHECK(rows.results[1][9] == "EL:7");
  CHECK_THROWS_WITH_AS(read_previous_rows(csv + "C6,\"open", 2, width, columns, result_at),
                       doctest::Contains("line 7: the file ends inside a quoted field"), Error);
  result_at.back() = width;  // past the header
  CHECK_THROWS_AS(read_previous_rows(csv, 2, width, columns, result_at), Error);
}
