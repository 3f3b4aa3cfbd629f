// Loading list files: the CSL CSV layout, its validation, and the built-in list.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "exportscreen/error.h"
#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "exportscreen/sha256.h"
#include "lists/list_pack.h"
#include "pack.h"
#include "test_support.h"

namespace exportscreen::detail {
std::string_view builtin_list_csv();  // the embedded bytes (core/gen/embed.mjs)
}

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
  const ListSnapshot l = load_list(bytes, exportscreen::test::labelled("sample", "2026-11-20"));
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
  CHECK(exportscreen::source_code_of(
            "Specially Designated Nationals (SDN) - Treasury Department") == "SDN");
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

TEST_CASE(
    "list: the built-in list read from its pack is its CSV read, with every name normalized") {
  // The build reads data/builtin/'s CSV, normalizes its names and packs the result
  // (core/gen/prebuild.cpp); builtin_list() reads the pack. Field for field, the same list.
  ListSnapshot expected = exportscreen::detail::builtin_list_from_csv();
  CHECK(expected.normalized_names.empty());
  expected.normalized_names = exportscreen::normalized_names(expected);
  const ListSnapshot l = exportscreen::builtin_list();
  CHECK(l.info == expected.info);
  CHECK(l.entries == expected.entries);
  CHECK(l.normalized_names.size() == l.info.names);
  CHECK(l.normalized_names == expected.normalized_names);
}

TEST_CASE("list: a list's pack holds every field, and a damaged one is an internal error") {
  ListSnapshot list;
  list.info = {"label",
               "csl_json",
               "2026-01-02",
               "ab12",
               1234,
               1,
               3,
               true,
               {{"Entity List (EL)", "2026-01-01"}},
               {{"a.json", "primary", "cd34", 1234, 1}},
               exportscreen::ListDelta{{{"old", "2025-12-01", "ef56", 7}}, 1, 2, 3, {"key"}},
               {{"Entity List (EL)", "EL", 1}}};
  exportscreen::ListEntry e;
  e.id = "id-1";
  e.source = "Entity List (EL)";
  e.source_code = "EL";
  e.type = exportscreen::PartyType::kEntity;
  e.name = "Alpha Trading Co., Ltd.";
  e.alt_names = {"Alpha", "阿尔法"};
  e.programs = {"P1"};
  e.addresses = {{"1 Road, Shenzhen", "CN"}};
  e.nationalities = {"CN"};
  e.dates_of_birth = {"1970"};
  e.federal_register_notice = "84 FR 22963, 5/21/19";
  e.start_date = "2019-05-21";
  e.end_date = "2030-01-01";
  e.standard_order = "Y";
  e.license_requirement = "All items";
  e.license_policy = "Presumption of denial.";
  e.remarks = "r";
  e.source_list_url = "https://example.test/list";
  e.source_information_url = "https://example.test/info";
  list.entries.push_back(e);
  list.normalized_names = exportscreen::normalized_names(list);
  REQUIRE(list.normalized_names.size() == 3);
  const std::string pack = exportscreen::pack_list(list);
  CHECK(exportscreen::unpack_list(pack) == list);

  const auto refused = [](const std::string& bytes) {
    try {
      exportscreen::unpack_list(bytes);
    } catch (const Error& e) {
      return e.code() == exportscreen::errc::kInternal &&
             std::string(e.what()).find("pack is damaged") != std::string::npos;
    }
    return false;
  };
  CHECK(refused(""));
  CHECK(refused("X" + pack.substr(1)));
  CHECK(refused(pack + "x"));
  for (std::size_t cut = 0; cut < pack.size(); ++cut) {
    CAPTURE(cut);
    CHECK(refused(pack.substr(0, cut)));
  }
}

TEST_CASE("pack: a string of eight bytes or more is written once, and referred to after") {
  using exportscreen::detail::pack;
  using exportscreen::detail::unpack;
  const std::vector<std::string> texts = {
      "Entity List (EL)", "short", "Entity List (EL)", "short", "", "Entity List (EL)"};
  const std::string bytes = pack(texts, "T", '\1');
  CHECK(unpack<std::vector<std::string>>(bytes, "T", '\1', "test") == texts);
  // "T", the format, the count, then: 16 bytes as text (32), a short text twice (10 and its 5
  // bytes each time), a reference to the first text (1), the empty text (0), the reference again.
  CHECK(bytes == std::string("T\1\6") + "\x20" + "Entity List (EL)" + "\x0a" + "short" + "\x01" +
                     "\x0a" + "short" + '\0' + "\x01");
  const auto refused = [](const std::string& b) {
    try {
      unpack<std::vector<std::string>>(b, "T", '\1', "test");
    } catch (const Error& e) {
      return e.code() == exportscreen::errc::kInternal;
    }
    return false;
  };
  // A reference to a text not written before it: to the second long text (there is one), and
  // one in place of the first.
  std::string dangling = bytes;
  dangling[dangling.size() - 1] = '\x03';
  CHECK(refused(dangling));
  CHECK(refused(std::string("T\1\1\x01")));
  // A text longer than the bytes left.
  CHECK(refused(std::string("T\1\1\x20") + "Entity"));
}

TEST_CASE("list: the built-in list holds the curated Entity List entries") {
  const ListSnapshot l = exportscreen::builtin_list();
  CHECK(l.info.builtin);
  CHECK(l.info.records == 261);
  CHECK(l.info.as_of == "2026-07-09");
  // The hash computed at build time is the hash of the bytes that ship.
  CHECK(l.info.sha256 == exportscreen::sha256_hex(exportscreen::detail::builtin_list_csv()));
  CHECK(l.info.bytes == exportscreen::detail::builtin_list_csv().size());
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

TEST_CASE("list: a hash known before loading is recorded instead of hashing the bytes") {
  const std::string bytes = fixture("csl-sample.csv");
  exportscreen::LoadOptions options;
  options.known_sha256 = std::string(64, 'a');
  const ListSnapshot known = load_list(bytes, options);
  CHECK(known.info.sha256 == options.known_sha256);
  CHECK(known.info.records == load_list(bytes).info.records);
  CHECK(load_list(bytes).info.sha256 == exportscreen::sha256_hex(bytes));
  // It is one file's hash: a set of files with it is refused.
  const std::string sdn = fixture("ofac/sdn.csv"), alt = fixture("ofac/alt.csv");
  const std::vector<exportscreen::ListFileBytes> files = {{"sdn.csv", sdn}, {"alt.csv", alt}};
  try {
    load_list(files, options);
    FAIL("a second file was accepted with known_sha256");
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_request");
  }
}

TEST_CASE("list: the shared full-size CSL CSV loads completely" *
          doctest::skip(exportscreen::test::shared_absent("lists/consolidated.csv"))) {
  const std::string path = exportscreen::test::shared_data("lists/consolidated.csv");
  const ListSnapshot l = load_list(exportscreen::test::read_file(path));
  CHECK(l.info.records == 23612);
  CHECK(l.info.names > 50000);
}

// --- Incremental loading, CSL JSON, OFAC legacy sets ----------------------------------------

namespace {

using exportscreen::ListLoader;
using exportscreen::LoadOptions;

// Loads `bytes` fed in chunks of `chunk` bytes.
ListSnapshot load_chunked(std::string_view bytes, std::size_t chunk, LoadOptions options = {}) {
  ListLoader loader(options);
  for (std::size_t at = 0; at < bytes.size(); at += chunk) loader.feed(bytes.substr(at, chunk));
  CHECK(loader.bytes_consumed() == bytes.size());
  return loader.finish();
}

std::string load_error_chunked(std::string_view bytes, std::size_t chunk) {
  try {
    load_chunked(bytes, chunk);
  } catch (const Error& e) {
    return e.code() + ": " + e.what();
  }
  return "loaded";
}

void check_same(const ListSnapshot& a, const ListSnapshot& b) {
  CHECK(a.info.sha256 == b.info.sha256);
  CHECK(a.info.names == b.info.names);
  REQUIRE(a.entries.size() == b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    CHECK(a.entries[i].id == b.entries[i].id);
    CHECK(a.entries[i].name == b.entries[i].name);
    CHECK(a.entries[i].alt_names == b.entries[i].alt_names);
    CHECK(a.entries[i].remarks == b.entries[i].remarks);
  }
}

std::vector<exportscreen::ListFileBytes> ofac_set(const std::vector<std::string>& names,
                                                  std::vector<std::string>& storage) {
  std::vector<exportscreen::ListFileBytes> files;
  storage.clear();
  storage.reserve(names.size());
  for (const auto& n : names) storage.push_back(fixture("ofac/" + n));
  for (std::size_t i = 0; i < names.size(); ++i) files.push_back({names[i], storage[i]});
  return files;
}

}  // namespace

TEST_CASE("list: formats are detected from the first bytes") {
  CHECK(exportscreen::detect_list_file(fixture("csl-sample.csv")).format == "csl_csv");
  CHECK(exportscreen::detect_list_file(fixture("csl-sample.json")).format == "csl_json");
  CHECK(exportscreen::detect_list_file(fixture("ofac/sdn.csv")).role == "primary");
  CHECK(exportscreen::detect_list_file(fixture("ofac/alt.csv")).role == "alt");
  CHECK(exportscreen::detect_list_file(fixture("ofac/add.csv")).role == "add");
  CHECK(exportscreen::detect_list_file(fixture("ofac/sdn_comments.csv")).role == "comments");
  CHECK(exportscreen::detect_list_file("name,country\nHuawei,CN\n").format.empty());
}

TEST_CASE("list: fed in chunks of any size, a CSV list loads exactly as at once") {
  const std::string bytes = fixture("csl-sample.csv");
  const ListSnapshot whole = load_list(bytes);
  for (std::size_t chunk : {1u, 2u, 3u, 7u, 64u, 1000u}) {
    CAPTURE(chunk);
    check_same(whole, load_chunked(bytes, chunk));
  }
  // CRLF line ends split between chunks.
  std::string crlf;
  for (char c : bytes) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  check_same(load_list(crlf), load_chunked(crlf, 1));
}

TEST_CASE("list: the SHA-256 of chunked input is the SHA-256 of the bytes") {
  const std::string bytes = fixture("csl-sample.json");
  exportscreen::Sha256 h;
  for (std::size_t at = 0; at < bytes.size(); at += 33)
    h.update(std::string_view(bytes).substr(at, 33));
  CHECK(h.hex_digest() == exportscreen::sha256_hex(bytes));
}

TEST_CASE("list: CSL JSON loads every record, its sources_used and its date") {
  const std::string bytes = fixture("csl-sample.json");
  const ListSnapshot l = load_list(bytes);
  CHECK(l.info.format == "csl_json");
  CHECK(l.info.records == 9);
  CHECK(l.info.sha256 == exportscreen::sha256_hex(bytes));
  CHECK(l.info.sources_used.size() >= 8);
  CHECK(l.info.as_of == "2026-07-09");  // the newest source date
  const auto* huawei = find(l, "Huawei Technologies Co., Ltd.");
  REQUIRE(huawei);
  CHECK(huawei->source_code == "EL");
  CHECK(huawei->alt_names.size() > 10);
  CHECK(huawei->federal_register_notice.starts_with("84 FR 22963"));
  const auto* aero = find(l, "AEROCARIBBEAN AIRLINES");
  REQUIRE(aero);
  CHECK(aero->id == "36");
  REQUIRE_FALSE(aero->addresses.empty());
  CHECK(aero->addresses[0].country == "CU");
  CHECK(aero->addresses[0].text == "Havana");
  // An explicit as_of wins over the file's dates.
  CHECK(load_list(bytes, exportscreen::test::labelled("x", "2026-01-01")).info.as_of ==
        "2026-01-01");
  for (std::size_t chunk : {1u, 5u, 64u, 4096u}) {
    CAPTURE(chunk);
    check_same(l, load_chunked(bytes, chunk));
  }
}

TEST_CASE("list: a CSL JSON file cut anywhere is truncated, never half-loaded") {
  const std::string bytes = fixture("csl-sample.json");
  const std::size_t end = bytes.rfind('}');
  for (std::size_t cut = 1; cut < end; cut += 37) {
    CAPTURE(cut);
    CHECK(load_error(bytes.substr(0, cut)).starts_with("truncated_list"));
  }
  CHECK(load_error_chunked(bytes.substr(0, end), 100).starts_with("truncated_list"));
}

TEST_CASE("list: CSL JSON with fewer records than its total is a partial download") {
  std::string bytes = fixture("csl-sample.json");
  bytes.replace(bytes.find("\"total\": 9"), 10, "\"total\": 23612");
  const std::string e = load_error(bytes);
  CHECK(e.starts_with("truncated_list"));
  CHECK(e.find("9 records") != std::string::npos);
  CHECK(e.find("23612") != std::string::npos);
  bytes.replace(bytes.find("\"total\": 23612"), 14, "\"total\": 3");
  CHECK(load_error(bytes).starts_with("invalid_list"));
}

TEST_CASE("list: a CSL JSON total that is missing or not a count says which") {
  const std::string bytes = fixture("csl-sample.json");
  const std::size_t at = bytes.find("\"total\": 9");
  std::string quoted = bytes;
  quoted.replace(at, 10, "\"total\": \"9\"");
  CHECK(load_error(quoted) ==
        "invalid_list: the CSL JSON document's \"total\" is a string, not a record count (a whole "
        "number, 0 or more)");
  std::string negative = bytes;
  negative.replace(at, 10, "\"total\": -1");
  CHECK(load_error(negative).find("not a record count") != std::string::npos);
  std::string missing = bytes;
  missing.replace(at, 10, "\"totals\": 9");
  CHECK(load_error(missing) == "invalid_list: the CSL JSON document has no \"total\" record count");
}

TEST_CASE("list: broken CSL JSON names the record and field") {
  const std::string bytes = fixture("csl-sample.json");
  std::string no_name = bytes;
  no_name.replace(no_name.find("\"name\": \"AEROCARIBBEAN AIRLINES\""), 32, "\"name\": \"\"");
  const std::string e = load_error(no_name);
  CHECK(e.starts_with("invalid_list"));
  CHECK(e.find("results[0].name") != std::string::npos);
  std::string bad_type = bytes;
  bad_type.replace(bad_type.find("\"alt_names\": ["), 14, "\"alt_names\": 5, \"x\": [");
  CHECK(load_error(bad_type).find("alt_names must be an array") != std::string::npos);
  CHECK(load_error("[1, 2]").starts_with("unknown_list_format"));
  CHECK(load_error("{\"total\": 0, \"results\": []} x").starts_with("invalid_list"));
  CHECK(load_error("{\"total\": 1, \"results\": [\"x\"]}").find("results[0] is not an object") !=
        std::string::npos);
  CHECK(load_error("{\"results\": [{\"name\": \"A\", \"source\": \"S\"}]}").find("total") !=
        std::string::npos);
}

TEST_CASE("list: invalid UTF-8 in CSL JSON is found even across chunks") {
  const std::string bytes = fixture("csl-sample.json");
  const std::size_t at = bytes.find("AEROCARIBBEAN");
  const std::string bad = bytes.substr(0, at) + "\xE2\x82" + bytes.substr(at);  // cut sequence
  CHECK(load_error(bad).starts_with("invalid_utf8"));
  CHECK(load_error_chunked(bad, 1).starts_with("invalid_utf8"));
  // A valid sequence split by the chunking is fine (the fixture holds "§").
  REQUIRE(bytes.find("\xC2\xA7") != std::string::npos);
  CHECK(load_error_chunked(bytes, 1) == "loaded");
}

TEST_CASE("list: an OFAC legacy set joins aliases, addresses and remarks on ent_num") {
  std::vector<std::string> storage;
  const auto files = ofac_set({"alt.csv", "sdn.csv", "add.csv", "sdn_comments.csv"}, storage);
  const ListSnapshot l =
      exportscreen::load_list(files, exportscreen::test::labelled("ofac", "2021-07-07"));
  CHECK(l.info.format == "ofac_csv");
  CHECK(l.info.records == 5);
  CHECK(l.info.as_of == "2021-07-07");
  REQUIRE(l.info.files.size() == 4);
  CHECK(l.info.files[1].role == "primary");
  CHECK(l.info.sha256 == exportscreen::sha256_hex(storage[1]));  // the primary file identifies it
  for (std::size_t i = 0; i < files.size(); ++i)
    CHECK(l.info.files[i].sha256 == exportscreen::sha256_hex(storage[i]));
  const auto* bnc = find(l, "BANCO NACIONAL DE CUBA");
  REQUIRE(bnc);
  CHECK(bnc->id == "306");
  CHECK(bnc->source_code == "SDN");
  CHECK(bnc->programs == std::vector<std::string>{"CUBA"});
  CHECK(std::find(bnc->alt_names.begin(), bnc->alt_names.end(), "NATIONAL BANK OF CUBA") !=
        bnc->alt_names.end());
  CHECK(std::find(bnc->alt_names.begin(), bnc->alt_names.end(), "BNC") !=
        bnc->alt_names.end());  // weak a.k.a.
  REQUIRE_FALSE(bnc->addresses.empty());
  CHECK(bnc->addresses[0].country == "CH");
  const auto* zawahiri = find(l, "AL ZAWAHIRI, Dr. Ayman");
  REQUIRE(zawahiri);
  CHECK(zawahiri->type == exportscreen::PartyType::kIndividual);
  CHECK_FALSE(zawahiri->dates_of_birth.empty());
  const auto* cifuentes = find(l, "CIFUENTES VILLA, Jorge Milton");
  REQUIRE(cifuentes);
  CHECK(cifuentes->remarks.size() > 600);  // continued from sdn_comments.csv
  // The same set in another order, and chunk by chunk, is the same list.
  const auto reordered = ofac_set({"sdn.csv", "sdn_comments.csv", "add.csv", "alt.csv"}, storage);
  const ListSnapshot again = exportscreen::load_list(reordered);
  CHECK(again.info.names == l.info.names);
  ListLoader loader;
  for (const auto& f : reordered) {
    loader.begin_file(f.name);
    for (std::size_t at = 0; at < f.bytes.size(); at += 3) loader.feed(f.bytes.substr(at, 3));
  }
  check_same(again, loader.finish());
}

TEST_CASE("list: OFAC sets that do not belong together are refused") {
  std::vector<std::string> storage;
  std::string alt = fixture("ofac/alt.csv");
  alt.insert(0, "999999,1,\"aka\",\"NOBODY\",-0- \r\n");
  const std::string sdn = fixture("ofac/sdn.csv");
  std::string e;
  try {
    exportscreen::load_list({{"sdn.csv", sdn}, {"alt.csv", alt}});
  } catch (const Error& err) {
    e = err.code() + ": " + err.what();
  }
  CHECK(e.starts_with("invalid_list: alt.csv: line 1: ent_num 999999 is not in the primary file"));
  try {
    exportscreen::load_list(ofac_set({"alt.csv", "add.csv"}, storage));
    FAIL("loaded a set without its primary file");
  } catch (const Error& err) {
    CHECK(std::string(err.what()).find("primary file") != std::string::npos);
  }
  // A CSL file is never part of a set.
  try {
    exportscreen::load_list({{"sdn.csv", sdn}, {"csl.csv", fixture("csl-sample.csv")}});
    FAIL("loaded a mixed set");
  } catch (const Error& err) {
    CHECK(err.code() == "invalid_list");
  }
  // Cut mid-record.
  CHECK(load_error(sdn.substr(0, sdn.size() - 40)).starts_with("truncated_list"));
  // A file given twice (found by the bad-input matrix: it doubled every alias).
  for (const char* twice : {"alt.csv", "add.csv", "sdn_comments.csv", "sdn.csv"}) {
    CAPTURE(twice);
    std::vector<std::string> files;
    std::vector<exportscreen::ListFileBytes> set = ofac_set({"sdn.csv", twice}, files);
    set.push_back(set.back());
    try {
      exportscreen::load_list(set);
      FAIL("loaded a set with a file given twice");
    } catch (const Error& err) {
      CHECK(err.code() == "invalid_list");
      CHECK(std::string(err.what()).find("two") != std::string::npos);
    }
  }
}

TEST_CASE("list: CSL JSON with a byte order mark and CRLF loads, at once and in chunks") {
  // Found by the bad-input matrix: a BOM was "text outside the JSON document".
  std::string bytes = "\xEF\xBB\xBF" + fixture("csl-sample.json");
  for (std::size_t at = bytes.find('\n'); at != std::string::npos; at = bytes.find('\n', at + 2))
    bytes.insert(at, "\r");
  CHECK(exportscreen::load_list(bytes).entries.size() == 9);
  for (std::size_t chunk : {1u, 2u, 4u, 7u}) {
    CAPTURE(chunk);
    ListLoader loader;
    for (std::size_t at = 0; at < bytes.size(); at += chunk) loader.feed(bytes.substr(at, chunk));
    CHECK(loader.finish().entries.size() == 9);
  }
  // A BOM anywhere else is still text outside the document.
  CHECK(!load_error(" \xEF\xBB\xBF" + fixture("csl-sample.json")).empty());
}

TEST_CASE("list: a CSL JSON source date that is not a date refuses the file") {
  // It would become the list's date (age warning, audit record); an empty one means unknown.
  std::string bytes = fixture("csl-sample.json");
  const std::size_t at = bytes.find("\"2026-04-14\"");
  REQUIRE(at != std::string::npos);
  std::string bad = bytes;
  bad.replace(at, 12, "\"2999-99-99\"");
  const std::string e = load_error(bad);
  CHECK(e.starts_with("invalid_list"));
  CHECK(e.find("sources_used[0].source_last_updated") != std::string::npos);
  std::string empty = bytes;
  empty.replace(at, 12, "\"\"");
  CHECK(exportscreen::load_list(empty).info.as_of == "2026-07-09");
  std::string stamp = bytes;
  stamp.replace(at, 12, "\"2026-04-14T08:00:00+00:00\"");
  CHECK(exportscreen::load_list(stamp).entries.size() == 9);
}

namespace {
// A CSL JSON document of the given records (JSON texts), "total" counting them.
std::string csl_json(const std::vector<std::string>& records) {
  std::string results;
  for (const auto& r : records) results += (results.empty() ? "" : ", ") + r;
  return "{\"total\": " + std::to_string(records.size()) +
         ", \"offset\": 0, \"sources_used\": [], \"results\": [" + results + "]}";
}

const std::string kElSource = "\"source\": \"Entity List (EL) - Bureau of Industry and Security\"";

// The one entry of a document of one record, loaded at once and in every small chunk size.
exportscreen::ListEntry load_one(const std::string& record) {
  const std::string bytes = csl_json({"{" + kElSource + ", " + record + "}"});
  const ListSnapshot l = load_list(bytes);
  REQUIRE(l.entries.size() == 1);
  for (std::size_t chunk = 1; chunk <= 8; ++chunk) {
    CAPTURE(chunk);
    check_same(l, load_chunked(bytes, chunk));
  }
  return l.entries[0];
}

std::string record_error(const std::string& record) {
  return load_error(csl_json({"{" + kElSource + ", " + record + "}"}));
}
}  // namespace

TEST_CASE("list: CSL JSON unknown fields are skipped however they nest") {
  const auto e =
      load_one(R"("extra": {"name": 5, "addresses": "x", "deeper": [[{"alt_names": 1}], {}, []]}, )"
               R"("name": "Acme", "ids": [{"type": "x", "number": [1, 2, {"q": null}]}], )"
               R"("alt_names": ["Acme Ltd"], "flags": [true, false, null, 1.5e3, -2])");
  CHECK(e.name == "Acme");
  CHECK(e.alt_names == std::vector<std::string>{"Acme Ltd"});
  CHECK(e.addresses.empty());
}

TEST_CASE("list: CSL JSON fields are read as the file gives them") {
  const auto e = load_one(
      R"("name": " Acme ", "_id": "u1", "entity_number": "9", "type": "entity", )"
      R"("programs": "A; B;  C ", "alt_names": [" x ", "", "y"], )"
      R"("citizenships": ["CN"], "nationalities": "RU; IR", "dates_of_birth": ["1970"], )"
      R"("addresses": ["Havana, CU", {"address": " 1 Road ", "city": "Minsk", "state": null, )"
      R"("postal_code": "220", "country": "Belarus", "note": {"a": [1]}}, {"country": "CU"}, )"
      R"({}, {"city": "Atlantis", "country": "Narnia"}], )"
      R"("remarks": "r", "start_date": "2020-01-02", "license_policy": null)");
  CHECK(e.name == "Acme");
  CHECK(e.id == "u1");  // `_id` before `entity_number`
  CHECK(e.type == exportscreen::PartyType::kEntity);
  CHECK(e.programs == std::vector<std::string>{"A", "B", "C"});
  CHECK(e.alt_names == std::vector<std::string>{"x", "y"});
  CHECK(e.nationalities == std::vector<std::string>{"CN", "RU", "IR"});
  CHECK(e.dates_of_birth == std::vector<std::string>{"1970"});
  REQUIRE(e.addresses.size() == 4);  // the empty object gives no address
  CHECK(e.addresses[0].text == "Havana");
  CHECK(e.addresses[0].country == "CU");
  CHECK(e.addresses[1].text == "1 Road, Minsk, 220");
  CHECK(e.addresses[1].country == "BY");
  CHECK(e.addresses[2].text.empty());
  CHECK(e.addresses[2].country == "CU");
  CHECK(e.addresses[3].text == "Atlantis, Narnia");
  CHECK(e.addresses[3].country.empty());
  CHECK(e.remarks == "r");
  CHECK(e.start_date == "2020-01-02");
  CHECK(e.license_policy.empty());
}

TEST_CASE("list: a repeated CSL JSON key keeps its last value") {
  // As JSON parsers commonly do (RFC 8259 section 4 leaves it open), and as the loader did when
  // it built each record as a DOM.
  CHECK(load_one(R"("name": 5, "name": "Acme")").name == "Acme");
  CHECK(record_error(R"("name": "Acme", "name": 5)").find("results[0].name must be a string") !=
        std::string::npos);
  CHECK(load_one(R"("name": "A", "addresses": [1], "addresses": ["x, CU"])").addresses.size() == 1);
  CHECK(load_one(R"("name": "A", "addresses": ["x, CU"], "addresses": null)").addresses.empty());
  const auto e = load_one(R"("name": "A", "addresses": [{"city": 5, "city": "Minsk"}])");
  REQUIRE(e.addresses.size() == 1);
  CHECK(e.addresses[0].text == "Minsk");
}

TEST_CASE("list: CSL JSON field errors name the field, in a fixed order") {
  const auto has = [](const std::string& e, const std::string& what) {
    CAPTURE(e);
    CHECK(e.starts_with("invalid_list: line 1: results[0]"));
    CHECK(e.find(what) != std::string::npos);
  };
  has(record_error(R"("name": ["Acme"])"), "results[0].name must be a string");
  has(record_error(R"("name": {"a": "b"})"), "results[0].name must be a string");
  has(record_error(R"("name": true)"), "results[0].name must be a string");
  has(record_error(R"("name": null)"), "results[0].name is missing or empty");
  has(record_error(R"("name": "A", "programs": {"x": 1})"), "results[0].programs must be an array");
  has(record_error(R"("name": "A", "programs": ["x", ["y"]])"),
      "results[0].programs must hold strings");
  has(record_error(R"("name": "A", "alt_names": ["x", {"y": 1}])"),
      "results[0].alt_names must hold strings");
  has(record_error(R"("name": "A", "addresses": "Havana, CU")"),
      "results[0].addresses must be an array");
  has(record_error(R"("name": "A", "addresses": [null])"),
      "results[0].addresses must hold objects");
  has(record_error(R"("name": "A", "addresses": [[]])"), "results[0].addresses must hold objects");
  has(record_error(R"("name": "A", "addresses": [{"city": ["x"]}])"),
      "results[0].addresses.city must be a string");
  has(record_error(R"("name": "A", "id": 5)"), "results[0].id must be a string");
  // `_id` is only read when `id` is empty.
  CHECK(load_one(R"("name": "A", "id": "1", "_id": 5)").id == "1");
  // Fields are checked in the same order whatever their order in the file.
  has(record_error(R"("remarks": 1, "name": 3)"), "results[0].name must be a string");
  // A syntax error anywhere in the record wins over a field's type.
  has(record_error(R"("name": 3, "x": [1,])"), "results[0] is not valid JSON");
  has(record_error(R"("name": "A", "p": 1e999)"), "results[0] is not valid JSON");
}

TEST_CASE("list: CSL JSON escapes are decoded whatever the chunking") {
  // Each chunk size cuts the escapes at a different byte (load_one tries sizes 1 to 8).
  const auto e = load_one(R"("name": "Caf\u00e9 \"Q\" \\ \/ \ud83d\ude00 \u4e2d", )"
                          R"("alt_names": ["a\tb", "\u0041\u0042"], "x": "\" ] } [ {")");
  CHECK(e.name == "Caf\xC3\xA9 \"Q\" \\ / \xF0\x9F\x98\x80 \xE4\xB8\xAD");
  CHECK(e.alt_names == std::vector<std::string>{"a\tb", "AB"});
  CHECK(record_error(R"("name": "A\x")").find("results[0] is not valid JSON") != std::string::npos);
}

TEST_CASE("list: a CSL JSON record larger than the limit is refused") {
  // Outside strings the scanner counts every byte it keeps (4 MiB, kMaxJsonRecordBytes).
  const std::string big =
      "{" + kElSource + ", \"name\": \"A\", \"x\": [" + std::string(5u << 20, ' ') + "]}";
  for (std::size_t chunk : {std::size_t{1} << 16, std::size_t{1} << 30}) {
    CAPTURE(chunk);
    const std::string e = load_error_chunked(csl_json({big}), chunk);
    CHECK(e.starts_with("invalid_list: line 1: results[0] is larger than 4194304 bytes"));
  }
}

TEST_CASE("list: a loader is spent after an error") {
  ListLoader loader;
  // The format is decided once 4 KiB have arrived: the error comes with that chunk.
  CHECK_NOTHROW(loader.feed("not a list at all\n"));
  CHECK_THROWS_AS(loader.feed(std::string(5000, 'x')), Error);
  CHECK_THROWS_AS(loader.feed("more"), Error);
  CHECK_THROWS_AS(loader.finish(), Error);
}

TEST_CASE("list: the real CSL JSON loads completely, and its truncated download is detected" *
          doctest::skip(exportscreen::test::shared_absent("lists/consolidated.json"))) {
  const std::string bytes =
      exportscreen::test::read_file(exportscreen::test::shared_data("lists/consolidated.json"));
  const ListSnapshot l = load_chunked(bytes, 1 << 20);
  CHECK(l.info.records == 23612);
  CHECK(l.info.names > 50000);
  CHECK(l.info.sources_used.size() == 11);
  // The real truncated CSL download was cut at byte 1,998,433 (opensanctions#4310).
  CHECK(load_error(std::string_view(bytes).substr(0, 1998433)).starts_with("truncated_list"));
  // The same records as the CSV edition of the corpus.
  const std::string csv_path = exportscreen::test::shared_data("lists/consolidated.csv");
  if (!csv_path.empty()) {
    const ListSnapshot c = load_list(exportscreen::test::read_file(csv_path));
    CHECK(c.info.records == l.info.records);
    CHECK(c.info.names <= l.info.names);  // a CSV cell cannot tell "a; b" from two names
  }
}

TEST_CASE("list: the real OFAC legacy sets load and join" *
          doctest::skip(exportscreen::test::shared_absent("raw/watchman/bench_2021-07/sdn.csv"))) {
  const auto raw = [](const char* p) {
    return exportscreen::test::read_file(exportscreen::test::shared_data(std::string("raw/") + p));
  };
  const std::string sdn = raw("watchman/bench_2021-07/sdn.csv"),
                    alt = raw("watchman/bench_2021-07/alt.csv"),
                    add = raw("watchman/bench_2021-07/add.csv"),
                    comments = raw("watchman/bench_2021-07/sdn_comments.csv");
  const ListSnapshot l = exportscreen::load_list(
      {{"sdn.csv", sdn}, {"alt.csv", alt}, {"add.csv", add}, {"sdn_comments.csv", comments}});
  CHECK(l.info.records == 8976);
  CHECK(l.info.names >= 8976 + 11910);
  const std::string cons = raw("watchman/us_non_sdn_2025-12/cons_prim.csv");
  const ListSnapshot c = exportscreen::load_list(
      {{"cons_prim.csv", cons}, {"cons_alt.csv", raw("watchman/us_non_sdn_2025-12/cons_alt.csv")}});
  CHECK(c.info.records == 442);
  const auto* vtb = find(c, "VTB BANK PUBLIC JOINT STOCK COMPANY");
  REQUIRE(vtb);
  CHECK(vtb->source_code == "SSI");  // the non-SDN list places entries by program
  const std::string old = raw("ofac_sdn_gitscrape_jackdwyer/sdn_2024-05-03.csv");
  CHECK(load_list(old).info.records == 14965);
}

TEST_CASE("list: the real CSL CSV samples load (29 and 28 columns)" *
          doctest::skip(exportscreen::test::shared_absent(
              "raw/watchman/csl_samples/csl_sample_2019-12.csv"))) {
  const auto raw = [](const char* p) {
    return exportscreen::test::read_file(
        exportscreen::test::shared_data(std::string("raw/watchman/csl_samples/") + p));
  };
  CHECK(load_list(raw("csl_sample_2019-12.csv")).info.records == 115);
  CHECK(load_list(raw("consolidated_sample_2025-06.csv")).info.records == 13);
}
