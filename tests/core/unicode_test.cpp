// UTF-8 validation and Unicode folding.
#include <doctest/doctest.h>

#include <string>

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
