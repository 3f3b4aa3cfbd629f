// exportscreen: the native command-line tool over the core's JSON API (one JSON value per line).
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/list.h"

namespace {

using exportscreen::Error;

constexpr const char* kUsage =
    R"(exportscreen - export-control screening (restricted parties, AI chips)

Usage:
  exportscreen screen  [--list FILE[@YYYY-MM-DD]]...
  exportscreen match   [--list FILE[@YYYY-MM-DD]]... [--min-score X | --preset NAME] [--limit N]
                       [--source CODE]... [--program NAME]... [--country CC]...
  exportscreen compare [--min-score X | --preset NAME]
  exportscreen lists   [--list FILE[@YYYY-MM-DD]]...
  exportscreen classify  [--as-of YYYY-MM-DD] [--locale en|zh]
  exportscreen reference [--as-of YYYY-MM-DD] [--locale en|zh]
  exportscreen --help | --version

Every command reads JSON values, one per line, on standard input and writes one JSON value per
line on standard output, in the same order. Without --list, the built-in list is used (a partial
selection of Entity List entries for AI-chip and advanced-computing parties).

Commands:
  screen   Screens whole requests: {"as_of"?, "parties": [{"name", "role"?, "country"?,
           "address"?, "headquarters_country"?}], "items"?, "destination"?, "end_use"?,
           "options"?: {"min_score"?, "limit"?, "sources"?}}
           -> {"verdict", "findings", "party_matches", "lists", "rules_version", "as_of", "notice"}
  match    Matches names: {"name", "type"?: "person"|"organization", "country"?,
           "preset"?, "min_score"?, "limit"?, "sources"?, "programs"?, "countries"?}
           -> {"query", "matches": [...]}
  compare  Compares two names: {"a", "b", "type"?: "person"|"organization"}
           -> {"score", "match", "explanation"}
  lists    Prints what the given lists hold (ignores standard input): {"lists": [...]}
  classify Classifies items: {"name": "H100 SXM5"} or {"tops": {"fp16": 400, ...},
           "die_area_mm2"?, "datacenter"?, ...}, optionally with "as_of" and "locale"
           -> {"tpp", "performance_density", "eccn", "paragraph", "reason", "gp10", "tests", ...}
  reference Prints the chips, end-use and red-flag questions, roles and country groups a form
           needs (ignores standard input)

Options:
  --list FILE[@DATE]  Load a list file; repeatable. Formats, told from the content: the
                      Consolidated Screening List CSV or JSON (trade.gov), and OFAC's legacy
                      CSV set (sdn.csv or cons_prim.csv with any of alt.csv, add.csv,
                      sdn_comments.csv: give each with --list; they load as one list). DATE is
                      the data's date, reported as the list's as_of (CSL JSON carries its own).
  --min-score X       Report matches scoring at least X (0..1; default 0.85).
  --preset NAME       strict (0.92), balanced (0.85) or broad (0.75): the minimum score.
  --limit N           At most N matches per query (default 10).
  --source CODE       Only match entries of this source list (EL, SDN, DPL, ...); repeatable.
  --program NAME      Only match entries under this program (SDGT, IRAN, ...); repeatable.
  --country CC        Only match entries with an address or nationality in this ISO country;
                      repeatable.
  --as-of DATE        classify/reference: the date the rules are applied as of (default today).
  --locale en|zh      classify/reference: the language of reasons and questions (default en).

A line that cannot be handled yields {"error": {"code", "message"}, "line": N} in its place and a
message on standard error; the batch goes on, and the exit status is 1. A list that cannot be
loaded stops the command with exit status 2 before any line is read. See docs/api.md.
)";

struct Options {
  std::string command;
  std::vector<std::string> lists;
  exportscreen::MatchOptions match;
  bool threshold_given = false;  // --min-score or --preset (compare has its own default)
  std::string as_of;
  std::string locale = "en";
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "exportscreen: " << message << "\nTry 'exportscreen --help'.\n";
  std::exit(2);
}

double parse_number(const std::string& flag, const std::string& value, double lo, double hi) {
  try {
    std::size_t used = 0;
    const double v = std::stod(value, &used);
    if (used == value.size() && v >= lo && v <= hi) return v;
  } catch (const std::exception&) {
  }
  usage_error(flag + " needs a number from " + std::to_string(lo) + " to " + std::to_string(hi));
}

Options parse_args(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) usage_error(a + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h" || a == "help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (a == "--version") {
      std::cout << "exportscreen " << exportscreen::version() << " (rules "
                << exportscreen::rules_version() << ", current to " << exportscreen::rules_date()
                << ")\n";
      std::exit(0);
    } else if (a == "--list") {
      o.lists.push_back(value());
    } else if (a == "--min-score") {
      o.match.min_score = parse_number(a, value(), 0, 1);
      o.threshold_given = true;
    } else if (a == "--limit") {
      o.match.limit = static_cast<std::size_t>(parse_number(a, value(), 1, 1000));
    } else if (a == "--source") {
      o.match.sources.push_back(value());
    } else if (a == "--program") {
      o.match.programs.push_back(value());
    } else if (a == "--country") {
      const std::string c = value();
      if (!exportscreen::is_country_code(c))
        usage_error("--country needs an ISO 3166-1 alpha-2 code");
      o.match.countries.push_back(exportscreen::require_country(c, "--country"));
    } else if (a == "--preset") {
      const std::string p = value();
      const auto score = exportscreen::preset_min_score(p);
      if (!score) usage_error("--preset must be strict, balanced or broad");
      o.match.min_score = *score;
      o.threshold_given = true;
    } else if (a == "--as-of") {
      o.as_of = value();
      try {
        exportscreen::require_date(o.as_of, "--as-of");
      } catch (const Error& e) {
        usage_error(e.what());
      }
    } else if (a == "--locale") {
      o.locale = value();
      if (o.locale != "en" && o.locale != "zh") usage_error("--locale must be en or zh");
    } else if (!a.empty() && a[0] == '-') {
      usage_error("unknown option " + a);
    } else if (o.command.empty()) {
      o.command = a;
    } else {
      usage_error("unexpected argument " + a);
    }
  }
  if (o.command.empty()) usage_error("no command given");
  if (o.command != "screen" && o.command != "match" && o.command != "compare" &&
      o.command != "lists" && o.command != "classify" && o.command != "reference") {
    usage_error("unknown command " + o.command);
  }
  return o;
}

[[noreturn]] void list_error(const std::string& path, const std::string& code,
                             const std::string& what) {
  std::cerr << "exportscreen: " << path << ": " << code << ": " << what << "\n";
  std::exit(2);
}

// One --list argument, read.
struct ListArg {
  std::string path;
  std::string as_of;
  std::string bytes;
  exportscreen::ListFileKind kind;
};

// Loads the lists named on the command line, or the built-in list; exits 2 on a bad file.
// The files of an OFAC legacy set (sdn.csv with alt.csv, add.csv, sdn_comments.csv) make one
// list: each secondary file joins the nearest primary file before it (or, failing that, the
// first after it).
exportscreen::Screener load_screener(const Options& o) {
  exportscreen::Screener screener;
  if (o.lists.empty()) {
    screener.add_list(exportscreen::builtin_list());
    return screener;
  }
  std::vector<ListArg> args;
  for (const std::string& spec : o.lists) {
    ListArg a;
    a.path = spec;
    const std::size_t at = spec.rfind('@');
    if (at != std::string::npos && spec.size() - at == 11) {
      a.path = spec.substr(0, at);
      a.as_of = spec.substr(at + 1);
      try {
        exportscreen::require_date(a.as_of, "--list " + spec);
      } catch (const Error& e) {
        list_error(a.path, e.code(), e.what());
      }
    }
    std::ifstream in(a.path, std::ios::binary);
    if (!in) {
      std::cerr << "exportscreen: cannot read list file " << a.path << "\n";
      std::exit(2);
    }
    a.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    a.kind = exportscreen::detect_list_file(a.bytes);
    args.push_back(std::move(a));
  }
  const auto secondary = [](const ListArg& a) {
    return a.kind.format == "ofac_csv" && a.kind.role != "primary";
  };
  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::size_t> waiting;  // secondaries seen before any primary
  int last_primary = -1;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (secondary(args[i])) {
      if (last_primary >= 0)
        groups[static_cast<std::size_t>(last_primary)].push_back(i);
      else
        waiting.push_back(i);
      continue;
    }
    groups.push_back({i});
    if (args[i].kind.format == "ofac_csv") {
      last_primary = static_cast<int>(groups.size() - 1);
      for (std::size_t w : waiting) groups.back().push_back(w);
      waiting.clear();
    }
  }
  if (!waiting.empty()) groups.push_back(waiting);  // the loader says what is missing

  for (const auto& group : groups) {
    const ListArg& first = args[group.front()];
    exportscreen::LoadOptions options;
    options.label = first.path.substr(first.path.find_last_of('/') + 1);
    std::vector<exportscreen::ListFileBytes> files;
    for (std::size_t i : group) {
      if (options.as_of.empty()) options.as_of = args[i].as_of;
      files.push_back({args[i].path.substr(args[i].path.find_last_of('/') + 1), args[i].bytes});
    }
    try {
      screener.add_list(exportscreen::load_list(files, options));
    } catch (const Error& e) {
      list_error(first.path, e.code(), e.what());
    } catch (const std::exception& e) {
      list_error(first.path, "internal_error", e.what());
    }
  }
  return screener;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const Options options = parse_args(argc, argv);
  // compare, classify and reference need no list.
  const bool needs_lists = options.command != "compare" && options.command != "classify" &&
                           options.command != "reference";
  const exportscreen::Screener screener =
      needs_lists ? load_screener(options) : exportscreen::Screener();

  if (options.command == "lists") {
    std::cout << exportscreen::lists_json(screener) << "\n";
    return 0;
  }
  if (options.command == "reference") {
    nlohmann::json o = {{"locale", options.locale}};
    if (!options.as_of.empty()) o["as_of"] = options.as_of;
    const std::string out = exportscreen::reference_json(o.dump());
    std::cout << out << "\n";
    return out.rfind("{\"error\":", 0) == 0 ? 1 : 0;
  }

  int status = 0;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string out;
    if (options.command == "screen") {
      out = exportscreen::screen_json(screener, line);
    } else if (options.command == "match") {
      out = exportscreen::match_json(screener, line, options.match);
    } else if (options.command == "classify") {
      out = exportscreen::classify_json(line, options.as_of, options.locale);
    } else {
      out = exportscreen::compare_json(line, options.threshold_given
                                                 ? options.match.min_score
                                                 : exportscreen::kDefaultPairMinScore);
    }
    // Errors keep their place in the output and name the input line.
    if (out.rfind("{\"error\":", 0) == 0) {
      status = 1;
      out.insert(out.size() - 1, ",\"line\":" + std::to_string(line_no));
      std::cerr << "exportscreen: line " << line_no << ": " << out << "\n";
    }
    std::cout << out << "\n";
  }
  std::cout.flush();
  return status;
}
