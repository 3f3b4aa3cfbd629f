// Name normalization: folded tokens, each tagged with the part it plays in a name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen {

/// The part a token plays in a name. kName, kNumber and (weakly) kCountry identify a party;
/// kLegalForm and kStopWord do not count at all.
enum class TokenRole : std::uint8_t {
  kName,       ///< An identifying word.
  kNumber,     ///< Digits: kept, and must agree between two names.
  kLegalForm,  ///< Legal form or company-type word (Co., Ltd., GmbH, OOO, 有限公司): weak.
  kStopWord,   ///< Connecting word or name particle (of, the, and, de, al, bin): weak.
  kCountry,    ///< A country name or a parenthesised country code ("(UK)", "India"): counts
               ///< little, and two names naming different countries disagree.
  kAcronym,    ///< An acronym the name gives in parentheses ("National University of Defense
               ///< Technology (NUDT)"): weak in the name, indexed as an alias of it.
};

/// Where a token's text came from, which decides how it may be compared.
enum class TokenScript : std::uint8_t {
  kLatin,  ///< Latin script (or a script ICU transliterates with its vowels: Cyrillic, Greek).
  kAbjad,  ///< Arabic or Hebrew script: written without short vowels ("mhmd"), so compared by
           ///< consonant skeleton.
  kHan,    ///< Chinese characters (pinyin syllables, or an English gloss from the glossary), and
           ///< the other CJK syllabic scripts (Hangul, kana): compared exactly, never as initials.
};

/// One normalized token.
struct NameToken {
  std::string text;  ///< Folded text (ASCII lower case for Latin-script input).
  TokenRole role = TokenRole::kName;
  TokenScript script = TokenScript::kLatin;
  /// A second reading of the same characters, compared as well: for a Chinese word translated
  /// by the glossary ("technology"), its pinyin ("jishu"); for a country word ("chinese",
  /// "china", "(CHN)"), the country it names ("#cn"), by which two words of one country pair;
  /// empty when there is none.
  std::string alt;
  /// The word of the name (split on spaces) the token came from: "PRIDMORE-SMITH" gives two
  /// tokens of one word, so a match on half of it is a match on part of a surname.
  std::uint16_t word = 0;

  bool operator==(const NameToken&) const = default;
};

/// A name as the matcher sees it.
struct NormalizedName {
  std::vector<NameToken> tokens;
  /// The word (NameToken::word) a name's first comma follows, 0 when there is none: in
  /// "PRIGOZHIN, Yevgeniy Viktorovich" the family name comes first.
  std::uint16_t comma_after_word = 0;

  /// True when at least one token is kName, kNumber or kCountry.
  bool has_identifying_tokens() const noexcept;

  bool operator==(const NormalizedName&) const = default;
};

/// Normalizes a UTF-8 name: Unicode folding (unicode.h), tokens split on spaces and punctuation,
/// legal forms recognised across languages and written in one canonical spelling
/// ("Company Limited" and "Co., Ltd." both become the weak tokens "co ltd"), stop words and
/// name particles tagged, country names tagged, digits kept as number tokens, Chinese words
/// translated where the glossary (built from CC-CEDICT) knows them. Legal forms are recognised
/// with a typo in a word of five letters or more ("Limited Liabilty Company", "Sociedad
/// Annima"); English number words become digits ("Forty-Four" = "44", "First" = "1st" = "1");
/// digits written for letters inside a word are read as letters ("Sech1n" = "sechin").
NormalizedName normalize_name(std::string_view name);

/// Space-separated tokens of `n`, for display and tests ("huawei technologies co ltd").
std::string to_string(const NormalizedName& n);

/// The consonant skeleton of a folded token, the key under which transliteration variants meet:
/// vowels and the semivowels y/w removed, doubled letters single, "x" read as "ks", "q" as "k",
/// "ph" as "f" ("muhammad", "mohammed" and Arabic-script "mhmd" are all "mhmd"; "aleksandr" and
/// "alexander" are "lksndr"). A final vowel is kept as "+", since every script writes it
/// ("mohammadi" is "mhmd+").
std::string consonant_skeleton(std::string_view token);

}  // namespace exportscreen
