// Fuzzy matching of party names against loaded restricted-party lists, with explanations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exportscreen/list.h"
#include "exportscreen/normalize.h"

namespace exportscreen {

/// Default minimum score for a reported match.
inline constexpr double kDefaultMinScore = 0.85;

/// Two tokens (or joined tokens) the comparison paired, and how alike they are.
struct TokenPair {
  std::string query;  ///< Query token(s), space-joined when several were read as one.
  std::string list;   ///< List-name token(s).
  double similarity = 0;
};

/// Why two names scored what they scored.
struct NameComparison {
  double score = 0;                          ///< Final score in [0, 1].
  double query_coverage = 0;                 ///< Share of the query's identifying text matched.
  double list_coverage = 0;                  ///< Share of the list name's identifying text matched.
  double number_factor = 1;                  ///< < 1 when numbers in the two names disagree.
  std::vector<TokenPair> pairs;              ///< Token alignment.
  std::vector<std::string> unmatched_query;  ///< Identifying query tokens left unpaired.
  std::vector<std::string> unmatched_list;   ///< Identifying list tokens left unpaired.
  std::vector<std::string> weak_query;       ///< Legal forms and stop words of the query.
  std::vector<std::string> weak_list;        ///< Legal forms and stop words of the list name.
};

/// Compares two normalized names. Word order does not matter; tokens may be paired when typed
/// joined or split ("hua wei" = "huawei"); legal forms and stop words do not count; numbers
/// must agree.
NameComparison compare_names(const NormalizedName& query, const NormalizedName& list_name);

/// Jaro-Winkler similarity of two strings (prefix scale 0.1, up to 4 characters).
double jaro_winkler(std::string_view a, std::string_view b) noexcept;

/// A query for the matcher.
struct MatchQuery {
  std::string name;
  std::string country;  ///< Optional ISO code: supporting evidence only, never a match alone.
};

/// Options for PartyMatcher::match.
struct MatchOptions {
  double min_score = kDefaultMinScore;  ///< Matches below this score are not reported.
  std::size_t limit = 10;               ///< At most this many matches, best first.
  std::vector<std::string> sources;     ///< Only these source codes (EL, SDN, ...); all if empty.
};

/// One list entry a query matched.
struct PartyMatch {
  const ListEntry* entry = nullptr;  ///< Owned by the list the matcher was built over.
  const ListInfo* list = nullptr;    ///< The list the entry came from.
  std::string matched_name;          ///< The primary name or alias that matched best.
  bool alias = false;                ///< True when matched_name is an alias.
  double score = 0;                  ///< Name score plus country evidence, in [0, 1].
  bool country_match = false;        ///< The query country is one of the entry's countries.
  NameComparison explanation;
};

/// Matches names against every name and alias of the entries of one or more lists. The lists
/// must outlive the matcher.
class PartyMatcher {
 public:
  /// Adds every entry of `list` (names and aliases are normalized once, here).
  void add(const ListSnapshot& list);

  /// Matches of `query`, best first; one per list entry (its best name or alias).
  std::vector<PartyMatch> match(const MatchQuery& query, const MatchOptions& options) const;

  /// Number of names (primary names plus aliases) indexed.
  std::size_t size() const noexcept { return names_.size(); }

 private:
  struct IndexedName {
    const ListEntry* entry;
    const ListInfo* list;
    const std::string* text;
    bool alias;
    NormalizedName normalized;
    std::uint32_t first_letters;  // bit per first letter of a token, for a quick reject
  };
  std::vector<IndexedName> names_;
};

}  // namespace exportscreen
