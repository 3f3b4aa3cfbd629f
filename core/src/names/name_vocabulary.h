// Word lists the normalizer applies: legal forms, stop words and name particles, country words,
// and the Chinese glossary (internal to the core).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

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

/// Country names as folded phrases ("united kingdom", "china"), from ISO 3166-1.
std::span<const std::string_view> country_phrases();

/// True for an ISO 3166-1 alpha-2 or alpha-3 code (or "uk"), in lower case.
bool is_country_code(std::string_view lower_code);

/// English words of a Chinese word (UTF-8), from the CC-CEDICT glossary; empty when unknown.
std::string_view han_gloss(std::string_view han_word);

/// The longest glossary word, in characters.
std::size_t han_gloss_max_chars();

}  // namespace exportscreen::vocab
