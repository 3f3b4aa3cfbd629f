// The OFAC legacy CSV set (sdn.csv or cons_prim.csv with alt.csv, add.csv, sdn_comments.csv):
// each file's rows are checked as they arrive, and the set is joined on ent_num at the end.
#include <algorithm>
#include <unordered_map>

#include "exportscreen/error.h"
#include "exportscreen/unicode.h"
#include "lists/format.h"
#include "lists/text.h"

namespace exportscreen::lists {
namespace {

constexpr const char* kSdnSource = "Specially Designated Nationals (SDN) - Treasury Department";

// Where the OFAC non-SDN consolidated list (cons_prim.csv) puts an entry, by its program: the
// CSL names these component lists (trade.gov CSL "source" values).
struct NonSdnList {
  std::string_view program_prefix;
  std::string_view source;
};
constexpr NonSdnList kNonSdnLists[] = {
    {"UKRAINE-EO13662", "Sectoral Sanctions Identifications List (SSI) - Treasury Department"},
    {"NS-PLC", "Palestinian Legislative Council List (PLC) - Treasury Department"},
    {"CMIC",
     "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department"},
    {"561",
     "Correspondent Account or Payable-Through Account Sanctions (CAP) - Treasury Department"},
};
constexpr const char* kNonSdnDefault =
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department";

std::string ofac_field(std::string_view f) {
  std::string s = trim(f);
  return s == "-0-" ? std::string() : s;
}

// One OFAC file: its records are checked (field count, ent_num) and kept for the join.
class OfacParser final : public FileParser {
 public:
  OfacParser(std::string role, std::string file_name, OfacRows& rows)
      : role_(std::move(role)), file_(std::move(file_name)), rows_(rows) {}

  void feed(std::string_view bytes) override {
    csv_.feed(bytes, [&](std::string_view text, std::size_t line) { return record(text, line); });
  }

  void finish() override {
    csv_.finish([&](std::string_view text, std::size_t line) { return record(text, line); });
    if (records_ == 0) {
      throw Error(errc::kEmptyList,
                  (file_.empty() ? std::string() : file_ + ": ") + "the file has no records");
    }
  }

  std::size_t records() const override { return records_; }

 private:
  std::size_t record(std::string_view text, std::size_t line) {
    // The OFAC files end with an MS-DOS end-of-file mark (0x1A) after the last line.
    if (text == "\x1A") return line;
    CsvRecord rec;
    std::size_t next = line;
    if (!parse_record(text, line, ',', rec, next)) return next;
    check_record_limit(records_ + 1, where(rec.line));
    const std::size_t want = role_ == "primary" ? kOfacPrimaryFields
                             : role_ == "alt"   ? kOfacAltFields
                             : role_ == "add"   ? kOfacAddFields
                                                : kOfacCommentFields;
    if (rec.field_count != want) {
      if (!rec.terminated && rec.field_count < want) {
        throw Error(errc::kTruncatedList,
                    where(rec.line) + "the last record has " + std::to_string(rec.field_count) +
                        " of " + std::to_string(want) + " fields: the file is cut short");
      }
      throw Error(errc::kInvalidList, where(rec.line) + std::to_string(rec.field_count) +
                                          " fields, expected " + std::to_string(want) + " (OFAC " +
                                          role_ + " file)");
    }
    const std::string& ent = rec.fields[0];
    if (ent.empty() ||
        !std::all_of(ent.begin(), ent.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      throw Error(errc::kInvalidList, where(rec.line) + "field ent_num \"" +
                                          std::string(utf8_prefix(ent, 20)) + "\" is not a number");
    }
    auto& rows = role_ == "primary" ? rows_.primary
                 : role_ == "alt"   ? rows_.alt
                 : role_ == "add"   ? rows_.add
                                    : rows_.comments;
    rows.push_back(OfacRow{file_, rec.line, std::move(rec.fields)});
    ++records_;
    return next;
  }

  std::string where(std::size_t line) const {
    return (file_.empty() ? std::string() : file_ + ": ") + line_prefix(line);
  }

  std::string role_;
  std::string file_;
  OfacRows& rows_;
  CsvRecordStream csv_;
  std::size_t records_ = 0;
};

}  // namespace

std::unique_ptr<FileParser> ofac_parser(std::string role, std::string file_name, OfacRows& rows) {
  return std::make_unique<OfacParser>(std::move(role), std::move(file_name), rows);
}

void build_ofac(OfacRows& rows, bool non_sdn, ListSnapshot& list) {
  if (rows.primary.empty()) {
    throw Error(errc::kInvalidList,
                "an OFAC legacy set needs its primary file (sdn.csv or cons_prim.csv, 12 columns); "
                "only alt.csv/add.csv/sdn_comments.csv were given");
  }
  // One publication has one file of each role; a file given twice would double every alias,
  // address or remark it holds without breaking a join.
  for (std::size_t i = 0; i < list.info.files.size(); ++i) {
    for (std::size_t k = 0; k < i; ++k) {
      if (list.info.files[i].role == list.info.files[k].role) {
        throw Error(errc::kInvalidList,
                    "the set holds two " + list.info.files[i].role + " files (" +
                        std::string(utf8_prefix(list.info.files[k].name, 64)) + " and " +
                        std::string(utf8_prefix(list.info.files[i].name, 64)) +
                        "): give each file of one OFAC publication once");
      }
    }
  }
  std::unordered_map<std::string, std::size_t> by_ent;
  auto& entries = list.entries;
  entries.reserve(rows.primary.size());
  for (auto& row : rows.primary) {
    auto& f = row.fields;
    ListEntry e;
    e.id = f[0];
    e.name = ofac_field(f[1]);
    if (e.name.empty()) {
      throw Error(errc::kInvalidList, row.file + (row.file.empty() ? "" : ": ") +
                                          line_prefix(row.line) + "field SDN_Name is empty");
    }
    const std::string type = ofac_field(f[2]);
    e.type = type.empty() ? PartyType::kEntity : parse_type(type);
    // Programs are written "SDGT] [IRGC": bracketed codes joined.
    for (auto& p : split_list(ofac_field(f[3]), "] [")) {
      std::erase_if(p, [](char ch) { return ch == '[' || ch == ']'; });
      if (!p.empty()) e.programs.push_back(std::move(p));
    }
    e.remarks = ofac_field(f[11]);
    e.source = kSdnSource;
    if (non_sdn) {
      e.source = kNonSdnDefault;
      for (const auto& l : kNonSdnLists) {
        if (std::any_of(e.programs.begin(), e.programs.end(),
                        [&](const std::string& p) { return p.starts_with(l.program_prefix); })) {
          e.source = std::string(l.source);
          break;
        }
      }
    }
    e.source_code = source_code_of(e.source);
    e.source_list_url = "https://sanctionslist.ofac.treas.gov/Home/SdnList";
    if (!by_ent.emplace(e.id, entries.size()).second) {
      throw Error(errc::kInvalidList, row.file + (row.file.empty() ? "" : ": ") +
                                          line_prefix(row.line) + "ent_num " + e.id +
                                          " appears twice");
    }
    entries.push_back(std::move(e));
  }
  const auto entry_of = [&](const OfacRow& row) -> ListEntry& {
    const auto it = by_ent.find(row.fields[0]);
    if (it == by_ent.end()) {
      throw Error(errc::kInvalidList,
                  row.file + (row.file.empty() ? "" : ": ") + line_prefix(row.line) + "ent_num " +
                      row.fields[0] +
                      " is not in the primary file: the files are not from the same publication");
    }
    return entries[it->second];
  };
  // Remarks cut at OFAC's field limit continue in sdn_comments.csv.
  for (const auto& row : rows.comments) entry_of(row).remarks += row.fields[1];
  for (const auto& row : rows.alt) {
    ListEntry& e = entry_of(row);
    const std::string alias = ofac_field(row.fields[3]);
    if (!alias.empty()) e.alt_names.push_back(alias);
  }
  for (const auto& row : rows.add) {
    ListEntry& e = entry_of(row);
    Address a;
    for (std::size_t k : {2u, 3u}) {
      const std::string part = ofac_field(row.fields[k]);
      if (!part.empty()) a.text += (a.text.empty() ? "" : ", ") + part;
    }
    const std::string country = ofac_field(row.fields[4]);
    a.country = country_code_of_name(country);
    if (a.country.empty() && !country.empty()) a.text += (a.text.empty() ? "" : ", ") + country;
    if (!a.text.empty() || !a.country.empty()) e.addresses.push_back(std::move(a));
  }
  // The remarks carry what the other columns lack: dates of birth, nationalities, and weak
  // aliases ("a.k.a. 'BNC'"), which OFAC keeps there rather than in alt.csv.
  for (ListEntry& e : entries) {
    for (const auto& part : split_list(e.remarks, "; ")) {
      std::string_view p = part;
      if (p.starts_with("alt. ")) p.remove_prefix(5);
      if (p.starts_with("DOB ")) {
        e.dates_of_birth.push_back(trim(p.substr(4)));
      } else if (p.starts_with("nationality ") || p.starts_with("citizen ")) {
        std::string n = trim(p.substr(p.find(' ') + 1));
        if (!n.empty() && n.back() == '.') n.pop_back();
        const std::string code = country_code_of_name(n);
        e.nationalities.push_back(code.empty() ? n : code);
      } else if (p.starts_with("a.k.a. '") || p.starts_with("f.k.a. '") ||
                 p.starts_with("n.k.a. '")) {
        std::string_view alias = p.substr(8);
        const std::size_t close = alias.rfind('\'');
        if (close != std::string_view::npos && close > 0) {
          const std::string a = trim(alias.substr(0, close));
          if (!a.empty() &&
              std::find(e.alt_names.begin(), e.alt_names.end(), a) == e.alt_names.end()) {
            e.alt_names.push_back(a);
          }
        }
      }
    }
  }
  for (const ListEntry& e : entries) list.info.names += 1 + e.alt_names.size();
}

}  // namespace exportscreen::lists
