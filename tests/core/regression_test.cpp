// Replays every fuzzer crash ever found (tests/regression/TARGET/*) through its fuzz harness.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "harness.h"
#include "test_support.h"

namespace {

void replay(const std::string& target, void (*harness)(std::string_view)) {
  const std::filesystem::path dir = std::filesystem::path(EXPORTSCREEN_REGRESSION) / target;
  if (!std::filesystem::exists(dir)) return;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    const std::string name = target + "/" + file.path().filename().string();
    SUBCASE(name.c_str()) { harness(exportscreen::test::read_file(file.path().string())); }
  }
}

}  // namespace

TEST_CASE("regression: fuzzer crash inputs of csl_csv") {
  replay("csl_csv", exportscreen::fuzz::csl_csv);
}
TEST_CASE("regression: fuzzer crash inputs of csl_json") {
  replay("csl_json", exportscreen::fuzz::csl_json);
}
TEST_CASE("regression: fuzzer crash inputs of ofac_set") {
  replay("ofac_set", exportscreen::fuzz::ofac_set);
}
TEST_CASE("regression: fuzzer crash inputs of item") { replay("item", exportscreen::fuzz::item); }
TEST_CASE("regression: fuzzer crash inputs of list_stream") {
  replay("list_stream", exportscreen::fuzz::list_stream);
}
TEST_CASE("regression: fuzzer crash inputs of request") {
  replay("request", exportscreen::fuzz::request);
}
TEST_CASE("regression: fuzzer crash inputs of normalize") {
  replay("normalize", exportscreen::fuzz::normalize);
}
TEST_CASE("regression: fuzzer crash inputs of diff") { replay("diff", exportscreen::fuzz::diff); }
TEST_CASE("regression: fuzzer crash inputs of party_csv") {
  replay("party_csv", exportscreen::fuzz::party_csv);
}

TEST_CASE("regression: the fuzz seeds pass their harness") {
  // The seed corpus doubles as a smoke test of the harnesses in every build (native, wasm, ASan).
  using Harness = void (*)(std::string_view);
  const std::pair<const char*, Harness> targets[] = {
      {"csl_csv", exportscreen::fuzz::csl_csv},         {"csl_json", exportscreen::fuzz::csl_json},
      {"ofac_set", exportscreen::fuzz::ofac_set},       {"item", exportscreen::fuzz::item},
      {"list_stream", exportscreen::fuzz::list_stream}, {"request", exportscreen::fuzz::request},
      {"normalize", exportscreen::fuzz::normalize},     {"diff", exportscreen::fuzz::diff},
      {"party_csv", exportscreen::fuzz::party_csv}};
  for (const auto& [target, harness] : targets) {
    const std::filesystem::path dir = std::filesystem::path(EXPORTSCREEN_FUZZ_CORPUS) / target;
    REQUIRE(std::filesystem::exists(dir));
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
      CAPTURE(file.path().string());
      harness(exportscreen::test::read_file(file.path().string()));
    }
  }
}
