// UTF-8 decoding and the table-driven folding of core/gen/fold-table.mjs.
#include "exportscreen/unicode.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "native_only.h"
namespace exportscreen {
namespace {

struct FoldBlock {
  char32_t first;
  char32_t last;
  std::uint32_t offset;  // index of `first` in kFoldLow and kFoldHigh
};

#include "fold_table.inc"

constexpr std::uint16_t kKeep = 0;
constexpr std::uint16_t kDelete = 1;
constexpr std::uint16_t kSeparator = 2;

// Decodes one code point at text[i]; returns its length, or 0 for an invalid sequence.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::uint16_t fold_value(char32_t cp) noexcept {
  const auto* end = std::end(kFoldBlocks);
  const auto* it = std::upper_bound(std::begin(kFoldBlocks), end, cp,
                                    [](char32_t c, const FoldBlock& b) { return c < b.first; });
  if (it == std::begin(kFoldBlocks)) return kKeep;
  --it;
  if (cp > it->last) return kKeep;
  const std::size_t i = it->offset + (cp - it->first);
  return static_cast<std::uint16_t>(kFoldLow[i] | kFoldHigh[i] << 8);
}

// Invisible characters (Unicode 15.0): Default_Ignorable_Code_Point (DerivedCoreProperties.txt)
// plus the format characters (Cf, UnicodeData.txt) outside it that are not
// Prepended_Concatenation_Mark (PropList.txt): U+FFF9-FFFB and the Egyptian hieroglyph format
// controls. tests/core/unicode_test.cpp checks this table against the installed data files.
struct CodePointRange {
  char32_t first, last;
};
constexpr CodePointRange kInvisible[] = {
    {0x00AD, 0x00AD},   {0x034F, 0x034F},   {0x061C, 0x061C},  {0x115F, 0x1160}, {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x200B, 0x200F},   {0x202A, 0x202E},  {0x2060, 0x206F}, {0x3164, 0x3164},
    {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},  {0xFFF0, 0xFFFB}, {0x13430, 0x1343F},
    {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};

// Names of the invisible characters a pasted name usually carries (UnicodeData.txt).
struct NamedCodePoint {
  char32_t cp;
  const char* name;
};
constexpr NamedCodePoint kInvisibleNames[] = {
    {0x00AD, "SOFT HYPHEN"},
    {0x034F, "COMBINING GRAPHEME JOINER"},
    {0x061C, "ARABIC LETTER MARK"},
    {0x115F, "HANGUL CHOSEONG FILLER"},
    {0x1160, "HANGUL JUNGSEONG FILLER"},
    {0x17B4, "KHMER VOWEL INHERENT AQ"},
    {0x17B5, "KHMER VOWEL INHERENT AA"},
    {0x180E, "MONGOLIAN VOWEL SEPARATOR"},
    {0x200B, "ZERO WIDTH SPACE"},
    {0x200C, "ZERO WIDTH NON-JOINER"},
    {0x200D, "ZERO WIDTH JOINER"},
    {0x200E, "LEFT-TO-RIGHT MARK"},
    {0x200F, "RIGHT-TO-LEFT MARK"},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    {0x2060, "WORD JOINER"},
    {0x2061, "FUNCTION APPLICATION"},
    {0x2062, "INVISIBLE TIMES"},
    {0x2063, "INVISIBLE SEPARATOR"},
    {0x2064, "INVISIBLE PLUS"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, "POP DIRECTIONAL ISOLATE"},
    {0x3164, "HANGUL FILLER"},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
    {0xFFA0, "HALFWIDTH HANGUL FILLER"},
    {0xFFF9, "INTERLINEAR ANNOTATION ANCHOR"},
    {0xFFFA, "INTERLINEAR ANNOTATION SEPARATOR"},
    {0xFFFB, "INTERLINEAR ANNOTATION TERMINATOR"},
    {0xE0001, "LANGUAGE TAG"},
    {0xE007F, "CANCEL TAG"},
};

}  // namespace

bool is_invisible(char32_t cp) noexcept {
  if (cp < 0xAD) return false;
  for (const CodePointRange& r : kInvisible) {
    if (cp < r.first) return false;
    if (cp <= r.last) return true;
  }
  return false;
}

std::vector<InvisibleChar> find_invisible(std::string_view text) {
  std::vector<InvisibleChar> out;
  // ASCII is never invisible (is_invisible: nothing below U+00AD), and one byte a character.
  std::size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  for (std::size_t index = i; i < text.size(); ++index) {
    char32_t cp = 0;
    const std::size_t len = decode(text, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    if (is_invisible(cp)) out.push_back({cp, index, i});
    i += len;
  }
  return out;
}

std::string without_invisible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode(text, i, cp);
    if (len == 0) {
      out += text[i++];
      continue;
    }
    if (!is_invisible(cp)) out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string code_point_label(char32_t cp) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string digits;
  for (char32_t v = cp; v > 0 || digits.size() < 4; v >>= 4) digits.insert(0, 1, kHex[v & 0xF]);
  return "U+" + digits;
}

std::string with_invisible_shown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode(text, i, cp);
    if (len == 0) {
      out += text[i++];
      continue;
    }
    if (is_invisible(cp)) {
      out += "\xE2\x9F\xA8" + code_point_label(cp) + "\xE2\x9F\xA9";  // ⟨U+200B⟩
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string invisible_name(char32_t cp) {
  for (const NamedCodePoint& n : kInvisibleNames) {
    if (n.cp == cp) return n.name;
  }
  if (cp >= 0xFE00 && cp <= 0xFE0F) return "VARIATION SELECTOR-" + std::to_string(cp - 0xFE00 + 1);
  if (cp >= 0xE0100 && cp <= 0xE01EF) {
    return "VARIATION SELECTOR-" + std::to_string(cp - 0xE0100 + 17);
  }
  if (cp >= 0x180B && cp <= 0x180F) return "MONGOLIAN FREE VARIATION SELECTOR";
  if (cp >= 0xE0020 && cp <= 0xE007E) return "TAG CHARACTER";
  if (is_invisible(cp)) return "FORMAT CHARACTER";
  return "";
}

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  return decode(text, i, cp);
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    // Runs of ASCII, most of a list, are skipped eight bytes at a time.
    std::uint64_t word;
    if (i + sizeof word <= text.size()) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080u) == 0) {
        i += sizeof word;
        continue;
      }
    }
    const std::size_t len = decode(text, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = decode(text, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back up over continuation bytes to the start of the sequence that would be split.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// What fold() makes of an ASCII byte: itself lower case (letters, digits), nothing (apostrophes,
// which join the parts of one name: O'Brien, D'Souza) or a space (the rest).
constexpr std::array<char, 128> kAsciiFolded = [] {
  std::array<char, 128> folded{};
  for (int c = 0; c < 128; ++c) {
    folded[c] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? static_cast<char>(c)
                : c == '\'' || c == '`'                            ? '\0'
                                                                   : ' ';
  }
  return folded;
}();

// Runs of ASCII (most of most names) are folded through kAsciiFolded, a byte at a time with no
// decoding and no growth check: natively only, the module's size being budgeted.
constexpr bool kFoldAsciiRuns = kNativeOnly;

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (kFoldAsciiRuns && static_cast<unsigned char>(text[i]) < 0x80) {
      std::size_t end = i;
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80) ++end;
      std::size_t at = out.size();
      out.resize(at + (end - i));
      for (; i < end; ++i) {
        const char c = kAsciiFolded[static_cast<unsigned char>(text[i])];
        out[at] = c;
        at += c != '\0';
      }
      out.resize(at);
      continue;
    }
    char32_t cp;
    std::size_t len = decode(text, i, cp);
    if (len == 0) {
      out += ' ';
      ++i;
      continue;
    }
    i += len;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') {
        out += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out += c;
      } else if (c == '\'' || c == '`') {
        // Apostrophes join the parts of one name: O'Brien, D'Souza.
      } else {
        out += ' ';
      }
      continue;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
      const unsigned s = cp - 0xAC00;
      out += kHangulInitials[s / 588];
      out += kHangulMedials[(s % 588) / 28];
      out += kHangulFinals[s % 28];
      continue;
    }
    const std::uint16_t v = fold_value(cp);
    if (v == kKeep) {
      append_utf8(out, cp);
    } else if (v == kSeparator) {
      out += ' ';
    } else if (v != kDelete) {
      const std::uint16_t k = v - 3;
      out.append(kFoldPool + kFoldPoolOffsets[k], kFoldPoolOffsets[k + 1] - kFoldPoolOffsets[k]);
    }
  }
  return out;
}

}  // namespace exportscreen
