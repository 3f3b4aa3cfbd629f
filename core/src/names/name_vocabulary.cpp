// Legal forms, stop words and name particles used by normalize_name, and the generated country
// and Chinese-glossary tables.
//
// Legal forms: abbreviations and full names of entity legal forms as listed in the ISO 20275
// Entity Legal Forms (ELF) code list maintained by GLEIF (https://www.gleif.org/en/about-lei/
// code-lists/iso-20275-entity-legal-forms-code-list, version 1.5 of 2023-09), for the
// jurisdictions that dominate the screening lists (CN, HK, TW, RU, BY, UA, KZ, IR, AE, TR, US, GB,
// DE, AT, CH, FR, BE, NL, IT, ES, PT, BR, MX, PL, CZ, SK, HU, SE, NO, DK, FI, JP, KR, SG, MY, ID,
// IN, PK). Written in folded form (unicode.h): Cyrillic ООО folds to "ooo", 有限公司 to the
// pinyin "you xian gong si". The Russian long forms appear in both the BGN/PCGN spelling
// ("obshchestvo s ogranichennoy otvetstvennostyu") and the one OFAC prints ("... ogranichennoi
// ...", "aktsionernoe"), as both occur on the lists.
//
// Stop words: the connecting words the CSL fuzzy search also drops (ITA webservices
// lib/fuzzy_name_stops.rb) plus their French/Spanish/Portuguese/German/Dutch forms, and the
// Arabic name particles (al, el, bin, ibn, bint: "the", "son of", "daughter of"; "bn", بن as
// transliterated without its vowel; ul/ud/ur, the
// article assimilated in names such as Zia-ul-Haq), which OFAC and the UN write joined, hyphenated
// or apart ("AL-RAWI", "AL RAWI", "ALRAWI"). Honorifics are weak too: the UN Consolidated
// List records Haji, Mullah, Maulavi, Qari, Mufti and Sheikh in its separate TITLE field, as
// titles, not names; Mr/Mrs/Ms/Dr likewise.
#include "names/name_vocabulary.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "native_only.h"
namespace exportscreen::vocab {
namespace {

#include "han_glossary.inc"

// A glossary entry: the Chinese word and its English. A pair (not a struct of its own) so that
// sorting it shares std::sort's code with the variant pairs below: each instantiation costs the
// .wasm a few KB.
using HanGloss = std::pair<std::string_view, std::string_view>;

// The glossary's text: "english\tword\tword...\n" lines (the words sharing a translation,
// simplified and traditional forms above all, give it once), sorted by the English; a place's
// English ends in "@" ("chengdu@").
constexpr std::string_view kGlossaryText(kHanGlossary, sizeof(kHanGlossary) - 1);

// Calls visit(english, words) for each line of the glossary: english as written (a place's with
// its "@"), words the rest of the line ("word\tword...").
template <typename Visit>
void for_each_gloss_line(Visit&& visit) {
  std::string_view rest = kGlossaryText;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    const std::size_t tab = line.find('\t');
    visit(line.substr(0, tab),
          tab == std::string_view::npos ? std::string_view{} : line.substr(tab + 1));
  }
}

// The glossary's entries, indexed once from its text, sorted by the words' UTF-8 bytes: built
// on the first Chinese word to gloss, not for a name in Latin letters.
const std::vector<HanGloss>& han_glossary() {
  static const std::vector<HanGloss> entries = [] {
    std::vector<HanGloss> g;
    g.reserve(kHanGlossaryCount);
    for_each_gloss_line([&](std::string_view english, std::string_view words) {
      if (english.ends_with('@')) english.remove_suffix(1);
      while (!words.empty()) {
        const std::size_t tab = words.find('\t');
        g.push_back({words.substr(0, tab), english});
        words.remove_prefix(tab == std::string_view::npos ? words.size() : tab + 1);
      }
    });
    std::sort(g.begin(), g.end());  // by the word (each once), then the English
    return g;
  }();
  return entries;
}

// The places' English words, in order: the text is sorted by its English, and "@" sorts before
// letters. Read without building the glossary, which a name in Latin letters does not need.
const std::vector<std::string_view>& han_places() {
  static const std::vector<std::string_view> places = [] {
    std::vector<std::string_view> v;
    for_each_gloss_line([&](std::string_view english, std::string_view) {
      if (english.ends_with('@')) v.push_back(english.substr(0, english.size() - 1));
    });
    return v;
  }();
  return places;
}
#include "name_countries.inc"
#include "name_tables.inc"

// A packed table "a\tb\n..." or "w\n..." (name_tables.inc) as sorted lines.
std::vector<std::string_view> lines_of(std::string_view packed, std::size_t count) {
  std::vector<std::string_view> v;
  v.reserve(count);
  while (!packed.empty()) {
    const std::size_t end = packed.find('\n');
    v.push_back(packed.substr(0, end));
    packed.remove_prefix(end + 1);
  }
  return v;
}

constexpr LegalForm kLegalForms[] = {
    // China (ELF: 有限公司, 股份有限公司, 有限责任公司), Japan 株式会社, Korea 주식회사: the
    // folded pinyin / romanisation of the characters.
    {"gu fen you xian gong si", "co ltd", true},
    {"you xian ze ren gong si", "co ltd", true},
    {"you xian gong si", "co ltd", true},
    {"zhu shi hui she", "kk", true},
    {"gong si", "co", true},
    // The same in pinyin as the lists write it, a word of two syllables each ("Zhongxin Guoji
    // Jicheng Dianlu Zhizao Youxian Gongsi", Entity List, SMIC).
    {"gufen youxian gongsi", "co ltd"},
    {"youxian zeren gongsi", "co ltd"},
    {"youxian gongsi", "co ltd"},
    {"jusighoesa", "co", true},
    // Russia, Belarus, Kazakhstan (ELF RU/BY/KZ), Ukraine (ELF UA: TOV).
    {"obshchestvo s ogranichennoy otvetstvennostyu", "llc"},
    {"obshchestvo s ogranichennoi otvetstvennostyu", "llc"},
    {"publichnoye aktsionernoye obshchestvo", "pjsc"},
    {"publichnoe aktsionernoe obshchestvo", "pjsc"},
    {"zakrytoye aktsionernoye obshchestvo", "cjsc"},
    {"zakrytoe aktsionernoe obshchestvo", "cjsc"},
    {"otkrytoye aktsionernoye obshchestvo", "ojsc"},
    {"otkrytoe aktsionernoe obshchestvo", "ojsc"},
    {"nepublichnoe aktsionernoe obshchestvo", "jsc"},
    {"aktsionernoye obshchestvo", "jsc"},
    {"aktsionernoe obshchestvo", "jsc"},
    {"federalnoye gosudarstvennoye unitarnoye predpriyatiye", "fsue"},
    {"federalnoe gosudarstvennoe unitarnoe predpriyatie", "fsue"},
    {"gosudarstvennoe unitarnoe predpriyatie", "sue"},
    {"tovarystvo z obmezhenoyu vidpovidalnistyu", "llc"},
    {"ooo", "llc"},
    {"tov", "llc"},
    {"pao", "pjsc"},
    {"zao", "cjsc"},
    {"oao", "ojsc"},
    {"ao", "jsc"},
    {"fgup", "fsue"},
    {"gup", "sue"},
    // English-speaking jurisdictions (ELF US, GB, HK, SG, MY, IN, PK), UAE free zones.
    {"public joint stock company", "pjsc"},
    {"closed joint stock company", "cjsc"},
    {"open joint stock company", "ojsc"},
    {"joint stock company", "jsc"},
    {"limited liability company", "llc"},
    {"limited liability partnership", "llp"},
    {"limited partnership", "lp"},
    {"public limited company", "plc"},
    {"private limited company", "ltd"},
    {"company limited", "co ltd"},
    {"co limited", "co ltd"},
    {"company ltd", "co ltd"},
    {"private limited", "ltd"},
    {"pvt ltd", "ltd"},
    {"pte ltd", "ltd"},
    {"pty ltd", "ltd"},
    {"sdn bhd", "ltd"},
    {"l l c", "llc"},
    {"l l p", "llp"},
    {"incorporated", "inc"},
    {"corporation", "corp"},
    {"company", "co"},
    {"limited", "ltd"},
    {"pjsc", "pjsc"},
    {"ojsc", "ojsc"},
    {"cjsc", "cjsc"},
    {"jsc", "jsc"},
    {"llc", "llc"},
    {"llp", "llp"},
    {"lllp", "llp"},
    {"pllc", "llc"},
    {"plc", "plc"},
    {"ltd", "ltd"},
    {"inc", "inc"},
    {"corp", "corp"},
    {"co", "co"},
    {"pte", "pte"},
    {"pty", "pty"},
    {"pvt", "pvt"},
    {"bhd", "bhd"},
    {"fze", "fze"},
    {"fzco", "fzco"},
    {"fzc", "fzc"},
    {"fzllc", "llc"},
    {"fz llc", "llc"},
    {"dmcc", "dmcc"},
    // Germany, Austria, Switzerland, the Netherlands, Belgium, the Nordic countries.
    {"gesellschaft mit beschrankter haftung", "gmbh"},
    {"gmbh co kg", "gmbh kg"},
    {"aktiengesellschaft", "ag"},
    {"gmbh", "gmbh"},
    {"ag", "ag"},
    {"kg", "kg"},
    {"ohg", "ohg"},
    {"b v", "bv"},
    {"n v", "nv"},
    {"bv", "bv"},
    {"nv", "nv"},
    {"bvba", "bvba"},
    {"u a", "ua"},
    {"oy", "oy"},
    {"oyj", "oyj"},
    {"ab", "ab"},
    {"aps", "aps"},
    {"asa", "asa"},
    {"a s", "as"},
    // France, Spain, Portugal, Italy, Latin America.
    {"sociedad anonima", "sa"},
    {"societe anonyme", "sa"},
    {"sociedade anonima", "sa"},
    {"societa per azioni", "spa"},
    {"sociedad de responsabilidad limitada", "srl"},
    {"societe a responsabilite limitee", "sarl"},
    {"sa de cv", "sa"},
    {"s a de c v", "sa"},
    {"s de rl de cv", "srl"},
    {"s de rl", "srl"},
    {"s a r l", "sarl"},
    {"s a s", "sas"},
    {"s r l", "srl"},
    {"s p a", "spa"},
    {"s a", "sa"},
    {"sarl", "sarl"},
    {"eurl", "sarl"},
    {"sas", "sas"},
    {"srl", "srl"},
    {"spa", "spa"},
    {"sa", "sa"},
    {"ltda", "ltda"},
    {"eireli", "ltda"},
    {"cia ltda", "co ltda"},
    {"cia", "co"},
    // Central Europe.
    {"sp z o o", "llc"},
    {"s r o", "sro"},
    {"sro", "sro"},
    {"d o o", "doo"},
    {"doo", "doo"},
    {"kft", "kft"},
    {"zrt", "zrt"},
    // Japan, Turkey, Iran, the Arab world, Indonesia.
    {"kabushiki kaisha", "kk"},
    {"k k", "kk"},
    {"kk", "kk"},
    {"limited sirketi", "ltd"},
    {"anonim sirketi", "as"},
    {"sirketi", "co"},
    {"sherkat", "co"},
    {"sharikat", "co"},
    {"tbk", "tbk"},
};

// Sorted for binary search.
constexpr std::array<std::string_view, 53> kStopWords = {
    "a",   "al",    "an",    "and",    "at",      "bin",    "bint",    "bn",     "da",
    "das", "de",    "del",   "della",  "der",     "des",    "di",      "do",     "dos",
    "dr",  "du",    "e",     "el",     "et",      "for",    "haji",    "hajji",  "ibn",
    "in",  "la",    "le",    "les",    "maulavi", "maulvi", "mawlawi", "mr",     "mrs",
    "ms",  "mufti", "mulla", "mullah", "of",      "qari",   "shaikh",  "shaykh", "sheikh",
    "the", "ud",    "ul",    "und",    "ur",      "van",    "von",     "y"};

static_assert(std::is_sorted(kStopWords.begin(), kStopWords.end()));

// For a table of lower-case words: per first letter, a bit for each length a word of the table
// has. A word whose bit is unset is not in the table, which most words of a name show at once
// (a binary search costs a few string comparisons).
template <typename Words, typename Text>
constexpr std::array<std::uint32_t, 26> lengths_by_letter(const Words& words, Text text) {
  std::array<std::uint32_t, 26> bits{};
  for (const auto& w : words)
    bits[static_cast<std::size_t>(text(w)[0] - 'a')] |= 1u << text(w).size();
  return bits;
}

// Native only: the module's size is budgeted (docs/benchmarks.md), and the tables are data.
constexpr bool kLengthMasks = kNativeOnly;

constexpr bool may_hold(const std::array<std::uint32_t, 26>& bits, std::string_view w) {
  return !kLengthMasks || (!w.empty() && w.size() < 32 && w[0] >= 'a' && w[0] <= 'z' &&
                           (bits[static_cast<std::size_t>(w[0] - 'a')] >> w.size() & 1u));
}

constexpr auto kStopWordLengths =
    lengths_by_letter(kStopWords, [](std::string_view w) { return w; });

}  // namespace

std::span<const LegalForm> legal_forms() { return kLegalForms; }

bool is_stop_word(std::string_view token) {
  return may_hold(kStopWordLengths, token) &&
         std::binary_search(kStopWords.begin(), kStopWords.end(), token);
}

namespace {

// A packed table "a\tb\n..." (name_countries.inc) as sorted pairs.
std::vector<CountryPhrase> pairs_of(std::string_view packed, std::size_t count) {
  std::vector<CountryPhrase> v;
  v.reserve(count);
  for (std::string_view line : lines_of(packed, count)) {
    const std::size_t tab = line.find('\t');
    v.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return v;
}

}  // namespace

std::span<const CountryPhrase> country_phrases() {
  static const std::vector<CountryPhrase> phrases =
      pairs_of({kCountryPhrases, sizeof kCountryPhrases - 1}, kCountryPhraseCount);
  return phrases;
}

bool is_place_word(std::string_view word) {
  static const std::vector<std::string_view> regions =
      lines_of({kPlaceWords, sizeof kPlaceWords - 1}, kPlaceWordCount);
  const auto& cities = han_places();
  return std::binary_search(regions.begin(), regions.end(), word) ||
         std::binary_search(cities.begin(), cities.end(), word);
}

std::string_view country_of_code(std::string_view lower_code) {
  static const std::vector<CountryPhrase> codes =
      pairs_of({kCountryCodes, sizeof kCountryCodes - 1}, kCountryCodeCount);
  const auto it = std::lower_bound(
      codes.begin(), codes.end(), lower_code,
      [](const CountryPhrase& c, std::string_view code) { return c.phrase < code; });
  return it != codes.end() && it->phrase == lower_code ? it->code : std::string_view{};
}

std::string_view han_gloss(std::string_view han_word) {
  const auto& glossary = han_glossary();
  const auto it =
      std::lower_bound(glossary.begin(), glossary.end(), han_word,
                       [](const HanGloss& g, std::string_view w) { return g.first < w; });
  if (it == glossary.end() || it->first != han_word) return {};
  return it->second;
}

std::size_t han_gloss_max_chars() { return kHanGlossaryMaxChars; }

namespace {

// The variant pairs both ways, sorted: the table holds each pair once (name_tables.inc).
using VariantPair = std::pair<std::string_view, std::string_view>;
const std::vector<VariantPair>& variant_pairs() {
  static const std::vector<VariantPair> pairs = [] {
    std::vector<VariantPair> v;
    v.reserve(2 * kNameVariantCount);
    for (std::string_view line :
         lines_of({kNameVariants, sizeof(kNameVariants) - 1}, kNameVariantCount)) {
      const std::size_t tab = line.find('\t');
      v.emplace_back(line.substr(0, tab), line.substr(tab + 1));
      v.emplace_back(line.substr(tab + 1), line.substr(0, tab));
    }
    std::sort(v.begin(), v.end());
    return v;
  }();
  return pairs;
}

}  // namespace

std::vector<std::string> name_variants_of(std::string_view word) {
  const auto& pairs = variant_pairs();
  std::vector<std::string> out;
  for (auto it = std::lower_bound(pairs.begin(), pairs.end(), VariantPair{word, {}});
       it != pairs.end() && it->first == word; ++it) {
    out.emplace_back(it->second);
  }
  return out;
}

bool name_variants(std::string_view a, std::string_view b) {
  const auto& pairs = variant_pairs();
  return std::binary_search(pairs.begin(), pairs.end(), VariantPair{a, b});
}

std::span<const Translation> english_words() {
  static const std::vector<Translation> table = [] {
    std::vector<Translation> v;
    for (std::string_view line : lines_of({kEnglishWords, sizeof(kEnglishWords) - 1}, 48)) {
      const std::size_t tab = line.find('\t');
      v.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    std::stable_sort(v.begin(), v.end(), [](const Translation& a, const Translation& b) {
      return a.phrase.size() > b.phrase.size();
    });
    return v;
  }();
  return table;
}

bool is_generic_word(std::string_view word) {
  static const std::vector<std::string_view> words =
      lines_of({kGenericWords, sizeof(kGenericWords) - 1}, kGenericWordCount);
  return std::binary_search(words.begin(), words.end(), word);
}

char legal_form_kind(std::string_view c) {
  // ISO 20275 ELF: the private limited-liability forms, the joint-stock (share) forms and the
  // partnerships of the jurisdictions above; "co", "corp", "inc", "pte" and the state
  // enterprises (fsue, sue) name no kind.
  static constexpr std::array<std::string_view, 22> kLimited = {
      "aps", "bhd",  "bv", "bvba", "doo", "fzc",  "fzco", "fze", "gmbh", "kft", "llc",
      "ltd", "ltda", "oy", "pty",  "pvt", "sarl", "sas",  "sdn", "srl",  "sro", "tov"};
  static constexpr std::array<std::string_view, 15> kShare = {"ab",   "ag",  "as", "asa",  "cjsc",
                                                              "jsc",  "kk",  "nv", "ojsc", "oyj",
                                                              "pjsc", "plc", "sa", "spa",  "zrt"};
  static constexpr std::array<std::string_view, 5> kPartnership = {"kg", "llp", "lp", "ohg", "ua"};
  static_assert(std::is_sorted(kLimited.begin(), kLimited.end()));
  static_assert(std::is_sorted(kShare.begin(), kShare.end()));
  static_assert(std::is_sorted(kPartnership.begin(), kPartnership.end()));
  if (std::binary_search(kLimited.begin(), kLimited.end(), c)) return 'L';
  if (std::binary_search(kShare.begin(), kShare.end(), c)) return 'S';
  if (std::binary_search(kPartnership.begin(), kPartnership.end(), c)) return 'P';
  return 0;
}

int number_word(std::string_view w, bool* tens) {
  // English cardinals and ordinals as registrars spell numbers out ("Forty-Four", "First").
  struct NumberWord {
    std::string_view word;
    int value;
  };
  static constexpr NumberWord kWords[] = {
      {"eight", 8},       {"eighteen", 18}, {"eighteenth", 18}, {"eighth", 8},
      {"eighty", 80},     {"eleven", 11},   {"eleventh", 11},   {"fifteen", 15},
      {"fifteenth", 15},  {"fifth", 5},     {"fifty", 50},      {"first", 1},
      {"five", 5},        {"forty", 40},    {"four", 4},        {"fourteen", 14},
      {"fourteenth", 14}, {"fourth", 4},    {"nine", 9},        {"nineteen", 19},
      {"nineteenth", 19}, {"ninety", 90},   {"ninth", 9},       {"one", 1},
      {"second", 2},      {"seven", 7},     {"seventeen", 17},  {"seventeenth", 17},
      {"seventh", 7},     {"seventy", 70},  {"six", 6},         {"sixteen", 16},
      {"sixteenth", 16},  {"sixth", 6},     {"sixty", 60},      {"ten", 10},
      {"tenth", 10},      {"third", 3},     {"thirteen", 13},   {"thirteenth", 13},
      {"thirty", 30},     {"three", 3},     {"twelfth", 12},    {"twelve", 12},
      {"twentieth", 20},  {"twenty", 20},   {"two", 2}};
  static constexpr auto kLengths =
      lengths_by_letter(kWords, [](const NumberWord& n) { return n.word; });
  if (!may_hold(kLengths, w)) return -1;
  const auto it =
      std::lower_bound(std::begin(kWords), std::end(kWords), w,
                       [](const NumberWord& n, std::string_view x) { return n.word < x; });
  if (it == std::end(kWords) || it->word != w) return -1;
  if (tens) *tens = it->value >= 20 && it->value % 10 == 0 && !w.ends_with("th");
  return it->value;
}

}  // namespace exportscreen::vocab
