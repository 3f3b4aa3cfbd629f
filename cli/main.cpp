// exportscreen: the native command-line tool over the core's JSON API (one JSON value per line).
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/country.h"
#include "exportscreen/date.h"
#include "exportscreen/diff.h"
#include "exportscreen/list.h"
#include "exportscreen/party_csv.h"

namespace {

using exportscreen::Error;

constexpr const char* kUsage =
    R"(exportscreen - export-control screening (restricted parties, AI chips)

Usage:
  exportscreen screen  [--list FILE[@YYYY-MM-DD]]... [--since FILE[@YYYY-MM-DD]]...
  exportscreen screen  --csv [--list FILE[@DATE]]... [--output jsonl|csv] [--separator SEP]
                       [--column FIELD=COLUMN]... [--no-header] [--as-of DATE] [--locale en|zh]
                       [--min-score X | --preset NAME] [--limit N] [--source CODE]...
  exportscreen match   [--list FILE[@YYYY-MM-DD]]... [--since FILE[@YYYY-MM-DD]]...
                       [--min-score X | --preset NAME] [--limit N]
                       [--source CODE]... [--program NAME]... [--country CC]...
  exportscreen rows    [--list FILE[@YYYY-MM-DD]]... [--since FILE[@YYYY-MM-DD]]...
                       [--min-score X | --preset NAME] [--limit N] [--source CODE]...
                       [--program NAME]... [--country CC]... [--as-of YYYY-MM-DD]
  exportscreen diff    OLD NEW  |  --since OLD... --list NEW...
  exportscreen compare [--min-score X | --preset NAME]
  exportscreen lists   [--list FILE[@YYYY-MM-DD]]... [--since FILE[@YYYY-MM-DD]]...
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
           With --csv, standard input is a CSV file of parties (a batch, any length, read as it
           arrives at constant memory): each row is screened and gives one line,
           {"line", "name", "country", "verdict", "rules", "matches", "best"} or
           {"line", "name", "error"} (--output csv: the same as CSV, with a header).
  match    Matches names: {"name", "type"?: "person"|"organization", "country"?,
           "preset"?, "min_score"?, "limit"?, "sources"?, "programs"?, "countries"?}
           -> {"query", "matches": [...]}
  rows     Screens rows, each a party on its own (a customer base): {"name", "type"?,
           "country"?, "address"?} -> {"verdict", "matches", "best", "rule", "citation", "rules"}
  diff     Compares two versions of the lists: one line per entry added, removed or changed,
           {"change": "added"|"removed"|"changed", "entry", "fields", "list", "previous"?};
           nothing for unchanged entries; the counts on standard error (ignores standard input)
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
  --since FILE[@DATE] An earlier version of the lists (repeatable, as --list): screen, match,
                      rows and lists then hold only the entries of the --list files added or
                      changed since it (a delta screening). What matches none of them is
                      "unchanged" (the earlier result stands), never "clear"; removed entries
                      are listed by exportscreen diff.
  --min-score X       Report matches scoring at least X (0..1; default 0.85).
  --preset NAME       strict (0.92), balanced (0.85) or broad (0.75): the minimum score.
  --limit N           At most N matches per query (default 10).
  --source CODE       Only match entries of this source list (EL, SDN, DPL, ...); repeatable.
  --program NAME      Only match entries under this program (SDGT, IRAN, ...); repeatable.
  --country CC        Only match entries with an address or nationality in this ISO country;
                      repeatable.
  --as-of DATE        classify/reference/rows/screen --csv: the date the rules are applied as of
                      (default today).
  --locale en|zh      classify/reference/screen --csv: the language of texts (default en).
  --csv               screen: read a CSV file of parties instead of JSON requests. Its encoding
                      is told from its bytes (UTF-8, UTF-16 with a byte-order mark, Windows-1252).
  --separator SEP     --csv: , ; tab or auto (default auto: the most frequent on the first line).
  --column F=C        --csv: the column of field F (name, country, address, type): a header
                      name or a 1-based number; repeatable. Without it the header names decide.
  --no-header         --csv: the first row is a party, not a header (give --column name=N).
  --output FMT        --csv: jsonl (default) or csv.

A line that cannot be handled yields {"error": {"code", "message"}, "line": N} in its place and a
message on standard error; the batch goes on, and the exit status is 1. A line longer than
16 MiB is request_too_large and skipped to its end without being held. A list that cannot be
loaded stops the command with exit status 2 before any line is read. Results are written as
they are computed: standard output is flushed whenever standard input has nothing to read.
See docs/api.md.
)";

struct Options {
  std::string command;
  std::vector<std::string> lists;
  std::vector<std::string> since;       // --since: the earlier lists of a delta screening
  std::vector<std::string> positional;  // diff OLD NEW
  exportscreen::MatchOptions match;
  bool threshold_given = false;  // --min-score or --preset (compare has its own default)
  std::string as_of;
  std::string locale = "en";
  // screen --csv
  bool csv = false;
  bool csv_output = false;
  bool header = true;
  char separator = 0;                                        // 0: sniffed
  std::vector<std::pair<std::string, std::string>> columns;  // field, header name or number
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
    } else if (a == "--since") {
      o.since.push_back(value());
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
    } else if (a == "--csv") {
      o.csv = true;
    } else if (a == "--no-header") {
      o.header = false;
    } else if (a == "--output") {
      const std::string f = value();
      if (f != "jsonl" && f != "csv") usage_error("--output must be jsonl or csv");
      o.csv_output = f == "csv";
    } else if (a == "--separator") {
      const std::string sep = value();
      if (sep == "auto") {
        o.separator = 0;
      } else if (sep == "," || sep == ";") {
        o.separator = sep[0];
      } else if (sep == "tab" || sep == "\t") {
        o.separator = '\t';
      } else {
        usage_error("--separator must be , ; tab or auto");
      }
    } else if (a == "--column") {
      const std::string spec = value();
      const std::size_t eq = spec.find('=');
      const std::string field = spec.substr(0, eq);
      if (eq == std::string::npos || eq + 1 == spec.size() ||
          (field != "name" && field != "country" && field != "address" && field != "type")) {
        usage_error("--column needs FIELD=COLUMN, FIELD one of name, country, address, type");
      }
      o.columns.emplace_back(field, spec.substr(eq + 1));
    } else if (!a.empty() && a[0] == '-') {
      usage_error("unknown option " + a);
    } else if (o.command.empty()) {
      o.command = a;
    } else if (o.command == "diff") {
      o.positional.push_back(a);
    } else {
      usage_error("unexpected argument " + a);
    }
  }
  if (o.command.empty()) usage_error("no command given");
  if (o.csv && o.command != "screen") usage_error("--csv is an option of screen");
  if (!o.csv && (o.csv_output || !o.header || !o.columns.empty())) {
    usage_error("--output, --column and --no-header go with screen --csv");
  }
  if (o.command != "screen" && o.command != "match" && o.command != "compare" &&
      o.command != "lists" && o.command != "classify" && o.command != "reference" &&
      o.command != "rows" && o.command != "diff") {
    usage_error("unknown command " + o.command);
  }
  if (o.command == "diff") {
    // diff OLD NEW, or the files of sets with --since (the old lists) and --list (the new).
    if (o.positional.size() == 2 && o.since.empty() && o.lists.empty()) {
      o.since.push_back(o.positional[0]);
      o.lists.push_back(o.positional[1]);
    } else if (!o.positional.empty() || o.since.empty() || o.lists.empty()) {
      usage_error("diff needs OLD NEW, or --since OLD... --list NEW...");
    }
  }
  const bool lists_used = o.command == "screen" || o.command == "match" || o.command == "rows" ||
                          o.command == "lists" || o.command == "diff";
  if (!o.since.empty() && !lists_used) usage_error("--since is for screen, match, rows and lists");
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

// Loads the list files named by --list (or --since), or the built-in list when there are none;
// exits 2 on a bad file. The files of an OFAC legacy set (sdn.csv with alt.csv, add.csv,
// sdn_comments.csv) make one list: each secondary file joins the nearest primary file before it
// (or, failing that, the first after it).
std::vector<exportscreen::ListSnapshot> load_lists(const std::vector<std::string>& specs) {
  std::vector<exportscreen::ListSnapshot> out;
  if (specs.empty()) {
    out.push_back(exportscreen::builtin_list());
    return out;
  }
  std::vector<ListArg> args;
  for (const std::string& spec : specs) {
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
    // A file over the list limit is refused by its size, before a byte of it is read (the loader
    // holds the files of an OFAC set to the limit together).
    std::error_code size_error;
    const auto size = std::filesystem::file_size(a.path, size_error);
    if (!size_error && size > exportscreen::kMaxListBytes) {
      {
        list_error(a.path, exportscreen::errc::kListTooLarge,
                   "the list is " + std::to_string(size) + " bytes; the limit is " +
                       std::to_string(exportscreen::kMaxListBytes) + " (" +
                       std::to_string(exportscreen::kMaxListBytes >> 20) + " MiB)");
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
      out.push_back(exportscreen::load_list(files, options));
    } catch (const Error& e) {
      list_error(first.path, e.code(), e.what());
    } catch (const std::exception& e) {
      list_error(first.path, "internal_error", e.what());
    }
  }
  return out;
}

std::vector<const exportscreen::ListSnapshot*> pointers(
    const std::vector<exportscreen::ListSnapshot>& lists) {
  std::vector<const exportscreen::ListSnapshot*> out;
  for (const auto& l : lists) out.push_back(&l);
  return out;
}

std::string labels(const std::vector<exportscreen::ListSnapshot>& lists) {
  std::string out;
  for (const auto& l : lists) out += (out.empty() ? "" : " + ") + l.info.label;
  return out;
}

// The lists to screen against: the --list files (or the built-in list), or with --since only
// their entries added or changed since the --since files (a delta screening), said on stderr.
exportscreen::Screener load_screener(const Options& o) {
  exportscreen::Screener screener;
  std::vector<exportscreen::ListSnapshot> lists = load_lists(o.lists);
  if (o.since.empty()) {
    for (auto& l : lists) screener.add_list(std::move(l));
    return screener;
  }
  const std::vector<exportscreen::ListSnapshot> before = load_lists(o.since);
  const exportscreen::ListDiff diff = exportscreen::diff_lists(pointers(before), pointers(lists));
  for (auto& l : exportscreen::delta_lists(pointers(before), pointers(lists), diff))
    screener.add_list(std::move(l));
  // Words weigh what they weigh in the whole new lists: the delta scores as the full screening.
  for (const auto& l : lists) screener.weigh_words_by(l);
  std::cerr << "exportscreen: screening against the " << diff.added << " added and " << diff.changed
            << " changed entries of " << labels(lists) << " since " << labels(before) << " ("
            << diff.unchanged << " unchanged, " << diff.removed
            << " removed: exportscreen diff lists them)\n";
  return screener;
}

// Standard input, read in blocks. Standard output is flushed whenever the next read would wait:
// each result reaches a reader as soon as it is computed, while a producer that keeps the input
// full still gets buffered output. Lines are held to the request limit: a longer one is read
// to its end without being kept, so memory stays constant whatever the input.
class StandardInput {
 public:
  /// Called before a read that would wait, after which standard output is flushed.
  std::function<void()> before_wait;

  /// The next block of bytes (empty at the end of the input).
  std::string_view block() {
    if (!ready()) {
      if (before_wait) before_wait();
      std::cout.flush();
    }
    while (true) {
      const ssize_t n = ::read(STDIN_FILENO, buffer_.data(), buffer_.size());
      if (n >= 0) return {buffer_.data(), static_cast<std::size_t>(n)};
      if (errno != EINTR) return {};
    }
  }

  /// The next line without its line feed; false at the end. `too_long` is set for a line over
  /// kMaxRequestBytes, whose bytes are skipped, not returned.
  bool next_line(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    while (true) {
      if (pos_ == view_.size()) {
        view_ = block();
        pos_ = 0;
        if (view_.empty()) return any;
      }
      any = true;
      const std::size_t nl = view_.find('\n', pos_);
      const std::size_t end = nl == std::string_view::npos ? view_.size() : nl;
      if (!too_long) {
        if (line.size() + (end - pos_) > exportscreen::kMaxRequestBytes) {
          too_long = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(view_.substr(pos_, end - pos_));
        }
      }
      pos_ = end;
      if (nl != std::string_view::npos) {
        ++pos_;
        return true;
      }
    }
  }

 private:
  static bool ready() {
    pollfd fd{STDIN_FILENO, POLLIN, 0};
    return ::poll(&fd, 1, 0) > 0;
  }

  std::vector<char> buffer_ = std::vector<char>(1 << 16);
  std::string_view view_;
  std::size_t pos_ = 0;
};

// One row of a batch CSV file waiting to be screened.
struct BatchRow {
  std::size_t line = 0;
  exportscreen::Party party;
  std::string error_code, error_message;
};

// A CSV cell a spreadsheet will not run as a formula (OWASP "CSV Injection": a leading
// = + - @, tab or carriage return gets an apostrophe), quoted when it needs to be.
std::string csv_cell(std::string s) {
  if (!s.empty() && std::strchr("=+-@\t\r", s[0]) != nullptr) s.insert(0, 1, '\'');
  const bool quote = s.find_first_of(",\"\r\n;") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// screen --csv: a CSV file of parties of any length, read, screened and written as it arrives,
// 200 rows to a request (as the widget's batch), at constant memory.
int screen_csv(const exportscreen::Screener& screener, const Options& options) {
  using nlohmann::json;
  constexpr std::size_t kRowsPerRequest = 200;
  int status = 0;
  exportscreen::PartyCsvReader reader(options.separator);
  exportscreen::PartyColumns columns;
  bool header_done = !options.header;
  std::vector<BatchRow> pending;
  std::vector<std::string> header;

  // Columns given as numbers are known before any row; names need the header.
  const auto resolve_columns = [&](const std::vector<std::string>& names) {
    if (options.header) columns = exportscreen::guess_party_columns(names);
    for (const auto& [field, spec] : options.columns) {
      int index = -1;
      if (!spec.empty() && spec.find_first_not_of("0123456789") == std::string::npos) {
        index = std::stoi(spec) - 1;
      } else {
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (names[i] == spec) index = static_cast<int>(i);
        }
        if (index < 0) usage_error("--column " + field + "=" + spec + ": no such column");
      }
      (field == "name"      ? columns.name
       : field == "country" ? columns.country
       : field == "address" ? columns.address
                            : columns.type) = index;
    }
    const auto describe = [&](const char* field, int column) -> std::string {
      if (column < 0) return "";
      std::string d = std::string(", ") + field + " in column " + std::to_string(column + 1);
      if (static_cast<std::size_t>(column) < names.size()) d += " (" + names[column] + ")";
      return d;
    };
    if (columns.name >= 0) {
      std::cerr << "exportscreen: columns:" << describe("name", columns.name).substr(1)
                << describe("country", columns.country) << describe("address", columns.address)
                << describe("type", columns.type) << "\n";
    }
    if (columns.name < 0) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      usage_error("no column holds the names (the header is: " + list +
                  "); give --column name=COLUMN");
    }
  };

  const auto write_header = [&] {
    if (!options.csv_output) return;
    // A byte-order mark, so that a spreadsheet opens the file as UTF-8 (as the widget's).
    std::cout << "\xEF\xBB\xBFline,name,country,verdict,matches,best_name,matched_name,score,"
                 "source_code,entry_id,rules,error_code,error_message\r\n";
  };

  const auto write = [&](const BatchRow& row, const json& summary) {
    if (!options.csv_output) {
      json out = {{"line", row.line}, {"name", row.party.name}};
      if (!row.party.country.empty()) out["country"] = row.party.country;
      if (summary.contains("error")) {
        out["error"] = summary["error"];
      } else {
        out.update(summary);
      }
      std::cout << exportscreen::dump(out) << "\n";
      return;
    }
    std::vector<std::string> cells = {std::to_string(row.line), row.party.name, row.party.country};
    if (summary.contains("error")) {
      cells.insert(cells.end(), 8, "");
      cells.push_back(summary["error"]["code"]);
      cells.push_back(summary["error"]["message"]);
    } else {
      const json& best = summary["best"];
      std::string rules;
      for (const auto& r : summary["rules"])
        rules += (rules.empty() ? "" : "; ") + r.get<std::string>();
      char score[16] = "";
      if (!best.is_null()) std::snprintf(score, sizeof score, "%.3f", best["score"].get<double>());
      cells.insert(cells.end(),
                   {summary["verdict"].get<std::string>(),
                    std::to_string(summary["matches"].get<std::size_t>()),
                    best.is_null() ? "" : best["name"].get<std::string>(),
                    best.is_null() ? "" : best["matched_name"].get<std::string>(), score,
                    best.is_null() ? "" : best["source_code"].get<std::string>(),
                    best.is_null() ? "" : best["entry_id"].get<std::string>(), rules, "", ""});
    }
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + csv_cell(cells[i]);
    std::cout << line << "\r\n";
  };

  const auto screen_pending = [&] {
    if (pending.empty()) return;
    exportscreen::ScreenRequest request;
    request.as_of = options.as_of.empty() ? exportscreen::today_utc() : options.as_of;
    request.locale = options.locale;
    request.match = options.match;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (!pending[i].error_code.empty()) continue;
      index.push_back(i);
      request.parties.push_back(pending[i].party);
    }
    json summaries = json::array();
    if (!request.parties.empty()) {
      const std::string result = exportscreen::guarded([&] {
        const exportscreen::ScreenResult r = screener.screen(request);
        return exportscreen::dump(exportscreen::party_summaries_json(r, index.size()));
      });
      summaries = json::parse(result);
    }
    for (std::size_t i = 0, k = 0; i < pending.size(); ++i) {
      json summary;
      if (!pending[i].error_code.empty()) {
        summary = exportscreen::error_json(pending[i].error_code, pending[i].error_message);
      } else if (summaries.is_object()) {
        summary = summaries;  // the whole request failed (out of memory): each row says so
        ++k;
      } else {
        summary = summaries[k++];
      }
      if (summary.contains("error")) {
        status = 1;
        std::cerr << "exportscreen: " << summary["error"]["code"].get<std::string>() << ": "
                  << summary["error"]["message"].get<std::string>() << "\n";
      }
      write(pending[i], summary);
    }
    pending.clear();
  };

  const auto field = [](const exportscreen::PartyCsvRow& row, int column) {
    return column >= 0 && static_cast<std::size_t>(column) < row.fields.size()
               ? row.fields[static_cast<std::size_t>(column)]
               : std::string();
  };
  const auto trim = [](std::string s) {
    const auto space = [](unsigned char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && space(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
  };

  bool announced = false;
  const auto on_row = [&](exportscreen::PartyCsvRow& row) {
    if (!announced) {
      announced = true;
      std::cerr << "exportscreen: reading the CSV as " << reader.encoding()
                << (reader.byte_order_mark() ? " with a byte-order mark" : "") << ", separator "
                << (reader.separator() == '\t' ? std::string("tab")
                                               : std::string(1, reader.separator()))
                << "\n";
    }
    if (!header_done) {
      header_done = true;
      header = row.fields;
      resolve_columns(header);
      write_header();
      return;
    }
    BatchRow b;
    b.line = row.line;
    b.party.name = trim(field(row, columns.name));
    const std::string country = trim(field(row, columns.country));
    b.party.country = exportscreen::utf8_prefix(country, 16);  // as given, until it is checked
    std::string type = trim(field(row, columns.type));
    for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!row.error_code.empty()) {
      b.error_code = row.error_code;
      b.error_message = row.error_message;
    } else if (b.party.name.empty()) {
      b.error_code = exportscreen::errc::kInvalidRequest;
      b.error_message = "line " + std::to_string(row.line) + ": the name is empty";
    } else if (b.party.name.size() > exportscreen::kMaxNameBytes) {
      b.error_code = exportscreen::errc::kRequestTooLarge;
      b.error_message = "line " + std::to_string(row.line) + ": the name is " +
                        std::to_string(b.party.name.size()) + " bytes; the limit is " +
                        std::to_string(exportscreen::kMaxNameBytes);
      b.party.name = std::string(exportscreen::utf8_prefix(b.party.name, 64)) + "...";
    } else if (!country.empty() && !exportscreen::is_country_code(country)) {
      b.error_code = exportscreen::errc::kInvalidCountry;
      b.error_message = "line " + std::to_string(row.line) + ": \"" +
                        std::string(exportscreen::utf8_prefix(country, 16)) +
                        "\" is not an ISO 3166-1 alpha-2 country code";
    } else {
      if (!country.empty()) b.party.country = exportscreen::require_country(country, "country");
      b.party.address = exportscreen::utf8_prefix(trim(field(row, columns.address)),
                                                  exportscreen::kMaxStringBytes);
      if (type == "person") b.party.type = exportscreen::NameKind::kPerson;
      if (type == "organization") b.party.type = exportscreen::NameKind::kOrganization;
    }
    pending.push_back(std::move(b));
    if (pending.size() == kRowsPerRequest) screen_pending();
  };

  if (!options.header) resolve_columns({});
  StandardInput input;
  input.before_wait = screen_pending;
  const auto fatal = [&](const exportscreen::Error& e) {
    screen_pending();
    const std::string out = exportscreen::dump(exportscreen::error_json(e.code(), e.what()));
    std::cerr << "exportscreen: " << e.code() << ": " << e.what() << "\n";
    if (options.csv_output) {
      std::cout << ",,,,,,,,,,," << csv_cell(e.code()) << "," << csv_cell(e.what()) << "\r\n";
    } else {
      std::cout << out << "\n";
    }
    std::cout.flush();
    return 1;
  };
  try {
    while (true) {
      const std::string_view bytes = input.block();
      if (bytes.empty()) break;
      reader.feed(bytes, on_row);
    }
    reader.finish(on_row);
  } catch (const exportscreen::Error& e) {
    return fatal(e);
  }
  screen_pending();
  if (!header_done) {
    std::cerr << "exportscreen: the CSV file has no row\n";
    status = 1;
  }
  std::cout.flush();
  return status;
}

// exportscreen diff: one JSON line per entry added, removed or changed; the counts on stderr.
int run_diff(const Options& o) {
  const std::vector<exportscreen::ListSnapshot> before = load_lists(o.since);
  const std::vector<exportscreen::ListSnapshot> after = load_lists(o.lists);
  const exportscreen::ListDiff diff = exportscreen::diff_lists(pointers(before), pointers(after));
  for (const exportscreen::EntryChange& c : diff.changes) {
    std::cout << exportscreen::dump(exportscreen::to_json(c)) << "\n";
  }
  std::cout.flush();
  std::cerr << "exportscreen diff: " << labels(before) << " (" << diff.before_entries
            << " entries) -> " << labels(after) << " (" << diff.after_entries
            << " entries): " << diff.added << " added, " << diff.removed << " removed, "
            << diff.changed << " changed, " << diff.unchanged << " unchanged\n"
            << exportscreen::dump(
                   exportscreen::diff_summary_json(diff, pointers(before), pointers(after)))
            << "\n";
  return 0;
}

// exportscreen rows: rows are read a batch at a time and screened together; a line that is
// not JSON keeps its place with its error.
int run_rows(const exportscreen::Screener& screener, const Options& o) {
  nlohmann::json options = {{"min_score", o.match.min_score}, {"limit", o.match.limit}};
  if (!o.match.sources.empty()) options["sources"] = o.match.sources;
  if (!o.match.programs.empty()) options["programs"] = o.match.programs;
  if (!o.match.countries.empty()) options["countries"] = o.match.countries;
  if (!o.as_of.empty()) options["as_of"] = o.as_of;
  int status = 0;
  std::vector<std::size_t> line_of;     // input line of each slot of the batch
  std::vector<nlohmann::json> results;  // an error, or null for a row in `rows`
  nlohmann::json rows = nlohmann::json::array();
  std::vector<std::size_t> slot_of_row;
  const auto flush = [&] {
    if (!rows.empty()) {
      nlohmann::json screened;
      try {
        screened = exportscreen::screen_rows(screener, rows, options);
      } catch (const Error& e) {
        screened = nlohmann::json::array();
        for (std::size_t i = 0; i < rows.size(); ++i)
          screened.push_back(exportscreen::error_json(e.code(), e.what()));
      }
      for (std::size_t i = 0; i < slot_of_row.size(); ++i)
        results[slot_of_row[i]] = std::move(screened[i]);
    }
    for (std::size_t k = 0; k < results.size(); ++k) {
      nlohmann::json& r = results[k];
      if (r.contains("error")) {
        status = 1;
        r["line"] = line_of[k];
        std::cerr << "exportscreen: line " << line_of[k] << ": " << exportscreen::dump(r) << "\n";
      }
      std::cout << exportscreen::dump(r) << "\n";
    }
    line_of.clear();
    results.clear();
    rows = nlohmann::json::array();
    slot_of_row.clear();
  };
  StandardInput input;
  input.before_wait = flush;  // rows read so far are screened before waiting for more
  std::string line;
  bool too_long = false;
  std::size_t line_no = 0;
  while (input.next_line(line, too_long)) {
    ++line_no;
    if (too_long) {
      line_of.push_back(line_no);
      results.push_back(exportscreen::error_json(
          exportscreen::errc::kRequestTooLarge,
          "the line is more than " + std::to_string(exportscreen::kMaxRequestBytes) +
              " bytes; the limit is " + std::to_string(exportscreen::kMaxRequestBytes) +
              " (it was skipped without being read)"));
      if (results.size() == 1000) flush();
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    line_of.push_back(line_no);
    try {
      rows.push_back(exportscreen::parse_request_json(line, "the row"));
      slot_of_row.push_back(results.size());
      results.emplace_back(nullptr);
    } catch (const Error& e) {
      results.push_back(exportscreen::error_json(e.code(), e.what()));
    }
    if (results.size() == 1000) flush();
  }
  flush();
  std::cout.flush();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const Options options = parse_args(argc, argv);
  // compare, classify and reference need no list.
  if (options.command == "diff") return run_diff(options);
  const bool needs_lists = options.command != "compare" && options.command != "classify" &&
                           options.command != "reference";
  const exportscreen::Screener screener =
      needs_lists ? load_screener(options) : exportscreen::Screener();

  if (options.command == "lists") {
    std::cout << exportscreen::lists_json(screener) << "\n";
    return 0;
  }
  if (options.command == "rows") return run_rows(screener, options);
  if (options.command == "reference") {
    nlohmann::json o = {{"locale", options.locale}};
    if (!options.as_of.empty()) o["as_of"] = options.as_of;
    const std::string out = exportscreen::reference_json(o.dump());
    std::cout << out << "\n";
    return out.rfind("{\"error\":", 0) == 0 ? 1 : 0;
  }

  if (options.csv) return screen_csv(screener, options);

  StandardInput input;
  int status = 0;
  std::string line;
  bool too_long = false;
  std::size_t line_no = 0;
  while (input.next_line(line, too_long)) {
    ++line_no;
    std::string out;
    if (too_long) {
      out = exportscreen::dump(exportscreen::error_json(
          exportscreen::errc::kRequestTooLarge,
          "the line is more than " + std::to_string(exportscreen::kMaxRequestBytes) +
              " bytes; the limit is " + std::to_string(exportscreen::kMaxRequestBytes) +
              " (it was skipped without being read)"));
    } else {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
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
