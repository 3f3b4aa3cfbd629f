// Name comparison (weighted token alignment) and the PartyMatcher: a token index over the loaded
// lists proposes candidates, an upper bound on the score drops the hopeless ones, and the rest
// are compared in full and explained.
#include "exportscreen/matcher.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "names/name_vocabulary.h"
#include "native_only.h"

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
// says little ("bin"/"ben", "ali"/"ola"); but three letters with their last two swapped
// ("sok"/"sko") pair as a typo of this similarity.
constexpr std::size_t kShortToken = 3;
constexpr double kSwappedSimilarity = 0.9;
// Up to this length a typo may be one edit at most ("bush"/"bash" yes, "sheila"/"sheikh" no).
constexpr std::size_t kShortTypoToken = 6;
// Beyond that, two edits up to this length and three above it: Jaro-Winkler alone rates a
// shared start highly ("shenwei"/"shenzhen" 0.87, three edits apart: two places, not a typo).
// The index's trigram lookup allows as many (min_shared_trigrams).
constexpr std::size_t kTwoTypoToken = 10;
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
// The similarity of two words that name one country differently ("china", "chinese"): alike,
// not the same word, so that two words read as one of the same letters still take them
// ("russia federation" ~ "russianfederation", 0.988) rather than leave one unmatched.
constexpr double kSameCountry = 0.98;
// Query tokens tracked one by one by the candidate upper bound; any beyond count as matched.
constexpr std::size_t kMaxTrackedTokens = 48;
// The words whose typo and variant lookups a thread remembers, per index (match()): names repeat
// their words (a customer base's first names and surnames: 98 % of the single words of the
// rescreen benchmark's rows), and finding a word's hits again costs far less than its lookups.
// Native only: the WebAssembly module's size is budgeted (docs/benchmarks.md), and a page
// screens a few thousand rows, not millions.
constexpr std::size_t kWordCacheEntries = kNativeOnly ? std::size_t{1} << 15 : 0;
// The index's filter of joined word pairs (Index::PairFilter) is built for an index of at most
// this many terms: a delta screening's changed entries, which most pairs of a customer's name
// cannot reach, so their lookups are skipped. Past it nearly every pair passes the filter, which
// would cost memory for nothing. Native only, as the word cache.
constexpr std::size_t kPairFilterMaxTerms = kNativeOnly ? std::size_t{1} << 15 : 0;
// Similarity of two words the lists' own aliases write as one name (Ali/Aly, Yusuf/Yousef), or
// that differ only in romanisation (kh/h, ts/c: Kontsern/Koncern).
constexpr double kTableVariantSimilarity = 0.95;
// Score factor when the two names carry legal forms of different kinds (AG / GmbH).
constexpr double kLegalFormMismatchFactor = 0.85;
// Coverage of each name a strong match needs (typos and variants cost a little of it).
constexpr double kStrongCoverage = 0.9;
// A token at least this rare (rarity()) makes a partial person name specific enough to be
// strong ("Ayman al-Zawahiri" for AYMAN MUHAMMAD RABI AL-ZAWAHIRI, not "Mohammed Ali").
constexpr double kRareToken = 0.9;
// Rarity: a token held by up to kCommonFrom names is rare (1); each doubling beyond costs
// kRarityPerDoubling, down to kMinRarity ("muhammad", "ali", "trading").
constexpr double kCommonFrom = 8;
constexpr double kRarityPerDoubling = 0.12;
constexpr double kMinRarity = 0.4;
// A one-word name of up to this many letters is an acronym or a short name: it pairs only
// exactly ("SMIC" is not "SOMIC").
constexpr std::size_t kAcronymMaxLetters = 5;
// A one-word name of up to this many letters is too short to be strong on its own ("EMMA").
constexpr std::size_t kShortNameLetters = 4;
// A query word held by more names than this is too common to flag every one as a lead.
constexpr std::size_t kDistinctiveMaxNames = 200;
// Scores of acronym leads: an acronym the list itself gives ("(NUDT)"), and initials the
// matcher computed from a listed organisation name ("SMIC").
constexpr double kListedAcronymScore = 0.9;
constexpr double kInitialsScore = 0.8;
// Initials of at least this many letters are indexed (three letters match too much by chance).
constexpr std::size_t kMinInitials = 4;
constexpr std::size_t kMaxInitials = 8;

// Romanisation differences that are one sound (kh/h, ts/c, tz/c, ck/k, c before a, o, u or a
// consonant = k): "kontsern" and "concern" are both "koncern", "khodorkovsky" "hodorkovsky".
// Vowel differences (ye/e, iy/y, yu/iu) are the consonant skeleton's business.
std::string romanised(std::string_view t) {
  std::string s;
  s.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (c == 'k' && next == 'h') {
      s += 'h';
      ++i;
    } else if ((c == 't' && (next == 's' || next == 'z'))) {
      s += 'c';
      ++i;
    } else if (c == 'c' && next == 'k') {
      s += 'k';
      ++i;
    } else if (c == 'c' && next != 'e' && next != 'i' && next != 'y' && next != 'h') {
      s += 'k';
    } else {
      s += c;
    }
  }
  return s;
}

// The key under which transliteration variants meet in the index and the comparison.
std::string variant_key(std::string_view t) { return consonant_skeleton(romanised(t)); }

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

// A token's weight from its length weight `w` and its rarity, read in a person's name or not.
double weight_of(const NameToken& t, bool person, double w, double rarity) {
  if (t.role == TokenRole::kCountry && !person) return w * kCountryWeight;
  if (person && patronymic(t.text)) return w * kPatronymicWeight * rarity;
  return w * rarity;
}

double rarity_of(const NameToken& t, const TokenFrequencies* frequencies) {
  return frequencies && t.role == TokenRole::kName ? frequencies->rarity(t.text) : 1.0;
}

double token_weight(const NameToken& t, bool person, const TokenFrequencies* frequencies) {
  if (!identifying(t)) return 0;
  return weight_of(t, person, length_weight(t.text.size()), rarity_of(t, frequencies));
}

// token_weight() of a token read in a person's name and in an organisation's, its rarity looked
// up once: {as a person's, as an organisation's}.
std::pair<double, double> token_weights(const NameToken& t, const TokenFrequencies* frequencies) {
  if (!identifying(t)) return {0, 0};
  const double w = length_weight(t.text.size());
  const double rarity = rarity_of(t, frequencies);
  return {weight_of(t, true, w, rarity), weight_of(t, false, w, rarity)};
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

// The edits a typo may make in a word of `shorter` letters (the shorter of the two words).
std::size_t max_typo_edits(std::size_t shorter, bool joined) {
  return joined || shorter <= kShortTypoToken ? 1 : shorter <= kTwoTypoToken ? 2 : 3;
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

// The shape of a word: its runs of vowels (a, e, i, o, u, y, w) and consonants, a consonant run
// counted by its distinct letters, a vowel run as one vowel (V) or several (W: a long vowel or a
// diphthong). "hussain" and "hosein" are both CVCWC, "murtaza" and "morteza" CVCCVCV; "mahmoud"
// CVCCWC is not "muhammad" CVCVCVC, nor "hassan" CVCVC "hussain" (Hasan and Husayn are two
// names). Two transliterations of one name keep their consonants and where the vowels fall;
// only the vowels' letters differ.
std::string syllable_shape(std::string_view t) {
  std::string shape;
  char last = 0;
  for (char c : t) {
    const bool v = vowelish(c) || c == 'w';
    if (v) {
      if (shape.empty() || (shape.back() != 'V' && shape.back() != 'W')) {
        shape += 'V';
      } else if (shape.back() == 'V') {  // the vowel before was one too
        shape.back() = 'W';
      }
    } else if (c != last) {
      shape += 'C';
    }
    last = v ? 0 : c;
  }
  return shape;
}

// Whether two words whose consonants are one have two names' vowels: one is the Arabic
// diminutive of the other (fu'ayl: u or o, then ai, ay, ei or ey, against a and one vowel:
// Husayn of Hasan, Hussain and Hossein of Hassan, two given names), or, where the vowels fall
// alike, one has a diphthong (ai, ay, ei, ey, oi, oy) where the other has another single vowel
// than the diphthong's first or the e, i or y a diphthong is also written (Reichmann is no
// Rochman; Shayku and Shekau, Marocain and Moroccan, Ismaili and Esmaeli, Hussein and Hosein
// are alike).
EXPORTSCREEN_SMALL bool vowels_apart(std::string_view a, std::string_view b) {
  struct Vowels {
    std::string_view run[8];  // the runs of vowels, the first eight
    int n = 0;                // how many runs
  };
  const auto vowels = [](std::string_view t) {
    Vowels v;
    for (std::size_t i = 0; i < t.size();) {
      std::size_t k = i;
      while (k < t.size() && vowelish(t[k])) ++k;
      if (k > i && v.n++ < 8) v.run[v.n - 1] = t.substr(i, k - i);
      i = k > i ? k : k + 1;
    }
    return v;
  };
  const Vowels va = vowels(a), vb = vowels(b);
  if (va.n != vb.n || va.n > 8) return false;
  const auto glide = [](std::string_view r) {
    return r.size() == 2 && r[0] != r[1] && r[0] != 'i' && r[0] != 'y' &&
           (r[1] == 'i' || r[1] == 'y');
  };
  const auto diminutive = [&](const Vowels& dim, const Vowels& base) {
    return dim.n >= 2 && (dim.run[0] == "u" || dim.run[0] == "o" || dim.run[0] == "ou") &&
           glide(dim.run[1]) && (dim.run[1][0] == 'a' || dim.run[1][0] == 'e') &&
           base.run[0] == "a" && base.run[1].size() == 1;
  };
  if (diminutive(va, vb) || diminutive(vb, va)) return true;
  for (int i = 0; i < va.n; ++i) {
    for (const auto& [d, v] : {std::pair{va.run[i], vb.run[i]}, std::pair{vb.run[i], va.run[i]}}) {
      if (glide(d) && v.size() == 1 && v[0] != d[0] && v[0] != 'e' && v[0] != 'i' && v[0] != 'y')
        return true;
    }
  }
  return false;
}

// Whether `b` is `a` with a final "i" (or "y") that `a` lacks, ends aside: the Persian and
// Arabic nisba, which makes a family name of a given name (Karim / Karimi, Ahmad / Ahmadi, Reza /
// Rezai, Abdullah / Abdollahi): another name, not a typo.
bool nisba_of(std::string_view a, std::string_view b) {
  if (b.size() < 4 || b.size() <= a.size() || a.empty() || a.back() == 'i' || a.back() == 'y')
    return false;
  const char last = b.back();
  if (last != 'i' && last != 'y') return false;
  // b less its ending, against a: the same but for the vowels ("abdollah" / "abdullah").
  const std::string_view stem = b.substr(0, b.size() - 1);
  if (stem.size() != a.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (stem[i] != a[i] && !(vowelish(stem[i]) && vowelish(a[i]))) return false;
  }
  return true;
}

// Whether two words alike by Jaro-Winkler are one word typed wrong: within the edits of a typo;
// or, in a longer word, one stem with another ending ("technology"/"technologies",
// "supercomputer"/"supercomputing": all but the shorter word's last two letters shared), or the
// same consonants, vowels and doubled letters written otherwise, as transliterations do
// ("jallaloudine"/"jalaluddin").
EXPORTSCREEN_OUTLINED bool typo_within_edits(std::string_view a, std::string_view b, bool joined,
                                             std::size_t shorter) {
  // A typo keeps a word's first letter but for one edit: "yaguang" is not "haiguang".
  const std::size_t edits = a[0] == b[0] ? max_typo_edits(shorter, joined) : 1;
  bool typo = osa_distance(a, b, edits) <= edits;
  // In a word of five letters or fewer, one consonant put for another of another sound makes
  // another name (Khan/Khal, Amir/Amin, Salek/Saleh, David/Davis); transliterations change a
  // consonant within its sound (Jawad/Javad, Rahigi/Rahiqi, Ramsi/Ramzi, Gwang/Kwang,
  // Gamal/Jamal, Abdul/Abdur).
  if (typo && shorter <= 5 && a.size() == b.size()) {
    const auto alike = [](char x, char y) {
      for (std::string_view k : {"bp", "dt", "cgjkq", "csz", "fvw", "lr"}) {
        if (k.find(x) != std::string_view::npos && k.find(y) != std::string_view::npos) {
          return true;
        }
      }
      return false;
    };
    std::size_t diff = 0, other = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) continue;
      ++diff;
      other += !vowelish(a[i]) && !vowelish(b[i]) && !alike(a[i], b[i]);
    }
    if (diff == 1 && other == 1) typo = false;
  }
  if (!typo && !joined && shorter > kShortTypoToken) {
    std::size_t stem = 0;
    while (stem < shorter && a[stem] == b[stem]) ++stem;
    const auto consonants = [](std::string_view t) {
      std::string k = consonant_skeleton(t);
      if (!k.empty() && k.back() == '+') k.pop_back();
      return k;
    };
    typo = stem + 2 >= shorter || (consonants(a) == consonants(b) && !vowels_apart(a, b));
  }
  return typo;
}

// Romanisation differences (kh/h, ts/c) keep words alike: the better of `best` and what the two
// words romanised say. Two words of one consonant skeleton are variants when their vowels do
// not set them apart (vowels_apart), or, for words far apart in length, whatever their vowels.
EXPORTSCREEN_OUTLINED Similarity romanised_variant(std::string_view a, std::string_view b,
                                                   Similarity best, bool far_in_length) {
  const std::string ra = romanised(a), rb = romanised(b);
  if (ra == rb) return {kTableVariantSimilarity, "variant"};
  // One consonant skeleton, and words alike (Jaro-Winkler) or of one syllable shape: the
  // shape admits hussain/hosein (0.77) and sulaymani/soleimani (0.75) but not
  // mahmoud/muhammad (0.74).
  if (best.value < kVariantSimilarity &&
      (jaro_winkler(ra, rb) >= kMinVariantJaroWinkler ||
       syllable_shape(ra) == syllable_shape(rb)) &&
      (ra[0] == rb[0] || (vowelish(ra[0]) && vowelish(rb[0]))) &&
      (far_in_length || !vowels_apart(ra, rb))) {
    const std::string ka = consonant_skeleton(ra);
    const std::size_t consonants = ka.size() - (!ka.empty() && ka.back() == '+' ? 1 : 0);
    if (consonants >= 3 && ka == consonant_skeleton(rb)) best = {kVariantSimilarity, "variant"};
  }
  return best;
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
    const std::string ka = variant_key(a);
    if (ka.size() >= 2 && ka == variant_key(b)) return {kSkeletonSimilarity, "skeleton"};
    return {};
  }
  // The lists' own variants start with one sound (the table keeps no other pairs).
  const auto sound = [](char c) {
    return vowelish(c)                          ? 'a'
           : c == 'c'                           ? 'k'
           : c == 'p'                           ? 'f'
           : (c == 'j' || c == 'd' || c == 'z') ? 'j'
                                                : c;
  };
  if (!joined && sound(a[0]) == sound(b[0]) && vocab::name_variants(a, b)) {
    return {kTableVariantSimilarity, "variant"};
  }
  if (a.size() == 1 || b.size() == 1) {
    if (joined) return {};
    return a[0] == b[0] ? Similarity{kInitialSimilarity, "initial"} : Similarity{};
  }
  if ((a.size() > 2 || b.size() > 2) && a[0] == b[0] && same_single_letters(a, b)) {
    return {kDoubledLetterSimilarity, "typo"};
  }
  const std::size_t shorter = std::min(a.size(), b.size());
  if (shorter <= kShortToken) {
    // Three letters pair only exactly, or with their last two swapped ("sok"/"sko",
    // "abd"/"adb"), as a typist swaps them; not letters without a vowel, an acronym's ("PSB"
    // and "PBS" are two banks).
    if (!joined && a.size() == 3 && b.size() == 3 && a[0] == b[0] && a[1] == b[2] && a[2] == b[1] &&
        (vowelish(a[0]) || vowelish(a[1]) || vowelish(a[2]))) {
      return {kSwappedSimilarity, "typo"};
    }
    return {};
  }
  // Jaro-Winkler cannot reach the typo threshold across a large length gap, and a short typo
  // is one edit: skip the computation.
  const std::size_t gap = std::max(a.size(), b.size()) - shorter;
  if ((shorter <= kShortTypoToken || joined) ? gap > 1 : 4 * gap > shorter + 4) {
    if (joined || sa == TokenScript::kAbjad || jaro_winkler(a, b) < 0.68) return {};
    return romanised_variant(a, b, {}, true);
  }
  const double jw = jaro_winkler(a, b);
  bool typo = jw >= kMinTokenSimilarity && !nisba_of(a, b) && !nisba_of(b, a);
  if (typo) typo = typo_within_edits(a, b, joined, shorter);
  Similarity best = typo ? Similarity{jw, "typo"} : Similarity{};
  // Romanisation differences (kh/h, ts/c) keep words alike: only then is it worth romanising.
  if (!joined && best.value < kTableVariantSimilarity && jw >= 0.7) {
    return romanised_variant(a, b, best, false);
  }
  return best;
}

// Similarity of a query token to a list token, over both readings of each. A Chinese word the
// glossary translated compares as English text, its pinyin reading as pinyin.
EXPORTSCREEN_OUTLINED Similarity token_similarity(const NameToken& q, const NameToken& l,
                                                  bool joined = false) {
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
  if (q.role == TokenRole::kCountry && l.role == TokenRole::kCountry) {
    // Two words of one country ("china", "chinese"; normalize.cpp's country_reading).
    if (!q.alt.empty() && q.alt == l.alt) best.value = std::max(best.value, kSameCountry);
    if (best.value > 0) best.how = "country";
  }
  return best;
}

// A token or two adjacent tokens read as one word ("hua" + "wei" = "huawei").
struct Unit {
  NameToken token;  // the single token, or the joined text
  int first;
  int count;
  double weight;            // summed weight of its identifying tokens
  bool legal_form = false;  // a legal form glued to a word: it pairs only exactly
};

// The units of a name in order: each identifying token, and each two adjacent tokens (neither
// a number, one identifying) read as one word, visited as visit(token, first, count,
// legal_form). `pair_wanted(a, b)` may turn a pair away before its text is built.
template <typename PairWanted, typename Visit>
void for_each_unit(const NormalizedName& n, PairWanted&& pair_wanted, Visit&& visit) {
  const auto& t = n.tokens;
  NameToken joined;
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    const auto ui = static_cast<std::size_t>(i);
    if (identifying(t[ui])) visit(t[ui], i, 1, false);
    if (ui + 1 < t.size() && t[ui].role != TokenRole::kNumber &&
        t[ui + 1].role != TokenRole::kNumber && (identifying(t[ui]) || identifying(t[ui + 1])) &&
        pair_wanted(t[ui], t[ui + 1])) {
      joined.text.assign(t[ui].text).append(t[ui + 1].text);
      joined.script = t[ui].script == t[ui + 1].script ? t[ui].script : TokenScript::kLatin;
      visit(std::as_const(joined), i, 2,
            t[ui].role == TokenRole::kLegalForm || t[ui + 1].role == TokenRole::kLegalForm);
    }
  }
}

std::vector<Unit> units_of(const NormalizedName& n, const std::vector<double>& weights) {
  std::vector<Unit> units;
  units.reserve(2 * n.tokens.size());
  for_each_unit(
      n, [](const NameToken&, const NameToken&) { return true; },
      [&](const NameToken& token, int first, int count, bool legal_form) {
        const auto f = static_cast<std::size_t>(first);
        units.push_back({token, first, count, count == 1 ? weights[f] : weights[f] + weights[f + 1],
                         legal_form});
      });
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

std::string_view to_string(MatchStrength strength) noexcept {
  return strength == MatchStrength::kStrong ? "strong" : "possible";
}

std::string_view to_string(PossibleReason reason) noexcept {
  switch (reason) {
    case PossibleReason::kNone:
      return "";
    case PossibleReason::kDistinctiveWord:
      return "distinctive_word";
    case PossibleReason::kAcronym:
      return "acronym";
    case PossibleReason::kCrossScript:
      return "cross_script";
    case PossibleReason::kKind:
      return "kind";
    case PossibleReason::kLegalForm:
      return "legal_form";
    case PossibleReason::kNumber:
      return "number";
    case PossibleReason::kCountry:
      return "country";
    case PossibleReason::kPartialName:
      return "partial_name";
    case PossibleReason::kShortName:
      return "short_name";
  }
  return "";
}

namespace {

// How the units of two names paired: the tokens each side used, the weight each side matched,
// and which readings the pairs took. Pairs are best-first and greedy: identical single tokens
// pair first, then the rest best-first; joined units must never take a token that has an exact
// partner (fuzz regression: joined-tokens-break-self-match).
struct Pairing {
  std::vector<bool> q_used, l_used;
  double q_matched = 0, l_matched = 0;
  bool abjad_read = false, han_glossed = false, han_syllables = false;
};

EXPORTSCREEN_OUTLINED Pairing pair_units(const NormalizedName& query,
                                         const NormalizedName& list_name,
                                         const std::vector<double>& qw,
                                         const std::vector<double>& lw, bool exact_only,
                                         std::vector<TokenPair>& pairs) {
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
      // A legal form glued to a word pairs only as written ("JSCARGUMENT" = "JSC ARGUMENT"):
      // never by a typo ("Tesco" is not "TS Co.").
      if (sim.value < 1.0 && (qu[i].legal_form || lu[j].legal_form)) continue;
      if (exact_only && sim.value < 1.0) continue;
      if (qu[i].count > 1 || lu[j].count > 1) sim.how = "joined";
      candidates.push_back({i, j, sim});
    }
  }
  const auto rank = [&](const Candidate& x) {
    return x.sim.value == 1.0 && qu[x.q].count == 1 && lu[x.l].count == 1 ? 0 : 1;
  };
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
    if (rank(x) != rank(y)) return rank(x) < rank(y);
    if (x.sim.value != y.sim.value) return x.sim.value > y.sim.value;
    return qu[x.q].weight + lu[x.l].weight > qu[y.q].weight + lu[y.l].weight;
  });

  Pairing out;
  out.q_used.resize(query.tokens.size());
  out.l_used.resize(list_name.tokens.size());
  const auto free = [](const std::vector<bool>& used, const Unit& u) {
    for (int k = u.first; k < u.first + u.count; ++k) {
      if (used[static_cast<std::size_t>(k)]) return false;
    }
    return true;
  };
  for (const Candidate& cand : candidates) {
    const Unit& a = qu[cand.q];
    const Unit& b = lu[cand.l];
    if (!free(out.q_used, a) || !free(out.l_used, b)) continue;
    if (a.weight == 0 || b.weight == 0) continue;  // a legal form alone pairs with nothing
    for (int k = a.first; k < a.first + a.count; ++k)
      out.q_used[static_cast<std::size_t>(k)] = true;
    for (int k = b.first; k < b.first + b.count; ++k)
      out.l_used[static_cast<std::size_t>(k)] = true;
    out.q_matched += cand.sim.value * a.weight;
    out.l_matched += cand.sim.value * b.weight;
    pairs.push_back({joined(query, a), joined(list_name, b), cand.sim.value, cand.sim.how});
    for (const NameToken* t : {&a.token, &b.token}) {
      out.abjad_read |= t->script == TokenScript::kAbjad;
      if (t->script == TokenScript::kHan)
        (t->alt.empty() ? out.han_syllables : out.han_glossed) = true;
    }
  }
  return out;
}

// The identifying words the pairing left on each side, and what they say: numbers or countries
// left on both sides name other parties (the factors), and the words of the possible reasons.
struct Leftovers {
  bool q_number = false, l_number = false;
  bool q_country = false, l_country = false;
  std::vector<std::string> numbers, countries;
};

EXPORTSCREEN_OUTLINED Leftovers leftovers(const NormalizedName& query,
                                          const NormalizedName& list_name, const Pairing& pairing,
                                          bool countries_are_names, NameComparison& c) {
  Leftovers left;
  const auto side = [&](const NormalizedName& n, const std::vector<bool>& used,
                        std::vector<std::string>& unmatched, bool& number, bool& country) {
    for (std::size_t i = 0; i < n.tokens.size(); ++i) {
      const NameToken& t = n.tokens[i];
      if (!identifying(t) || used[i]) continue;
      unmatched.push_back(t.text);
      if (t.role == TokenRole::kNumber) {
        number = true;
        left.numbers.push_back(t.text);
      }
      if (t.role == TokenRole::kCountry && !countries_are_names) {
        country = true;
        left.countries.push_back(t.text);
      }
    }
  };
  side(query, pairing.q_used, c.unmatched_query, left.q_number, left.q_country);
  side(list_name, pairing.l_used, c.unmatched_list, left.l_number, left.l_country);
  return left;
}

// Whether a name of unknown kind reads as a person's: two words or more, with no legal form,
// number or ordinary word of organisation names ("Bank", "Technology").
bool person_like(const NormalizedName& n) {
  std::size_t words = 0;
  for (const NameToken& t : n.tokens) {
    if (t.role == TokenRole::kLegalForm || t.role == TokenRole::kNumber ||
        (t.role == TokenRole::kName && vocab::is_generic_word(t.text))) {
      return false;
    }
    words += t.role == TokenRole::kName;
  }
  return words >= 2;
}

// The legal forms of the two names (ISO 20275: a limited-liability company, a joint-stock
// company, a partnership): forms of different kinds name different companies of one name.
EXPORTSCREEN_OUTLINED std::vector<std::string> legal_forms(const NormalizedName& query,
                                                           const NormalizedName& list_name,
                                                           NameComparison& c) {
  std::string q_kinds, l_kinds;
  std::vector<std::string> forms;
  for (const auto* side : {&query, &list_name}) {
    for (const NameToken& t : side->tokens) {
      if (t.role != TokenRole::kLegalForm) continue;
      const char k = vocab::legal_form_kind(t.text);
      if (!k) continue;
      (side == &query ? q_kinds : l_kinds) += k;
      forms.push_back(t.text);
    }
  }
  if (!q_kinds.empty() && !l_kinds.empty() && q_kinds.find_first_of(l_kinds) == std::string::npos) {
    c.legal_form_factor = kLegalFormMismatchFactor;
  }
  return forms;
}

// Whether the names are one name (strong) or only possibly (and why): what compare_names()
// says once the score is above 0.
EXPORTSCREEN_OUTLINED void judge_strength(const NormalizedName& query,
                                          const NormalizedName& list_name, const Pairing& pairing,
                                          Leftovers left, std::vector<std::string> forms,
                                          bool personal, std::size_t q_ident, std::size_t l_ident,
                                          const TokenFrequencies* freq, NameComparison& c) {
  // Strength. A person's list name may hold words the query leaves out and still be its name:
  // a patronymic, an initial, or a middle name between the matched words (in the name's order,
  // "SURNAME, Given Middle" turned round), when a matched word is rare enough to be specific.
  // A word at either end (a family or given name) or half of a hyphenated name may not be left
  // out: "John Smith" is only part of "JOHN B. PRIDMORE-SMITH".
  const bool query_complete = c.query_coverage >= kStrongCoverage;
  bool list_complete = c.list_coverage >= kStrongCoverage;
  // A name of unknown kind with no legal form on either side is read as a person's here.
  if (!list_complete && query_complete && personal) {
    const auto order = [&](const NameToken& t) {
      return list_name.comma_after_word > 0 && t.word <= list_name.comma_after_word
                 ? static_cast<int>(t.word) + 0x10000
                 : static_cast<int>(t.word);
    };
    int lo = 0x7fffffff, hi = -1;
    std::unordered_set<std::uint16_t> matched_words;
    for (std::size_t i = 0; i < list_name.tokens.size(); ++i) {
      if (!pairing.l_used[i] || !identifying(list_name.tokens[i])) continue;
      lo = std::min(lo, order(list_name.tokens[i]));
      hi = std::max(hi, order(list_name.tokens[i]));
      matched_words.insert(list_name.tokens[i].word);
    }
    bool optional_only = hi >= 0;
    for (std::size_t i = 0; i < list_name.tokens.size() && optional_only; ++i) {
      const NameToken& t = list_name.tokens[i];
      if (pairing.l_used[i] || !identifying(t)) continue;
      const int o = order(t);
      optional_only = patronymic(t.text) || t.text.size() == 1 ||
                      (o > lo && o < hi && !matched_words.count(t.word));
    }
    bool rare = false;
    for (std::size_t i = 0; i < query.tokens.size(); ++i) {
      const NameToken& t = query.tokens[i];
      if (pairing.q_used[i] && t.role == TokenRole::kName && t.text.size() > 1) {
        rare |= !freq || freq->rarity(t.text) >= kRareToken;
      }
    }
    list_complete = optional_only && rare;
  }
  const auto single_short = [](const NormalizedName& n, std::size_t ident) {
    if (ident != 1) return false;
    for (const NameToken& t : n.tokens) {
      if (identifying(t)) return t.text.size() <= kShortNameLetters;
    }
    return false;
  };
  const bool all_exact = std::all_of(c.pairs.begin(), c.pairs.end(),
                                     [](const TokenPair& p) { return p.similarity == 1.0; });
  // The words paired, countries aside, are ordinary English words of organisation names (on one
  // side at least, the other its abbreviation or variant: "info" ~ "information"), and one of
  // them is written differently: "Information Technology" ~ "Info Tech". Asked last, when no
  // other reason holds (a lookup per pair).
  const auto ordinary_only = [&] {
    bool words = false, written_differently = false;
    for (const TokenPair& p : c.pairs) {
      if (p.how == "country") continue;
      if (!vocab::is_generic_word(p.query) && !vocab::is_generic_word(p.list)) return false;
      words = true;
      written_differently |= p.similarity < 1.0;
    }
    return words && written_differently;
  };
  // No distinctive word (one that is not an ordinary word of organisation names) is the same on
  // both sides, and one is a typo of another first letter: "Tehran Trading Company" and the
  // SDN's "Behran Trading Company" are two parties more often than one misspelt.
  const auto distinctive_misspelt = [&] {
    bool other_first_letter = false;
    for (const TokenPair& p : c.pairs) {
      if (p.how == "country" || vocab::is_generic_word(p.query) || vocab::is_generic_word(p.list))
        continue;
      if (p.how != "typo") return false;
      other_first_letter |= p.query[0] != p.list[0];
    }
    return other_first_letter;
  };
  // An organisation's name paired by an initial ("A" / "AEE", "AP" / "A"), with no distinctive
  // word the same on both sides: initials are persons' (the patronymic rule above), a letter in
  // a company's name is a word of its own.
  const auto initials_only = [&] {
    bool initial = false;
    for (const TokenPair& p : c.pairs) {
      if (p.similarity == 1.0 && p.how != "country" && !vocab::is_generic_word(p.query) &&
          !vocab::is_place_word(p.query))
        return false;
      // An initial for an ordinary word is an abbreviation ("J/V" for "Joint Venture").
      initial |=
          p.how == "initial" && !vocab::is_generic_word(p.query.size() == 1 ? p.list : p.query);
    }
    return initial && !personal;
  };
  if (pairing.abjad_read || (pairing.han_syllables && !pairing.han_glossed)) {
    c.reason = PossibleReason::kCrossScript;
  } else if (c.type_factor < 1) {
    c.reason = PossibleReason::kKind;
  } else if (c.legal_form_factor < 1) {
    c.reason = PossibleReason::kLegalForm;
    c.reason_words = std::move(forms);
  } else if (c.number_factor < 1 || left.q_number || left.l_number) {
    c.reason = PossibleReason::kNumber;
    c.reason_words = std::move(left.numbers);
  } else if (c.country_factor < 1) {
    c.reason = PossibleReason::kCountry;
    c.reason_words = std::move(left.countries);
  } else if (!query_complete || !list_complete) {
    c.reason = PossibleReason::kPartialName;
    c.reason_words = c.unmatched_query;
    c.reason_words.insert(c.reason_words.end(), c.unmatched_list.begin(), c.unmatched_list.end());
  } else if ((single_short(query, q_ident) && single_short(list_name, l_ident)) ||
             (q_ident == 1 && l_ident == 1 && !all_exact) ||
             (!all_exact && (ordinary_only() || distinctive_misspelt() || initials_only()))) {
    // One word against one word: short ("EMMA"), or alike but not the same ("Technology",
    // "Technolyte"); or ordinary words only, written differently ("Information Technology",
    // "Info Tech"): many parties share such a name. Or its distinctive words only alike, one
    // with another first letter ("Tehran" / "Behran"). Or an organisation's name paired by
    // an initial alone.
    c.reason = PossibleReason::kShortName;
  }
  c.strength =
      c.reason == PossibleReason::kNone ? MatchStrength::kStrong : MatchStrength::kPossible;
}

}  // namespace

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
  const TokenFrequencies* freq = options.frequencies;

  std::vector<double> qw(query.tokens.size()), lw(list_name.tokens.size());
  double q_total = 0, l_total = 0;
  std::size_t q_ident = 0, l_ident = 0;
  for (std::size_t i = 0; i < query.tokens.size(); ++i) {
    qw[i] = token_weight(query.tokens[i], countries_are_names, freq);
    q_total += qw[i];
    q_ident += identifying(query.tokens[i]);
    if (!identifying(query.tokens[i])) c.weak_query.push_back(query.tokens[i].text);
  }
  for (std::size_t i = 0; i < list_name.tokens.size(); ++i) {
    lw[i] = token_weight(list_name.tokens[i], countries_are_names, freq);
    l_total += lw[i];
    l_ident += identifying(list_name.tokens[i]);
    if (!identifying(list_name.tokens[i])) c.weak_list.push_back(list_name.tokens[i].text);
  }
  if (q_total == 0 || l_total == 0) return c;
  // A one-word name of a few letters is an acronym or a short name: only its exact spelling
  // says anything ("SMIC" is not "SOMIC", whatever the edit distance).
  const auto short_single = [](const NormalizedName& n, std::size_t ident) {
    if (ident != 1) return false;
    for (const NameToken& t : n.tokens) {
      if (identifying(t)) return t.text.size() <= kAcronymMaxLetters;
    }
    return false;
  };
  const bool exact_only = short_single(query, q_ident) || short_single(list_name, l_ident);

  const Pairing pairing = pair_units(query, list_name, qw, lw, exact_only, c.pairs);
  Leftovers left = leftovers(query, list_name, pairing, countries_are_names, c);
  c.query_coverage = std::min(1.0, pairing.q_matched / q_total);
  c.list_coverage = std::min(1.0, pairing.l_matched / l_total);
  if (left.q_number && left.l_number) c.number_factor = kNumberMismatchFactor;
  if (left.q_country && left.l_country) {
    c.country_factor = kCountryMismatchFactor;
  } else if ((left.q_country || left.l_country) && !c.pairs.empty()) {
    c.country_factor = kCountryOneSidedFactor;
  }
  std::vector<std::string> forms = legal_forms(query, list_name, c);
  // Neither kind known: two names of two words or more with no legal form, stop word or
  // ordinary English word ("Bank", "Technology") are read as persons' names, whose list names
  // often hold middle names the query leaves out.
  const bool personal =
      c.kind == NameKind::kPerson ||
      (c.kind == NameKind::kUnknown && person_like(query) && person_like(list_name));
  if (personal) c.kind = NameKind::kPerson;
  c.score = std::pow(c.query_coverage, kQueryCoverageExponent) *
            std::pow(c.list_coverage, list_exponent(c.kind)) * c.number_factor * c.country_factor *
            c.type_factor * c.legal_form_factor;
  if (c.score <= 0) return c;
  judge_strength(query, list_name, pairing, std::move(left), std::move(forms), personal, q_ident,
                 l_ident, freq, c);
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
  out.reserve(term.size() + 2);  // one allocation at most, none when `out` is reused
  // The letters of "^" + term + "$", read in place.
  const auto letter = [&](std::size_t i) -> Trigram {
    if (i == 0) return '^';
    if (i == term.size() + 1) return '$';
    return static_cast<unsigned char>(term[i - 1]);
  };
  for (std::size_t i = 0; i + 3 <= term.size() + 2; ++i) {
    out.push_back((letter(i) << 16) | (letter(i + 1) << 8) | letter(i + 2));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Trigrams a typo may leave in common with the right term: each edit changes at most three.
std::size_t min_shared_trigrams(std::size_t grams, std::size_t len) {
  // Each edit changes at most three padded trigrams (a transposition four, counted as 1.5).
  // At least a third of them in any case: fewer shared trigrams is no typo but another word.
  const std::size_t edits = max_typo_edits(len, false);
  return std::max(grams > 3 * edits + 1 ? grams - 3 * edits - 1 : 1, (grams + 2) / 3);
}

bool has_any(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
  for (const auto& h : have) {
    if (std::find(wanted.begin(), wanted.end(), h) != wanted.end()) return true;
  }
  return false;
}

}  // namespace

struct PartyMatcher::Index final : TokenFrequencies {
  // Which index, in which state: renewed by every change (add, weigh_words_by), so that what a
  // thread remembers of an index's lookups (WordCache) is never read for another.
  std::uint64_t id = kWordCacheEntries > 0 ? next_id() : 0;
  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
  }

  std::vector<IndexedName> names;
  std::unordered_map<std::string, std::uint32_t> term_ids;
  std::vector<const std::string*> term_text;         // points into term_ids' keys
  std::vector<std::uint8_t> term_single;             // indexed by trigram and skeleton
  std::vector<std::vector<std::uint32_t>> postings;  // term -> names, ascending
  std::vector<std::uint32_t> person_names;           // term -> names of persons holding it
  std::unordered_map<Trigram, std::vector<std::uint32_t>> trigram_terms;
  std::unordered_map<std::string, std::vector<std::uint32_t>> skeleton_terms;
  std::unordered_map<std::string, std::vector<std::uint32_t>> single_letter_terms;
  // Short terms under each of their one-letter deletions, for one-edit typos (symmetric delete:
  // two words one edit apart share a deletion, or one is a deletion of the other).
  std::unordered_map<std::string, std::vector<std::uint32_t>> deletion_terms;
  // Acronyms the lists give in parentheses, and the initials of organisation names -> names.
  std::unordered_map<std::string, std::vector<std::uint32_t>> listed_acronyms;
  std::unordered_map<std::string, std::vector<std::uint32_t>> initials;

  // Whether two adjacent query words x, y read as one (a joined unit, xy) can reach any term:
  // a necessary condition, exact in what it lets through, cheap in what it turns away.
  //
  // A joined unit reaches a term t only if t == xy (the exact lookup), or, through the typo and
  // variant lookups, text_similarity(xy, t, joined) > 0, which for a joined unit is one of
  //   - one edit apart (substitution, insertion, deletion, adjacent transposition) with
  //     |t| - |xy| in {-1, 0, 1}: an edit inside x leaves y the end of t; an edit after x, or
  //     between x and y, leaves x the start of t; a transposition across the two leaves x less
  //     its last letter the start of t. Either way x less its last letter starts t, or y ends
  //     it;
  //   - equal once each run of a letter is written once (same_single_letters): x so written
  //     starts t so written, and the two have the same length so written.
  // So a pair is looked up only when (x less its last letter, |xy| + d) is a (prefix of a term,
  // its length), or (y, |xy| + d) a (suffix, length), for a d in {-1, 0, 1}, or (x with single
  // letters, |xy| with single letters) a (prefix, length) of a term with single letters. The
  // pairs are hashed into a Bloom filter (two bits a key, ~16 bits a key): a false "maybe"
  // costs a lookup, never a match.
  struct PairFilter {
    std::vector<std::uint64_t> bits;  // empty: not built, every pair is looked up
    std::uint64_t mask = 0;           // bits' size in bits, less one

    enum Kind : std::uint64_t { kPrefix = 1, kSuffix = 2, kSinglePrefix = 3 };
    static constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;
    static std::uint64_t step(std::uint64_t h, char c) {
      return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;  // FNV-1a
    }
    // A key is (kind, hash of its text, length): the first two mixed once, the length added
    // to the two bit positions taken from the mixed halves.
    static std::uint64_t mixed(Kind kind, std::uint64_t h) {
      std::uint64_t k = h ^ (kind << 56);
      k = (k ^ (k >> 30)) * 0xbf58476d1ce4e5b9ull;  // a 64-bit finalizer (splitmix64's)
      k = (k ^ (k >> 27)) * 0x94d049bb133111ebull;
      return k ^ (k >> 31);
    }
    std::array<std::uint64_t, 2> positions(std::uint64_t k, std::size_t length) const {
      const std::uint64_t l = static_cast<std::uint64_t>(length) * 0x9e3779b97f4a7c15ull;
      return {(k + l) & mask, ((k >> 32) + (l >> 32)) & mask};
    }
    void set(std::uint64_t k, std::size_t length) {
      for (const std::uint64_t b : positions(k, length)) bits[b >> 6] |= 1ull << (b & 63);
    }
    bool test(std::uint64_t k, std::size_t length) const {
      const auto [a, b] = positions(k, length);
      return (bits[a >> 6] >> (a & 63)) & (bits[b >> 6] >> (b & 63)) & 1;
    }

    void build(const std::vector<const std::string*>& terms) {
      bits.clear();
      mask = 0;
      if (terms.size() > kPairFilterMaxTerms) return;
      std::size_t keys = 0;
      for (const std::string* t : terms) keys += 3 * (t->size() + 1);
      std::size_t size = 64;
      while (size < 16 * keys) size *= 2;
      bits.assign(size / 64, 0);
      mask = size - 1;
      for (const std::string* t : terms) {
        const std::size_t n = t->size();
        const std::size_t single = single_letters(*t).size();
        std::uint64_t prefix = kFnvBasis, suffix = kFnvBasis, single_prefix = kFnvBasis;
        set(mixed(kPrefix, prefix), n);
        set(mixed(kSuffix, suffix), n);
        set(mixed(kSinglePrefix, single_prefix), single);
        for (std::size_t i = 0; i < n; ++i) {
          set(mixed(kPrefix, prefix = step(prefix, (*t)[i])), n);
          set(mixed(kSuffix, suffix = step(suffix, (*t)[n - 1 - i])), n);
          if (i == 0 || (*t)[i] != (*t)[i - 1]) {
            set(mixed(kSinglePrefix, single_prefix = step(single_prefix, (*t)[i])), single);
          }
        }
      }
    }

    // False when the pair x, y (both non-empty) reaches no term; true when it may.
    bool may_reach(std::string_view x, std::string_view y) const {
      if (bits.empty()) return true;
      const std::size_t n = x.size() + y.size();
      std::uint64_t prefix = kFnvBasis, suffix = kFnvBasis, single_prefix = kFnvBasis;
      std::size_t single = 0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (i + 1 < x.size()) prefix = step(prefix, x[i]);
        if (i == 0 || x[i] != x[i - 1]) single_prefix = step(single_prefix, x[i]), ++single;
      }
      for (std::size_t i = y.size(); i-- > 0;) suffix = step(suffix, y[i]);
      for (std::size_t i = 0; i < y.size(); ++i) {
        single += (i == 0 ? y[0] != x.back() : y[i] != y[i - 1]);
      }
      const std::uint64_t p = mixed(kPrefix, prefix), s = mixed(kSuffix, suffix);
      for (const std::size_t m : {n - 1, n, n + 1}) {
        if (test(p, m) || test(s, m)) return true;
      }
      return test(mixed(kSinglePrefix, single_prefix), single);
    }
  } pairs;

  std::uint32_t term(const std::string& text) {
    const auto [it, inserted] =
        term_ids.try_emplace(text, static_cast<std::uint32_t>(term_text.size()));
    if (inserted) {
      term_text.push_back(&it->first);
      term_single.push_back(0);
      postings.emplace_back();
      person_names.push_back(0);
    }
    return it->second;
  }

  void post(std::uint32_t term_id, std::uint32_t name_id, bool person = false) {
    auto& p = postings[term_id];
    if (p.empty() || p.back() != name_id) {
      p.push_back(name_id);
      person_names[term_id] += person;
    }
  }

  // The word statistics of weigh_words_by(): names, and names of persons, holding each term.
  // Empty when the indexed names are their own statistics.
  struct Held {
    std::uint32_t names = 0;
    std::uint32_t persons = 0;
  };
  std::unordered_map<std::string, Held> weighed_by;

  // How many names hold a term (0 when none does), and how many of them are persons'.
  Held held(std::string_view text) const {
    thread_local std::string key;
    key.assign(text);
    if (!weighed_by.empty()) {
      const auto it = weighed_by.find(key);
      return it == weighed_by.end() ? Held{} : it->second;
    }
    const auto it = term_ids.find(key);
    if (it == term_ids.end()) return {};
    return {static_cast<std::uint32_t>(postings[it->second].size()), person_names[it->second]};
  }
  std::size_t names_with(std::string_view text) const { return held(text).names; }

  double rarity(std::string_view text) const override {
    const double n = static_cast<double>(names_with(text));
    if (n <= kCommonFrom) return 1.0;
    return std::max(kMinRarity, 1.0 - kRarityPerDoubling * std::log2(n / kCommonFrom));
  }

  // Makes a single-token term findable by typo and by transliteration variant.
  void index_single(std::uint32_t term_id, std::vector<Trigram>& scratch) {
    if (term_single[term_id]) return;
    term_single[term_id] = 1;
    index_variants(term_id, scratch);
  }

  // The typo and variant lookups of a single-token term, once.
  EXPORTSCREEN_OUTLINED void index_variants(std::uint32_t term_id, std::vector<Trigram>& scratch) {
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
    const std::string skeleton = variant_key(text);
    if (skeleton.size() >= 2) skeleton_terms[skeleton].push_back(term_id);
    const std::string single = single_letters(text);
    if (single.size() >= 2) single_letter_terms[single].push_back(term_id);
  }

  // Acronyms of a name: the one it gives in parentheses, and for an organisation the initials
  // of its words (all but stop words, and the identifying ones alone).
  EXPORTSCREEN_SMALL EXPORTSCREEN_OUTLINED void index_acronyms(const NormalizedName& n,
                                                               std::uint32_t id, NameKind kind) {
    std::string all, ident;
    std::size_t words = 0;
    bool numbered = false;  // "Plant 25" has no initials
    const auto add_listed = [&](const std::string& acronym) {
      auto& v = listed_acronyms[acronym];
      if (v.empty() || v.back() != id) v.push_back(id);
    };
    // An acronym in parts ("(NSCC-TJ)", "(CETC 13)") is also found written as one: "nscctj".
    std::string parts;
    std::size_t part_count = 0;
    const auto end_parts = [&] {
      if (part_count > 1) add_listed(parts);
      parts.clear();
      part_count = 0;
    };
    for (const NameToken& t : n.tokens) {
      if (t.role == TokenRole::kAcronym) {
        add_listed(t.text);
        parts += t.text;
        ++part_count;
        continue;
      }
      end_parts();
      if (t.script != TokenScript::kLatin || t.role == TokenRole::kStopWord) continue;
      numbered |= t.role == TokenRole::kNumber;
      ++words;
      all += t.text.front();
      if (identifying(t)) ident += t.text.front();
    }
    end_parts();
    if (kind == NameKind::kPerson || words < 3 || numbered) return;
    for (const std::string* a : {&all, &ident}) {
      if (a->size() < kMinInitials || a->size() > kMaxInitials) continue;
      if (a == &ident && ident == all) continue;
      auto& v = initials[*a];
      if (v.empty() || v.back() != id) v.push_back(id);
    }
  }

  // The terms a name is found by: its identifying tokens (`single` true: findable by typo and
  // variant too), their alternative readings, and joined pairs of adjacent tokens.
  template <typename Visit>
  static void for_each_term(const std::vector<NameToken>& tokens, Visit&& visit) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const NameToken& t = tokens[i];
      if (identifying(t)) {
        visit(t.text, t.role != TokenRole::kNumber);
        if (!t.alt.empty()) visit(t.alt, false);
      }
      if (i + 1 < tokens.size() && t.role != TokenRole::kNumber &&
          tokens[i + 1].role != TokenRole::kNumber &&
          (identifying(t) || identifying(tokens[i + 1]))) {
        visit(t.text + tokens[i + 1].text, false);
      }
    }
  }

  void add_name(IndexedName name, std::vector<Trigram>& scratch) {
    const auto id = static_cast<std::uint32_t>(names.size());
    const bool person = name.kind == NameKind::kPerson;
    for_each_term(name.normalized.tokens, [&](const std::string& text, bool single) {
      const std::uint32_t tid = term(text);
      post(tid, id, person);
      if (single) index_single(tid, scratch);
    });
    index_acronyms(name.normalized, id, name.kind);
    names.push_back(std::move(name));
  }

  // Counts a name in weighed_by as add_name() posts it: once per term.
  void weigh_name(const NormalizedName& name, bool person) {
    std::vector<const std::string*> seen;
    for_each_term(name.tokens, [&](const std::string& text, bool) {
      const auto [it, inserted] = weighed_by.try_emplace(text);
      for (const std::string* k : seen) {
        if (k == &it->first) return;
      }
      seen.push_back(&it->first);
      ++it->second.names;
      it->second.persons += person;
    });
  }
};

PartyMatcher::PartyMatcher() : index_(std::make_unique<Index>()) {}
PartyMatcher::~PartyMatcher() = default;
PartyMatcher::PartyMatcher(PartyMatcher&&) noexcept = default;
PartyMatcher& PartyMatcher::operator=(PartyMatcher&&) noexcept = default;

std::size_t PartyMatcher::size() const noexcept { return index_->names.size(); }
std::size_t PartyMatcher::terms() const noexcept { return index_->term_text.size(); }
const TokenFrequencies& PartyMatcher::frequencies() const noexcept { return *index_; }

std::vector<NormalizedName> normalized_names(const ListSnapshot& list) {
  std::vector<NormalizedName> out;
  for (const ListEntry& e : list.entries) {
    out.push_back(normalize_name(e.name));
    for (const std::string& alias : e.alt_names) out.push_back(normalize_name(alias));
  }
  return out;
}

void PartyMatcher::add(const ListSnapshot& list) { add(list, list.normalized_names); }

void PartyMatcher::add(const ListSnapshot& list, std::vector<NormalizedName> normalized) {
  Index& ix = *index_;
  if constexpr (kWordCacheEntries > 0) ix.id = Index::next_id();
  std::size_t names = 0;
  for (const ListEntry& e : list.entries) names += 1 + e.alt_names.size();
  ix.names.reserve(ix.names.size() + names);
  ix.term_ids.reserve(ix.term_ids.size() + 2 * names);  // about two new terms a name
  // Normalized at build time (the built-in list), or now.
  const bool given = normalized.size() == names;
  std::size_t n = 0;
  const auto normalize = [&](const std::string& name) {
    return given ? std::move(normalized[n++]) : normalize_name(name);
  };
  std::vector<Trigram> scratch;
  for (const ListEntry& e : list.entries) {
    const NameKind kind = kind_of(e.type);
    ix.add_name({&e, &list.info, &e.name, false, kind, normalize(e.name)}, scratch);
    for (const std::string& alias : e.alt_names) {
      ix.add_name({&e, &list.info, &alias, true, kind, normalize(alias)}, scratch);
    }
  }
  if constexpr (kPairFilterMaxTerms > 0) ix.pairs.build(ix.term_text);
}

void PartyMatcher::weigh_words_by(const ListSnapshot& list) {
  Index& ix = *index_;
  if constexpr (kWordCacheEntries > 0) ix.id = Index::next_id();
  for (const ListEntry& e : list.entries) {
    const bool person = kind_of(e.type) == NameKind::kPerson;
    ix.weigh_name(normalize_name(e.name), person);
    for (const std::string& alias : e.alt_names) ix.weigh_name(normalize_name(alias), person);
  }
}

void PartyMatcher::weigh_words_by(const PartyMatcher& whole) {
  Index& ix = *index_;
  if constexpr (kWordCacheEntries > 0) ix.id = Index::next_id();
  const Index& from = *whole.index_;
  const auto add = [&](const std::string& text, Index::Held held) {
    Index::Held& mine = ix.weighed_by[text];
    mine.names += held.names;
    mine.persons += held.persons;
  };
  if (!from.weighed_by.empty()) {
    for (const auto& [text, held] : from.weighed_by) add(text, held);
    return;
  }
  for (std::size_t t = 0; t < from.term_text.size(); ++t) {
    add(*from.term_text[t],
        {static_cast<std::uint32_t>(from.postings[t].size()), from.person_names[t]});
  }
}

namespace {

bool entry_passes(const ListEntry& e, const MatchOptions& options) {
  if (!options.sources.empty() && std::find(options.sources.begin(), options.sources.end(),
                                            e.source_code) == options.sources.end()) {
    return false;
  }
  if (!options.programs.empty() && !has_any(options.programs, e.programs)) return false;
  if (!options.countries.empty()) {
    bool in = has_any(options.countries, e.nationalities);
    for (const Address& a : e.addresses) {
      in |= std::find(options.countries.begin(), options.countries.end(), a.country) !=
            options.countries.end();
    }
    if (!in) return false;
  }
  return true;
}

// A thread's buffers for the lookups of match(), reused from query to query: per term, how many
// trigrams it shares with the word looked up (zero between words) and the terms counted; the
// word's trigrams.
constexpr bool kKeepSlots = kNativeOnly;

struct LookupScratch {
  std::vector<std::uint16_t> shared_count;
  std::vector<std::uint32_t> counted;
  std::vector<Trigram> grams;
  std::vector<std::size_t> slot_of, slot_token;
  std::vector<double> slot_floor;
};

// Not inlined: a thread_local of a shared library (the Python module) is reached through a call
// (__tls_get_addr), which inlined was repeated at every use of the reference.
[[gnu::noinline]] LookupScratch& lookup_scratch() {
  thread_local LookupScratch scratch;
  return scratch;
}

// A single word's typo and variant hits in one index, and how many terms were verified to find
// them (MatchStats::probed).
struct WordHits {
  std::vector<std::pair<std::uint32_t, double>> hits;
  std::size_t probed = 0;
};

// What a thread remembers of the indexes it queried last: two, a delta screening's changed
// entries and its whole list. Each at most kWordCacheEntries words, then started afresh.
struct WordCache {
  std::uint64_t index_id = 0;
  std::unordered_map<std::string, WordHits> words;  // the word's script, then its text
};

WordCache& word_cache(std::uint64_t index_id) {
  thread_local std::array<WordCache, 2> caches;
  thread_local std::size_t last = 0;
  if (caches[last].index_id != index_id) {
    last ^= 1;
    if (caches[last].index_id != index_id) caches[last] = {index_id, {}};
  }
  if (caches[last].words.size() >= kWordCacheEntries) caches[last].words.clear();
  return caches[last];
}

}  // namespace

std::vector<PartyMatch> PartyMatcher::match(const MatchQuery& query, const MatchOptions& options,
                                            MatchStats* stats, MatchSummary* summary) const {
  const Index& ix = *index_;
  const NormalizedName q = normalize_name(query.name);
  std::vector<PartyMatch> out;
  if (summary) *summary = {};
  if (!q.has_identifying_tokens() || ix.names.empty()) return out;

  // The query's identifying tokens, tracked one by one for the upper bound. The vectors of the
  // query's lookups are this thread's, kept from query to query (no allocation a query).
  // (Natively; the module, whose size is budgeted, allocates them a query.)
  LookupScratch& scratch = lookup_scratch();  // one thread-local access a query
  [[maybe_unused]] std::vector<std::size_t> own_slot_of, own_slot_token;
  [[maybe_unused]] std::vector<double> own_slot_floor;
  std::vector<std::size_t>& slot_of = kKeepSlots ? scratch.slot_of : own_slot_of;
  std::vector<double>& slot_floor =  // a token's score with no index hit
      kKeepSlots ? scratch.slot_floor : own_slot_floor;
  std::vector<std::size_t>& slot_token =  // each slot's first query token
      kKeepSlots ? scratch.slot_token : own_slot_token;
  slot_of.assign(q.tokens.size(), kMaxTrackedTokens);
  slot_floor.clear();
  slot_token.clear();
  std::size_t identifying_tokens = 0;
  for (std::size_t i = 0; i < q.tokens.size(); ++i) {
    const NameToken& t = q.tokens[i];
    if (!identifying(t)) continue;
    ++identifying_tokens;
    // Copies of one token share its slot (they reach the same similarities), so a name that
    // repeats its words keeps an exact bound instead of counting the copies past
    // kMaxTrackedTokens as matched, which let nearly every candidate through (issue 16).
    const auto same = std::find_if(slot_token.begin(), slot_token.end(), [&](std::size_t k) {
      return q.tokens[k].text == t.text && q.tokens[k].role == t.role;
    });
    if (same != slot_token.end()) {
      slot_of[i] = static_cast<std::size_t>(same - slot_token.begin());
      continue;
    }
    if (slot_token.size() == kMaxTrackedTokens) continue;
    slot_of[i] = slot_token.size();
    slot_token.push_back(i);
    slot_floor.push_back(t.text.size() == 1 ? kInitialSimilarity : 0.0);
  }
  const std::size_t slots = slot_token.size();
  // A one-word query of a few letters (an acronym) is looked up exactly, never by typo.
  bool exact_only = false;
  if (identifying_tokens == 1) {
    for (const NameToken& t : q.tokens) {
      if (identifying(t)) exact_only = t.text.size() <= kAcronymMaxLetters;
    }
  }

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

  // Look every query unit up: exactly, by the lists' name variants, by trigrams (typos) and by
  // skeleton (variants).
  std::vector<std::uint16_t>& shared_count = scratch.shared_count;
  std::vector<std::uint32_t>& counted = scratch.counted;
  std::vector<Trigram>& grams = scratch.grams;
  shared_count.resize(ix.term_text.size());
  std::size_t probed = 0;
  std::vector<std::pair<std::uint32_t, double>> hits;
  [[maybe_unused]] WordCache* words = nullptr;  // this thread's lookups in `ix`, when needed
  // A pair of words the index's filter turns away reaches no term (Index::PairFilter).
  const auto pair_wanted = [&](const NameToken& a, const NameToken& b) {
    if constexpr (kPairFilterMaxTerms > 0) return ix.pairs.may_reach(a.text, b.text);
    return true;
  };
  for_each_unit(q, pair_wanted, [&](const NameToken& t, int first, int count, bool) {
    hits.clear();
    const auto exact = [&](const std::string& text, double sim) {
      if (const auto it = ix.term_ids.find(text); it != ix.term_ids.end())
        hits.push_back({it->second, sim});
    };
    exact(t.text, 1.0);
    if (!t.alt.empty()) exact(t.alt, 1.0);
    if (t.role != TokenRole::kNumber && !exact_only) {
      const auto fuzzy = [&](const NameToken& form) {
        const auto verify = [&](std::uint32_t term_id) {
          ++probed;
          const Similarity s = text_similarity(form.text, form.script, *ix.term_text[term_id],
                                               TokenScript::kLatin, count > 1);
          if (s.value > 0) hits.push_back({term_id, s.value});
        };
        const std::size_t len = form.text.size();
        // The lists' own variants of the word (Aly -> Ali), looked up exactly.
        if (form.script == TokenScript::kLatin && count == 1) {
          for (const std::string& v : vocab::name_variants_of(form.text)) {
            if (const auto it = ix.term_ids.find(v); it != ix.term_ids.end()) verify(it->second);
          }
        }
        // Three letters, the last two swapped (text_similarity).
        if (form.script == TokenScript::kLatin && count == 1 && len == 3) {
          const std::string swapped{form.text[0], form.text[2], form.text[1]};
          if (const auto it = ix.term_ids.find(swapped); it != ix.term_ids.end())
            verify(it->second);
        }
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
        if (form.script == TokenScript::kLatin && count == 1) {
          const auto it = ix.single_letter_terms.find(single_letters(form.text));
          if (it != ix.single_letter_terms.end()) {
            for (std::uint32_t term_id : it->second) verify(term_id);
          }
        }
        // Variants and Arabic-script consonants: terms with the same skeleton.
        const std::string skeleton = variant_key(form.text);
        if (skeleton.size() >= 2 && form.script != TokenScript::kHan &&
            (form.script == TokenScript::kAbjad || form.text.size() > kShortToken)) {
          if (const auto it = ix.skeleton_terms.find(skeleton); it != ix.skeleton_terms.end()) {
            for (std::uint32_t term_id : it->second) verify(term_id);
          }
        }
      };
      // A single word's hits depend on its text and script alone: remembered per thread.
      const auto remembered = [&](const NameToken& form) {
        if constexpr (kWordCacheEntries > 0) {
          if (count == 1) {
            if (!words) words = &word_cache(ix.id);
            WordCache& cache = *words;
            std::string key(1, static_cast<char>(form.script));
            key += form.text;
            if (const auto it = cache.words.find(key); it != cache.words.end()) {
              hits.insert(hits.end(), it->second.hits.begin(), it->second.hits.end());
              probed += it->second.probed;
              return;
            }
            const std::size_t first = hits.size(), probed_before = probed;
            fuzzy(form);
            cache.words.emplace(
                std::move(key),
                WordHits{{hits.begin() + static_cast<std::ptrdiff_t>(first), hits.end()},
                         probed - probed_before});
            return;
          }
        }
        fuzzy(form);
      };
      // A translated Chinese word is English text; its pinyin reading is found exactly above.
      if (t.script == TokenScript::kHan && !t.alt.empty()) {
        remembered({t.text, t.role, TokenScript::kLatin, t.alt});
      } else {
        remembered(t);
      }
    }
    for (const auto& [term_id, sim] : hits) touch(term_id, sim, first, count);
  });

  // The tokens' weights (a lookup each in the list's word counts): needed only for the bound
  // of the names reached, and most queries of a delta screening reach none.
  std::vector<double> slot_weight_name, slot_weight_org;  // countries as names / as countries
  double total_name = 0, total_org = 0;
  // Weight of untracked tokens (beyond kMaxTrackedTokens) counts as matched in the bound.
  double untracked_name = 0, untracked_org = 0;
  if (!row_of.empty()) {
    slot_weight_name.assign(slots, 0.0);
    slot_weight_org.assign(slots, 0.0);
    for (std::size_t i = 0; i < q.tokens.size(); ++i) {
      if (!identifying(q.tokens[i])) continue;
      const auto [as_name, as_org] = token_weights(q.tokens[i], &ix);
      const std::size_t s = slot_of[i];
      (s < slots ? slot_weight_name[s] : untracked_name) += as_name;
      (s < slots ? slot_weight_org[s] : untracked_org) += as_org;
    }
    for (std::size_t s = 0; s < slots; ++s) {
      total_name += slot_weight_name[s];
      total_org += slot_weight_org[s];
    }
    total_name += untracked_name;
    total_org += untracked_org;
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
  std::vector<std::uint32_t> name_of_out;  // per element of out: the name it was made on
  std::size_t unscored_leads = 0;          // distinctive-word leads counted but not scored
  std::vector<bool> is_lead;               // per element of out: a lead below the threshold
  const auto offer = [&](PartyMatch m, std::uint32_t name_id, bool lead = false) {
    const auto [it, inserted] = best_of_entry.emplace(m.entry, out.size());
    if (inserted) {
      out.push_back(std::move(m));
      name_of_out.push_back(name_id);
      is_lead.push_back(lead);
      return;
    }
    // A match in its own right is never replaced by a lead.
    if (lead && !is_lead[it->second]) return;
    if (!lead && is_lead[it->second]) {
      out[it->second] = std::move(m);
      name_of_out[it->second] = name_id;
      is_lead[it->second] = false;
      return;
    }
    PartyMatch& old = out[it->second];
    const bool stronger = m.strength == MatchStrength::kStrong && old.strength != m.strength;
    const bool weaker = old.strength == MatchStrength::kStrong && old.strength != m.strength;
    // Between names of one entry that score the same, the first in the entry wins (the primary
    // name, then the aliases as listed): the survivors come in hash-table order, and an index
    // over other entries (a delta screening's) must give the same matched name.
    if (!weaker && (stronger || m.score > old.score ||
                    (m.score == old.score && name_id < name_of_out[it->second]))) {
      old = std::move(m);
      name_of_out[it->second] = name_id;
    }
  };
  const auto scored = [&](const IndexedName& n) {
    PartyMatch m;
    m.entry = n.entry;
    m.list = n.list;
    m.matched_name = *n.text;
    m.alias = n.alias;
    NameComparison cmp = compare_names(q, n.normalized, {query.type, n.kind, &ix});
    m.score = cmp.score;
    m.strength = cmp.strength;
    m.reason = cmp.reason;
    m.reason_words = cmp.reason_words;
    if (!query.country.empty()) {
      for (const Address& a : n.entry->addresses) m.country_match |= a.country == query.country;
      for (const auto& c : n.entry->nationalities) m.country_match |= c == query.country;
      if (m.country_match && m.score > 0) m.score = std::min(1.0, m.score + kCountryBonus);
    }
    m.explanation = std::move(cmp);
    return m;
  };
  for (const auto& [name_id, row_index] : survivors) {
    const IndexedName& n = ix.names[name_id];
    if (!entry_passes(*n.entry, options)) continue;
    if (stats) ++stats->compared;
    PartyMatch m = scored(n);
    if (m.score <= 0 || m.score < options.min_score) continue;
    offer(std::move(m), name_id);
  }

  // Leads. A query that is not a person's name, made of one or two distinctive words (rare in
  // the loaded names, held mostly by organisations, not ordinary English words), is a lead to
  // every listed organisation name holding them all: "Huawei" alone names no entity, but a
  // reviewer must see the hundred-odd Huawei entries.
  if (query.type != NameKind::kPerson) {
    std::vector<std::string> words;
    bool plain = true;
    for (std::size_t i = 0; i < q.tokens.size(); ++i) {
      const NameToken& t = q.tokens[i];
      if (t.role == TokenRole::kNumber || t.role == TokenRole::kCountry) plain = false;
      if (t.role != TokenRole::kName) continue;
      // Chinese syllables are read two by two as one word (华为 "hua wei" = "huawei", 中芯
      // "zhong xin" = "zhongxin") when the loaded names hold it.
      if (t.script == TokenScript::kHan && t.alt.empty() && i + 1 < q.tokens.size() &&
          q.tokens[i + 1].script == TokenScript::kHan && q.tokens[i + 1].alt.empty() &&
          q.tokens[i + 1].role == TokenRole::kName &&
          ix.term_ids.count(t.text + q.tokens[i + 1].text)) {
        words.push_back(t.text + q.tokens[i + 1].text);
        ++i;
        continue;
      }
      // Ordinary words, and the province a Chinese company name begins with, which the lists
      // often leave out ("Zhejiang Dahua Technology" is listed as "Dahua Technology").
      if (vocab::is_generic_word(t.text) || vocab::is_place_word(t.text)) continue;
      words.push_back(t.text);
    }
    const auto distinctive = [&](const std::string& w) {
      if (!ix.term_ids.count(w) || w.size() < 3) return false;
      const auto [n, persons] = ix.held(w);
      return n <= kDistinctiveMaxNames && 4 * persons <= n;
    };
    if (plain && !words.empty() && words.size() <= 2 &&
        std::all_of(words.begin(), words.end(), distinctive)) {
      // The names holding every word: the rarest word's postings, checked against the others.
      std::sort(words.begin(), words.end(), [&](const std::string& a, const std::string& b) {
        return ix.names_with(a) < ix.names_with(b);
      });
      const auto& first = ix.postings[ix.term_ids.at(words[0])];
      std::string group;
      for (const auto& w : words) group += (group.empty() ? "" : " ") + w;
      std::vector<const IndexedName*> held;
      std::unordered_set<const ListEntry*> entries;
      for (std::uint32_t id : first) {
        const IndexedName& n = ix.names[id];
        if (n.kind == NameKind::kPerson) continue;
        bool all = true;
        for (std::size_t k = 1; k < words.size() && all; ++k) {
          const auto& p = ix.postings[ix.term_ids.at(words[k])];
          all = std::binary_search(p.begin(), p.end(), id);
        }
        if (!all || !entry_passes(*n.entry, options)) continue;
        held.push_back(&n);
        entries.insert(n.entry);
      }
      // Every entry is counted; the shortest names (the likeliest to rank first) are scored,
      // enough of them to fill `limit`, so a brand held by hundreds of names costs no more
      // than a few dozen comparisons (a batch of 10,000 "Huawei" rows stays fast).
      std::stable_sort(held.begin(), held.end(), [](const IndexedName* a, const IndexedName* b) {
        return a->normalized.tokens.size() < b->normalized.tokens.size();
      });
      const std::size_t to_score = std::max<std::size_t>(options.limit, 10) * 2;
      std::unordered_set<const ListEntry*> scored_entries;
      for (const IndexedName* n : held) {
        if (scored_entries.size() >= to_score) break;
        scored_entries.insert(n->entry);
      }
      std::unordered_set<const ListEntry*> counted;
      for (const IndexedName* n : held) {
        if (!scored_entries.count(n->entry)) {
          if (!best_of_entry.count(n->entry) && counted.insert(n->entry).second) ++unscored_leads;
          continue;
        }
        if (stats) ++stats->compared;
        PartyMatch m = scored(*n);
        if (m.score >= options.min_score) {  // a match in its own right
          offer(std::move(m), static_cast<std::uint32_t>(n - ix.names.data()));
          continue;
        }
        m.strength = MatchStrength::kPossible;
        m.reason = PossibleReason::kDistinctiveWord;
        m.reason_words = words;
        m.group = group;
        m.group_entries = entries.size();
        offer(std::move(m), static_cast<std::uint32_t>(n - ix.names.data()), true);
      }
      if (summary && !entries.empty()) summary->groups.push_back({group, entries.size()});
    }
    // Acronyms: the query as an acronym the list gives, or as the initials of an organisation
    // name ("NUDT", "SMIC"); a query of short parts, unless it names a person, as an acronym the
    // list gives in parts ("NSCC-TJ", "CETC 13": looked up as "nscctj", "cetc13").
    std::string acronym;
    bool parts = identifying_tokens > 1 && query.type != NameKind::kPerson;
    for (const NameToken& t : q.tokens) {
      if (!identifying(t)) continue;
      if (identifying_tokens == 1 && t.role == TokenRole::kName &&
          t.script == TokenScript::kLatin && t.text.size() >= 2 && t.text.size() <= kMaxInitials) {
        acronym = t.text;
      }
      parts = parts && t.script == TokenScript::kLatin && t.text.size() <= kAcronymMaxLetters;
      if (parts) acronym += t.text;
    }
    if (identifying_tokens > 1 && !parts) acronym.clear();
    for (const auto* table : {&ix.listed_acronyms, &ix.initials}) {
      const bool listed = table == &ix.listed_acronyms;
      const auto it = acronym.empty() || (!listed && identifying_tokens > 1) ? table->end()
                                                                             : table->find(acronym);
      if (it == table->end()) continue;
      for (std::uint32_t id : it->second) {
        const IndexedName& n = ix.names[id];
        if (!entry_passes(*n.entry, options)) continue;
        PartyMatch m = scored(n);
        if (m.score >= options.min_score) {  // a match in its own right
          offer(std::move(m), id);
          continue;
        }
        m.score = listed ? kListedAcronymScore : kInitialsScore;
        m.strength = MatchStrength::kPossible;
        m.reason = PossibleReason::kAcronym;
        m.reason_words = {acronym};
        offer(std::move(m), id, true);
      }
    }
  }

  // Strong first, then best first; ties in a stable order (the list's own order) so results
  // are reproducible.
  std::sort(out.begin(), out.end(), [](const PartyMatch& a, const PartyMatch& b) {
    if (a.strength != b.strength) return a.strength == MatchStrength::kStrong;
    if (a.score != b.score) return a.score > b.score;
    if (a.list != b.list) return a.list->label < b.list->label;
    return a.entry < b.entry;  // entries of one list lie in list order
  });
  if (summary) {
    summary->total = out.size() + unscored_leads;
    summary->possible = unscored_leads;
    for (const PartyMatch& m : out) {
      (m.strength == MatchStrength::kStrong ? summary->strong : summary->possible) += 1;
    }
  }
  if (out.size() > options.limit) out.resize(options.limit);
  return out;
}

}  // namespace exportscreen
