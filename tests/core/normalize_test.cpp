// normalize_name: tokens, legal forms across languages, stop words, particles, countries,
// numbers, Chinese translation, scripts, and the consonant skeleton.
#include <doctest/doctest.h>

#include <string>

#include "exportscreen/normalize.h"

using exportscreen::consonant_skeleton;
using exportscreen::normalize_name;
using exportscreen::TokenRole;
using exportscreen::TokenScript;

namespace {
std::string norm(std::string_view s) { return exportscreen::to_string(normalize_name(s)); }

// One letter per token: N name, # number, L legal form, S stop word, C country, A acronym.
std::string roles(std::string_view s) {
  std::string out;
  for (const auto& t : normalize_name(s).tokens) {
    switch (t.role) {
      case TokenRole::kName:
        out += 'N';
        break;
      case TokenRole::kNumber:
        out += '#';
        break;
      case TokenRole::kLegalForm:
        out += 'L';
        break;
      case TokenRole::kStopWord:
        out += 'S';
        break;
      case TokenRole::kCountry:
        out += 'C';
        break;
      case TokenRole::kAcronym:
        out += 'A';
        break;
    }
  }
  return out;
}
}  // namespace

TEST_CASE("normalize: the spellings of one legal form meet") {
  CHECK(norm("Huawei Technologies Co., Ltd.") == "huawei technologies co ltd");
  CHECK(norm("HUAWEI TECHNOLOGIES COMPANY LIMITED") == "huawei technologies co ltd");
  CHECK(norm("Huawei Technologies Co Limited") == "huawei technologies co ltd");
  CHECK(roles("Huawei Technologies Co., Ltd.") == "NNLL");
}

TEST_CASE("normalize: legal forms across languages are weak tokens") {
  CHECK(norm("ООО Ромашка") == "llc romashka");
  CHECK(roles("ООО Ромашка") == "LN");
  CHECK(norm("Romashka Limited Liability Company") == "romashka llc");
  // OFAC's spelling of the Russian long form, and the BGN/PCGN one.
  CHECK(norm("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU ROMASHKA") == "llc romashka");
  CHECK(norm("Obshchestvo s ogranichennoy otvetstvennostyu Romashka") == "llc romashka");
  CHECK(norm("AKTSIONERNOE OBSHCHESTVO ALMAZ") == "jsc almaz");
  CHECK(norm("Siemens GmbH") == "siemens gmbh");
  CHECK(roles("Siemens GmbH") == "NL");
  CHECK(norm("Huawei Technologies Coöperatief U.A.") == "huawei technologies cooperatief ua");
  CHECK(norm("VTB BANK PUBLIC JOINT STOCK COMPANY") == "vtb bank pjsc");
  CHECK(norm("Aeroflot PJSC") == "aeroflot pjsc");
  CHECK(norm("Cecoex, S.A.") == "cecoex sa");
  CHECK(norm("Acme Sp. z o.o.") == "acme llc");
  CHECK(norm("ASELSAN ELEKTRONIK SANAYI VE TICARET ANONIM SIRKETI") ==
        "aselsan elektronik sanayi ve ticaret as");
  CHECK(roles("华为技术有限公司") == "NNLL");
}

TEST_CASE("normalize: stop words, name particles and honorifics are weak, numbers are kept") {
  CHECK(roles("Bank of the Future") == "NSSN");
  CHECK(roles("Institute 25") == "N#");
  CHECK(norm("No. 38 Research Institute") == "no 38 research institute");
  CHECK(roles("AL-RAWI") == "SN");
  CHECK(roles("Usama bin Ladin") == "NSN");
  CHECK(roles("Sheikh Musa Hilal") == "SNN");
  CHECK(roles("Haji Abdul Basir") == "SNN");
}

TEST_CASE("normalize: country names and parenthesised codes are country tokens") {
  CHECK(roles("Bank of China") == "NSC");
  CHECK(norm("Huawei Technologies (UK) Co., Ltd.") == "huawei technologies uk co ltd");
  CHECK(roles("Huawei Technologies (UK) Co., Ltd.") == "NNCLL");
  CHECK(roles("Huawei Technologies (HK) Co Ltd") == "NNCLL");
  // Outside parentheses two letters are initials, syllables or legal forms, not countries.
  CHECK(roles("UK Huawei") == "NN");
  // A country of several words is one token.
  CHECK(norm("Bank of the United Kingdom") == "bank of the unitedkingdom");
  CHECK(roles("Bank of the United Kingdom") == "NSSC");
}

TEST_CASE(
    "normalize: a country's adjective is a country word; each reads as the country it names") {
  const auto reading = [](std::string_view name) {
    std::string out;
    for (const auto& t : normalize_name(name).tokens) {
      if (t.role == TokenRole::kCountry) out += t.alt + ' ';
    }
    return out;
  };
  // Adjectives and the EAR's short names (data/names/country-words.txt).
  CHECK(roles("Chinese Academy of Engineering Physics") == "CNSNN");
  CHECK(roles("National Iranian Oil Company") == "NCNL");
  CHECK(roles("Bank for Foreign Trade of Russia") == "NSNNSC");
  CHECK(roles("Sudanese Armed Forces") == "CNN");
  CHECK(roles("North Korean Mining Development Trading Corporation") == "CNNNL");
  // One country, whichever way it is written: name, official name, adjective, code.
  CHECK(reading("Chinese Academy") == "#cn ");
  CHECK(reading("China Academy") == "#cn ");
  CHECK(reading("Academy of the People's Republic of China") == "#cn ");
  CHECK(reading("Huawei Technologies (CHN)") == "#cn ");
  CHECK(reading("Huawei Technologies (UK) Co., Ltd.") == "#gb ");
  CHECK(reading("Bank of the United Kingdom") == "#gb ");
  CHECK(reading("British Bank") == "#gb ");
  CHECK(reading("Islamic Republic of Iran Shipping Lines") == "#ir ");
  CHECK(reading("North Korean Mining") == "#kp ");
  // A word of more than one country names none of them.
  CHECK(reading("Korea Mining") == " ");
  CHECK(reading("Korean Mining") == "");
  CHECK(roles("Korean Mining") == "NN");
}

TEST_CASE("normalize: Chinese words are translated by the CC-CEDICT glossary, keeping pinyin") {
  const auto n = normalize_name("华为技术有限公司");
  REQUIRE(n.tokens.size() == 4);
  CHECK(n.tokens[0].text == "huawei");
  CHECK(n.tokens[1].text == "technology");
  CHECK(n.tokens[1].alt == "jishu");
  CHECK(n.tokens[1].script == TokenScript::kHan);
  CHECK(norm("華為技術有限公司") == "huawei technology co ltd");  // traditional characters
  CHECK(norm("中国电子科技集团公司") == norm("中國電子科技集團公司"));
  // Characters the glossary does not know stay pinyin syllables.
  CHECK(norm("张伟") == "zhang wei");
}

TEST_CASE("normalize: each token knows its script") {
  const auto arabic = normalize_name("محمد");
  REQUIRE(arabic.tokens.size() == 1);
  CHECK(arabic.tokens[0].text == "mhmd");
  CHECK(arabic.tokens[0].script == TokenScript::kAbjad);
  CHECK(normalize_name("أسامة").tokens[0].text == "asama");  // ta marbuta reads "a"
  CHECK(normalize_name("Москва").tokens[0].script == TokenScript::kLatin);
  CHECK(normalize_name("이").tokens[0].script == TokenScript::kHan);  // Hangul: no initial
}

TEST_CASE("normalize: a name made only of weak words keeps them as its name") {
  CHECK(roles("The Company") == "NN");
  CHECK(roles("Limited") == "N");
}

TEST_CASE("normalize: empty and symbol-only names have no tokens") {
  CHECK(normalize_name("").tokens.empty());
  CHECK(normalize_name(" .,;- ").tokens.empty());
  CHECK_FALSE(normalize_name("Co., Ltd.").tokens.empty());
}

TEST_CASE("consonant skeleton: transliteration variants meet, final vowels stay") {
  CHECK(consonant_skeleton("muhammad") == "mhmd");
  CHECK(consonant_skeleton("mohammed") == "mhmd");
  CHECK(consonant_skeleton("mhmd") == "mhmd");
  CHECK(consonant_skeleton("aleksandr") == "lksndr");
  CHECK(consonant_skeleton("alexander") == "lksndr");
  CHECK(consonant_skeleton("yevgeniy") == consonant_skeleton("evgeny"));
  CHECK(consonant_skeleton("mohammadi") == "mhmd+");
  CHECK(consonant_skeleton("qadhafi") == "kdhf+");
}

TEST_CASE("normalize: the Chinese legal forms in pinyin as the lists write them") {
  CHECK(roles("Haiguang Xinxi Jishu Youxian Gongsi") == "NNNLL");
  CHECK(roles("Shanghai Hangkong Dianzi Youxian Zeren Gongsi") == "NNNLL");
  CHECK(roles("Xiangyang Hangtian Cailiao Gufen Youxian Gongsi") == "NNNLL");
  CHECK(norm("Haiguang Xinxi Jishu Youxian Gongsi") == "haiguang xinxi jishu co ltd");
}

TEST_CASE("normalize: British spellings read as the American ones the lists mostly write") {
  CHECK(norm("National University of Defence Technology") ==
        norm("National University of Defense Technology"));
  CHECK(norm("Beijing Research Centre") == norm("Beijing Research Center"));
  CHECK(norm("Organisation for Honour") == norm("Organization for Honor"));
  CHECK(norm("Centrex Defenceless") != norm("Centerx Defenseless"));  // whole words only
}

TEST_CASE("normalize: a parenthesised acronym or repeated short name is weak (NUDT, HiSilicon)") {
  CHECK(roles("National University of Defense Technology (NUDT)") == "NNSNNA");
  CHECK(roles("HiSilicon Technologies Co., Ltd (HiSilicon)") == "NNLLA");
  CHECK(roles("Inspur (Beijing) Electronic") == "NNN");  // not a repetition: a word
  // An acronym in parts: each part is weak; a part the name also writes outside the
  // parentheses is a word there and weak where repeated (the Entity List's entries).
  CHECK(roles("National Supercomputing Center Tianjin (NSCC-TJ)") == "NNNNAA");
  CHECK(roles("Russian Federal Nuclear Center-VNIITF (RFNC-VNIITF)") == "CNNNNAA");
  CHECK(roles("Beijing Oriental Vision Petroleum Technology (OVTEK-P)") == "NNNNNAA");
  CHECK(roles("Acme (A-B-)") == "NSN");  // a trailing hyphen: not an acronym
  // Spaces join parts too, and a number the name writes ("13th") is weak where repeated.
  CHECK(roles("Electronics 13th Research Institute (CETC 13)") == "N#NNAA");
  CHECK(roles("Electronics, 7th Research Institute (CETC-7)") == "N#NNAA");
  CHECK(roles("Electronics Research Institute (CETC 13)") == "NNNA#");
  // In a name written in capitals, parts are an acronym only as the initials of its words.
  CHECK(roles("ISLAMIC SECURITY FORCE-INDIAN MUJAHIDEEN (ISF-IM)") == "NNNCNAA");
  CHECK(roles("NAM-NAM (SOUTH-SOUTH) COOPERATIVE GENERAL COMPANY") == "NNNNNNL");
  CHECK(roles("CAR ESCORT SERVICES SAL (OFF-SHORE)") == "NNNNNN");
}
