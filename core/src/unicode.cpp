// UTF-8 decoding and the table-driven folding of core/gen/fold-table.mjs.
#include "exportscreen/unicode.h"

#include <algorithm>
#include <cstdint>

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

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  return decode(text, i, cp);
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
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

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
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
