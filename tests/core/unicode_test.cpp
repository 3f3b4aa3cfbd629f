// UTF-8 validation and Unicode folding.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "exportscreen/unicode.h"

using exportscreen::find_invalid_utf8;
using exportscreen::fold;

namespace {
// Folded text with runs of spaces collapsed and trimmed, for readable expectations.
std::string folded(std::string_view s) {
  std::string out;
  for (char c : fold(s)) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}
}  // namespace

TEST_CASE("utf8: valid text passes") {
  CHECK(find_invalid_utf8("plain ascii") == std::string_view::npos);
  CHECK(find_invalid_utf8("华为 Müller Москва 😀") == std::string_view::npos);
}

TEST_CASE("utf8: invalid sequences are found at their offset") {
  CHECK(find_invalid_utf8("ab\xff") == 2);            // never valid
  CHECK(find_invalid_utf8("a\xc0\xaf") == 1);         // overlong "/"
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0);      // UTF-16 surrogate
  CHECK(find_invalid_utf8("x\xe4\xb8") == 1);         // truncated 3-byte sequence
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
}

TEST_CASE("fold: case, diacritics and compatibility forms") {
  CHECK(folded("HUAWEI Technologies") == "huawei technologies");
  CHECK(folded("Müller Ærø Łódź") == "muller aero lodz");
  CHECK(folded("Straße") == "strasse");
  CHECK(folded("ＨＵＡＷＥＩ") == "huawei");  // fullwidth
  CHECK(folded("Coöperatief") == "cooperatief");
  CHECK(folded("Nguyễn Văn") == "nguyen van");
}

TEST_CASE("fold: punctuation separates, apostrophes join") {
  CHECK(folded("Co., Ltd.") == "co ltd");
  CHECK(folded("AERO-CARIBBEAN") == "aero caribbean");
  CHECK(folded("O'Brien") == "obrien");
  CHECK(folded("O’Brien") == "obrien");
}

TEST_CASE("fold: format characters (zero-width, bidi controls) vanish") {
  CHECK(folded("Hua\u200Bwei") == "huawei");
  CHECK(folded("\u202EHuawei\u202C") == "huawei");
  CHECK(folded("\xEF\xBB\xBFHuawei") == "huawei");
}

TEST_CASE("fold: other scripts are transliterated") {
  CHECK(folded("Москва") == "moskva");
  CHECK(folded("Жуков Щербаков") == "zhukov shcherbakov");
  CHECK(folded("Евгений") == "evgeniy");
  CHECK(folded("Ελλάδα") == "ellada");
  CHECK(folded("华为技术有限公司") == "hua wei ji shu you xian gong si");
  CHECK(folded("華為") == "hua wei");
}

TEST_CASE("to_valid_utf8: invalid bytes become U+FFFD, valid text is kept") {
  CHECK(exportscreen::to_valid_utf8("华为 ok") == "华为 ok");
  CHECK(exportscreen::to_valid_utf8("a\xff"
                                    "b") ==
        "a\uFFFD"
        "b");
  CHECK(exportscreen::find_invalid_utf8(exportscreen::to_valid_utf8("\xc0\xaf\xed\xa0\x80")) ==
        std::string_view::npos);
}

TEST_CASE("utf8_prefix: never splits a character") {
  CHECK(exportscreen::utf8_prefix("abc", 10) == "abc");
  CHECK(exportscreen::utf8_prefix("华为", 4) == "华");  // 3 bytes each
  CHECK(exportscreen::utf8_prefix("华为", 2) == "");
  CHECK(exportscreen::utf8_prefix("ab华", 3) == "ab");
}

TEST_CASE("fold: Hangul syllables compose from their jamo, as ICU romanizes them") {
  CHECK(folded("한국전자") == "hangugjeonja");
  CHECK(folded("김정은") == "gimjeongeun");
  CHECK(folded("가") == "ga");   // first syllable
  CHECK(folded("힣") == "hih");  // last syllable, U+D7A3
  CHECK(folded("아") == "a");    // silent initial
}

TEST_CASE("fold: invalid bytes become separators, never crash") {
  CHECK(folded("ab\xff"
               "cd") == "ab cd");
}

namespace {

// Code points of a property in a Unicode data file ("XXXX..YYYY ; Property # ...").
std::vector<bool> unicode_property(const std::string& file, const std::string& property) {
  std::vector<bool> has(0x110000, false);
  std::ifstream in(std::string(EXPORTSCREEN_UNICODE_DIR) + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t semi = line.find(';');
    if (line.empty() || line[0] == '#' || semi == std::string::npos) continue;
    std::string prop = line.substr(semi + 1, line.find('#') - semi - 1);
    prop.erase(0, prop.find_first_not_of(' '));
    prop.erase(prop.find_last_not_of(' ') + 1);
    if (prop != property) continue;
    const std::size_t dots = line.find("..");
    const auto first = std::stoul(line.substr(0, line.find_first_of(" .;")), nullptr, 16);
    const auto last = dots != std::string::npos && dots < semi
                          ? std::stoul(line.substr(dots + 2), nullptr, 16)
                          : first;
    for (auto cp = first; cp <= last; ++cp) has[cp] = true;
  }
  return has;
}

bool unicode_data_absent() {
  if (std::ifstream(std::string(EXPORTSCREEN_UNICODE_DIR) + "/UnicodeData.txt")) return false;
  std::fprintf(stderr, "[skip] %s/UnicodeData.txt is absent\n", EXPORTSCREEN_UNICODE_DIR);
  return true;
}

}  // namespace

TEST_CASE("unicode: the invisible characters are the default-ignorable and format characters" *
          doctest::skip(unicode_data_absent())) {
  const std::vector<bool> ignorable =
      unicode_property("DerivedCoreProperties.txt", "Default_Ignorable_Code_Point");
  const std::vector<bool> prepended =
      unicode_property("PropList.txt", "Prepended_Concatenation_Mark");
  std::vector<bool> format(0x110000, false);
  std::ifstream in(std::string(EXPORTSCREEN_UNICODE_DIR) + "/UnicodeData.txt");
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t a = line.find(';'), b = line.find(';', a + 1), c = line.find(';', b + 1);
    if (line.substr(b + 1, c - b - 1) == "Cf")
      format[std::stoul(line.substr(0, a), nullptr, 16)] = true;
  }
  std::size_t wrong = 0, invisible = 0;
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    const bool expected = ignorable[cp] || (format[cp] && !prepended[cp]);
    invisible += expected;
    if (exportscreen::is_invisible(cp) != expected && wrong++ < 5) {
      MESSAGE("U+", std::hex, static_cast<unsigned>(cp), " expected ", expected);
    }
  }
  CHECK(wrong == 0);
  CHECK(invisible > 4000);
}

TEST_CASE("unicode: invisible characters are found, named, shown and removed") {
  using exportscreen::find_invisible;
  const std::string name = "Hua\u200Bwei \u534E\u200D\u4E3A\uFE0F";
  const auto found = find_invisible(name);
  REQUIRE(found.size() == 3);
  CHECK(found[0].code_point == 0x200B);
  CHECK(found[0].index == 3);
  CHECK(found[0].byte == 3);
  CHECK(found[1].code_point == 0x200D);
  CHECK(found[1].index == 9);
  CHECK(found[2].code_point == 0xFE0F);
  CHECK(exportscreen::invisible_name(0x200B) == "ZERO WIDTH SPACE");
  CHECK(exportscreen::invisible_name(0xFE0F) == "VARIATION SELECTOR-16");
  CHECK(exportscreen::invisible_name(0xE0100) == "VARIATION SELECTOR-17");
  CHECK(exportscreen::invisible_name(0xE0041) == "TAG CHARACTER");
  CHECK(exportscreen::invisible_name(0x3164) == "HANGUL FILLER");
  CHECK(exportscreen::code_point_label(0x200B) == "U+200B");
  CHECK(exportscreen::code_point_label(0xE0041) == "U+E0041");
  CHECK(exportscreen::without_invisible(name) == "Huawei \u534E\u4E3A");
  CHECK(exportscreen::with_invisible_shown("a\u200Bb") == "a\u27E8U+200B\u27E9b");
  CHECK(find_invisible("Huawei Technologies \u00E9 \u0600").empty());  // U+0600 is drawn
  CHECK(find_invisible("\xff\u200B").size() == 1);
}
