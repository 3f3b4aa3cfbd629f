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

/// Default threshold of a pair decision (compare): the score from which, on the development
/// half of the labelled pairs of docs/benchmarks.md, nine pairs in ten name the same party.
/// Screening reports from kDefaultMinScore: a reviewer's queue, not a yes/no answer.
inline constexpr double kDefaultPairMinScore = 0.7;

/// What kind of party a name belongs to, when known. Persons and organisations are scored
/// differently: a person's list name often carries middle names the query leaves out, while an
/// organisation's extra words usually name a different (perhaps affiliated) entity.
enum class NameKind : std::uint8_t { kUnknown, kPerson, kOrganization };

/// "person", "organization" or "unknown".
std::string_view to_string(NameKind kind) noexcept;

/// The kind a list entry's type implies (individual -> person; entity, vessel, aircraft ->
/// organization).
NameKind kind_of(PartyType type) noexcept;

/// How far a reported match can be trusted.
enum class MatchStrength : std::uint8_t {
  kStrong,    ///< The name is the entry's name or alias, allowing for spelling, script, word
              ///< order, legal form and transliteration: the entry's list consequence applies.
  kPossible,  ///< A lead to review: the entry may be the party (see PossibleReason).
};

/// "strong" or "possible".
std::string_view to_string(MatchStrength strength) noexcept;

/// Why a match is only possible (the first that applies, in this order of importance).
enum class PossibleReason : std::uint8_t {
  kNone,             ///< A strong match.
  kDistinctiveWord,  ///< A distinctive word or brand of the query is one word of the listed
                     ///< name ("Huawei" in "Huawei Device Co., Ltd."): a lead, not the name.
  kAcronym,          ///< The query is an acronym the list gives for the entry, or its initials.
  kCrossScript,      ///< The match rests on a reading of another script that loses letters:
                     ///< Arabic or Hebrew without vowels, Chinese as toneless pinyin syllables.
  kKind,             ///< A person compared with an organisation.
  kLegalForm,        ///< The two names carry legal forms of different kinds (AG / GmbH): a
                     ///< different company of the same name is likely.
  kNumber,           ///< The numbers of the two names disagree.
  kCountry,          ///< The names name different countries, or only one names a country (an
                     ///< affiliate such as "Huawei Technologies (UK)").
  kPartialName,      ///< One name has identifying words the other lacks ("Maria Garcia" is part
                     ///< of "Maria Del Rosario GARCIA DURAN").
  kShortName,        ///< The names are one word, short (four letters or fewer) or alike but
                     ///< not the same, or pair only ordinary words written differently
                     ///< ("Information Technology", "Info Tech"): many parties share it.
};

/// "distinctive_word", "acronym", "cross_script", "kind", "legal_form", "number", "country",
/// "partial_name", "short_name"; "" for kNone.
std::string_view to_string(PossibleReason reason) noexcept;

/// How common each token is in the names of the loaded lists (counted when they are indexed, so
/// the weights fit whatever list is loaded).
class TokenFrequencies {
 public:
  virtual ~TokenFrequencies() = default;
  /// The weight factor of a token, in (0, 1]: 1 for a token few names hold, less for a common
  /// given name, family name or word ("mohammed", "ali", "trading").
  virtual double rarity(std::string_view token) const = 0;
};

/// Two tokens (or joined tokens) the comparison paired, and how alike they are.
struct TokenPair {
  std::string query;  ///< Query token(s), space-joined when several were read as one.
  std::string list;   ///< List-name token(s).
  double similarity = 0;
  /// How they were found alike: "exact", "joined" (split or joined words), "typo"
  /// (Jaro-Winkler), "initial", "variant" (transliteration variant: same consonant skeleton, a
  /// romanisation difference such as kh/h or ts/c, or a pair the lists' aliases write as one
  /// name such as Ali/Aly),
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
  double legal_form_factor = 1;        ///< < 1 when the legal forms are of different kinds.
  NameKind kind = NameKind::kUnknown;  ///< The kind the names were scored as.
  /// Strong when the names are one name (complete on both sides, no factor below 1, no
  /// low-confidence reading); possible otherwise, with the reason and the words it names
  /// (unmatched words, the two legal forms, ...).
  MatchStrength strength = MatchStrength::kPossible;
  PossibleReason reason = PossibleReason::kNone;
  std::vector<std::string> reason_words;
  std::vector<TokenPair> pairs;              ///< Token alignment.
  std::vector<std::string> unmatched_query;  ///< Identifying query tokens left unpaired.
  std::vector<std::string> unmatched_list;   ///< Identifying list tokens left unpaired.
  std::vector<std::string> weak_query;       ///< Legal forms and stop words of the query.
  std::vector<std::string> weak_list;        ///< Legal forms and stop words of the list name.
};

/// How to compare two names.
struct CompareOptions {
  NameKind query_kind = NameKind::kUnknown;  ///< From the request's party `type`.
  NameKind list_kind = NameKind::kUnknown;   ///< From the list entry's type.
  /// Corpus frequencies for the token weights; every token counts as rare without them.
  const TokenFrequencies* frequencies = nullptr;
};

/// Compares two normalized names. Word order does not matter; tokens may be paired when typed
/// joined or split ("hua wei" = "huawei", "JSCARGUMENT" = "JSC ARGUMENT", never with a typo
/// when a legal form is glued in: "TS Co." is not "Tesco"); legal forms and stop words do not
/// count, but legal forms of different kinds lower the score; numbers must agree; country words
/// count little and must not disagree; a one-word name of five letters or fewer (an acronym)
/// pairs only exactly. Says whether the match is strong or only possible, and why.
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
  MatchStrength strength = MatchStrength::kPossible;  ///< See MatchStrength.
  PossibleReason reason = PossibleReason::kNone;      ///< Why only possible.
  std::vector<std::string> reason_words;              ///< The words the reason names.
  /// For a distinctive-word lead: the words the query and the listed name share ("huawei"),
  /// which group the leads, and how many entries of the loaded lists hold them.
  std::string group;
  std::size_t group_entries = 0;
  NameComparison explanation;
};

/// Counts of one query's matches, whatever the limit cut.
struct MatchSummary {
  std::size_t total = 0;     ///< Matches reported before the limit: strong + possible.
  std::size_t strong = 0;    ///< Strong matches.
  std::size_t possible = 0;  ///< Possible matches.
  /// Distinctive-word leads by shared words ("huawei" -> 112 entries).
  std::vector<std::pair<std::string, std::size_t>> groups;
};

/// Counters of one query, for benchmarks and the explanation of performance.
struct MatchStats {
  std::size_t terms_probed = 0;  ///< Index terms looked at for the query's tokens.
  std::size_t candidates = 0;    ///< Names the index proposed.
  std::size_t compared = 0;      ///< Names fully compared (after the upper-bound cut).
};

/// Matches names against every name and alias of the entries of one or more lists, through a
/// token index: exact tokens, joined pairs of adjacent tokens, letter trigrams for typos,
/// consonant skeletons for transliteration variants, the lists' own name variants, acronyms and
/// initials. Token weights come from how many indexed names hold each token. No query scans
/// every name. The lists must outlive the matcher.
/// Every name of `list` normalized, each entry's primary name then its aliases, in entry order:
/// what PartyMatcher::add indexes, and what a list prepared at build time carries
/// (ListSnapshot::normalized_names).
std::vector<NormalizedName> normalized_names(const ListSnapshot& list);

class PartyMatcher {
 public:
  PartyMatcher();
  ~PartyMatcher();
  PartyMatcher(PartyMatcher&&) noexcept;
  PartyMatcher& operator=(PartyMatcher&&) noexcept;

  /// Adds every entry of `list`: its names and aliases are indexed once, here, normalized here
  /// unless the list carries them normalized (ListSnapshot::normalized_names).
  void add(const ListSnapshot& list);
  /// The same with the names normalized given apart (in the order normalized_names() gives
  /// them), taken rather than copied: the Screener moves a list's own in, so they are not held
  /// twice. Normalized here when their count is not the list's.
  void add(const ListSnapshot& list, std::vector<NormalizedName> normalized);

  /// Takes the word statistics (how many names, and names of persons, hold each word) from the
  /// names of `list` instead of from the indexed names, `list` itself staying unsearchable; call
  /// once per list, before or after add(). A delta screening indexes only the entries added or
  /// changed since earlier lists: weighed by the whole new list, its words weigh what they weigh
  /// in the full screening, so it scores every name as the full screening does (docs/api.md).
  void weigh_words_by(const ListSnapshot& list);

  /// The same statistics taken from `whole`'s names (those it indexed, or those it is itself
  /// weighed by): equal to weigh_words_by() of each list `whole` holds, without normalizing every
  /// name again. A delta screening beside a full one of the same new list weighs by it.
  void weigh_words_by(const PartyMatcher& whole);

  /// Matches of `query`, best first (strong before possible); one per list entry (its best
  /// name or alias). Names scoring `min_score` or more are reported; so are, whatever their
  /// score, the possible leads of a query of one or two distinctive words ("Huawei": every
  /// listed organisation name holding the word) and of an acronym ("NUDT", "SMIC": the acronyms
  /// the list gives and the initials of its organisation names). `summary` counts them all.
  std::vector<PartyMatch> match(const MatchQuery& query, const MatchOptions& options,
                                MatchStats* stats = nullptr, MatchSummary* summary = nullptr) const;

  /// Number of names (primary names plus aliases) indexed.
  std::size_t size() const noexcept;

  /// Number of distinct index terms (tokens and joined pairs).
  std::size_t terms() const noexcept;

  /// How common each token is in the indexed names (the weights match() compares with).
  const TokenFrequencies& frequencies() const noexcept;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace exportscreen
