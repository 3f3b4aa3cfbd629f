// Country-code validation against the generated ISO 3166-1 table.
#include "exportscreen/country.h"

#include <algorithm>
#include <iterator>

#include "exportscreen/error.h"
#include "exportscreen/unicode.h"

namespace exportscreen {
namespace {

struct Country {
  const char* code;
  const char* name;
  const char* name_zh;  ///< Simplified Chinese (iso-codes zh_CN), or the English name.
};

#include "countries.inc"

const Country* find(std::string_view code) noexcept {
  if (code.size() != 2) return nullptr;
  char up[3] = {static_cast<char>(code[0] & ~0x20), static_cast<char>(code[1] & ~0x20), 0};
  if (up[0] < 'A' || up[0] > 'Z' || up[1] < 'A' || up[1] > 'Z') return nullptr;
  const auto* it = std::lower_bound(std::begin(kCountries), std::end(kCountries), up,
                                    [](const Country& c, const char* k) {
                                      return std::string_view(c.code) < std::string_view(k);
                                    });
  if (it == std::end(kCountries) || std::string_view(it->code) != up) return nullptr;
  return it;
}

}  // namespace

bool is_country_code(std::string_view code) noexcept { return find(code) != nullptr; }

std::string_view country_name(std::string_view code) noexcept {
  const Country* c = find(code);
  return c ? c->name : std::string_view();
}

std::string_view country_name(std::string_view code, std::string_view locale) noexcept {
  const Country* c = find(code);
  if (!c) return {};
  return locale == "zh" ? c->name_zh : c->name;
}

std::vector<std::pair<std::string_view, std::string_view>> country_codes() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  out.reserve(std::size(kCountries));
  for (const Country& c : kCountries) out.emplace_back(c.code, c.name);
  return out;
}

std::string require_country(std::string_view code, std::string_view field) {
  const Country* c = find(code);
  if (!c) {
    std::string shown(utf8_prefix(code, 16));
    throw Error(errc::kInvalidCountry, std::string(field) + ": \"" + shown +
                                           "\" is not an ISO 3166-1 alpha-2 country code");
  }
  return c->code;
}

}  // namespace exportscreen
