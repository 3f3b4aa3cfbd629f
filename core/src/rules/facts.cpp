// Look-ups in the fact table of facts.h.
#include "rules/facts.h"

namespace exportscreen::rules {

const FactDeclaration* declared_fact(std::string_view name) noexcept {
  for (const FactDeclaration& d : kFactTable) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::string_view to_string(FactType type) noexcept {
  switch (type) {
    case FactType::kBool:
      return "bool";
    case FactType::kNumber:
      return "number";
    case FactType::kString:
      return "string";
    case FactType::kDate:
      return "date";
    case FactType::kSet:
      return "set";
  }
  return "?";
}

}  // namespace exportscreen::rules
