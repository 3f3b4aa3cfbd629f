// Fuzzy matching of party names against loaded restricted-party lists, with explanations, and
// the token index that finds the candidates without scanning every name.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportscreen/list.h"
#include "exportscreen/normalize.h"

namespace exportscreen {

/// Default minimum score for a reported match (the "balanced" preset).
inline constexpr double kDefaultMinScore = 0.85;

/// What kind of party a name belongs to, when known. Persons and organisations are scored
/// differently: a person's list name often carries middle names the query leaves out, while an
/// organisation's extra words usually name a different (perhaps affiliated) entity.
enum class NameKind : std::uint8_t { kUnknown, kPerson, kOrganization };

/// "person", "organization" or "unknown".
std::string_view to_string(NameKind kind) noexcept;

/// The kind a list entry's type implies (individual -> person; entity, vessel, aircraft ->
/// organization).
NameKind kind_of(PartyType type) noexcept;

/// Two tokens (or joined tokens) the comparison paired, and how alike they are.
struct TokenPair {
  std::string query;  ///< Query token(s), space-joined when several were read as one.
  std::string list;   ///< List-name token(s).
  double similarity = 0;
  /// How they were found alike: "exact", "joined" (split or joined words), "typo"
  /// (Jaro-Winkler), "initial", "variant" (transliteration variant: same consonant skeleton),
  /// "skeleton" (Arabic-script consonants), "translation" (Chinese glossary or pinyin), "number",
  /// "country".
  std::string how;
};

/// Why two names scored what they scored.
struct NameComparison {
  double score = 0;                    ///< Final score in [0, 1].
  double query_coverage = 0;           ///< Share of the query's identifying weight matched.
  double list_coverage = 0;            ///< Share of the list name's identifying weight matched.
  double number_factor = 1;            ///< < 1 when numbers in the two names disagree.
  double country_factor = 1;           ///< < 1 when the names name different countries, or
                                       ///< only the list name names one (an affiliate).
  double type_factor = 1;              ///< < 1 when a person is compared to an organisation.
  NameKind kind = NameKind::kUnknown;  ///< The kind the names were scored as.
  std::vector<TokenPair> pairs;        ///< Token alignment.
  std::vector<std::string> unmatched_query;  ///< Identifying query tokens left unpaired.
  std::vector<std::string> unmatched_list;   ///< Identifying list tokens left unpaired.
  std::vector<std::string> weak_query;       ///< Legal forms and stop words of the query.
  std::vector<std::string> weak_list;        ///< Legal forms and stop words of the list name.
};

/// How to compare two names.
struct CompareOptions {
  NameKind query_kind = NameKind::kUnknown;  ///< From the request's party `type`.
  NameKind list_kind = NameKind::kUnknown;   ///< From the list entry's type.
};

/// Compares two normalized names. Word order does not matter; tokens may be paired when typed
/// joined or split ("hua wei" = "huawei", "JSCARGUMENT" = "JSC ARGUMENT"); legal forms and stop
/// words do not count; numbers must agree; country words count little and must not disagree.
NameComparison compare_names(const NormalizedName& query, const NormalizedName& list_name,
                             const CompareOptions& options = {});

/// Jaro-Winkler similarity of two strings (prefix scale 0.1, up to 4 characters).
double jaro_winkler(std::string_view a, std::string_view b) noexcept;

/// A query for the matcher.
struct MatchQuery {
  std::string name;
  std::string country;  ///< Optional ISO code: supporting evidence only, never a match alone.
  NameKind type = NameKind::kUnknown;  ///< Optional: person or organization.
};

/// Options for PartyMatcher::match.
struct MatchOptions {
  double min_score = kDefaultMinScore;  ///< Matches below this score are not reported.
  std::size_t limit = 10;               ///< At most this many matches, best first.
  std::vector<std::string> sources;     ///< Only these source codes (EL, SDN, ...); all if empty.
  std::vector<std::string> programs;    ///< Only entries under one of these programs; all if empty.
  std::vector<std::string> countries;   ///< Only entries with an address or nationality in one
                                        ///< of these ISO countries; all if empty.
};

/// A named match threshold (the request's `preset`): its name and the minimum score it stands for.
struct MatchPreset {
  std::string_view name;  ///< "strict", "balanced" or "broad".
  double min_score;       ///< The minimum match score it sets.
};

/// The presets, strictest first: "strict" (0.92), "balanced" (0.85, the default) and "broad"
/// (0.75). The one table of them: the request parser, the CLI, reference() and version() read it.
inline constexpr std::array<MatchPreset, 3> kMatchPresets = {
    {{"strict", 0.92}, {"balanced", kDefaultMinScore}, {"broad", 0.75}}};

/// The minimum score of a preset (kMatchPresets); std::nullopt for another name.
std::optional<double> preset_min_score(std::string_view preset) noexcept;

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

/// Counters of one query, for benchmarks and the explanation of performance.
struct MatchStats {
  std::size_t terms_probed = 0;  ///< Index terms looked at for the query's tokens.
  std::size_t candidates = 0;    ///< Names the index proposed.
  std::size_t compared = 0;      ///< Names fully compared (after the upper-bound cut).
};

/// Matches names against every name and alias of the entries of one or more lists, through a
/// token index: exact tokens, joined pairs of adjacent tokens, letter trigrams for typos and
/// consonant skeletons for transliteration variants. No query scans every name. The lists must
/// outlive the matcher.
class PartyMatcher {
 public:
  PartyMatcher();
  ~PartyMatcher();
  PartyMatcher(PartyMatcher&&) noexcept;
  PartyMatcher& operator=(PartyMatcher&&) noexcept;

  /// Adds every entry of `list` (names and aliases are normalized and indexed once, here).
  void add(const ListSnapshot& list);

  /// Matches of `query`, best first; one per list entry (its best name or alias).
  std::vector<PartyMatch> match(const MatchQuery& query, const MatchOptions& options,
                                MatchStats* stats = nullptr) const;

  /// Number of names (primary names plus aliases) indexed.
  std::size_t size() const noexcept;

  /// Number of distinct index terms (tokens and joined pairs).
  std::size_t terms() const noexcept;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace exportscreen
