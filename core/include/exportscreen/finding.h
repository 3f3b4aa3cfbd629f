// A finding and its severity: what every rule produces and every verdict is made of.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace exportscreen {

/// How serious a finding is; the verdict is the most severe finding (stop > license_required >
/// review > clear).
enum class Severity { kClear = 0, kReview = 1, kLicenseRequired = 2, kStop = 3 };

/// "clear", "review", "license_required" or "stop".
std::string_view to_string(Severity s) noexcept;

/// One reason behind the verdict, with the rule that produced it.
struct Finding {
  std::string check;  ///< parties, item, destination or end_use.
  Severity severity = Severity::kClear;
  std::string rule;       ///< Stable rule id, e.g. "party.entity_list".
  std::string citation;   ///< CFR section, Federal Register notice or BIS guidance, with dates.
  std::string message;    ///< Plain-language explanation.
  std::string next_step;  ///< What the user should do next.
  nlohmann::json evidence = nlohmann::json::object();  ///< The facts the rule acted on.
  std::string source_url;  ///< Where the cited regulation or guidance can be read.
  /// What the finding is about: {"item": i}, {"party": p}, both, or {} for the whole deal.
  nlohmann::json subject = nlohmann::json::object();
};

}  // namespace exportscreen
