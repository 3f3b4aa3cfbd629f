// exportscreen: the native command-line tool over the core's JSON API (one JSON value per line).
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/list.h"

namespace {

using exportscreen::Error;

constexpr const char* kUsage = R"(exportscreen - export-control screening (restricted parties, AI chips)

Usage:
  exportscreen screen  [--list FILE[@YYYY-MM-DD]]...
  exportscreen match   [--list FILE[@YYYY-MM-DD]]... [--min-score X] [--limit N] [--source CODE]...
  exportscreen compare [--min-score X]
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
  match    Matches names: {"name", "country"?, "min_score"?, "limit"?, "sources"?}
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
  --list FILE[@DATE]  Load a list file (official CSL CSV); repeatable. DATE is the file's date,
                      reported as the list's as_of.
  --min-score X       Report matches scoring at least X (0..1; default 0.85).
  --limit N           At most N matches per query (default 10).
  --source CODE       Only match entries of this source list (EL, SDN, DPL, ...); repeatable.
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
      std::cout << "exportscreen 0.1.0 (rules " << exportscreen::kRulesVersion << ", current to "
                << exportscreen::rules_date() << ")\n";
      std::exit(0);
    } else if (a == "--list") {
      o.lists.push_back(value());
    } else if (a == "--min-score") {
      o.match.min_score = parse_number(a, value(), 0, 1);
    } else if (a == "--limit") {
      o.match.limit = static_cast<std::size_t>(parse_number(a, value(), 1, 1000));
    } else if (a == "--source") {
      o.match.sources.push_back(value());
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

// Loads the lists named on the command line, or the built-in list; exits 2 on a bad file.
exportscreen::Screener load_screener(const Options& o) {
  exportscreen::Screener screener;
  if (o.lists.empty()) {
    screener.add_list(exportscreen::builtin_list());
    return screener;
  }
  for (const std::string& spec : o.lists) {
    std::string path = spec;
    exportscreen::LoadOptions options;
    const std::size_t at = spec.rfind('@');
    if (at != std::string::npos && spec.size() - at == 11) {
      path = spec.substr(0, at);
      options.as_of = spec.substr(at + 1);
    }
    options.label = path.substr(path.find_last_of('/') + 1);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "exportscreen: cannot read list file " << path << "\n";
      std::exit(2);
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      if (!options.as_of.empty()) exportscreen::require_date(options.as_of, "--list " + spec);
      screener.add_list(exportscreen::load_list(bytes, options));
    } catch (const Error& e) {
      std::cerr << "exportscreen: " << path << ": " << e.code() << ": " << e.what() << "\n";
      std::exit(2);
    } catch (const std::exception& e) {
      std::cerr << "exportscreen: " << path << ": internal_error: " << e.what() << "\n";
      std::exit(2);
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
      out = exportscreen::compare_json(line, options.match.min_score);
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
