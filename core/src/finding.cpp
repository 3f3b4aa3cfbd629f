// Names of severities as the contract writes them.
#include "exportscreen/finding.h"

namespace exportscreen {

std::string_view to_string(Severity s) noexcept {
  switch (s) {
    case Severity::kClear:
      return "clear";
    case Severity::kReview:
      return "review";
    case Severity::kLicenseRequired:
      return "license_required";
    case Severity::kStop:
      return "stop";
  }
  return "clear";
}

}  // namespace exportscreen
