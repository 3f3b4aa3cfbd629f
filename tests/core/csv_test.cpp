// The RFC 4180 CSV reader: quoting, line breaks, BOM, and its strict errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "exportscreen/csv.h"
#include "exportscreen/error.h"

using exportscreen::CsvReader;
using exportscreen::CsvRecord;
using exportscreen::Error;

namespace {
std::vector<CsvRecord> read_all(std::string_view text) {
  CsvReader r(text);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}

std::string read_error(std::string_view text) {
  try {
    read_all(text);
  } catch (const Error& e) {
    return e.code();
  }
  return "";
}
}  // namespace

TEST_CASE("csv: plain and quoted fields") {
  const auto recs = read_all("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n");
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK(recs[1].fields == std::vector<std::string>{"x, y", "say \"hi\"", ""});
  CHECK(recs[1].terminated);
}

TEST_CASE("csv: line breaks inside quotes stay in the field and lines are counted") {
  const auto recs = read_all("h1,h2\n\"line one\nline two\",x\nnext,y\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[1].fields[0] == "line one\nline two");
  CHECK(recs[1].line == 2);
  CHECK(recs[2].line == 4);
}

TEST_CASE("csv: CRLF, lone CR and a byte-order mark") {
  const auto crlf = read_all("\xEF\xBB\xBFh1,h2\r\na,b\r\n");
  REQUIRE(crlf.size() == 2);
  CHECK(crlf[0].fields[0] == "h1");
  CHECK(crlf[1].fields[1] == "b");
  const auto cr = read_all("h1,h2\ra,b\r");
  REQUIRE(cr.size() == 2);
  CHECK(cr[1].fields == std::vector<std::string>{"a", "b"});
  const auto mixed = read_all("h\r\n\"a\r\nb\"\nc\r");
  REQUIRE(mixed.size() == 3);
  CHECK(mixed[1].fields[0] == "a\r\nb");
  CHECK(mixed[2].line == 4);
}

TEST_CASE("csv: blank lines carry no record; a last line without a break is kept") {
  const auto recs = read_all("a,b\n\n\nc,d");
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].line == 4);
  CHECK_FALSE(recs[1].terminated);
}

TEST_CASE("csv: a file ending inside quotes is truncated") {
  CHECK(read_error("a,b\n\"unterminated,b\n") == "truncated_list");
}

TEST_CASE("csv: text after a closing quote and NUL bytes are refused") {
  CHECK(read_error("a,b\n\"x\"y,b\n") == "invalid_list");
  CHECK(read_error(std::string("a,b\nx\0y,b\n", 10)) == "invalid_list");
  CHECK(read_error(std::string("a,b\n\"x\0y\",b\n", 12)) == "invalid_list");
}

TEST_CASE("csv: tab-separated input") {
  CsvReader r("a\tb\n\"x\ty\"\tz\n", '\t');
  CsvRecord rec;
  REQUIRE(r.next(rec));
  REQUIRE(r.next(rec));
  CHECK(rec.fields == std::vector<std::string>{"x\ty", "z"});
}
