// normalize_name: tokens, legal forms across languages, stop words, numbers.
#include <doctest/doctest.h>

#include <string>

#include "exportscreen/normalize.h"

using exportscreen::normalize_name;
using exportscreen::TokenRole;

namespace {
std::string norm(std::string_view s) { return exportscreen::to_string(normalize_name(s)); }

std::string roles(std::string_view s) {
  std::string out;
  for (const auto& t : normalize_name(s).tokens) {
    out += t.role == TokenRole::kName ? 'N' : t.role == TokenRole::kNumber ? '#' : t.role == TokenRole::kLegalForm ? 'L' : 'S';
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
  CHECK(norm("Siemens GmbH") == "siemens gmbh");
  CHECK(roles("Siemens GmbH") == "NL");
  CHECK(norm("Huawei Technologies Coöperatief U.A.") == "huawei technologies cooperatief ua");
  CHECK(norm("VTB BANK PUBLIC JOINT STOCK COMPANY") == "vtb bank pjsc");
  CHECK(norm("Aeroflot PJSC") == "aeroflot pjsc");
  CHECK(norm("Cecoex, S.A.") == "cecoex sa");
  CHECK(norm("华为技术有限公司") == "hua wei ji shu co ltd");
  CHECK(roles("华为技术有限公司") == "NNNNLL");
}

TEST_CASE("normalize: stop words are weak, numbers are kept") {
  CHECK(roles("Bank of China") == "NSN");
  CHECK(roles("Institute 25") == "N#");
  CHECK(norm("No. 38 Research Institute") == "no 38 research institute");
}

TEST_CASE("normalize: a name made only of weak words keeps them as its name") {
  CHECK(roles("The Company") == "NN");
  CHECK(roles("Limited") == "N");
}

TEST_CASE("normalize: empty and symbol-only names have no tokens") {
  CHECK(normalize_name("").tokens.empty());
  CHECK(normalize_name(" .,;- ").tokens.empty());
}
