// Name comparison (weighted token alignment) and the PartyMatcher: a token index over the loaded
// lists proposes candidates, an upper bound on the score drops the hopeless ones, and the rest
// are compared in full and explained.
#include "exportscreen/matcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace exportscreen {
namespace {

// Token similarities below this count as no similarity at all.
constexpr double kMinTokenSimilarity = 0.84;
// Similarity of an initial ("J") to a word it abbreviates ("John").
constexpr double kInitialSimilarity = 0.9;
// Similarity of two transliteration variants with one consonant skeleton (Muhammad/Mohammed).
constexpr double kVariantSimilarity = 0.9;
// Similarity of an Arabic-script token to a Latin one with its consonants: the short vowels are
// unwritten, so this stays below an exact match.
constexpr double kSkeletonSimilarity = 0.9;
// Tokens up to this length pair only exactly (or as initials): Jaro-Winkler on three letters
// says little ("bin"/"ben", "ali"/"ola").
constexpr std::size_t kShortToken = 3;
// Up to this length a typo may be one edit at most ("bush"/"bash" yes, "sheila"/"sheikh" no).
constexpr std::size_t kShortTypoToken = 6;
// Similarity of two tokens that differ only in doubled letters ("essa"/"esa").
constexpr double kDoubledLetterSimilarity = 0.95;
// Two tokens with one consonant skeleton are variants only when they are this alike as well
// ("mohamed"/"muhammad" 0.80 yes; "mahmoud"/"muhammad" 0.74 no).
constexpr double kMinVariantJaroWinkler = 0.78;
// Score factor when both names carry numbers and they disagree.
constexpr double kNumberMismatchFactor = 0.5;
// Score factor when the two names name different countries ("Bank of China"/"Bank of India").
constexpr double kCountryMismatchFactor = 0.6;
// Score factor when only one name names a country: "Huawei Technologies (UK) Co., Ltd." is an
// affiliate of "Huawei Technologies Co., Ltd.", shown to the reviewer but ranked below it.
constexpr double kCountryOneSidedFactor = 0.92;
// Score factor when a person is compared with an organisation (both kinds known).
constexpr double kTypeMismatchFactor = 0.85;
// Weight of a country token relative to a name token of the same length.
constexpr double kCountryWeight = 0.5;
// Weight of a patronymic in a person's name.
constexpr double kPatronymicWeight = 0.5;
// Exponents of the score: what the user typed must be found (query coverage counts most); words
// the list name has beyond the query cost little for persons (middle names, patronymics), more
// for organisations (another word usually names another entity).
constexpr double kQueryCoverageExponent = 0.6;
constexpr double kListExponentPerson = 0.2;
constexpr double kListExponentOrganization = 0.5;
constexpr double kListExponentUnknown = 0.4;
// Score added when the query's country is one of the entry's countries.
constexpr double kCountryBonus = 0.02;
// Query tokens tracked one by one by the candidate upper bound; any beyond count as matched.
constexpr std::size_t kMaxTrackedTokens = 48;

double list_exponent(NameKind k) {
  switch (k) {
    case NameKind::kPerson:
      return kListExponentPerson;
    case NameKind::kOrganization:
      return kListExponentOrganization;
    case NameKind::kUnknown:
      break;
  }
  return kListExponentUnknown;
}

bool identifying(const NameToken& t) {
  return t.role == TokenRole::kName || t.role == TokenRole::kNumber ||
         t.role == TokenRole::kCountry;
}

// Longer words say more, but not proportionally: "XYZ" against "ABC" must still outweigh a
// shared "Technologies".
double length_weight(std::size_t len) {
  return 1.0 + std::log2(static_cast<double>(std::max<std::size_t>(len, 1)));
}

// An East Slavic patronymic ("Viktorovich", "Ivanovna"): part of a person's full name that a
// query often leaves out, so it counts half.
bool patronymic(std::string_view t) {
  for (std::string_view suffix : {"ovich", "evich", "ovna", "evna", "ichna"}) {
    if (t.size() > suffix.size() + 2 && t.ends_with(suffix)) return true;
  }
  return false;
}

double token_weight(const NameToken& t, bool person) {
  if (!identifying(t)) return 0;
  const double w = length_weight(t.text.size());
  if (t.role == TokenRole::kCountry && !person) return w * kCountryWeight;
  if (person && patronymic(t.text)) return w * kPatronymicWeight;
  return w;
}

// Optimal string alignment distance, stopping early above `limit`.
std::size_t osa_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  constexpr std::size_t kMax = 64;
  if (b.size() >= kMax) return a == b ? 0 : limit + 1;
  std::array<std::size_t, kMax> prev2{}, prev{}, cur{};
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.size()];
}

struct Similarity {
  double value = 0;
  const char* how = "";
};

// `text` with runs of one letter written once: a doubled letter is the commonest typo and
// transliteration difference ("mohamad"/"mohammad", "essa"/"esa").
std::string single_letters(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (char c : text) {
    if (s.empty() || s.back() != c) s += c;
  }
  return s;
}

// single_letters(a) == single_letters(b), without building either.
bool same_single_letters(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] != b[j]) return false;
    const char c = a[i];
    while (i < a.size() && a[i] == c) ++i;
    while (j < b.size() && b[j] == c) ++j;
  }
  return i == a.size() && j == b.size();
}

bool vowelish(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Similarity of two surface forms of tokens (texts in folded form). `joined` is set when one
// side is two tokens read as one: then only an exact match or a single typo counts.
Similarity text_similarity(std::string_view a, TokenScript sa, std::string_view b, TokenScript sb,
                           bool joined = false) {
  if (a.empty() || b.empty()) return {};
  if (a == b) return {1.0, "exact"};
  // Machine transliterations of CJK syllables have no typos: equal or nothing.
  if (sa == TokenScript::kHan || sb == TokenScript::kHan) return {};
  if (sa == TokenScript::kAbjad || sb == TokenScript::kAbjad) {
    if (joined) return {};
    // Written without short vowels on one side: only the consonants can agree.
    const std::string ka = consonant_skeleton(a);
    if (ka.size() >= 2 && ka == consonant_skeleton(b)) return {kSkeletonSimilarity, "skeleton"};
    return {};
  }
  if (a.size() == 1 || b.size() == 1) {
    if (joined) return {};
    return a[0] == b[0] ? Similarity{kInitialSimilarity, "initial"} : Similarity{};
  }
  if ((a.size() > 2 || b.size() > 2) && a[0] == b[0] && same_single_letters(a, b)) {
    return {kDoubledLetterSimilarity, "typo"};
  }
  const std::size_t shorter = std::min(a.size(), b.size());
  if (shorter <= kShortToken) return {};
  // Jaro-Winkler cannot reach the typo threshold across a large length gap, and a short typo
  // is one edit: skip the computation.
  const std::size_t gap = std::max(a.size(), b.size()) - shorter;
  if ((shorter <= kShortTypoToken || joined) ? gap > 1 : 4 * gap > shorter + 4) {
    if (joined || sa == TokenScript::kAbjad) return {};
    const std::string ka = consonant_skeleton(a);
    const std::size_t consonants = ka.size() - (!ka.empty() && ka.back() == '+' ? 1 : 0);
    if (!(a[0] == b[0] || (vowelish(a[0]) && vowelish(b[0]))) || consonants < 3 ||
        ka != consonant_skeleton(b) || jaro_winkler(a, b) < kMinVariantJaroWinkler) {
      return {};
    }
    return {kVariantSimilarity, "variant"};
  }
  const double jw = jaro_winkler(a, b);
  bool typo = jw >= kMinTokenSimilarity;
  if (typo && (joined || shorter <= kShortTypoToken)) typo = osa_distance(a, b, 1) <= 1;
  Similarity best = typo ? Similarity{jw, "typo"} : Similarity{};
  if (!joined && best.value < kVariantSimilarity && jw >= kMinVariantJaroWinkler &&
      (a[0] == b[0] || (vowelish(a[0]) && vowelish(b[0])))) {
    const std::string ka = consonant_skeleton(a);
    const std::size_t consonants = ka.size() - (!ka.empty() && ka.back() == '+' ? 1 : 0);
    if (consonants >= 3 && ka == consonant_skeleton(b)) best = {kVariantSimilarity, "variant"};
  }
  return best;
}

// Similarity of a query token to a list token, over both readings of each. A Chinese word the
// glossary translated compares as English text, its pinyin reading as pinyin.
Similarity token_similarity(const NameToken& q, const NameToken& l, bool joined = false) {
  if (q.role == TokenRole::kNumber || l.role == TokenRole::kNumber) {
    return q.role == l.role && q.text == l.text ? Similarity{1.0, "number"} : Similarity{};
  }
  const auto script = [](const NameToken& t) {
    return t.script == TokenScript::kHan && !t.alt.empty() ? TokenScript::kLatin : t.script;
  };
  Similarity best = text_similarity(q.text, script(q), l.text, script(l), joined);
  if (best.value > 0 && q.script == TokenScript::kHan && !q.alt.empty()) best.how = "translation";
  if (best.value < 1.0 && !q.alt.empty()) {
    const Similarity s = text_similarity(q.alt, TokenScript::kHan, l.text, script(l), joined);
    if (s.value > best.value) best = {s.value, "translation"};
  }
  if (best.value < 1.0 && !l.alt.empty()) {
    const Similarity s = text_similarity(q.text, script(q), l.alt, TokenScript::kHan, joined);
    if (s.value > best.value) best = {s.value, "translation"};
  }
  if (best.value > 0 && q.role == TokenRole::kCountry && l.role == TokenRole::kCountry) {
    best.how = "country";
  }
  return best;
}

// A token or two adjacent tokens read as one word ("hua" + "wei" = "huawei").
struct Unit {
  NameToken token;  // the single token, or the joined text
  int first;
  int count;
  double weight;  // summed weight of its identifying tokens
};

std::vector<Unit> units_of(const NormalizedName& n, const std::vector<double>& weights) {
  std::vector<Unit> units;
  const auto& t = n.tokens;
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    const auto ui = static_cast<std::size_t>(i);
    if (identifying(t[ui])) units.push_back({t[ui], i, 1, weights[ui]});
    if (ui + 1 < t.size() && t[ui].role != TokenRole::kNumber &&
        t[ui + 1].role != TokenRole::kNumber && (identifying(t[ui]) || identifying(t[ui + 1]))) {
      NameToken joined{t[ui].text + t[ui + 1].text,
                       TokenRole::kName,
                       t[ui].script == t[ui + 1].script ? t[ui].script : TokenScript::kLatin,
                       {}};
      units.push_back({std::move(joined), i, 2, weights[ui] + weights[ui + 1]});
    }
  }
  return units;
}

std::string joined(const NormalizedName& n, const Unit& u) {
  std::string s;
  for (int k = u.first; k < u.first + u.count; ++k) {
    if (!s.empty()) s += ' ';
    s += n.tokens[static_cast<std::size_t>(k)].text;
  }
  return s;
}

}  // namespace

std::string_view to_string(NameKind kind) noexcept {
  switch (kind) {
    case NameKind::kPerson:
      return "person";
    case NameKind::kOrganization:
      return "organization";
    case NameKind::kUnknown:
      break;
  }
  return "unknown";
}

NameKind kind_of(PartyType type) noexcept {
  switch (type) {
    case PartyType::kIndividual:
      return NameKind::kPerson;
    case PartyType::kEntity:
    case PartyType::kVessel:
    case PartyType::kAircraft:
      return NameKind::kOrganization;
    case PartyType::kUnknown:
      break;
  }
  return NameKind::kUnknown;
}

std::optional<double> preset_min_score(std::string_view preset) noexcept {
  for (const MatchPreset& p : kMatchPresets) {
    if (p.name == preset) return p.min_score;
  }
  return std::nullopt;
}

double jaro_winkler(std::string_view a, std::string_view b) noexcept {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > b.size()) std::swap(a, b);
  const std::size_t window = b.size() / 2 > 0 ? b.size() / 2 - 1 : 0;
  // Names are short; 64 flags cover any token a name has (longer tokens compare as unequal tails).
  constexpr std::size_t kMax = 64;
  if (b.size() > kMax) return a == b ? 1.0 : 0.0;
  bool a_hit[kMax] = {};
  bool b_hit[kMax] = {};
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(i + window + 1, b.size());
    for (std::size_t j = lo; j < hi; ++j) {
      if (!b_hit[j] && a[i] == b[j]) {
        a_hit[i] = b_hit[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_hit[i]) continue;
    while (!b_hit[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

NameComparison compare_names(const NormalizedName& query, const NormalizedName& list_name,
                             const CompareOptions& options) {
  NameComparison c;
  // The list's own type decides when known; the query's type otherwise.
  c.kind = options.list_kind != NameKind::kUnknown ? options.list_kind : options.query_kind;
  if (options.list_kind != NameKind::kUnknown && options.query_kind != NameKind::kUnknown &&
      options.list_kind != options.query_kind) {
    c.type_factor = kTypeMismatchFactor;
  }
  // In a person's name a country word is a name ("Jordan", "Chad", "Israel").
  const bool countries_are_names = c.kind == NameKind::kPerson;

  std::vector<double> qw(query.tokens.size()), lw(list_name.tokens.size());
  double q_total = 0, l_total = 0;
  for (std::size_t i = 0; i < query.tokens.size(); ++i) {
    qw[i] = token_weight(query.tokens[i], countries_are_names);
    q_total += qw[i];
    if (!identifying(query.tokens[i])) c.weak_query.push_back(query.tokens[i].text);
  }
  for (std::size_t i = 0; i < list_name.tokens.size(); ++i) {
    lw[i] = token_weight(list_name.tokens[i], countries_are_names);
    l_total += lw[i];
    if (!identifying(list_name.tokens[i])) c.weak_list.push_back(list_name.tokens[i].text);
  }
  if (q_total == 0 || l_total == 0) return c;

  const std::vector<Unit> qu = units_of(query, qw);
  const std::vector<Unit> lu = units_of(list_name, lw);
  struct Candidate {
    std::size_t q, l;
    Similarity sim;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < qu.size(); ++i) {
    for (std::size_t j = 0; j < lu.size(); ++j) {
      // Joined units pair with single tokens ("hua wei" ~ "huawei"), and with each other only
      // when the same letters are cut elsewhere ("arefullaha ref" ~ "arefullah aref").
      const bool joined = qu[i].count > 1 || lu[j].count > 1;
      if (qu[i].count > 1 && lu[j].count > 1 && qu[i].token.text != lu[j].token.text) continue;
      Similarity sim = token_similarity(qu[i].token, lu[j].token, joined);
      if (sim.value <= 0) continue;
      if (qu[i].count > 1 || lu[j].count > 1) sim.how = "joined";
      candidates.push_back({i, j, sim});
    }
  }
  // Identical single tokens pair first, then the rest best-first: joined units must never take
  // a token that has an exact partner (fuzz regression: joined-tokens-break-self-match).
  const auto rank = [&](const Candidate& x) {
    return x.sim.value == 1.0 && qu[x.q].count == 1 && lu[x.l].count == 1 ? 0 : 1;
  };
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
    if (rank(x) != rank(y)) return rank(x) < rank(y);
    if (x.sim.value != y.sim.value) return x.sim.value > y.sim.value;
    return qu[x.q].weight + lu[x.l].weight > qu[y.q].weight + lu[y.l].weight;
  });

  std::vector<bool> q_used(query.tokens.size()), l_used(list_name.tokens.size());
  const auto free = [](const std::vector<bool>& used, const Unit& u) {
    for (int k = u.first; k < u.first + u.count; ++k) {
      if (used[static_cast<std::size_t>(k)]) return false;
    }
    return true;
  };
  double q_matched = 0, l_matched = 0;
  for (const Candidate& cand : candidates) {
    const Unit& a = qu[cand.q];
    const Unit& b = lu[cand.l];
    if (!free(q_used, a) || !free(l_used, b)) continue;
    if (a.weight == 0 || b.weight == 0) continue;  // a legal form alone pairs with nothing
    for (int k = a.first; k < a.first + a.count; ++k) q_used[static_cast<std::size_t>(k)] = true;
    for (int k = b.first; k < b.first + b.count; ++k) l_used[static_cast<std::size_t>(k)] = true;
    q_matched += cand.sim.value * a.weight;
    l_matched += cand.sim.value * b.weight;
    c.pairs.push_back({joined(query, a), joined(list_name, b), cand.sim.value, cand.sim.how});
  }

  bool q_number_left = false, l_number_left = false;
  bool q_country_left = false, l_country_left = false;
  for (std::size_t i = 0; i < query.tokens.size(); ++i) {
    const NameToken& t = query.tokens[i];
    if (identifying(t) && !q_used[i]) {
      c.unmatched_query.push_back(t.text);
      q_number_left |= t.role == TokenRole::kNumber;
      q_country_left |= t.role == TokenRole::kCountry && !countries_are_names;
    }
  }
  for (std::size_t i = 0; i < list_name.tokens.size(); ++i) {
    const NameToken& t = list_name.tokens[i];
    if (identifying(t) && !l_used[i]) {
      c.unmatched_list.push_back(t.text);
      l_number_left |= t.role == TokenRole::kNumber;
      l_country_left |= t.role == TokenRole::kCountry && !countries_are_names;
    }
  }
  c.query_coverage = std::min(1.0, q_matched / q_total);
  c.list_coverage = std::min(1.0, l_matched / l_total);
  if (q_number_left && l_number_left) c.number_factor = kNumberMismatchFactor;
  if (q_country_left && l_country_left) {
    c.country_factor = kCountryMismatchFactor;
  } else if ((q_country_left || l_country_left) && !c.pairs.empty()) {
    c.country_factor = kCountryOneSidedFactor;
  }
  c.score = std::pow(c.query_coverage, kQueryCoverageExponent) *
            std::pow(c.list_coverage, list_exponent(c.kind)) * c.number_factor * c.country_factor *
            c.type_factor;
  return c;
}

// ---------------------------------------------------------------------------------------------
// The index.

namespace {

struct IndexedName {
  const ListEntry* entry;
  const ListInfo* list;
  const std::string* text;
  bool alias;
  NameKind kind;
  NormalizedName normalized;
};

using Trigram = std::uint32_t;

// Padded letter trigrams of a term ("^hu", "hua", ..., "ei$"), each once.
void trigrams_of(std::string_view term, std::vector<Trigram>& out) {
  out.clear();
  std::string padded;
  padded.reserve(term.size() + 2);
  padded += '^';
  padded += term;
  padded += '$';
  for (std::size_t i = 0; i + 3 <= padded.size(); ++i) {
    out.push_back((static_cast<Trigram>(static_cast<unsigned char>(padded[i])) << 16) |
                  (static_cast<Trigram>(static_cast<unsigned char>(padded[i + 1])) << 8) |
                  static_cast<Trigram>(static_cast<unsigned char>(padded[i + 2])));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Trigrams a typo may leave in common with the right term: each edit changes at most three.
std::size_t min_shared_trigrams(std::size_t grams, std::size_t len) {
  // Each edit changes at most three padded trigrams (a transposition four, counted as 1.5).
  // At least a third of them in any case: fewer shared trigrams is no typo but another word.
  const std::size_t edits = len <= 10 ? 2 : 3;
  return std::max(grams > 3 * edits + 1 ? grams - 3 * edits - 1 : 1, (grams + 2) / 3);
}

bool has_any(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
  for (const auto& h : have) {
    if (std::find(wanted.begin(), wanted.end(), h) != wanted.end()) return true;
  }
  return false;
}

}  // namespace

struct PartyMatcher::Index {
  std::vector<IndexedName> names;
  std::unordered_map<std::string, std::uint32_t> term_ids;
  std::vector<const std::string*> term_text;         // points into term_ids' keys
  std::vector<std::uint8_t> term_single;             // indexed by trigram and skeleton
  std::vector<std::vector<std::uint32_t>> postings;  // term -> names, ascending
  std::unordered_map<Trigram, std::vector<std::uint32_t>> trigram_terms;
  std::unordered_map<std::string, std::vector<std::uint32_t>> skeleton_terms;
  std::unordered_map<std::string, std::vector<std::uint32_t>> single_letter_terms;
  // Short terms under each of their one-letter deletions, for one-edit typos (symmetric delete:
  // two words one edit apart share a deletion, or one is a deletion of the other).
  std::unordered_map<std::string, std::vector<std::uint32_t>> deletion_terms;

  std::uint32_t term(const std::string& text) {
    const auto [it, inserted] =
        term_ids.try_emplace(text, static_cast<std::uint32_t>(term_text.size()));
    if (inserted) {
      term_text.push_back(&it->first);
      term_single.push_back(0);
      postings.emplace_back();
    }
    return it->second;
  }

  void post(std::uint32_t term_id, std::uint32_t name_id) {
    auto& p = postings[term_id];
    if (p.empty() || p.back() != name_id) p.push_back(name_id);
  }

  // Makes a single-token term findable by typo and by transliteration variant.
  void index_single(std::uint32_t term_id, std::vector<Trigram>& scratch) {
    if (term_single[term_id]) return;
    term_single[term_id] = 1;
    const std::string& text = *term_text[term_id];
    if (text.size() > kShortTypoToken) {
      trigrams_of(text, scratch);
      for (Trigram g : scratch) trigram_terms[g].push_back(term_id);
    }
    if (text.size() > kShortToken && text.size() <= kShortTypoToken + 1) {
      std::string deleted;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (i > 0 && text[i] == text[i - 1]) continue;  // same deletion as the previous letter
        deleted.assign(text, 0, i);
        deleted.append(text, i + 1);
        deletion_terms[deleted].push_back(term_id);
      }
    }
    const std::string skeleton = consonant_skeleton(text);
    if (skeleton.size() >= 2) skeleton_terms[skeleton].push_back(term_id);
    const std::string single = single_letters(text);
    if (single.size() >= 2) single_letter_terms[single].push_back(term_id);
  }

  void add_name(IndexedName name, std::vector<Trigram>& scratch) {
    const auto id = static_cast<std::uint32_t>(names.size());
    const auto& tokens = name.normalized.tokens;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const NameToken& t = tokens[i];
      if (identifying(t)) {
        const std::uint32_t tid = term(t.text);
        post(tid, id);
        if (t.role != TokenRole::kNumber) index_single(tid, scratch);
        if (!t.alt.empty()) post(term(t.alt), id);
      }
      if (i + 1 < tokens.size() && t.role != TokenRole::kNumber &&
          tokens[i + 1].role != TokenRole::kNumber &&
          (identifying(t) || identifying(tokens[i + 1]))) {
        post(term(t.text + tokens[i + 1].text), id);
      }
    }
    names.push_back(std::move(name));
  }
};

PartyMatcher::PartyMatcher() : index_(std::make_unique<Index>()) {}
PartyMatcher::~PartyMatcher() = default;
PartyMatcher::PartyMatcher(PartyMatcher&&) noexcept = default;
PartyMatcher& PartyMatcher::operator=(PartyMatcher&&) noexcept = default;

std::size_t PartyMatcher::size() const noexcept { return index_->names.size(); }
std::size_t PartyMatcher::terms() const noexcept { return index_->term_text.size(); }

void PartyMatcher::add(const ListSnapshot& list) {
  Index& ix = *index_;
  ix.names.reserve(ix.names.size() + list.info.names);
  std::vector<Trigram> scratch;
  for (const ListEntry& e : list.entries) {
    const NameKind kind = kind_of(e.type);
    ix.add_name({&e, &list.info, &e.name, false, kind, normalize_name(e.name)}, scratch);
    for (const std::string& alias : e.alt_names) {
      ix.add_name({&e, &list.info, &alias, true, kind, normalize_name(alias)}, scratch);
    }
  }
}

std::vector<PartyMatch> PartyMatcher::match(const MatchQuery& query, const MatchOptions& options,
                                            MatchStats* stats) const {
  const Index& ix = *index_;
  const NormalizedName q = normalize_name(query.name);
  std::vector<PartyMatch> out;
  if (!q.has_identifying_tokens() || ix.names.empty()) return out;

  // The query's identifying tokens, tracked one by one for the upper bound.
  std::vector<std::size_t> slot_of(q.tokens.size(), kMaxTrackedTokens);
  std::vector<double> slot_weight_name, slot_weight_org;  // countries as names / as countries
  std::vector<double> slot_floor;  // what a token scores without an index hit (initials)
  for (std::size_t i = 0; i < q.tokens.size(); ++i) {
    const NameToken& t = q.tokens[i];
    if (!identifying(t)) continue;
    if (slot_weight_name.size() == kMaxTrackedTokens) break;
    slot_of[i] = slot_weight_name.size();
    slot_weight_name.push_back(token_weight(t, true));
    slot_weight_org.push_back(token_weight(t, false));
    slot_floor.push_back(t.text.size() == 1 ? kInitialSimilarity : 0.0);
  }
  const std::size_t slots = slot_weight_name.size();
  double total_name = 0, total_org = 0;
  for (std::size_t s = 0; s < slots; ++s) {
    total_name += slot_weight_name[s];
    total_org += slot_weight_org[s];
  }
  // Weight of untracked tokens (beyond kMaxTrackedTokens) counts as matched in the bound.
  double untracked_name = 0, untracked_org = 0;
  for (std::size_t i = 0; i < q.tokens.size(); ++i) {
    if (identifying(q.tokens[i]) && slot_of[i] == kMaxTrackedTokens) {
      untracked_name += token_weight(q.tokens[i], true);
      untracked_org += token_weight(q.tokens[i], false);
    }
  }
  total_name += untracked_name;
  total_org += untracked_org;

  // Per candidate name: the best similarity each query token can reach in it.
  std::unordered_map<std::uint32_t, std::size_t> row_of;
  std::vector<float> best;  // rows of `slots` values
  const auto touch = [&](std::uint32_t term_id, double sim, int first, int count) {
    for (std::uint32_t name_id : ix.postings[term_id]) {
      auto [it, inserted] = row_of.try_emplace(name_id, row_of.size());
      if (inserted) best.insert(best.end(), slot_floor.begin(), slot_floor.end());
      float* row = best.data() + it->second * slots;
      for (int k = first; k < first + count; ++k) {
        const std::size_t s = slot_of[static_cast<std::size_t>(k)];
        if (s < slots) row[s] = std::max(row[s], static_cast<float>(sim));
      }
    }
  };

  // Look every query unit up: exactly, by trigrams (typos) and by skeleton (variants).
  thread_local std::vector<std::uint16_t> shared_count;
  thread_local std::vector<std::uint32_t> counted;
  shared_count.resize(ix.term_text.size());
  std::vector<Trigram> grams;
  std::size_t probed = 0;
  const std::vector<double> qw(q.tokens.size(), 1.0);
  for (const Unit& u : units_of(q, qw)) {
    const NameToken& t = u.token;
    std::vector<std::pair<std::uint32_t, double>> hits;
    const auto exact = [&](const std::string& text, double sim) {
      if (const auto it = ix.term_ids.find(text); it != ix.term_ids.end())
        hits.push_back({it->second, sim});
    };
    exact(t.text, 1.0);
    if (!t.alt.empty()) exact(t.alt, 1.0);
    if (t.role != TokenRole::kNumber) {
      const auto fuzzy = [&](const NameToken& form) {
        const auto verify = [&](std::uint32_t term_id) {
          ++probed;
          const Similarity s = text_similarity(form.text, form.script, *ix.term_text[term_id],
                                               TokenScript::kLatin, u.count > 1);
          if (s.value > 0) hits.push_back({term_id, s.value});
        };
        const std::size_t len = form.text.size();
        // Short typos (one edit): the deletion neighbourhood, looked up, never scanned.
        if (form.script == TokenScript::kLatin && len > kShortToken && len <= kShortTypoToken + 1) {
          const auto probe = [&](const std::string& key) {
            if (const auto it = ix.deletion_terms.find(key); it != ix.deletion_terms.end()) {
              for (std::uint32_t term_id : it->second) verify(term_id);
            }
            if (const auto it = ix.term_ids.find(key);
                it != ix.term_ids.end() && key.size() > kShortToken) {
              verify(it->second);
            }
          };
          probe(form.text);
          std::string deleted;
          for (std::size_t i = 0; i < len; ++i) {
            if (i > 0 && form.text[i] == form.text[i - 1]) continue;
            deleted.assign(form.text, 0, i);
            deleted.append(form.text, i + 1);
            probe(deleted);
          }
        }
        // Longer typos: terms sharing enough trigrams, confirmed by the token similarity.
        if (form.script == TokenScript::kLatin && len > kShortTypoToken) {
          trigrams_of(form.text, grams);
          const std::size_t need = min_shared_trigrams(grams.size(), len);
          for (Trigram g : grams) {
            const auto it = ix.trigram_terms.find(g);
            if (it == ix.trigram_terms.end()) continue;
            for (std::uint32_t term_id : it->second) {
              if (shared_count[term_id]++ == 0) counted.push_back(term_id);
            }
          }
          for (std::uint32_t term_id : counted) {
            if (shared_count[term_id] >= need) verify(term_id);
            shared_count[term_id] = 0;
          }
          counted.clear();
        }
        // Doubled letters: terms equal once every letter is written once.
        if (form.script == TokenScript::kLatin && u.count == 1) {
          const auto it = ix.single_letter_terms.find(single_letters(form.text));
          if (it != ix.single_letter_terms.end()) {
            for (std::uint32_t term_id : it->second) verify(term_id);
          }
        }
        // Variants and Arabic-script consonants: terms with the same skeleton.
        const std::string skeleton = consonant_skeleton(form.text);
        if (skeleton.size() >= 2 && form.script != TokenScript::kHan &&
            (form.script == TokenScript::kAbjad || form.text.size() > kShortToken)) {
          if (const auto it = ix.skeleton_terms.find(skeleton); it != ix.skeleton_terms.end()) {
            for (std::uint32_t term_id : it->second) verify(term_id);
          }
        }
      };
      // A translated Chinese word is English text; its pinyin reading is found exactly above.
      if (t.script == TokenScript::kHan && !t.alt.empty()) {
        fuzzy({t.text, t.role, TokenScript::kLatin, t.alt});
      } else {
        fuzzy(t);
      }
    }
    for (const auto& [term_id, sim] : hits) touch(term_id, sim, u.first, u.count);
  }

  // Upper bound of the score: query coverage at the best similarities found, list coverage 1.
  const double needed = options.min_score - kCountryBonus - 1e-9;
  std::vector<std::pair<std::uint32_t, std::size_t>> survivors;
  for (const auto& [name_id, row_index] : row_of) {
    const float* row = best.data() + row_index * slots;
    double got_name = untracked_name, got_org = untracked_org;
    for (std::size_t s = 0; s < slots; ++s) {
      got_name += slot_weight_name[s] * row[s];
      got_org += slot_weight_org[s] * row[s];
    }
    const double cover = std::max(total_name > 0 ? got_name / total_name : 0,
                                  total_org > 0 ? got_org / total_org : 0);
    if (std::pow(std::min(1.0, cover), kQueryCoverageExponent) >= needed) {
      survivors.push_back({name_id, row_index});
    }
  }
  if (stats) {
    stats->terms_probed = probed;
    stats->candidates = row_of.size();
    stats->compared = 0;
  }

  std::unordered_map<const ListEntry*, std::size_t> best_of_entry;  // entry -> index in out
  std::vector<std::uint32_t> name_of_out;  // the name each match in out was made on
  for (const auto& [name_id, row_index] : survivors) {
    const IndexedName& n = ix.names[name_id];
    const ListEntry& e = *n.entry;
    if (!options.sources.empty() && std::find(options.sources.begin(), options.sources.end(),
                                              e.source_code) == options.sources.end()) {
      continue;
    }
    if (!options.programs.empty() && !has_any(options.programs, e.programs)) continue;
    if (!options.countries.empty()) {
      bool in = has_any(options.countries, e.nationalities);
      for (const Address& a : e.addresses) {
        in |= std::find(options.countries.begin(), options.countries.end(), a.country) !=
              options.countries.end();
      }
      if (!in) continue;
    }
    if (stats) ++stats->compared;
    NameComparison cmp = compare_names(q, n.normalized, {query.type, n.kind});
    if (cmp.score <= 0) continue;
    PartyMatch m;
    m.entry = n.entry;
    m.list = n.list;
    m.matched_name = *n.text;
    m.alias = n.alias;
    m.score = cmp.score;
    if (!query.country.empty()) {
      for (const Address& a : e.addresses) m.country_match |= a.country == query.country;
      for (const auto& c : e.nationalities) m.country_match |= c == query.country;
      if (m.country_match) m.score = std::min(1.0, m.score + kCountryBonus);
    }
    if (m.score < options.min_score) continue;
    m.explanation = std::move(cmp);
    const auto [it, inserted] = best_of_entry.emplace(n.entry, out.size());
    if (inserted) {
      out.push_back(std::move(m));
      name_of_out.push_back(name_id);
    } else if (m.score > out[it->second].score ||
               (m.score == out[it->second].score && name_id < name_of_out[it->second])) {
      // Between names of one entry that score the same, the first in the entry wins (the
      // primary name, then the aliases as listed): the survivors come in hash-table order, and
      // an index over other entries (a delta screening's) must give the same matched name.
      out[it->second] = std::move(m);
      name_of_out[it->second] = name_id;
    }
  }
  // Best first; ties in a stable order (the list's own order) so results are reproducible.
  std::sort(out.begin(), out.end(), [](const PartyMatch& a, const PartyMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.list != b.list) return a.list->label < b.list->label;
    return a.entry < b.entry;  // entries of one list lie in list order
  });
  if (out.size() > options.limit) out.resize(options.limit);
  return out;
}

}  // namespace exportscreen
