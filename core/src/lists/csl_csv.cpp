// The trade.gov Consolidated Screening List CSV download (data.trade.gov, "consolidated.csv").
#include <algorithm>
#include <array>

#include "exportscreen/error.h"
#include "exportscreen/unicode.h"
#include "lists/format.h"
#include "lists/text.h"

namespace exportscreen::lists {
namespace {

// The 29 columns of the trade.gov CSL CSV download (data.trade.gov, "consolidated.csv"). Files
// from before 2022 lack `_id`; both are accepted.
constexpr std::array<std::string_view, 29> kCslColumns = {"_id",
                                                          "source",
                                                          "entity_number",
                                                          "type",
                                                          "programs",
                                                          "name",
                                                          "title",
                                                          "addresses",
                                                          "federal_register_notice",
                                                          "start_date",
                                                          "end_date",
                                                          "standard_order",
                                                          "license_requirement",
                                                          "license_policy",
                                                          "call_sign",
                                                          "vessel_type",
                                                          "gross_tonnage",
                                                          "gross_registered_tonnage",
                                                          "vessel_flag",
                                                          "vessel_owner",
                                                          "remarks",
                                                          "source_list_url",
                                                          "alt_names",
                                                          "citizenships",
                                                          "dates_of_birth",
                                                          "nationalities",
                                                          "places_of_birth",
                                                          "source_information_url",
                                                          "ids"};

class CslCsvParser final : public FileParser {
 public:
  CslCsvParser(std::vector<ListEntry>& out, std::size_t& names) : out_(out), names_(names) {}

  void feed(std::string_view bytes) override {
    csv_.feed(bytes, [&](std::string_view text, std::size_t line) { return record(text, line); });
  }

  void finish() override {
    csv_.finish([&](std::string_view text, std::size_t line) { return record(text, line); });
    if (!header_done_) throw Error(errc::kEmptyList, "the list file is empty");
    if (records_ == 0) throw Error(errc::kEmptyList, "the list file has a header but no records");
  }

  std::size_t records() const override { return records_; }

 private:
  // Reads one record; returns the next line number.
  std::size_t record(std::string_view text, std::size_t line) {
    std::size_t next = line;
    if (!parse_record(text, line, ',', rec_, next)) return next;
    if (!header_done_) {
      set_header(rec_);
      return next;
    }
    add(rec_);
    return next;
  }

  void set_header(const CsvRecord& header) {
    // The column set must be exactly CSL's (with or without `_id`), in any order.
    if (header.field_count > header.fields.size()) {
      throw Error(errc::kInvalidList, line_prefix(header.line) +
                                          "not the Consolidated Screening "
                                          "List CSV layout: " +
                                          std::to_string(header.field_count) + " columns");
    }
    column_.fill(-1);
    std::vector<std::string> unexpected;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const auto it = std::find(kCslColumns.begin(), kCslColumns.end(), header.fields[i]);
      if (it == kCslColumns.end()) {
        unexpected.emplace_back(utf8_prefix(header.fields[i], 40));
        continue;
      }
      column_[static_cast<std::size_t>(it - kCslColumns.begin())] = static_cast<int>(i);
    }
    std::vector<std::string> missing;
    for (std::size_t c = 1; c < kCslColumns.size(); ++c) {
      if (column_[c] < 0) missing.emplace_back(kCslColumns[c]);
    }
    if (!missing.empty() || !unexpected.empty()) {
      std::string msg =
          line_prefix(header.line) + "not the Consolidated Screening List CSV layout;";
      const auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
        return s;
      };
      if (!missing.empty()) msg += " missing column(s): " + join(missing) + ";";
      if (!unexpected.empty()) msg += " unexpected column(s): " + join(unexpected) + ";";
      msg.pop_back();
      throw Error(errc::kInvalidList, msg);
    }
    fields_ = header.fields.size();
    header_done_ = true;
  }

  void add(CsvRecord& rec) {
    check_record_limit(records_ + 1, line_prefix(rec.line));
    if (rec.field_count != fields_) {
      if (!rec.terminated && rec.field_count < fields_) {
        throw Error(errc::kTruncatedList, line_prefix(rec.line) + "the last record has " +
                                              std::to_string(rec.field_count) + " of " +
                                              std::to_string(fields_) +
                                              " fields: the file is cut short");
      }
      throw Error(errc::kInvalidList, line_prefix(rec.line) + std::to_string(rec.field_count) +
                                          " fields, expected " + std::to_string(fields_));
    }
    static std::string none;
    const auto cell = [&](std::size_t c) -> std::string& {
      return column_[c] < 0 ? none : rec.fields[static_cast<std::size_t>(column_[c])];
    };
    ListEntry e;
    e.source = std::move(cell(1));
    e.name = std::move(cell(5));
    if (e.name.empty())
      throw Error(errc::kInvalidList, line_prefix(rec.line) + "field name is empty");
    if (e.source.empty())
      throw Error(errc::kInvalidList, line_prefix(rec.line) + "field source is empty");
    e.source_code = source_code_of(e.source);
    e.id = !cell(0).empty() ? std::move(cell(0)) : std::move(cell(2));
    if (e.id.empty()) e.id = e.source_code + ":line-" + std::to_string(rec.line);
    e.type = parse_type(cell(3));
    e.programs = split_list(cell(4));
    for (const auto& a : split_list(cell(7))) e.addresses.push_back(parse_address(a));
    e.federal_register_notice = std::move(cell(8));
    e.start_date = std::move(cell(9));
    e.end_date = std::move(cell(10));
    e.standard_order = std::move(cell(11));
    e.license_requirement = std::move(cell(12));
    e.license_policy = std::move(cell(13));
    e.remarks = std::move(cell(20));
    e.source_list_url = std::move(cell(21));
    e.alt_names = split_list(cell(22));
    for (std::size_t c : {23u, 25u}) {
      for (auto& n : split_list(cell(c))) e.nationalities.push_back(std::move(n));
    }
    e.dates_of_birth = split_list(cell(24));
    e.source_information_url = std::move(cell(27));
    names_ += 1 + e.alt_names.size();
    out_.push_back(std::move(e));
    ++records_;
  }

  std::vector<ListEntry>& out_;
  std::size_t& names_;
  CsvRecordStream csv_;
  CsvRecord rec_;
  std::array<int, kCslColumns.size()> column_{};
  std::size_t fields_ = 0;
  std::size_t records_ = 0;
  bool header_done_ = false;
};

}  // namespace

std::unique_ptr<FileParser> csl_csv_parser(std::vector<ListEntry>& out, std::size_t& names) {
  return std::make_unique<CslCsvParser>(out, names);
}

}  // namespace exportscreen::lists
