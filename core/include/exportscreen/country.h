// ISO 3166-1 alpha-2 country codes (table generated from Debian's iso-codes at build time).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exportscreen {

/// The upper-case form of `code` when it is an assigned ISO 3166-1 alpha-2 code (or XK, which
/// OFAC uses for Kosovo); throws Error(errc::kInvalidCountry) naming `field` otherwise.
std::string require_country(std::string_view code, std::string_view field);

/// True when `code` (any case) is an assigned ISO 3166-1 alpha-2 code or XK.
bool is_country_code(std::string_view code) noexcept;

/// English short name of an ISO code ("CN" -> "China"), or an empty view if unknown.
std::string_view country_name(std::string_view code) noexcept;

/// The short name in a locale: "en", or "zh" for Simplified Chinese ("CN" -> "中国").
std::string_view country_name(std::string_view code, std::string_view locale) noexcept;
/// Every code the core accepts (ISO 3166-1 alpha-2 plus XK), sorted, with its English short name.
std::vector<std::pair<std::string_view, std::string_view>> country_codes();

}  // namespace exportscreen
