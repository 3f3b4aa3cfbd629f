// The hot paths, each isolated, for instruction counts under Callgrind (bench/callgrind.mjs runs
// one path per process with --collect-atstart=no): only the measured loop is instrumented, so
// setup (reading files, building the index the query runs against) is not counted.
//
//   exportscreen_callgrind PATH REPEAT [LIST_FILE]
//   PATH: normalize | match | screen_items | load_fixture | load_builtin | cold_start
#include <valgrind/callgrind.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "exportscreen/api.h"
#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "exportscreen/normalize.h"
#include "exportscreen/screen.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "callgrind bench: cannot read " << path << "\n";
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Keeps the optimizer from dropping a result nobody reads.
volatile std::size_t sink = 0;

// A name with what real queries carry: mixed case, punctuation, a legal form, an accent.
constexpr const char* kName = "Shenzhen Hua-Wei Técnologies Co., Ltd.";

// One request as the guided check sends it: two parties, three items, a destination, an end use
// (the same deal as bench/rules.mjs).
constexpr const char* kDeal = R"({"as_of":"2026-09-01",
 "parties":[{"name":"Example Compute Pte Ltd","country":"SG","headquarters_country":"CN",
             "role":"ultimate_consignee"},
            {"name":"Example Forwarding Ltd","country":"HK","headquarters_country":"HK",
             "role":"freight_forwarder"}],
 "items":[{"name":"H100 SXM5","quantity":64},{"name":"RTX 4090"},{"name":"Ascend 910B"}],
 "destination":"SG","end_use":{"ai_model_training":true}})";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: exportscreen_callgrind normalize|match|screen_items|load_fixture|"
                 "load_builtin REPEAT [LIST_FILE]\n";
    return 2;
  }
  const std::string path = argv[1];
  const int repeat = std::atoi(argv[2]);
  const std::string list_file = argc > 3 ? argv[3] : "";

  if (path == "normalize") {
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < repeat; ++i)
      sink = sink + exportscreen::normalize_name(kName).tokens.size();
    CALLGRIND_STOP_INSTRUMENTATION;
  } else if (path == "match") {
    // One query against the indexed fixture list (or the built-in list without one).
    exportscreen::PartyMatcher matcher;
    exportscreen::LoadOptions o;
    o.label = "fixture";
    const auto list = list_file.empty() ? exportscreen::builtin_list()
                                        : exportscreen::load_list(read_file(list_file), o);
    matcher.add(list);
    const exportscreen::MatchOptions defaults;
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < repeat; ++i) sink = sink + matcher.match({kName, ""}, defaults).size();
    CALLGRIND_STOP_INSTRUMENTATION;
  } else if (path == "screen_items") {
    // The JSON API end to end (parse, match, rules, classification, the answer's JSON), the
    // built-in list loaded.
    exportscreen::Screener screener;
    screener.add_list(exportscreen::builtin_list());
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < repeat; ++i)
      sink = sink + exportscreen::screen_json(screener, kDeal).size();
    CALLGRIND_STOP_INSTRUMENTATION;
  } else if (path == "load_fixture" || path == "load_builtin") {
    const std::string bytes = path == "load_fixture" ? read_file(list_file) : std::string();
    exportscreen::LoadOptions o;
    o.label = "fixture";
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < repeat; ++i) {
      const auto list =
          path == "load_fixture" ? exportscreen::load_list(bytes, o) : exportscreen::builtin_list();
      exportscreen::PartyMatcher matcher;
      matcher.add(list);
      sink = sink + matcher.size();
    }
    CALLGRIND_STOP_INSTRUMENTATION;
  } else if (path == "cold_start") {
    // What the widget's worker does on a cold page before its first answer, once (REPEAT is
    // ignored: the rule set is read once per process): the built-in list added, the lists,
    // country codes and version written, then one party screened.
    CALLGRIND_START_INSTRUMENTATION;
    exportscreen::Screener screener;
    screener.add_list(exportscreen::builtin_list());
    sink = sink + exportscreen::lists_json(screener).size();
    sink = sink + exportscreen::country_codes_json().size();
    sink = sink + exportscreen::version_json().size();
    sink = sink + exportscreen::screen_json(
                      screener, R"({"parties":[{"name":"Huawei Technologies Co., Ltd."}]})")
                      .size();
    CALLGRIND_STOP_INSTRUMENTATION;
  } else {
    std::cerr << "callgrind bench: unknown path " << path << "\n";
    return 2;
  }
  std::cout << sink << "\n";
  return 0;
}
