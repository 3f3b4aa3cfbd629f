// Loading list files: the CSL CSV layout, its validation, and the built-in list.
#include <doctest/doctest.h>

#include <string>

#include "exportscreen/error.h"
#include "exportscreen/list.h"
#include "exportscreen/sha256.h"
#include "test_support.h"

using exportscreen::Error;
using exportscreen::ListSnapshot;
using exportscreen::load_list;
using exportscreen::test::fixture;

namespace {
std::string load_error(std::string_view bytes) {
  try {
    load_list(bytes);
  } catch (const Error& e) {
    return e.code() + ": " + e.what();
  }
  return "loaded";
}

const exportscreen::ListEntry* find(const ListSnapshot& l, std::string_view name) {
  for (const auto& e : l.entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("list: CSL CSV sample loads every record with its fields") {
  const std::string bytes = fixture("csl-sample.csv");
  const ListSnapshot l = load_list(bytes, {"sample", "2026-11-20", "auto"});
  CHECK(l.info.format == "csl_csv");
  CHECK(l.info.records == 12);
  CHECK(l.info.label == "sample");
  CHECK(l.info.as_of == "2026-11-20");
  CHECK(l.info.sha256 == exportscreen::sha256_hex(bytes));
  CHECK(l.info.bytes == bytes.size());

  const auto* vtb = find(l, "VTB BANK PUBLIC JOINT STOCK COMPANY");
  REQUIRE(vtb);
  CHECK(vtb->source_code == "SSI");
  CHECK(vtb->type == exportscreen::PartyType::kEntity);
  CHECK(vtb->alt_names.size() >= 3);
  CHECK(vtb->alt_names[0] == "JSC VTB BANK");

  const auto* dpl = find(l, "ADT ANALOG AND DIGITAL TECHNIK");
  REQUIRE(dpl);
  CHECK(dpl->source_code == "DPL");
  REQUIRE_FALSE(dpl->addresses.empty());
  CHECK(dpl->addresses[0].country == "DE");

  std::size_t names = 0;
  for (const auto& e : l.entries) names += 1 + e.alt_names.size();
  CHECK(l.info.names == names);
}

TEST_CASE("list: source codes come from the CSL source names") {
  CHECK(exportscreen::source_code_of("Entity List (EL) - Bureau of Industry and Security") == "EL");
  CHECK(exportscreen::source_code_of("Specially Designated Nationals (SDN) - Treasury Department") == "SDN");
  CHECK(exportscreen::source_code_of(
            "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department") == "MBS");
}

TEST_CASE("list: BOM and CRLF line ends load the same records") {
  std::string bytes = fixture("csl-sample.csv");
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : bytes) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const ListSnapshot a = load_list(bytes);
  const ListSnapshot b = load_list(crlf);
  REQUIRE(a.entries.size() == b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) CHECK(a.entries[i].name == b.entries[i].name);
}

TEST_CASE("list: a file cut mid-record is truncated, never half-loaded") {
  const std::string bytes = fixture("csl-sample.csv");
  // Cut inside the last record, outside quotes: after the closing quote of a field.
  const std::size_t last_line = bytes.rfind("\n\"", bytes.size() - 2);
  const std::size_t cut_field = bytes.find("\",\"", last_line + 2) + 1;
  CHECK(load_error(bytes.substr(0, cut_field)).starts_with("truncated_list: line 13"));
  // Cut inside a quoted field.
  CHECK(load_error(bytes.substr(0, cut_field + 3)).starts_with("truncated_list"));
  // Cut at byte 1,998,433 of a large file is the same case: every cut point is detected.
  for (std::size_t cut = last_line + 2; cut < bytes.size() - 1; cut += 7) {
    CAPTURE(cut);
    CHECK(load_error(bytes.substr(0, cut)).starts_with("truncated_list"));
  }
}

TEST_CASE("list: wrong column sets are refused naming the columns") {
  std::string bytes = fixture("csl-sample.csv");
  std::string renamed = bytes;
  renamed.replace(renamed.find("\"alt_names\""), 11, "\"aliases\"");
  const std::string e = load_error(renamed);
  CHECK(e.starts_with("invalid_list: line 1"));
  CHECK(e.find("missing column(s): alt_names") != std::string::npos);
  CHECK(e.find("unexpected column(s): aliases") != std::string::npos);

  CHECK(load_error("name,country\nHuawei,CN\n").starts_with("unknown_list_format"));
}

TEST_CASE("list: a record with the wrong number of fields names its line") {
  std::string bytes = fixture("csl-sample.csv");
  const std::size_t second = bytes.find('\n', bytes.find('\n') + 1);
  bytes.insert(second, ",\"extra\"");
  CHECK(load_error(bytes).starts_with("invalid_list: line 2: 30 fields, expected 29"));
}

TEST_CASE("list: empty files, header-only files, invalid UTF-8 and NUL bytes") {
  CHECK(load_error("").starts_with("empty_list"));
  const std::string bytes = fixture("csl-sample.csv");
  CHECK(load_error(bytes.substr(0, bytes.find('\n') + 1)).starts_with("empty_list"));
  const std::size_t at = bytes.find("ADT ANALOG");
  const std::string bad = bytes.substr(0, at) + "\xC3\x28" + bytes.substr(at);
  const std::string e = load_error(bad);
  CHECK(e.starts_with("invalid_utf8: line"));
  const std::string nul = bytes.substr(0, at) + std::string(1, '\0') + bytes.substr(at);
  CHECK(load_error(nul).starts_with("invalid_list"));
}

TEST_CASE("list: an entry without a name is refused") {
  std::string bytes = fixture("csl-sample.csv");
  const std::size_t at = bytes.find("\"ADT ANALOG AND DIGITAL TECHNIK\"");
  bytes.replace(at, 32, "\"\"");
  CHECK(load_error(bytes).find("field name is empty") != std::string::npos);
}

TEST_CASE("list: the built-in list holds the curated Entity List entries") {
  const ListSnapshot l = exportscreen::builtin_list();
  CHECK(l.info.builtin);
  CHECK(l.info.records == 261);
  CHECK(l.info.as_of == "2026-07-09");
  CHECK(l.info.sha256.size() == 64);
  const auto* huawei = find(l, "Huawei Technologies Co., Ltd.");
  REQUIRE(huawei);
  CHECK(huawei->source_code == "EL");
  CHECK(huawei->federal_register_notice.starts_with("84 FR 22963, 5/21/19"));
  CHECK(huawei->license_policy == "Presumption of denial.");
  for (const auto& e : l.entries) {
    CAPTURE(e.name);
    CHECK(e.source_code == "EL");
    CHECK_FALSE(e.federal_register_notice.empty());  // every built-in entry cites its listing
  }
}

TEST_CASE("list: the shared full-size CSL CSV loads completely" *
          doctest::skip(exportscreen::test::shared_absent("lists/consolidated.csv"))) {
  const std::string path = exportscreen::test::shared_data("lists/consolidated.csv");
  const ListSnapshot l = load_list(exportscreen::test::read_file(path));
  CHECK(l.info.records == 23612);
  CHECK(l.info.names > 50000);
}
