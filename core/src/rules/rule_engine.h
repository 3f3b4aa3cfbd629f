// The one generic rule engine: facts, three-valued evaluation of conditions, and the text
// templates of messages (internal to the core). No rule is special-cased here.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/rule_set.h"

namespace exportscreen::rules {

/// A fact value, or unknown together with the request fields that would make it known.
struct Fact {
  enum class Type : std::uint8_t { kUnknown, kBool, kNumber, kString, kSet };
  Type type = Type::kUnknown;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<std::string> set;
  std::vector<std::string> missing;  ///< Unknown: request fields (e.g. "destination").

  static Fact of(bool b) {
    Fact f;
    f.type = Type::kBool;
    f.boolean = b;
    return f;
  }
  static Fact of(double n) {
    Fact f;
    f.type = Type::kNumber;
    f.number = n;
    return f;
  }
  static Fact of(std::string s) {
    Fact f;
    f.type = Type::kString;
    f.string = std::move(s);
    return f;
  }
  static Fact of(std::vector<std::string> s) {
    Fact f;
    f.type = Type::kSet;
    f.set = std::move(s);
    return f;
  }
  static Fact unknown(std::vector<std::string> missing = {}) {
    Fact f;
    f.missing = std::move(missing);
    return f;
  }
  bool known() const noexcept { return type != Type::kUnknown; }
  /// The value as JSON (null when unknown), for evidence.
  nlohmann::json to_json() const;
};

/// Facts by name.
using Facts = std::map<std::string, Fact, std::less<>>;

/// Sets a declared fact (facts.h).
inline void put(Facts& facts, FactId id, Fact value) {
  facts[std::string(fact_name(id))] = std::move(value);
}

/// Three-valued conjunction, disjunction and negation (false wins an and, true an or).
Tri tri_and(Tri a, Tri b) noexcept;
Tri tri_or(Tri a, Tri b) noexcept;
Tri tri_not(Tri a) noexcept;

/// The facts a rule sees: the layers of its scope (deal, item, party, match), searched in turn.
class FactScope {
 public:
  FactScope() = default;
  explicit FactScope(std::vector<const Facts*> layers) : layers_(std::move(layers)) {}
  /// The fact, or an unknown fact with no missing field when no layer has it.
  const Fact& find(std::string_view name) const;

 private:
  std::vector<const Facts*> layers_;
};

/// The value of a condition and, when unknown, the request fields that would decide it.
struct Outcome {
  Tri value = Tri::kFalse;
  std::vector<std::string> missing;
};

/// Evaluates a condition in three-valued logic: all() is false if any part is false, unknown if
/// any is unknown, else true; any() dually; a comparison with an unknown fact is unknown.
/// Numbers within one part in 10^9 compare equal (thresholds such as 5.92 are not exact in
/// binary floating point).
Outcome evaluate(const Condition& condition, const FactScope& facts);

/// Compares two numbers with the tolerance above.
Tri compare_numbers(double lhs, Op op, double rhs) noexcept;

/// Renders a template: {fact} is the fact's value ({fact:.2} a number with two decimals);
/// [[...]] is left out when any fact inside is unknown or empty. Numbers get thousands
/// separators; sets are joined with ", "; an unknown fact outside [[ ]] renders as the rule
/// data's "unknown" text.
std::string render(std::string_view text, const FactScope& facts, std::string_view locale,
                   const RuleSet& rules);

/// Formats a number as in messages: "15,832", "19.45", "5,284.8".
std::string format_number(double value, int decimals = -1);

}  // namespace exportscreen::rules
