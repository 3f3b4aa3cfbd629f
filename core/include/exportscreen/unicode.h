// UTF-8 validation and the Unicode folding used before names are compared.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen {

/// Byte offset of the first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
/// code points above U+10FFFF are invalid), or std::string_view::npos when the text is valid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// Folds UTF-8 text for matching: lower case, diacritics and compatibility forms removed, other
/// scripts transliterated to Latin (tables generated from ICU at build time, core/gen/), every
/// punctuation or symbol a single space, format characters (zero-width, bidi controls) removed.
/// Apostrophes join ("O'Brien" -> "obrien"). Characters outside the generated tables are kept.
/// Each Han character becomes its own space-separated syllable ("华为" -> " hua wei ").
/// Invalid UTF-8 bytes become separators; validate first where that matters.
std::string fold(std::string_view text);

/// `text` with every invalid UTF-8 sequence replaced by U+FFFD: for messages that quote input.
std::string to_valid_utf8(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8
/// sequence: for quoting user input in error messages without breaking the encoding.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

/// Decodes the code point starting at byte `i` of `text` into `cp`; returns its length in bytes,
/// or 0 for an invalid sequence (overlong, surrogate, above U+10FFFF, truncated).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// True for a character that is not shown: a default-ignorable code point (zero-width spaces
/// and joiners, bidirectional controls, variation selectors, Hangul fillers, tag characters,
/// the soft hyphen; Unicode's DerivedCoreProperties.txt) or any other format character (general
/// category Cf) that is not a prepended concatenation mark (those, like U+0600, are drawn).
bool is_invisible(char32_t cp) noexcept;

/// One invisible character in a text.
struct InvisibleChar {
  char32_t code_point = 0;
  std::size_t index = 0;  ///< Code points before it (0-based).
  std::size_t byte = 0;   ///< UTF-8 bytes before it.
};

/// Every invisible character of UTF-8 `text`, in order (invalid bytes are skipped).
std::vector<InvisibleChar> find_invisible(std::string_view text);

/// `text` without its invisible characters.
std::string without_invisible(std::string_view text);

/// `text` with each invisible character written as a visible marker: "Hua⟨U+200B⟩wei".
std::string with_invisible_shown(std::string_view text);

/// "U+200B".
std::string code_point_label(char32_t cp);

/// The Unicode name of an invisible character ("ZERO WIDTH SPACE", "VARIATION SELECTOR-16"), or
/// what it is where the name would say nothing more ("TAG CHARACTER", "FORMAT CHARACTER").
std::string invisible_name(char32_t cp);

}  // namespace exportscreen
