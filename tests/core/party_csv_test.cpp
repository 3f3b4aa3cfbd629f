// Party CSV files (batch screening): encodings, signatures of workbooks, per-row errors,
// chunking, the separator and the header mapping.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "exportscreen/error.h"
#include "exportscreen/party_csv.h"

using namespace exportscreen;

namespace {

struct Read {
  std::vector<PartyCsvRow> rows;
  std::string encoding;
  bool bom = false;
  char separator = 0;
  std::string error;  // code: message of what was thrown
};

Read read(std::string_view bytes, std::size_t chunk = 0, char separator = ',') {
  Read r;
  PartyCsvReader reader(separator);
  const auto on_row = [&](PartyCsvRow& row) { r.rows.push_back(row); };
  try {
    if (chunk == 0) chunk = bytes.size() + 1;
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
      reader.feed(bytes.substr(at, chunk), on_row);
    }
    reader.finish(on_row);
  } catch (const Error& e) {
    r.error = e.code() + ": " + e.what();
  }
  r.encoding = reader.encoding();
  r.bom = reader.byte_order_mark();
  r.separator = reader.separator();
  return r;
}

// The same rows, errors and encoding whatever the chunking (chunks of 1 to 9 bytes and whole).
Read read_every_way(std::string_view bytes, char separator = ',') {
  const Read whole = read(bytes, 0, separator);
  for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
    CAPTURE(chunk);
    const Read r = read(bytes, chunk, separator);
    CHECK(r.error == whole.error);
    CHECK(r.encoding == whole.encoding);
    REQUIRE(r.rows.size() == whole.rows.size());
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      CHECK(r.rows[i].fields == whole.rows[i].fields);
      CHECK(r.rows[i].line == whole.rows[i].line);
      CHECK(r.rows[i].error_code == whole.rows[i].error_code);
    }
  }
  return whole;
}

std::string utf16(std::u16string_view text, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t u : text) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

}  // namespace

TEST_CASE("party csv: UTF-8 with and without a byte-order mark") {
  const Read plain = read_every_way("name,country\r\nHuawei \xE5\x8D\x8E\xE4\xB8\xBA,CN\r\n");
  CHECK(plain.encoding == "utf-8");
  CHECK_FALSE(plain.bom);
  REQUIRE(plain.rows.size() == 2);
  CHECK(plain.rows[1].fields == std::vector<std::string>{"Huawei \xE5\x8D\x8E\xE4\xB8\xBA", "CN"});
  CHECK(plain.rows[1].line == 2);
  const Read bom = read_every_way("\xEF\xBB\xBFname\nA\n");
  CHECK(bom.encoding == "utf-8");
  CHECK(bom.bom);
  CHECK(bom.rows[0].fields == std::vector<std::string>{"name"});
}

TEST_CASE("party csv: UTF-16 LE and BE with a byte-order mark") {
  const std::u16string text = u"name\tcountry\r\n\u534E\u4E3A \U0001F600\tCN\r\n\"a\r\nb\"\tDE\r\n";
  for (bool le : {true, false}) {
    CAPTURE(le);
    const Read r = read_every_way(utf16(text, le), 0);
    CHECK(r.encoding == (le ? "utf-16le" : "utf-16be"));
    CHECK(r.bom);
    CHECK(r.separator == '\t');
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[1].fields ==
          std::vector<std::string>{"\xE5\x8D\x8E\xE4\xB8\xBA \xF0\x9F\x98\x80", "CN"});
    CHECK(r.rows[2].fields == std::vector<std::string>{"a\r\nb", "DE"});
    CHECK(r.rows[2].line == 3);
  }
  // An unpaired surrogate is that row's error; a file cut inside a character is refused.
  const Read lone = read_every_way(utf16(u"name\r\n\xD800x\r\nok\r\n", true));
  REQUIRE(lone.rows.size() == 3);
  CHECK(lone.rows[1].error_code == "invalid_utf8");
  CHECK(lone.rows[2].error_code.empty());
  CHECK(read(utf16(u"name\r\n", true) + "x").error.starts_with("invalid_utf8"));
}

TEST_CASE("party csv: Windows-1252 when the bytes are not UTF-8") {
  const Read r = read_every_way(
      "name\nM\xFCller \x80 \x93Q\x94\nStra\xDF"
      "e\n");
  CHECK(r.encoding == "windows-1252");
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[1].fields[0] == "M\xC3\xBCller \xE2\x82\xAC \xE2\x80\x9CQ\xE2\x80\x9D");
  CHECK(r.rows[2].fields[0] ==
        "Stra\xC3\x9F"
        "e");
  for (const auto& row : r.rows) CHECK(row.error_code.empty());
  // Two accented letters together are Western text ("Grüße"); a whole word is another code page.
  CHECK(read_every_way("name\nGr\xFC\xDF"
                       "e\n")
            .rows[1]
            .error_code.empty());
}

TEST_CASE("party csv: other code pages and mixed encodings are row errors, never decoded wrongly") {
  // GBK 华为技术, Windows-1251 ООО: whole words above 0x7F.
  for (const char* line :
       {"\xBB\xAA\xCE\xAA\xBC\xBC\xCA\xF5", "\xCE\xCE\xCE \xC0\xEB\xFC\xF4\xE0"}) {
    const Read r = read_every_way(std::string("name\nplain\n") + line + "\nafter\n");
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[1].error_code.empty());
    CHECK(r.rows[2].error_code == "invalid_utf8");
    CHECK(r.rows[2].error_message.find("another code page") != std::string::npos);
    CHECK(r.rows[2].error_message.starts_with("line 3: "));
  }
  // UTF-8 first, then a byte that is not: the file mixes encodings.
  const Read mixed = read_every_way("name\nCaf\xC3\xA9\nM\xFCller\nok\n");
  CHECK(mixed.encoding == "utf-8");
  CHECK(mixed.rows[1].error_code.empty());
  CHECK(mixed.rows[2].error_code == "invalid_utf8");
  CHECK(mixed.rows[2].error_message.find("mixes encodings") != std::string::npos);
  CHECK(mixed.rows[3].error_code.empty());
  // Windows-1252 first, then UTF-8.
  const Read mixed2 = read_every_way("name\nM\xFCller\nCaf\xC3\xA9\n");
  CHECK(mixed2.encoding == "windows-1252");
  CHECK(mixed2.rows[2].error_code == "invalid_utf8");
  // A byte-order mark says UTF-8: a byte that is not is an error, not Windows-1252.
  CHECK(read_every_way("\xEF\xBB\xBFname\nM\xFCller\n").rows[1].error_code == "invalid_utf8");
}

TEST_CASE("party csv: workbooks and archives are refused with what to do") {
  const auto zip = [](const std::string& name, const std::string& after = "") {
    std::string h("PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 26);
    h += static_cast<char>(name.size());
    h += std::string(3, '\0');
    return h + name + after;
  };
  const auto refused = [](const std::string& bytes) {
    const Read r = read_every_way(bytes);
    CHECK(r.rows.empty());
    return r.error;
  };
  CHECK(refused(zip("[Content_Types].xml"))
            .starts_with("not_csv: this is an Excel workbook (.xlsx), not a CSV file"));
  CHECK(refused(zip("xl/workbook.xml")).find("save it as CSV UTF-8") != std::string::npos);
  CHECK(refused(zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))
            .starts_with("not_csv: this is an OpenDocument spreadsheet (.ods)"));
  CHECK(refused(zip("photo.jpg")).starts_with("not_csv: this is a ZIP archive"));
  CHECK(refused(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") + std::string(600, '\0'))
            .starts_with("not_csv: this is an Excel 97-2003 workbook (.xls)"));
  // Short text that starts like a signature is still text.
  CHECK(read_every_way("P\n").rows.size() == 1);
  CHECK(read_every_way("PK\n").rows[0].fields == std::vector<std::string>{"PK"});
}

TEST_CASE("party csv: a broken row is its own error; the rows after it are read") {
  const Read r = read_every_way(std::string("name\n\"a\"b\nx\0y\nok\n", 17));
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[1].error_code == "invalid_csv");
  CHECK(r.rows[1].error_message.find("text after the closing quote") != std::string::npos);
  CHECK(r.rows[2].error_code == "invalid_csv");
  CHECK(r.rows[2].error_message.find("UTF-16 file without its byte-order mark") !=
        std::string::npos);
  CHECK(r.rows[3].fields == std::vector<std::string>{"ok"});
  CHECK(r.rows[3].line == 4);
  // Fields past the limit are counted, not kept.
  const Read wide = read_every_way("name\n" + std::string(100, ',') + "\n");
  CHECK(wide.rows[1].error_code == "request_too_large");
  CHECK(wide.rows[1].field_count == 101);
  CHECK(wide.rows[1].fields.size() == 64);
  // A quote left open to the end refuses the file: nothing after it can be read.
  CHECK(read_every_way("name\n\"open\nmore\n").error.starts_with("invalid_csv"));
}

TEST_CASE("party csv: rows arrive as their bytes do") {
  PartyCsvReader reader;
  std::vector<std::string> names;
  const auto on_row = [&](PartyCsvRow& row) { names.push_back(row.fields[0]); };
  reader.feed("name\nAlpha Trading\nBeta", on_row);
  CHECK(names == std::vector<std::string>{"name", "Alpha Trading"});
  reader.feed(" Corp\n", on_row);
  CHECK(names.size() == 3);
  reader.finish(on_row);
  CHECK(names.back() == "Beta Corp");
}

TEST_CASE("party csv: the separator is sniffed from the first line") {
  CHECK(read_every_way("name;country\nA, B;CN\n", 0).separator == ';');
  CHECK(read_every_way("\"a;b\",country\nx,CN\n", 0).separator == ',');
  CHECK(read_every_way("name\tcountry\n", 0).separator == '\t');
  CHECK(read_every_way("name\n", 0).separator == ',');
}

TEST_CASE("party csv: columns are guessed from the header") {
  const PartyColumns c = guess_party_columns({"ID", "Company Name", "Pays", "Street address"});
  CHECK(c.name == 1);
  CHECK(c.country == 2);
  CHECK(c.address == 3);
  CHECK(c.type == -1);
  const PartyColumns zh = guess_party_columns({"公司名称", "国家", "地址", "类型"});
  CHECK(zh.name == 0);
  CHECK(zh.country == 1);
  CHECK(zh.address == 2);
  CHECK(zh.type == 3);
  CHECK(guess_party_columns({"  FULL   NAME "}).name == 0);
  CHECK(guess_party_columns({"x", "y"}).name == -1);
}
