// The generic rule engine: three-valued evaluation of conditions over facts, and the text
// templates that put facts into messages.
#include "rules/rule_engine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace exportscreen::rules {
namespace {

void add_missing(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const std::string& m : from) {
    if (std::find(into.begin(), into.end(), m) == into.end()) into.push_back(m);
  }
}

bool contains(const nlohmann::json& list, const std::string& s) {
  return std::any_of(list.begin(), list.end(), [&](const nlohmann::json& e) { return e == s; });
}

Tri of(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

Tri compare(const Fact& f, Op op, const nlohmann::json& value) {
  switch (f.type) {
    case Fact::Type::kUnknown:
      return Tri::kUnknown;
    case Fact::Type::kBool:
      if (op == Op::kEq) return of(f.boolean == value.get<bool>());
      if (op == Op::kNe) return of(f.boolean != value.get<bool>());
      return Tri::kFalse;
    case Fact::Type::kNumber:
      return compare_numbers(f.number, op, value.get<double>());
    case Fact::Type::kString: {
      switch (op) {
        case Op::kIn:
          return of(contains(value, f.string));
        case Op::kNotIn:
          return of(!contains(value, f.string));
        case Op::kEq:
          return of(f.string == value.get<std::string>());
        case Op::kNe:
          return of(f.string != value.get<std::string>());
        // Dates (YYYY-MM-DD) order as strings.
        case Op::kLt:
          return of(f.string < value.get<std::string>());
        case Op::kLe:
          return of(f.string <= value.get<std::string>());
        case Op::kGt:
          return of(f.string > value.get<std::string>());
        case Op::kGe:
          return of(f.string >= value.get<std::string>());
        case Op::kIntersects:
          return Tri::kFalse;
      }
      return Tri::kFalse;
    }
    case Fact::Type::kSet:
      return of(std::any_of(f.set.begin(), f.set.end(),
                            [&](const std::string& s) { return contains(value, s); }));
  }
  return Tri::kFalse;
}

}  // namespace

Tri tri_and(Tri a, Tri b) noexcept {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kTrue;
}

Tri tri_or(Tri a, Tri b) noexcept {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kFalse;
}

Tri tri_not(Tri a) noexcept {
  if (a == Tri::kUnknown) return a;
  return a == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
}

nlohmann::json Fact::to_json() const {
  switch (type) {
    case Type::kUnknown:
      return nullptr;
    case Type::kBool:
      return boolean;
    case Type::kNumber:
      return number;
    case Type::kString:
      return string;
    case Type::kSet:
      return set;
  }
  return nullptr;
}

const Fact& FactScope::find(std::string_view name) const {
  static const Fact kAbsent;
  for (const Facts* layer : layers_) {
    const auto it = layer->find(name);
    if (it != layer->end()) return it->second;
  }
  return kAbsent;
}

Tri compare_numbers(double lhs, Op op, double rhs) noexcept {
  const double tolerance = 1e-9 * std::max({1.0, std::fabs(lhs), std::fabs(rhs)});
  const bool equal = std::fabs(lhs - rhs) <= tolerance;
  switch (op) {
    case Op::kEq:
      return of(equal);
    case Op::kNe:
      return of(!equal);
    case Op::kLt:
      return of(!equal && lhs < rhs);
    case Op::kLe:
      return of(equal || lhs < rhs);
    case Op::kGt:
      return of(!equal && lhs > rhs);
    case Op::kGe:
      return of(equal || lhs > rhs);
    default:
      return Tri::kFalse;
  }
}

Outcome evaluate(const Condition& c, const FactScope& facts) {
  Outcome out;
  switch (c.kind) {
    case Condition::Kind::kCompare: {
      const Fact& f = facts.find(c.fact);
      out.value = compare(f, c.op, c.value);
      if (out.value == Tri::kUnknown) out.missing = f.missing;
      return out;
    }
    case Condition::Kind::kNot: {
      out = evaluate(c.children.front(), facts);
      out.value = tri_not(out.value);
      return out;
    }
    case Condition::Kind::kAll:
    case Condition::Kind::kAny: {
      // all: false wins over unknown; any: true wins over unknown.
      const Tri decisive = c.kind == Condition::Kind::kAll ? Tri::kFalse : Tri::kTrue;
      bool unknown = false;
      for (const Condition& child : c.children) {
        Outcome o = evaluate(child, facts);
        if (o.value == decisive) return {decisive, {}};
        if (o.value == Tri::kUnknown) {
          unknown = true;
          add_missing(out.missing, o.missing);
        }
      }
      out.value = unknown ? Tri::kUnknown : (decisive == Tri::kFalse ? Tri::kTrue : Tri::kFalse);
      if (!unknown) out.missing.clear();
      return out;
    }
  }
  return out;
}

std::string format_number(double value, int decimals) {
  char buf[64];
  if (decimals >= 0) {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", value);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    std::snprintf(buf, sizeof buf, "%s", s.c_str());
  }
  const std::string s = buf;
  // Thousands separators on the integer part.
  const std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) out += ',';
    out += s[i];
  }
  out += s.substr(end);
  return out;
}

namespace {

// Renders one {fact[:.N]}; sets `known` false when the fact is unknown or empty.
std::string placeholder(std::string_view spec, const FactScope& facts, std::string_view locale,
                        const RuleSet& rules, bool& known) {
  const std::size_t colon = spec.find(':');
  const std::string_view name = spec.substr(0, colon);
  int decimals = -1;
  if (colon != std::string_view::npos && spec.size() > colon + 2 && spec[colon + 1] == '.') {
    decimals = spec[colon + 2] - '0';
  }
  const Fact& f = facts.find(name);
  switch (f.type) {
    case Fact::Type::kUnknown:
      known = false;
      return rules.unknown_text.in(locale);
    case Fact::Type::kBool:
      return locale == "zh" ? (f.boolean ? "是" : "否") : (f.boolean ? "yes" : "no");
    case Fact::Type::kNumber:
      return format_number(f.number, decimals);
    case Fact::Type::kString:
      if (f.string.empty()) known = false;
      return f.string;
    case Fact::Type::kSet: {
      std::string s;
      for (const std::string& e : f.set) s += (s.empty() ? "" : ", ") + e;
      if (s.empty()) known = false;
      return s;
    }
  }
  return {};
}

}  // namespace

std::string render(std::string_view text, const FactScope& facts, std::string_view locale,
                   const RuleSet& rules) {
  std::string out;
  std::string optional;  // the [[ ]] segment being built
  bool in_optional = false;
  bool optional_known = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "[[") == 0) {
      in_optional = true;
      optional_known = true;
      optional.clear();
      ++i;
    } else if (text.compare(i, 2, "]]") == 0) {
      if (optional_known) out += optional;
      in_optional = false;
      ++i;
    } else if (text[i] == '{') {
      const std::size_t end = text.find('}', i);
      bool known = true;
      const std::string value =
          placeholder(text.substr(i + 1, end - i - 1), facts, locale, rules, known);
      if (in_optional) {
        optional += value;
        optional_known = optional_known && known;
      } else {
        out += value;
      }
      i = end;
    } else {
      (in_optional ? optional : out) += text[i];
    }
  }
  return out;
}

}  // namespace exportscreen::rules
