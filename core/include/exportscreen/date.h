// Calendar dates as the contract writes them (YYYY-MM-DD): validation and today's date.
#pragma once

#include <string>
#include <string_view>

namespace exportscreen {

/// Parses a date "YYYY-MM-DD" that exists in the calendar (years 1990-2100); throws
/// Error(errc::kInvalidDate) naming `field` otherwise.
std::string require_date(std::string_view text, std::string_view field);

/// Today's date (UTC) as YYYY-MM-DD.
std::string today_utc();

/// Days from `from` to `to`, both valid YYYY-MM-DD dates (negative when `to` is earlier).
long days_between(std::string_view from, std::string_view to);

}  // namespace exportscreen
