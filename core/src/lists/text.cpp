// What every list format's reader shares: cells, addresses, types, UTF-8 checks.
#include "lists/text.h"

#include <algorithm>
#include <unordered_map>

#include "exportscreen/country.h"
#include "exportscreen/error.h"
#include "exportscreen/unicode.h"
#include "lists/format.h"

namespace exportscreen::lists {

std::string line_prefix(std::size_t line) { return "line " + std::to_string(line) + ": "; }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_list(std::string_view cell, std::string_view sep) {
  std::vector<std::string> out;
  while (!cell.empty()) {
    const std::size_t at = cell.find(sep);
    std::string part = trim(cell.substr(0, at));
    if (!part.empty()) out.push_back(std::move(part));
    if (at == std::string_view::npos) break;
    cell.remove_prefix(at + sep.size());
  }
  return out;
}

Address parse_address(std::string_view text) {
  Address a;
  const std::size_t comma = text.rfind(", ");
  std::string_view last = comma == std::string_view::npos ? text : text.substr(comma + 2);
  if (last.size() == 2 && is_country_code(last) && last[0] >= 'A' && last[0] <= 'Z') {
    a.country = std::string(last);
    a.text =
        std::string(comma == std::string_view::npos ? std::string_view() : text.substr(0, comma));
  } else {
    a.text = std::string(text);
  }
  return a;
}

PartyType parse_type(std::string_view t) {
  if (t == "Individual" || t == "individual") return PartyType::kIndividual;
  if (t == "Entity" || t == "entity") return PartyType::kEntity;
  if (t == "Vessel" || t == "vessel") return PartyType::kVessel;
  if (t == "Aircraft" || t == "aircraft") return PartyType::kAircraft;
  return PartyType::kUnknown;
}

std::string country_code_of_name(std::string_view name) {
  static const auto codes = [] {
    std::unordered_map<std::string, std::string> m;
    for (char a = 'A'; a <= 'Z'; ++a) {
      for (char b = 'A'; b <= 'Z'; ++b) {
        const std::string code{a, b};
        const std::string_view n = country_name(code);
        if (n.empty()) continue;
        m.emplace(std::string(n), code);
        m.emplace(std::string(n.substr(0, n.find(','))), code);  // "Iran, Islamic Republic of"
      }
    }
    return m;
  }();
  const auto it = codes.find(std::string(name));
  return it == codes.end() ? std::string() : it->second;
}

void check_utf8(std::string_view text, std::size_t first_line) {
  const std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return;
  const std::size_t line =
      first_line + static_cast<std::size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  throw Error(errc::kInvalidUtf8, line_prefix(line) + "invalid UTF-8; list files must be UTF-8");
}

bool parse_record(std::string_view text, std::size_t first_line, char separator, CsvRecord& rec,
                  std::size_t& next_line) {
  check_utf8(text, first_line);
  CsvReader reader(text, separator, first_line);
  // No list format has more than 29 columns: a record of a million empty fields is not stored.
  reader.set_max_fields(kMaxListRecordFields);
  const bool got = reader.next(rec);
  next_line = reader.line();
  return got;
}

void FileParser::check_record_limit(std::size_t count, const std::string& where) const {
  if (count <= max_records_) return;
  throw Error(errc::kListTooLarge, where + "the list has more than " +
                                       std::to_string(kMaxListRecords) + " records; the limit is " +
                                       std::to_string(kMaxListRecords));
}

void CsvRecordStream::record_too_large() const {
  throw Error(errc::kInvalidList, line_prefix(line_) + "a record longer than " +
                                      std::to_string(kMaxListRecordBytes) +
                                      " bytes (a quote left open?)");
}

}  // namespace exportscreen::lists
