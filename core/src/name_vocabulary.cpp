// Legal forms and stop words used by normalize_name.
//
// Legal forms: abbreviations and full names of entity legal forms as listed in the ISO 20275
// Entity Legal Forms code list maintained by GLEIF (https://www.gleif.org/en/about-lei/
// code-lists/iso-20275-entity-legal-forms-code-list), for the jurisdictions that dominate the
// screening lists (CN, HK, RU, BY, UA, IR, AE, US, GB, DE, FR, NL, IT, ES, JP, SG, MY, TR).
// Written here in folded form (unicode.h): Cyrillic ООО folds to "ooo", 有限公司 to the pinyin
// "you xian gong si". Stop words: the connecting words the CSL fuzzy search also drops
// (ITA webservices lib/fuzzy_name_stops.rb) plus their French/Spanish/Portuguese/German forms.
#include "name_vocabulary.h"

#include <algorithm>
#include <array>

namespace exportscreen::vocab {
namespace {

constexpr LegalForm kLegalForms[] = {
    // Chinese (pinyin of the folded Han characters): 股份有限公司, 有限责任公司, 有限公司, 公司.
    {"gu fen you xian gong si", "co ltd"},
    {"you xian ze ren gong si", "co ltd"},
    {"you xian gong si", "co ltd"},
    {"gong si", "co"},
    // Russian/Belarusian/Ukrainian, full and abbreviated (BGN/PCGN transliteration).
    {"obshchestvo s ogranichennoy otvetstvennostyu", "llc"},
    {"publichnoye aktsionernoye obshchestvo", "pjsc"},
    {"zakrytoye aktsionernoye obshchestvo", "cjsc"},
    {"otkrytoye aktsionernoye obshchestvo", "ojsc"},
    {"aktsionernoye obshchestvo", "jsc"},
    {"federalnoye gosudarstvennoye unitarnoye predpriyatiye", "fsue"},
    {"ooo", "llc"},
    {"tov", "llc"},
    {"pao", "pjsc"},
    {"zao", "cjsc"},
    {"oao", "ojsc"},
    {"ao", "jsc"},
    {"fgup", "fsue"},
    // English.
    {"public joint stock company", "pjsc"},
    {"closed joint stock company", "cjsc"},
    {"open joint stock company", "ojsc"},
    {"joint stock company", "jsc"},
    {"limited liability company", "llc"},
    {"limited liability partnership", "llp"},
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
    // German, Dutch, Nordic.
    {"gesellschaft mit beschrankter haftung", "gmbh"},
    {"aktiengesellschaft", "ag"},
    {"gmbh", "gmbh"},
    {"ag", "ag"},
    {"kg", "kg"},
    {"b v", "bv"},
    {"n v", "nv"},
    {"bv", "bv"},
    {"nv", "nv"},
    {"u a", "ua"},
    {"oy", "oy"},
    {"oyj", "oyj"},
    {"ab", "ab"},
    {"a s", "as"},
    // Romance languages.
    {"sociedad anonima", "sa"},
    {"societe anonyme", "sa"},
    {"sa de cv", "sa"},
    {"s a de c v", "sa"},
    {"s a r l", "sarl"},
    {"s a s", "sas"},
    {"s r l", "srl"},
    {"s p a", "spa"},
    {"s a", "sa"},
    {"sarl", "sarl"},
    {"sas", "sas"},
    {"srl", "srl"},
    {"spa", "spa"},
    {"sa", "sa"},
    {"ltda", "ltda"},
    {"cia", "co"},
    // Japanese, Turkish, Iranian usage.
    {"kabushiki kaisha", "kk"},
    {"k k", "kk"},
    {"kk", "kk"},
    {"anonim sirketi", "as"},
    {"sherkat", "co"},
};

// Sorted for binary search.
constexpr std::array<std::string_view, 26> kStopWords = {
    "a",   "an",  "and", "at",  "da",  "das", "de",  "del", "della", "der", "des", "di", "do",
    "dos", "du",  "e",   "et",  "for", "in",  "la",  "le",  "les",   "of",  "the", "und", "y"};

}  // namespace

std::span<const LegalForm> legal_forms() { return kLegalForms; }

bool is_stop_word(std::string_view token) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), token);
}

}  // namespace exportscreen::vocab
