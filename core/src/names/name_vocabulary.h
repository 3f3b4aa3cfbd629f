// Word lists the normalizer applies: legal forms, stop words and name particles, country words,
// and the Chinese glossary (internal to the core).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen::vocab {

/// A legal-form phrase in folded tokens and the canonical tokens it is written as.
struct LegalForm {
  std::string_view phrase;     ///< Folded, space-separated ("limited liability company").
  std::string_view canonical;  ///< Canonical weak tokens ("llc").
  bool han = false;            ///< A phrase of pinyin syllables, matched only on Chinese text.
};

/// Legal forms, longest phrases first.
std::span<const LegalForm> legal_forms();

/// True for a connecting word or a name particle that does not identify a party.
bool is_stop_word(std::string_view token);

/// A country word and the country it names: `code` is its ISO 3166-1 alpha-2 code in lower case,
/// empty when the word names more than one ("korea").
struct CountryPhrase {
  std::string_view phrase;
  std::string_view code;
};

/// Country words as folded phrases ("united kingdom", "china", "chinese", "russia"), from ISO
/// 3166-1 and data/names/country-words.txt, sorted.
std::span<const CountryPhrase> country_phrases();

/// The alpha-2 code (lower case) of an ISO 3166-1 alpha-2 or alpha-3 code (or "uk"), in lower
/// case; empty when it is none.
std::string_view country_of_code(std::string_view lower_code);

/// True for the first word of a Chinese province, municipality or autonomous region (ISO
/// 3166-2:CN: "zhejiang", "beijing"), or a Chinese city or province CC-CEDICT names as such
/// ("shenzhen", "nanjing"; core/gen/han-glossary.mjs), folded.
bool is_place_word(std::string_view word);

/// True for an ISO 3166-1 alpha-2 or alpha-3 code (or "uk"), in lower case.
inline bool is_country_code(std::string_view lower_code) {
  return !country_of_code(lower_code).empty();
}

/// English words of a Chinese word (UTF-8), from the CC-CEDICT glossary; empty when unknown.
std::string_view han_gloss(std::string_view han_word);

/// The longest glossary word, in characters.
std::size_t han_gloss_max_chars();

/// True when the lists write `a` and `b` as one name word in the aliases of one entry
/// (data/names/name-variants.txt: Ali/Aly, Yusuf/Yousef); folded words.
bool name_variants(std::string_view a, std::string_view b);

/// The words the lists write as `word` (name_variants), for looking them up.
std::vector<std::string> name_variants_of(std::string_view word);

/// A phrase the core reads in (American) English: a Russian organisation phrase (as Cyrillic
/// folds: "gosudarstvennaya korporatsiya") and the English words the lists write for it ("state
/// corporation"), data/names/ru-org-words.txt; or a British spelling ("defence") and the
/// American one ("defense"), data/names/spellings.txt.
struct Translation {
  std::string_view phrase;
  std::string_view english;
};

/// The phrases read in English, longest first.
std::span<const Translation> english_words();

/// True for an ordinary English word of organisation names ("global", "trading"), which never
/// makes a name distinctive (data/names/generic-words.txt).
bool is_generic_word(std::string_view word);

/// The kind of company a canonical legal-form token names (ISO 20275 ELF): 'L' a private
/// limited-liability company (ltd, llc, gmbh, sarl, ooo), 'S' a joint-stock or share company
/// (ag, sa, jsc, plc, nv), 'P' a partnership (lp, llp, kg); 0 for a word that names no kind
/// (co, corp, inc) or is no legal form. Two names whose legal forms have different kinds name
/// different companies (Deutsche Bank AG, Deutsche Bank GmbH).
char legal_form_kind(std::string_view canonical);

/// English number words and ordinals as digits ("forty" -> 40, "first" -> 1); -1 for another
/// word. `tens` is set for the multiples of ten that take a unit after them ("forty four").
int number_word(std::string_view word, bool* tens = nullptr);

}  // namespace exportscreen::vocab
