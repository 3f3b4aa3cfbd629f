// Name comparison and the PartyMatcher: real matches found, look-alikes refused, explained.
#include <doctest/doctest.h>

#include <string>

#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "test_support.h"

using namespace exportscreen;

namespace {
double score(std::string_view a, std::string_view b) {
  return compare_names(normalize_name(a), normalize_name(b)).score;
}
}  // namespace

TEST_CASE("jaro_winkler: reference values") {
  CHECK(jaro_winkler("martha", "marhta") == doctest::Approx(0.9611).epsilon(0.001));
  CHECK(jaro_winkler("dixon", "dicksonx") == doctest::Approx(0.8133).epsilon(0.001));
  CHECK(jaro_winkler("abc", "abc") == 1.0);
  CHECK(jaro_winkler("abc", "xyz") == 0.0);
  CHECK(jaro_winkler("", "") == 1.0);
}

TEST_CASE("compare: same name in other spellings of its legal form scores 1") {
  CHECK(score("Huawei Technologies Co Ltd", "Huawei Technologies Co., Ltd.") == 1.0);
  CHECK(score("HUAWEI TECHNOLOGIES COMPANY LIMITED", "Huawei Technologies Co., Ltd.") == 1.0);
}

TEST_CASE("compare: word order does not matter") {
  CHECK(score("Ayman al Zawahiri", "ZAWAHIRI Ayman AL") == 1.0);
}

TEST_CASE("compare: typos still match, above the default threshold") {
  CHECK(score("Huawai Technologies", "Huawei Technologies Co., Ltd.") > kDefaultMinScore);
}

TEST_CASE("compare: joined and split tokens pair up (JSCARGUMENT)") {
  CHECK(score("JSCARGUMENT", "JSC ARGUMENT") == doctest::Approx(1.0));
  CHECK(score("Hua Wei Technologies", "Huawei Technologies") == doctest::Approx(1.0));
}

TEST_CASE("compare: George Bush is not George Habbash") {
  CHECK(score("George Bush", "George Habbash") < 0.7);
}

TEST_CASE("compare: sharing only a legal form is no match") {
  CHECK(score("XYZ Co Ltd", "ABC Co Ltd") == 0.0);
}

TEST_CASE("compare: numbers must agree") {
  CHECK(score("Research Institute 25", "Research Institute 38") < 0.5);
  CHECK(score("Research Institute 25", "Research Institute 25") == 1.0);
}

TEST_CASE("compare: the explanation shows the alignment and the coverage") {
  const NameComparison c = compare_names(normalize_name("George Bush"), normalize_name("George Habbash"));
  REQUIRE(c.pairs.size() == 1);
  CHECK(c.pairs[0].query == "george");
  CHECK(c.pairs[0].list == "george");
  CHECK(c.unmatched_query == std::vector<std::string>{"bush"});
  CHECK(c.unmatched_list == std::vector<std::string>{"habbash"});
  CHECK(c.query_coverage == doctest::Approx(0.6));
}

TEST_CASE("matcher: finds Huawei in the built-in list, best first, with its source") {
  const ListSnapshot list = builtin_list();
  PartyMatcher m;
  m.add(list);
  CHECK(m.size() == list.info.names);
  const auto hits = m.match({"Huawei Technologies Co Ltd", "CN"}, {});
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].entry->name == "Huawei Technologies Co., Ltd.");
  CHECK(hits[0].entry->source_code == "EL");
  CHECK(hits[0].score == doctest::Approx(1.0));
  CHECK(hits[0].list == &list.info);
  for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].score >= hits[i].score);
}

TEST_CASE("matcher: aliases match and say so") {
  const ListSnapshot list = builtin_list();
  PartyMatcher m;
  m.add(list);
  const auto hits = m.match({"HMN Technologies", ""}, {});
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].alias);
  CHECK(hits[0].matched_name == "HMN Technologies");
  CHECK(hits[0].entry->name == "Huawei Technologies Co., Ltd.");
}

TEST_CASE("matcher: min_score, limit and source filters apply") {
  const ListSnapshot list = load_list(test::fixture("csl-sample.csv"));
  PartyMatcher m;
  m.add(list);
  MatchOptions o;
  CHECK(m.match({"ADT Analog and Digital Technik", ""}, o).size() == 1);
  o.sources = {"SDN"};
  CHECK(m.match({"ADT Analog and Digital Technik", ""}, o).empty());
  o.sources = {};
  o.min_score = 0.3;
  o.limit = 1;
  CHECK(m.match({"Bank", ""}, o).size() <= 1);
}

TEST_CASE("matcher: unrelated names find nothing") {
  const ListSnapshot list = builtin_list();
  PartyMatcher m;
  m.add(list);
  CHECK(m.match({"Acme Widgets Incorporated", "US"}, {}).empty());
  CHECK(m.match({"Co., Ltd.", ""}, {}).empty());
}
