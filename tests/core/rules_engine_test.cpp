// The generic engine: three-valued logic, number comparison at thresholds, message templates,
// and the country-group lookups every rule relies on.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "rules/rule_engine.h"
#include "rules/rule_set.h"

using namespace exportscreen::rules;
using nlohmann::json;

namespace {

Condition compare(const std::string& fact, Op op, json value) {
  Condition c;
  c.kind = Condition::Kind::kCompare;
  c.fact = fact;
  c.op = op;
  c.value = std::move(value);
  return c;
}

Condition group(Condition::Kind kind, std::vector<Condition> children) {
  Condition c;
  c.kind = kind;
  c.children = std::move(children);
  return c;
}

}  // namespace

TEST_CASE("engine: all/any/not in three-valued logic, with the fields an unknown needs") {
  Facts facts;
  facts["a"] = Fact::of(true);
  facts["b"] = Fact::of(false);
  facts["u"] = Fact::unknown({"end_use.wmd"});
  facts["v"] = Fact::unknown({"destination"});
  const FactScope scope({&facts});
  const auto t = compare("a", Op::kEq, true), f = compare("b", Op::kEq, true);
  const auto u = compare("u", Op::kEq, true), v = compare("v", Op::kEq, true);
  using K = Condition::Kind;
  CHECK(evaluate(group(K::kAll, {t, u}), scope).value == Tri::kUnknown);
  CHECK(evaluate(group(K::kAll, {f, u}), scope).value ==
        Tri::kFalse);  // false wins: nothing to ask
  CHECK(evaluate(group(K::kAll, {f, u}), scope).missing.empty());
  CHECK(evaluate(group(K::kAny, {t, u}), scope).value == Tri::kTrue);
  CHECK(evaluate(group(K::kAny, {f, u}), scope).value == Tri::kUnknown);
  const Outcome both = evaluate(group(K::kAll, {u, v, t}), scope);
  CHECK(both.missing == std::vector<std::string>{"end_use.wmd", "destination"});
  CHECK(evaluate(group(K::kNot, {u}), scope).value == Tri::kUnknown);
  CHECK(evaluate(group(K::kNot, {f}), scope).value == Tri::kTrue);
  // A fact no layer has is unknown, never false.
  CHECK(evaluate(compare("nowhere", Op::kEq, true), scope).value == Tri::kUnknown);
}

TEST_CASE("engine: comparisons of numbers, strings, dates and sets") {
  Facts facts;
  facts["n"] = Fact::of(1600.0 / (1600.0 / 5.92));  // 5.92 computed, not exact in binary
  facts["s"] = Fact::of(std::string("CN"));
  facts["d"] = Fact::of(std::string("2025-05-13"));
  facts["set"] = Fact::of(std::vector<std::string>{"D:1", "D:5"});
  const FactScope scope({&facts});
  CHECK(evaluate(compare("n", Op::kGe, 5.92), scope).value == Tri::kTrue);
  CHECK(evaluate(compare("n", Op::kLt, 5.92), scope).value == Tri::kFalse);
  CHECK(evaluate(compare("s", Op::kIn, json({"CN", "MO"})), scope).value == Tri::kTrue);
  CHECK(evaluate(compare("s", Op::kNotIn, json({"CN", "MO"})), scope).value == Tri::kFalse);
  CHECK(evaluate(compare("d", Op::kGe, "2025-05-13"), scope).value == Tri::kTrue);
  CHECK(evaluate(compare("d", Op::kLt, "2025-05-13"), scope).value == Tri::kFalse);
  CHECK(evaluate(compare("set", Op::kIntersects, json({"D:5"})), scope).value == Tri::kTrue);
  CHECK(evaluate(compare("set", Op::kIntersects, json({"E:1"})), scope).value == Tri::kFalse);
  CHECK(compare_numbers(4800, Op::kGe, 4800) == Tri::kTrue);
  CHECK(compare_numbers(4799.999, Op::kGe, 4800) == Tri::kFalse);
  CHECK(compare_numbers(2, Op::kGt, 2) == Tri::kFalse);
}

TEST_CASE("engine: templates fill facts and drop optional parts whose facts are unknown") {
  const RuleSet& rs = builtin_rule_set();
  Facts facts;
  facts["party.name"] = Fact::of(std::string("Acme"));
  facts["match.score"] = Fact::of(0.9512);
  facts["item.tpp"] = Fact::of(15832.0);
  facts["match.alias_name"] = Fact::unknown();
  facts["set"] = Fact::of(std::vector<std::string>{"D:1", "D:5"});
  const FactScope scope({&facts});
  CHECK(render("{party.name} scores {match.score:.2}", scope, "en", rs) == "Acme scores 0.95");
  CHECK(render("TPP {item.tpp}", scope, "en", rs) == "TPP 15,832");
  CHECK(render("x[[ (alias {match.alias_name})]]y", scope, "en", rs) == "xy");
  CHECK(render("x[[ ({party.name})]]y", scope, "en", rs) == "x (Acme)y");
  CHECK(render("{set}", scope, "en", rs) == "D:1, D:5");
  CHECK(render("{nothing}", scope, "en", rs) == "(not given)");
  CHECK(render("{nothing}", scope, "zh", rs) == "（未提供）");
  CHECK(format_number(5284.8) == "5,284.8");
  CHECK(format_number(1234567) == "1,234,567");
  CHECK(format_number(19.44963) == "19.45");
  CHECK(format_number(-2500) == "-2,500");
}

TEST_CASE("country groups: dated membership, Hong Kong as China, Macau on its own") {
  const RuleSet& rs = builtin_rule_set();
  const auto in = [&](const char* code, const char* group, const char* as_of) {
    const auto g = rs.groups_of(code, as_of);
    return std::find(g.begin(), g.end(), group) != g.end();
  };
  CHECK(in("CN", "D:5", "2026-09-01"));
  CHECK(in("HK", "D:5", "2026-09-01"));  // treated as China (85 FR 83765)
  CHECK(rs.effective_country("HK", "2026-09-01") == "CN");
  CHECK(rs.effective_country("HK", "2020-01-01") == "HK");
  CHECK(in("MO", "D:1", "2026-09-01"));
  CHECK(!in("MO", "D:5", "2026-09-01"));
  // Cambodia left D:5 on February 3, 2026 and stays in D:1.
  CHECK(in("KH", "D:5", "2026-02-02"));
  CHECK(!in("KH", "D:5", "2026-02-03"));
  CHECK(in("KH", "D:1", "2026-02-03"));
  CHECK(in("IL", "A:6", "2026-09-01"));
  CHECK(in("IR", "E:1", "2026-09-01"));
  CHECK(in("CU", "E:2", "2026-09-01"));
  CHECK(rs.groups_of("DE", "2026-09-01") == std::vector<std::string>{"A:5"});
}
