// Party CSV files (batch screening): the encoding told from the bytes and decoded to UTF-8 as
// they arrive, then cut into RFC 4180 rows by the list loader's record stream and reader.
#include "exportscreen/party_csv.h"

#include <algorithm>
#include <array>
#include <deque>

#include "exportscreen/csv.h"
#include "exportscreen/error.h"
#include "exportscreen/limits.h"
#include "exportscreen/unicode.h"
#include "lists/text.h"

namespace exportscreen {
namespace {

enum class Encoding { kUndecided, kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };

// Windows-1252 bytes 0x80-0x9F (the WHATWG Encoding Standard's index; the five bytes it leaves
// undefined map to the C1 controls of the same value, as browsers decode them). 0xA0-0xFF are
// Latin-1.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

char32_t windows_1252(unsigned char b) {
  return b >= 0x80 && b < 0xA0 ? kWindows1252High[b - 0x80] : b;
}

// Western European text has its accented letters one, rarely two, at a time ("Grüße"); GBK,
// Windows-1251 and the other code pages write whole words in bytes above 0x7F.
constexpr std::size_t kMaxWindows1252HighRun = 2;

// Enough of a file's start to tell a workbook or archive from text: a ZIP entry's local header
// (30 bytes) plus its name and the start of an OpenDocument mimetype.
constexpr std::size_t kSignatureBytes = 160;

const char* const kSaveAsCsv = "save it as CSV UTF-8 and choose that file";

// Not text: a spreadsheet or archive given for a CSV file.
void refuse_binary(std::string_view head) {
  if (head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    throw Error(errc::kNotCsv, std::string("this is an Excel 97-2003 workbook (.xls), not a CSV "
                                           "file: in Excel, ") +
                                   kSaveAsCsv);
  }
  if (!head.starts_with("PK\x03\x04")) return;
  std::string_view name;
  if (head.size() >= 30) {
    const std::size_t name_len = static_cast<unsigned char>(head[26]) |
                                 static_cast<std::size_t>(static_cast<unsigned char>(head[27]))
                                     << 8;
    name = head.substr(30, name_len);
  }
  if (head.find("opendocument.spreadsheet") != std::string_view::npos) {
    throw Error(
        errc::kNotCsv,
        std::string("this is an OpenDocument spreadsheet (.ods), not a CSV file: ") + kSaveAsCsv);
  }
  if (name == "[Content_Types].xml" || name.starts_with("xl/") || name.starts_with("_rels/") ||
      name.starts_with("docProps/")) {
    throw Error(
        errc::kNotCsv,
        std::string("this is an Excel workbook (.xlsx), not a CSV file: in Excel, ") + kSaveAsCsv);
  }
  throw Error(errc::kNotCsv,
              std::string("this is a ZIP archive, not a CSV file: unpack it, or ") + kSaveAsCsv);
}

bool might_be_binary(std::string_view head) {
  return std::string_view("PK\x03\x04").starts_with(head.substr(0, 4)) ||
         std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8).starts_with(head.substr(0, 8));
}

}  // namespace

struct PartyCsvReader::State {
  char separator = ',';
  bool sniff = false;
  Encoding encoding = Encoding::kUndecided;
  bool bom = false;
  bool utf8_multibyte_seen = false;  // a valid sequence decided UTF-8
  bool started = false;              // the file's first bytes are classified
  std::string head;                  // the first bytes, held until they are
  std::string carry;                 // a sequence or UTF-16 unit cut by the end of a chunk
  char16_t high_surrogate = 0;
  std::size_t bytes = 0;
  std::size_t high_run = 0;  // consecutive bytes above 0x7F (Windows-1252)

  // Lines of the decoded text, counted as the CSV reader counts them (CRLF, LF, CR).
  std::size_t line = 1;
  bool last_cr = false;
  // Lines holding bytes that could not be decoded, with why, in line order.
  std::deque<std::pair<std::size_t, std::string>> bad_lines;

  lists::CsvRecordStream records;
  std::string text;  // decoded text of the chunk being read

  void mark_bad(const std::string& why) {
    if (bad_lines.empty() || bad_lines.back().first != line) bad_lines.emplace_back(line, why);
  }

  void put(char32_t cp) {
    if (cp == '\n') {
      if (!last_cr) ++line;
      last_cr = false;
    } else if (cp == '\r') {
      ++line;
      last_cr = true;
    } else {
      last_cr = false;
    }
    if (cp < 0x80) {
      text += static_cast<char>(cp);
    } else {
      append_utf8(text, cp);
    }
  }

  void put_1252(unsigned char b) {
    if (b >= 0x80) {
      if (++high_run > kMaxWindows1252HighRun) {
        mark_bad(
            "the text is neither UTF-8 nor Windows-1252 (Western European): it looks like "
            "another code page, such as GBK or Windows-1251");
      }
    } else {
      high_run = 0;
    }
    put(windows_1252(b));
  }

  // UTF-8, or Windows-1252 once a byte that is not UTF-8 comes before any that is.
  void decode_8bit(std::string_view in, bool last) {
    std::size_t i = 0;
    while (i < in.size()) {
      const auto b = static_cast<unsigned char>(in[i]);
      if (b < 0x80) {
        if (encoding == Encoding::kWindows1252) {
          put_1252(b);
        } else {
          put(b);
        }
        ++i;
        continue;
      }
      char32_t cp = 0;
      const std::size_t len = decode_utf8(in, i, cp);
      if (len == 0 && !last && in.size() - i < 4 && complete_prefix(in.substr(i))) {
        carry.assign(in.substr(i));  // a sequence the next chunk completes
        return;
      }
      if (encoding == Encoding::kWindows1252) {
        if (len > 1) {
          // Bytes of another code page often pair up as UTF-8 too: its run is the better reason.
          for (std::size_t k = 0; k < len; ++k) put_1252(static_cast<unsigned char>(in[i + k]));
          mark_bad(
              "the file mixes encodings: it was read as Windows-1252, and this line holds UTF-8");
          i += len;
        } else {
          put_1252(b);
          ++i;
        }
        continue;
      }
      if (len > 0) {
        utf8_multibyte_seen = true;
        if (encoding == Encoding::kUndecided) encoding = Encoding::kUtf8;
        put(cp);
        i += len;
        continue;
      }
      if (!utf8_multibyte_seen && !bom) {
        // Nothing but ASCII so far: the file is not UTF-8, and reads the same in 1252 up to here.
        encoding = Encoding::kWindows1252;
        put_1252(b);
      } else {
        mark_bad("invalid UTF-8: the file mixes encodings (save the whole file as CSV UTF-8)");
        put(0xFFFD);
      }
      ++i;
    }
  }

  // Whether `tail` (at most 3 bytes) could start a valid sequence the next chunk completes.
  static bool complete_prefix(std::string_view tail) {
    const auto b0 = static_cast<unsigned char>(tail[0]);
    const std::size_t need = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
    if (need == 0 || tail.size() >= need) return false;
    for (std::size_t k = 1; k < tail.size(); ++k) {
      if ((static_cast<unsigned char>(tail[k]) & 0xC0) != 0x80) return false;
    }
    return true;
  }

  void decode_utf16(std::string_view in) {
    const bool le = encoding == Encoding::kUtf16Le;
    std::size_t i = 0;
    for (; i + 1 < in.size(); i += 2) {
      const auto lo = static_cast<unsigned char>(in[le ? i : i + 1]);
      const auto hi = static_cast<unsigned char>(in[le ? i + 1 : i]);
      const char16_t unit = static_cast<char16_t>(lo | hi << 8);
      if (high_surrogate) {
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
          put(0x10000 + ((high_surrogate - 0xD800) << 10) + (unit - 0xDC00));
          high_surrogate = 0;
          continue;
        }
        unpaired();
      }
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        high_surrogate = unit;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        unpaired();
      } else {
        put(unit);
      }
    }
    carry.assign(in.substr(i));
  }

  void unpaired() {
    high_surrogate = 0;
    mark_bad("invalid UTF-16 (an unpaired surrogate)");
    put(0xFFFD);
  }

  // Classifies the file from its first bytes; returns false while more are needed.
  bool start(bool last) {
    if (!last && head.size() < kSignatureBytes && (might_be_binary(head) || head.size() < 3)) {
      return false;
    }
    refuse_binary(head);
    std::string_view rest = head;
    if (rest.starts_with("\xEF\xBB\xBF")) {
      bom = true;
      encoding = Encoding::kUtf8;
      rest.remove_prefix(3);
    } else if (rest.starts_with("\xFF\xFE")) {
      bom = true;
      encoding = Encoding::kUtf16Le;
      rest.remove_prefix(2);
    } else if (rest.starts_with("\xFE\xFF")) {
      bom = true;
      encoding = Encoding::kUtf16Be;
      rest.remove_prefix(2);
    }
    started = true;
    const std::string held(rest);
    head.clear();
    decode(held, last);
    return true;
  }

  void decode(std::string_view chunk, bool last) {
    std::string joined;
    if (!carry.empty()) {
      joined = carry + std::string(chunk);
      chunk = joined;
      carry.clear();
    }
    if (encoding == Encoding::kUtf16Le || encoding == Encoding::kUtf16Be) {
      decode_utf16(chunk);
    } else {
      decode_8bit(chunk, last);
    }
  }

  // One record cut by the record stream: parsed, checked against the field limit, and given
  // the decoding error of any of its lines.
  std::size_t record(std::string_view record_text, std::size_t first_line,
                     const std::function<void(PartyCsvRow&)>& on_row) {
    if (sniff) {
      separator = sniff_separator(record_text);
      sniff = false;
    }
    CsvReader reader(record_text, separator, first_line);
    reader.set_max_fields(kMaxCsvFields);
    CsvRecord rec;
    PartyCsvRow row;
    row.line = first_line;
    std::size_t next = first_line;
    bool got = false;
    try {
      got = reader.next(rec);
      next = reader.line();
    } catch (const Error& e) {
      if (e.code() == errc::kTruncatedList) {
        throw Error(errc::kInvalidCsv, std::string(e.what()));
      }
      row.error_code = errc::kInvalidCsv;
      row.error_message = e.what();
      if (row.error_message.ends_with("NUL byte")) {
        row.error_message +=
            " (a UTF-16 file without its byte-order mark? " + std::string(kSaveAsCsv) + ")";
      }
      // The record ends where the stream cut it, whatever the reader made of it.
      next = first_line + line_breaks(record_text);
      got = true;
    }
    if (!got) return next;
    row.fields = std::move(rec.fields);
    row.field_count = rec.field_count;
    while (!bad_lines.empty() && bad_lines.front().first < first_line) bad_lines.pop_front();
    if (!bad_lines.empty() && bad_lines.front().first < std::max(next, first_line + 1) &&
        row.error_code.empty()) {
      row.error_code = errc::kInvalidUtf8;
      row.error_message = lists::line_prefix(bad_lines.front().first) + bad_lines.front().second +
                          ": save the file as CSV UTF-8";
    }
    if (row.error_code.empty() && row.field_count > kMaxCsvFields) {
      row.error_code = errc::kRequestTooLarge;
      row.error_message = lists::line_prefix(first_line) + std::to_string(row.field_count) +
                          " fields; the limit is " + std::to_string(kMaxCsvFields);
    }
    on_row(row);
    return next;
  }

  // Line breaks as the CSV reader counts them: CRLF, LF and a lone CR each end a line.
  static std::size_t line_breaks(std::string_view t) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\n' && (i == 0 || t[i - 1] != '\r')) ++n;
      if (t[i] == '\r') ++n;
    }
    return n;
  }

  // The separator of a file's first line: the one of , ; tab that occurs most outside quotes
  // (spreadsheets in many locales save with ';', Excel's "Unicode Text" with tabs).
  static char sniff_separator(std::string_view first) {
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : first) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '\n' || c == '\r') break;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
      }
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
  }

  void cut(const std::function<void(PartyCsvRow&)>& on_row, bool last) {
    const auto each = [&](std::string_view t, std::size_t l) { return record(t, l, on_row); };
    try {
      records.feed(text, each);
      text.clear();
      if (last) records.finish(each);
    } catch (const Error& e) {
      // The record stream's codes name list files; a user's party file has its own.
      if (e.code() == errc::kInvalidList || e.code() == errc::kTruncatedList) {
        throw Error(errc::kInvalidCsv, e.what());
      }
      throw;
    }
  }
};

PartyCsvReader::PartyCsvReader(char separator) : state_(std::make_unique<State>()) {
  state_->sniff = separator == 0;
  state_->separator = separator == 0 ? ',' : separator;
}
PartyCsvReader::~PartyCsvReader() = default;
PartyCsvReader::PartyCsvReader(PartyCsvReader&&) noexcept = default;
PartyCsvReader& PartyCsvReader::operator=(PartyCsvReader&&) noexcept = default;

void PartyCsvReader::feed(std::string_view bytes, const std::function<void(PartyCsvRow&)>& on_row) {
  State& s = *state_;
  s.bytes += bytes.size();
  if (!s.started) {
    s.head.append(bytes);
    if (!s.start(false)) return;
  } else {
    s.decode(bytes, false);
  }
  s.cut(on_row, false);
}

void PartyCsvReader::finish(const std::function<void(PartyCsvRow&)>& on_row) {
  State& s = *state_;
  if (!s.started) {
    s.start(true);
  } else if (!s.carry.empty()) {
    if (s.encoding == Encoding::kUtf16Le || s.encoding == Encoding::kUtf16Be) {
      throw Error(errc::kInvalidUtf8, lists::line_prefix(s.line) +
                                          "the file ends inside a UTF-16 character (it is cut "
                                          "short)");
    }
    const std::string tail = std::move(s.carry);
    s.carry.clear();
    s.decode_8bit(tail, true);
  }
  if (s.high_surrogate) s.unpaired();
  s.cut(on_row, true);
}

std::string_view PartyCsvReader::encoding() const noexcept {
  switch (state_->encoding) {
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
    case Encoding::kWindows1252:
      return "windows-1252";
    case Encoding::kUndecided:
    case Encoding::kUtf8:
      break;
  }
  return "utf-8";
}

bool PartyCsvReader::byte_order_mark() const noexcept { return state_->bom; }
char PartyCsvReader::separator() const noexcept { return state_->separator; }
std::size_t PartyCsvReader::bytes() const noexcept { return state_->bytes; }

namespace {

// Header names of each field, lower case (web/src/batch-csv.js, BATCH_FIELDS, holds the same).
const std::vector<std::string> kNameHeaders = {
    "name",         "party",      "party name",    "company",        "company name", "entity",
    "entity name",  "customer",   "customer name", "full name",      "full_name",    "organization",
    "organisation", "legal name", "firma",         "raison sociale", "名称",         "名字",
    "姓名",         "公司",       "公司名称",      "企业名称",       "客户"};
const std::vector<std::string> kCountryHeaders = {"country", "country code", "country_code", "iso",
                                                  "iso2",    "nation",       "land",         "pays",
                                                  "国家",    "国家代码",     "国别"};
const std::vector<std::string> kAddressHeaders = {"address",      "street",  "addr",
                                                  "full address", "adresse", "地址"};
const std::vector<std::string> kTypeHeaders = {"type", "party type", "entity type", "kind", "类型"};

// Trimmed, ASCII lower case, runs of white space as one space (as the widget's clean()).
std::string clean(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

}  // namespace

PartyColumns guess_party_columns(const std::vector<std::string>& header) {
  std::vector<std::string> cells;
  for (const auto& h : header) cells.push_back(clean(h));
  const auto exact = [&](const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (std::find(names.begin(), names.end(), cells[i]) != names.end())
        return static_cast<int>(i);
    }
    return -1;
  };
  PartyColumns c{exact(kNameHeaders), exact(kCountryHeaders), exact(kAddressHeaders),
                 exact(kTypeHeaders)};
  // Then headers that contain the field's word ("Street address", "Customer Name").
  const auto containing = [&](int& column, std::initializer_list<std::string_view> words) {
    if (column >= 0) return;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const int k = static_cast<int>(i);
      if (k == c.name || k == c.country || k == c.address || k == c.type) continue;
      for (std::string_view w : words) {
        if (cells[i].find(w) != std::string::npos) {
          column = k;
          return;
        }
      }
    }
  };
  containing(c.name, {"name", "名称", "姓名"});
  containing(c.country, {"country", "国家"});
  containing(c.address, {"address", "street", "地址"});
  containing(c.type, {"type", "类型"});
  return c;
}

}  // namespace exportscreen
