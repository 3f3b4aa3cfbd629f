// Calendar dates as the contract writes them (YYYY-MM-DD).
#include "exportscreen/date.h"

#include <chrono>
#include <cstdio>

#include "exportscreen/error.h"
#include "exportscreen/unicode.h"

namespace exportscreen {

std::string today_utc() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{now};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string require_date(std::string_view text, std::string_view field) {
  const auto bad = [&] {
    return Error(errc::kInvalidDate, std::string(field) + ": \"" +
                                         std::string(utf8_prefix(text, 32)) +
                                         "\" is not a date YYYY-MM-DD between 1990 and 2100");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  int v[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (std::size_t i = 0; i < lens[k]; ++i) {
      const char c = text[starts[k] + i];
      if (c < '0' || c > '9') throw bad();
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year{v[0]},
                                        std::chrono::month{static_cast<unsigned>(v[1])},
                                        std::chrono::day{static_cast<unsigned>(v[2])}};
  if (!ymd.ok() || v[0] < 1990 || v[0] > 2100) throw bad();
  return std::string(text);
}

long days_between(std::string_view from, std::string_view to) {
  const auto day = [](std::string_view d) {
    const auto num = [&](std::size_t at, std::size_t len) {
      int v = 0;
      for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (d[i] - '0');
      return v;
    };
    return std::chrono::sys_days{std::chrono::year{num(0, 4)} /
                                 std::chrono::month{static_cast<unsigned>(num(5, 2))} /
                                 std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  };
  return static_cast<long>((day(to) - day(from)).count());
}

}  // namespace exportscreen
