// Word lists the normalizer applies: legal forms and stop words (internal to the core).
#pragma once

#include <span>
#include <string_view>

namespace exportscreen::vocab {

/// A legal-form phrase in folded tokens and the canonical tokens it is written as.
struct LegalForm {
  std::string_view phrase;     ///< Folded, space-separated ("limited liability company").
  std::string_view canonical;  ///< Canonical weak tokens ("llc").
};

/// Legal forms, longest phrases first.
std::span<const LegalForm> legal_forms();

/// True for a connecting word that does not identify a party.
bool is_stop_word(std::string_view token);

}  // namespace exportscreen::vocab
