// Name normalization: folded tokens, each tagged with the part it plays in a name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen {

/// The part a token plays in a name; only kName and kNumber tokens identify a party.
enum class TokenRole : std::uint8_t {
  kName,       ///< An identifying word.
  kNumber,     ///< Digits: kept, and must agree between two names.
  kLegalForm,  ///< Legal form or company-type word (Co., Ltd., GmbH, OOO, 有限公司): weak.
  kStopWord,   ///< Connecting word (of, the, and, de): weak.
};

/// One normalized token.
struct NameToken {
  std::string text;  ///< Folded text (ASCII lower case for Latin-script input).
  TokenRole role = TokenRole::kName;
};

/// A name as the matcher sees it.
struct NormalizedName {
  std::vector<NameToken> tokens;

  /// True when at least one token is kName or kNumber.
  bool has_identifying_tokens() const noexcept;
};

/// Normalizes a UTF-8 name: Unicode folding (unicode.h), tokens split on spaces and punctuation,
/// legal forms recognised across languages and written in one canonical spelling
/// ("Company Limited" and "Co., Ltd." both become the weak tokens "co ltd"), stop words tagged,
/// digits kept as number tokens.
NormalizedName normalize_name(std::string_view name);

/// Space-separated tokens of `n`, for display and tests ("huawei technologies co ltd").
std::string to_string(const NormalizedName& n);

}  // namespace exportscreen
