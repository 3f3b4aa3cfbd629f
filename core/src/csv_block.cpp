// A block of a customer CSV file screened in one call (csv_block.h): records cut and read by the
// list loader's record stream and RFC 4180 reader, each row screened as screen_rows screens it,
// the output written as CSV text.
#include "exportscreen/csv_block.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_map>

#include "exportscreen/api.h"
#include "exportscreen/csv.h"
#include "exportscreen/error.h"
#include "exportscreen/limits.h"
#include "exportscreen/sha256.h"
#include "exportscreen/unicode.h"
#include "lists/text.h"
#include "row_screening.h"

namespace exportscreen {
namespace {

using nlohmann::json;

// Where the core reads a result's columns (kResultColumns).
constexpr std::size_t kVerdictColumn = 0;
constexpr std::size_t kMatchesColumn = 8;
constexpr std::size_t kMatchedEntriesColumn = 9;
static_assert(kResultColumns[kVerdictColumn] == "verdict");
static_assert(kResultColumns[kMatchesColumn] == "matches");
static_assert(kResultColumns[kMatchedEntriesColumn] == "matched_entries");
constexpr std::size_t kChangeColumn = 10;
static_assert(kResultColumns[kChangeColumn] == "change" && kResultColumns[11] == "error");

// Party types as customer files spell them (lower case), to the core's two kinds; anything else
// is passed on for the core to name the error.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kCustomerTypes = {{
    {"person", "person"},
    {"individual", "person"},
    {"natural person", "person"},
    {"organization", "organization"},
    {"organisation", "organization"},
    {"entity", "organization"},
    {"company", "organization"},
    {"business", "organization"},
}};

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_case(std::string_view s, bool upper) {
  std::string out(s);
  for (char& c : out) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view field(const std::vector<std::string>& record, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < record.size()
             ? std::string_view(record[static_cast<std::size_t>(column)])
             : std::string_view();
}

// The party of a row, validated as screen_rows validates {"name", "country"?, "type"?,
// "address"?}.
Party party_of(const std::vector<std::string>& record, const CustomerColumns& c) {
  PartyFields fields;
  fields.name = field(record, c.name);
  std::string country;
  if (const std::string_view code = trim(field(record, c.country)); !code.empty())
    fields.country = country = ascii_case(code, true);
  if (const std::string_view type = trim(field(record, c.type)); !type.empty()) {
    const std::string lower = ascii_case(type, false);
    const auto* known = std::find_if(kCustomerTypes.begin(), kCustomerTypes.end(),
                                     [&](const auto& t) { return t.first == lower; });
    fields.type = known != kCustomerTypes.end() ? known->second : type;
  }
  if (const std::string_view address = field(record, c.address); !trim(address).empty())
    fields.address = address;
  return make_party(fields, "row");
}

// One CSV field as Python's csv module writes it, but a field holding a lone carriage return is
// quoted too (a reader would end the record there).
void append_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_record(std::string& out, const std::vector<std::string>& fields) {
  if (fields.size() == 1 && fields[0].empty()) {
    out += "\"\"";  // a record of one empty field is not a blank line
    return;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    append_field(out, fields[i]);
  }
}

std::string text_of(const json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// The result columns of one row summary (screen_rows) and its change.
std::vector<std::string> result_values(const json& summary, std::string_view change) {
  std::vector<std::string> v(kResultColumns.size());
  v[10] = change;
  if (summary.contains("error")) {
    const json& e = summary["error"];
    v[0] = "error";
    v[11] = text_of(e["code"]) + ": " + text_of(e["message"]);
    return v;
  }
  const json& best = summary["best"];
  v[0] = text_of(summary["verdict"]);
  if (best.is_object()) {
    v[1] = text_of(best.value("strength", json()));
    v[2] = text_of(best.value("name", json()));
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", best["score"].get<double>());
    v[3] = score;
    v[4] = text_of(best.value("source", json()));
    v[5] = text_of(best.value("entry_id", json()));
  }
  v[6] = text_of(summary.value("citation", json()));
  v[7] = text_of(summary.value("rule", json()));
  v[8] = std::to_string(summary.value("matches", std::size_t{0}));
  std::string entries;
  for (const json& m : summary.value("entries", json::array())) {
    if (!entries.empty()) entries += ';';
    entries += text_of(m["source_code"]) + ":" + text_of(m["entry_id"]);
  }
  v[9] = std::move(entries);
  return v;
}

// A row's result columns as CSV text (without the line end), and its verdict.
struct ResultText {
  std::string csv;
  std::string verdict;
};

ResultText result_text(const std::vector<std::string>& values) {
  ResultText t;
  append_record(t.csv, values);
  t.verdict = values[kVerdictColumn];
  return t;
}

// Line breaks as the CSV reader counts them: CRLF, LF and a lone CR each end a line.
std::size_t line_breaks(std::string_view t) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n' && (i == 0 || t[i - 1] != '\r')) ++n;
    if (t[i] == '\r') ++n;
  }
  return n;
}

// The last line `text` (starting on `first`) has a character on.
std::size_t last_line(std::string_view text, std::size_t first) {
  const std::size_t breaks = line_breaks(text);
  const bool ends_with_break = !text.empty() && (text.back() == '\n' || text.back() == '\r');
  return first + breaks - (ends_with_break && breaks ? 1 : 0);
}

// A readable record of the block.
struct Row {
  std::vector<std::string> fields;
  std::string_view raw;  // the record as read, when it is written back so; else empty
};

// What a row's result comes from (the change: what a delta screening found).
enum class Change { kNone, kAdded, kChanged, kRemoved, kNewRow };

std::string_view change_name(Change c) {
  switch (c) {
    case Change::kNone:
      return "";
    case Change::kAdded:
      return "added";
    case Change::kChanged:
      return "changed";
    case Change::kRemoved:
      return "removed";
    case Change::kNewRow:
      return "new_row";
  }
  return "";
}

// Whether an earlier result's matched entries ("EL:123;SDN:45") hold one removed or changed
// since: "removed" when one was removed, else "changed".
std::optional<Change> stale_match(std::string_view entries,
                                  const std::map<std::string, std::string>& stale) {
  std::optional<Change> found;
  while (!entries.empty()) {
    const std::size_t end = std::min(entries.find(';'), entries.size());
    const auto it = stale.find(std::string(entries.substr(0, end)));
    if (it != stale.end() && found != Change::kRemoved)
      found = it->second == "removed" ? Change::kRemoved : Change::kChanged;
    entries.remove_prefix(std::min(end + 1, entries.size()));
  }
  return found;
}

// The block's records, or the unreadable ones with why; request_too_large past kMaxCsvRecords.
std::vector<Row> read_rows(std::string_view block, std::size_t first_line, const CsvBlockJob& job,
                           CsvBlockResult& out) {
  std::vector<Row> rows;
  std::size_t records = 0;
  std::size_t next_line = first_line;
  const auto skipped = [&](std::size_t from, std::string_view text, std::size_t text_line,
                           const std::string& why) {
    out.unreadable.emplace_back(from, "not valid CSV (" + why + "); lines " + std::to_string(from) +
                                          "-" + std::to_string(last_line(text, text_line)) +
                                          " were skipped");
  };
  // Each piece the stream cuts (a line break outside quotes ends it) is read by the RFC 4180
  // reader: one record, or more when a quote inside an unquoted field misled the cut.
  // The stream counts lines from 1; the block starts on first_line.
  // The pieces follow each other: `offset` is where the next one starts in the block (the
  // stream's own buffer does not outlive the reading).
  std::size_t offset = 0;
  std::vector<Row> got;  // the records of one piece (its storage kept from piece to piece)
  const auto on_piece = [&](std::string_view piece, std::size_t stream_line) -> std::size_t {
    const std::string_view text = block.substr(offset, piece.size());
    offset += piece.size();
    const std::size_t line = stream_line + first_line - 1;
    CsvReader reader(text, job.separator, line);
    reader.set_max_fields(job.width + 1);  // a count other than the header's is all that matters
    CsvRecord record;
    got.clear();
    try {
      while (reader.next(record)) {
        if (++records > kMaxCsvRecords) {
          throw Error(errc::kRequestTooLarge,
                      "the block holds more than " + std::to_string(kMaxCsvRecords) +
                          " records; the limit is " + std::to_string(kMaxCsvRecords) + " a block");
        }
        if (record.field_count != job.width) {
          out.unreadable.emplace_back(record.line, std::to_string(record.field_count) +
                                                       " fields where the header has " +
                                                       std::to_string(job.width));
          continue;
        }
        if (std::any_of(record.fields.begin(), record.fields.end(), [](const std::string& f) {
              return find_invalid_utf8(f) != std::string_view::npos;
            })) {
          out.unreadable.emplace_back(record.line, "not UTF-8 (save the file as CSV UTF-8)");
          continue;
        }
        got.push_back({std::move(record.fields), {}});
        record.fields = {};
      }
    } catch (const Error& e) {
      if (e.code() == errc::kRequestTooLarge) throw;
      skipped(record.line, text, line, e.what());
      // The records of the piece read before the bad one are still rows.
      for (Row& r : got) rows.push_back(std::move(r));
      next_line = line + line_breaks(text);
      return next_line - (first_line - 1);
    }
    // A record on one line of a comma-separated file is written back as it was read.
    if (got.size() == 1 && job.separator == ',') {
      std::string_view raw = text;
      while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
      if (raw.find('\n') == std::string_view::npos && raw.find('\r') == std::string_view::npos) {
        got[0].raw = raw;
      }
    }
    for (Row& r : got) rows.push_back(std::move(r));
    next_line = reader.line();
    return next_line - (first_line - 1);
  };
  lists::CsvRecordStream stream;
  try {
    stream.feed(block, on_piece);
    stream.finish(on_piece);
  } catch (const Error& e) {
    if (e.code() == errc::kRequestTooLarge) throw;
    // A record longer than the stream takes (a quote left open): the rest of the block.
    skipped(next_line, block, first_line, e.what());
  }
  return rows;
}

}  // namespace

void check_csv_block_job(const CsvBlockJob& job) {
  if (job.width == 0) throw Error(errc::kInvalidRequest, "the header has no field");
  if (job.separator == '"' || job.separator == '\n' || job.separator == '\r' ||
      job.separator == '\0') {
    throw Error(errc::kInvalidRequest, "the separator cannot be a quote or a line break");
  }
  const CustomerColumns& c = job.columns;
  if (c.name < 0) throw Error(errc::kInvalidRequest, "no column holds the name");
  for (int i : {c.name, c.country, c.type, c.address, c.id}) {
    if (i >= static_cast<long long>(job.width)) {
      throw Error(errc::kInvalidRequest, "column " + std::to_string(i) + " is past the header's " +
                                             std::to_string(job.width) + " fields");
    }
  }
  if (!job.options.is_object())
    throw Error(errc::kInvalidRequest, "the row options must be an object");
}

void check_previous_results(const PreviousResults& previous) {
  const auto check = [](const std::vector<std::string>& values) {
    if (values.size() != kResultColumns.size()) {
      throw Error(errc::kInvalidRequest, "a previous result has " + std::to_string(values.size()) +
                                             " columns, not " +
                                             std::to_string(kResultColumns.size()));
    }
  };
  if (!previous.common.empty()) check(previous.common_values);
  for (const auto& values : previous.results) check(values);
  for (const auto& [key, index] : previous.rows) {
    if (index >= previous.results.size())
      throw Error(errc::kInvalidRequest, "a previous row names a result that is not there");
  }
  if (!std::is_sorted(previous.common.begin(), previous.common.end()))
    throw Error(errc::kInvalidRequest, "the common keys of the previous results are not sorted");
}

CsvBlockResult screen_csv_block(const Screener& full, const Screener* delta,
                                const PreviousResults* previous, std::string_view block,
                                std::size_t first_line, const CsvBlockJob& job) {
  check_csv_block_job(job);
  CsvBlockResult out;
  const std::vector<Row> rows = read_rows(block, first_line, job, out);
  RowScreening whole(full, job.options, !rows.empty());
  std::optional<RowScreening> changed;
  if (delta) changed.emplace(*delta, job.options, !rows.empty());

  // The result text of each shared summary (and change) is made once: most rows share one.
  std::map<std::pair<const json*, Change>, ResultText> shared_text;
  std::optional<ResultText> common_text;
  ResultText own;  // the text of a row's own result
  const auto text_of_summary = [&](const json& summary, bool shared,
                                   Change change) -> const ResultText& {
    if (!shared) return own = result_text(result_values(summary, change_name(change)));
    auto it = shared_text.find({&summary, change});
    if (it == shared_text.end()) {
      it = shared_text
               .emplace(std::make_pair(&summary, change),
                        result_text(result_values(summary, change_name(change))))
               .first;
    }
    return it->second;
  };

  out.csv.reserve(block.size() + rows.size() * 16);
  for (const Row& row : rows) {
    const ResultText* text = nullptr;
    std::optional<Party> party;
    try {
      party = party_of(row.fields, job.columns);
    } catch (const Error& e) {
      own = result_text(result_values(error_json(e.code(), e.what()), ""));
      text = &own;  // a bad row is answered in its place
    }
    std::optional<Change> again;  // screened in full, with this change
    if (party && !changed) {
      again = Change::kNone;
    } else if (party) {
      const std::vector<PartyMatch> found = changed->match(*party);
      if (!found.empty()) {
        // It gained a match: screened in full, its row gives its whole current result.
        again = delta_change(found.front()) == "added" ? Change::kAdded : Change::kChanged;
      } else if (!previous) {
        bool shared = false;
        const json& unchanged = changed->summary(*party, &shared);
        text = &text_of_summary(unchanged, shared, Change::kNone);  // its earlier result stands
      } else {
        const std::uint64_t key = row_key_hash(row.fields, job.columns);
        const std::vector<std::string>* values = nullptr;
        bool in_common = false;
        if (previous->ambiguous.count(key)) {
          again = Change::kNone;  // its earlier result is not one to carry forward
        } else if (const auto it = previous->rows.find(key); it != previous->rows.end()) {
          values = &previous->results[it->second];
        } else if (std::binary_search(previous->common.begin(), previous->common.end(), key)) {
          values = &previous->common_values;
          in_common = true;
        } else {
          again = Change::kNewRow;  // never screened against the earlier list
        }
        if (values) {
          const std::string& matches = (*values)[kMatchesColumn];
          if (!matches.empty() && matches != "0" && matches != "1") {
            // Equal scores are ordered as the list file orders its entries, which a new release
            // may change: a row with several matches is screened again.
            again = Change::kNone;
          } else if (const std::optional<Change> stale =
                         stale_match((*values)[kMatchedEntriesColumn], job.stale)) {
            again = stale;  // a match of its earlier result was removed or changed
          } else if (in_common) {
            if (!common_text) common_text = result_text(*values);
            text = &*common_text;
          } else {
            own = result_text(*values);  // nothing it matched or could match changed
            text = &own;
          }
        }
      }
    }
    if (again) {
      bool shared = false;
      const json& summary = whole.screen(*party, &shared);
      text = &text_of_summary(summary, shared, *again);
      if (changed) ++out.full_screened;
    }
    if (!changed) ++out.full_screened;
    if (!row.raw.empty()) {
      out.csv += row.raw;
    } else {
      append_record(out.csv, row.fields);
    }
    out.csv += ',';
    out.csv += text->csv;
    out.csv += '\n';
    ++out.counts[text->verdict];
    ++out.rows;
  }
  return out;
}

json to_json(const CsvBlockResult& result) {
  json unreadable = json::array();
  for (const auto& [line, why] : result.unreadable) unreadable.push_back({line, why});
  return {{"rows", result.rows},
          {"counts", result.counts},
          {"unreadable", unreadable},
          {"full_screened", result.full_screened}};
}

PreviousRows read_previous_rows(std::string_view csv, std::size_t first_line, std::size_t width,
                                const CustomerColumns& columns,
                                const std::vector<std::size_t>& result_at) {
  if (result_at.size() != kResultColumns.size() ||
      std::any_of(result_at.begin(), result_at.end(), [&](std::size_t i) { return i >= width; })) {
    throw Error(errc::kInvalidRequest, "the result columns are not all in the header");
  }
  PreviousRows out;
  std::unordered_map<std::string, std::uint32_t> index;  // a result's columns, joined -> index
  std::string joined;
  std::vector<std::string> values(kResultColumns.size());
  CsvReader reader(csv, ',', first_line);
  reader.set_max_fields(width + 1);
  CsvRecord record;
  while (reader.next(record)) {
    if (record.field_count != width ||
        std::any_of(record.fields.begin(), record.fields.end(), [](const std::string& f) {
          return find_invalid_utf8(f) != std::string::npos;
        })) {
      ++out.skipped;
      continue;
    }
    out.keys.push_back(row_key_hash(record.fields, columns));
    // Most rows have the result of the row before them (no match): no lookup then.
    bool same = !out.result_of.empty();
    for (std::size_t k = 0; k < values.size() && same; ++k) {
      same = k == kChangeColumn || values[k] == record.fields[result_at[k]];
    }
    if (same) {
      out.result_of.push_back(out.result_of.back());
      continue;
    }
    joined.clear();
    for (std::size_t k = 0; k < values.size(); ++k) {
      values[k] = k == kChangeColumn ? std::string() : record.fields[result_at[k]];
      joined += std::to_string(values[k].size());
      joined += ':';
      joined += values[k];
    }
    const auto [it, added] =
        index.try_emplace(joined, static_cast<std::uint32_t>(out.results.size()));
    if (added) out.results.push_back(values);
    out.result_of.push_back(it->second);
  }
  return out;
}

std::uint64_t row_key_hash(const std::vector<std::string>& record, const CustomerColumns& c) {
  std::string key;
  if (c.id >= 0) {
    key = field(record, c.id);
  } else {
    key = trim(field(record, c.name));
    key += '\x1f';
    key += ascii_case(trim(field(record, c.country)), true);
    key += '\x1f';
    key += ascii_case(trim(field(record, c.type)), true);
  }
  const std::string hex = sha256_hex(key);
  const auto nibble = [](char c) -> std::uint64_t {
    return static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  };
  std::uint64_t h = 0;
  for (std::size_t i = 0; i < 8; ++i)
    h |= (nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1])) << (8 * i);
  return h;
}

}  // namespace exportscreen
