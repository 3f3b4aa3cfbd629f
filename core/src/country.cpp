// Country-code validation against the generated ISO 3166-1 table.
#include "exportscreen/country.h"

#include <algorithm>
#include <array>
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

// A two-letter code's place among the 26 x 26 there can be (either case), or -1.
int slot_of(std::string_view code) noexcept {
  if (code.size() != 2) return -1;
  const int a = (code[0] & ~0x20) - 'A', b = (code[1] & ~0x20) - 'A';
  return a < 0 || a >= 26 || b < 0 || b >= 26 ? -1 : a * 26 + b;
}

const Country* find(std::string_view code) noexcept {
  // Each code's country, made once: a code is looked up for every address and nationality of a
  // list's entries (a binary search over the names, several string compares each, was 7 % of
  // loading the CSL).
  static const auto by_slot = [] {
    std::array<const Country*, 26 * 26> table{};
    for (const Country& c : kCountries) {
      if (const int slot = slot_of(c.code); slot >= 0) table[static_cast<std::size_t>(slot)] = &c;
    }
    return table;
  }();
  const int slot = slot_of(code);
  return slot < 0 ? nullptr : by_slot[static_cast<std::size_t>(slot)];
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
