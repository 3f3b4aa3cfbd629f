// The fuzz harnesses: an input may be rejected with exportscreen::Error (that is the contract);
// any other exception, a crash, a sanitizer report or a broken invariant is a bug, and aborts.
#include "harness.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/diff.h"
#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "exportscreen/normalize.h"
#include "exportscreen/party_csv.h"
#include "exportscreen/sha256.h"
#include "exportscreen/unicode.h"

namespace exportscreen::fuzz {
namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

#define FUZZ_CHECK(cond)      \
  do {                        \
    if (!(cond)) fail(#cond); \
  } while (0)

// Runs `body`; Error is an accepted outcome, anything else escaping is a bug.
template <class Body>
void expect_only_errors(Body&& body) {
  try {
    body();
  } catch (const Error& e) {
    FUZZ_CHECK(!e.code().empty());
    FUZZ_CHECK(find_invalid_utf8(e.what()) == std::string_view::npos);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  }
}

const Screener& builtin_screener() {
  static const Screener screener = [] {
    Screener s;
    s.add_list(builtin_list());
    return s;
  }();
  return screener;
}

// What every successfully loaded list must satisfy, whatever its format.
void check_loaded_list(const ListSnapshot& list) {
  FUZZ_CHECK(list.info.records == list.entries.size());
  FUZZ_CHECK(list.info.records > 0);
  FUZZ_CHECK(list.info.sha256.size() == 64);
  std::size_t names = 0;
  for (const ListEntry& e : list.entries) {
    FUZZ_CHECK(!e.name.empty());
    FUZZ_CHECK(!e.source.empty());
    FUZZ_CHECK(find_invalid_utf8(e.name) == std::string_view::npos);
    names += 1 + e.alt_names.size();
  }
  FUZZ_CHECK(names == list.info.names);
  // The loaded list can be indexed and queried with its own first name.
  PartyMatcher matcher;
  matcher.add(list);
  MatchOptions o;
  o.min_score = 0;
  for (const PartyMatch& m : matcher.match({list.entries.front().name, ""}, o)) {
    FUZZ_CHECK(m.score >= 0 && m.score <= 1);
  }
}

// A reply of a never-throwing JSON entry point: valid UTF-8, valid JSON, an object, and never
// internal_error (a bug by definition).
nlohmann::json check_reply(const std::string& out) {
  FUZZ_CHECK(find_invalid_utf8(out) == std::string_view::npos);
  nlohmann::json reply = nlohmann::json::parse(out);
  FUZZ_CHECK(reply.is_object());
  if (reply.contains("error")) {
    FUZZ_CHECK(reply["error"]["code"].is_string());
    FUZZ_CHECK(reply["error"]["code"] != errc::kInternal);
  }
  return reply;
}

}  // namespace

void csl_csv(std::string_view data) {
  expect_only_errors([&] {
    LoadOptions options;
    options.format = "csl_csv";
    check_loaded_list(load_list(data, options));
  });
}

void csl_json(std::string_view data) {
  expect_only_errors([&] {
    LoadOptions options;
    options.format = "csl_json";
    const ListSnapshot list = load_list(data, options);
    check_loaded_list(list);
    FUZZ_CHECK(list.info.format == "csl_json");
  });
}

void ofac_set(std::string_view data) {
  // The files of the set are the parts of `data` between kOfacFileSeparator bytes, named in turn
  // after the files of a real set: the SDN set's, or (when `data` starts with a separator) the
  // non-SDN consolidated set's, whose primary file name tells the loader which list it is.
  static const char* const kSdnNames[] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
  static const char* const kConsNames[] = {"cons_prim.csv", "cons_alt.csv", "cons_add.csv",
                                           "cons_comments.csv"};
  const bool non_sdn = !data.empty() && data[0] == kOfacFileSeparator;
  if (non_sdn) data.remove_prefix(1);
  std::vector<ListFileBytes> files;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= data.size(); ++i) {
    if (i == data.size() || data[i] == kOfacFileSeparator) {
      files.push_back(
          {(non_sdn ? kConsNames : kSdnNames)[files.size() % 4], data.substr(start, i - start)});
      start = i + 1;
    }
  }
  LoadOptions options;
  options.format = "ofac_csv";
  std::string once_error, chunked_error;
  ListSnapshot once, chunked;
  try {
    once = load_list(files, options);
  } catch (const Error& e) {
    once_error = e.code();
    FUZZ_CHECK(find_invalid_utf8(e.what()) == std::string_view::npos);
  }
  // The same set fed to the incremental loader in small chunks loads to the same list.
  const std::size_t chunk = data.size() % 61 + 1;
  try {
    ListLoader loader(options);
    for (const ListFileBytes& f : files) {
      loader.begin_file(f.name);
      for (std::size_t at = 0; at < f.bytes.size(); at += chunk)
        loader.feed(f.bytes.substr(at, chunk));
    }
    chunked = loader.finish();
  } catch (const Error& e) {
    chunked_error = e.code();
  }
  FUZZ_CHECK(once_error == chunked_error);
  if (!once_error.empty()) return;
  check_loaded_list(once);
  FUZZ_CHECK(once.entries.size() == chunked.entries.size());
  FUZZ_CHECK(once.info.names == chunked.info.names);
  for (std::size_t i = 0; i < once.entries.size(); ++i) {
    FUZZ_CHECK(once.entries[i].name == chunked.entries[i].name);
    FUZZ_CHECK(once.entries[i].alt_names == chunked.entries[i].alt_names);
  }
}

void item(std::string_view data) {
  // classify() of the item as given, then the same item inside a screening request (where the
  // request parser, the destination and end-use rules see it).
  const nlohmann::json classified = check_reply(classify_json(data, "2026-11-01", "en"));
  if (!classified.contains("error")) {
    FUZZ_CHECK(classified.contains("eccn") && classified.contains("determinate"));
    FUZZ_CHECK(classified["tests"].is_array());
    // Every figure computed from the item is a finite number (nlohmann/json prints infinity and
    // NaN as null, so a null term or "inf" in the reason is an overflow).
    const nlohmann::json& tpp = classified["tpp"];
    FUZZ_CHECK(tpp.is_null() || (tpp.is_number() && tpp.get<double>() >= 0));
    for (const nlohmann::json& term : classified["tpp_terms"]) FUZZ_CHECK(term["tpp"].is_number());
    if (!classified["tpp_terms"].empty()) FUZZ_CHECK(tpp.is_number());
    const std::string reason = classified["reason"].get<std::string>();
    FUZZ_CHECK(reason.find(" inf ") == std::string::npos &&
               reason.find(" nan ") == std::string::npos);
  }
  const nlohmann::json item = nlohmann::json::parse(data, nullptr, false);
  if (item.is_discarded()) return;
  for (const char* destination : {"CN", "NL"}) {
    const nlohmann::json request = {{"as_of", "2026-11-01"},
                                    {"parties", nlohmann::json::array()},
                                    {"items", nlohmann::json::array({item})},
                                    {"destination", destination}};
    const nlohmann::json reply = check_reply(screen_json(builtin_screener(), request.dump()));
    if (!reply.contains("error")) FUZZ_CHECK(reply.contains("verdict"));
  }
}

void list_stream(std::string_view data) {
  if (data.empty()) return;
  const std::size_t chunk = static_cast<unsigned char>(data[0]) % 64 + 1;
  const std::string_view bytes = data.substr(1);
  std::string once_error, chunked_error;
  ListSnapshot once, chunked;
  try {
    once = load_list(bytes);
  } catch (const Error& e) {
    once_error = e.code();
  }
  try {
    ListLoader loader;
    for (std::size_t at = 0; at < bytes.size(); at += chunk) loader.feed(bytes.substr(at, chunk));
    FUZZ_CHECK(loader.bytes_consumed() == bytes.size());
    chunked = loader.finish();
  } catch (const Error& e) {
    chunked_error = e.code();
  }
  FUZZ_CHECK(once_error == chunked_error);
  if (!once_error.empty()) return;
  FUZZ_CHECK(once.info.sha256 == chunked.info.sha256);
  FUZZ_CHECK(once.info.sha256 == sha256_hex(bytes));
  FUZZ_CHECK(once.entries.size() == chunked.entries.size());
  FUZZ_CHECK(once.info.names == chunked.info.names);
  for (std::size_t i = 0; i < once.entries.size(); ++i) {
    FUZZ_CHECK(once.entries[i].name == chunked.entries[i].name);
    FUZZ_CHECK(!once.entries[i].name.empty());
  }
}

void request(std::string_view data) {
  // Through the never-throwing JSON entry point, as every boundary calls it.
  const nlohmann::json reply = check_reply(screen_json(builtin_screener(), data));
  if (!reply.contains("error")) FUZZ_CHECK(reply.contains("verdict") && reply.contains("findings"));
}

void normalize(std::string_view data) {
  expect_only_errors([&] {
    const std::string folded = fold(data);
    const NormalizedName n = normalize_name(data);
    for (const NameToken& t : n.tokens) {
      FUZZ_CHECK(!t.text.empty());
      FUZZ_CHECK(t.text.find(' ') == std::string::npos);
    }
    const NameComparison self = compare_names(n, n);
    FUZZ_CHECK(self.score >= 0 && self.score <= 1);
    if (n.has_identifying_tokens()) FUZZ_CHECK(std::fabs(self.score - 1.0) < 1e-9);
    static const NormalizedName listed = normalize_name("Huawei Technologies Co., Ltd.");
    const double a = compare_names(n, listed).score;
    const double b = compare_names(listed, n).score;
    FUZZ_CHECK(a >= 0 && a <= 1 && b >= 0 && b <= 1);
  });
}

void diff(std::string_view data) {
  const std::size_t at = data.find(kListVersionSeparator);
  if (at == std::string_view::npos) return;
  ListSnapshot before, after;
  bool loaded = false;
  expect_only_errors([&] {
    before = load_list(data.substr(0, at));
    after = load_list(data.substr(at + 1));
    loaded = true;
  });
  if (!loaded) return;
  const std::vector<const ListSnapshot*> b = {&before}, a = {&after};
  const ListDiff d = diff_lists(b, a);
  FUZZ_CHECK(d.added + d.changed + d.unchanged == after.entries.size());
  FUZZ_CHECK(d.removed + d.changed + d.unchanged == before.entries.size());
  FUZZ_CHECK(d.changes.size() == d.added + d.removed + d.changed);
  for (const EntryChange& c : d.changes) {
    FUZZ_CHECK((c.kind == EntryChangeKind::kChanged) == (c.previous != nullptr));
    FUZZ_CHECK((c.kind == EntryChangeKind::kChanged) == !c.fields.empty());
    FUZZ_CHECK(list_entry_key(*c.entry) ==
               (c.previous ? list_entry_key(*c.previous) : list_entry_key(*c.entry)));
    check_reply(dump(to_json(c)));
  }
  FUZZ_CHECK(diff_lists(a, a).changes.empty());
  FUZZ_CHECK(diff_lists(b, b).changes.empty());

  const std::vector<ListSnapshot> delta = delta_lists(b, a, d);
  FUZZ_CHECK(delta.size() == 1);
  FUZZ_CHECK(delta[0].entries.size() == d.added + d.changed);
  FUZZ_CHECK(delta[0].info.delta && delta[0].info.delta->removed == d.removed);
  if (delta[0].entries.empty()) return;
  // What the delta finds for one of its names, the full list finds with the same score.
  PartyMatcher full, changed;
  full.add(after);
  changed.add(delta[0]);
  changed.weigh_words_by(after);
  MatchOptions o;
  o.min_score = 0.5;
  o.limit = 1000;
  const std::string& name = delta[0].entries.front().name;
  const auto all = full.match({name, ""}, o);
  for (const PartyMatch& m : changed.match({name, ""}, o)) {
    // A lead below the threshold: the full screening scores only the shortest names holding a
    // brand, the delta may score more of them (docs/api.md, delta screening).
    if (m.score < o.min_score) continue;
    bool found = false;
    for (const PartyMatch& f : all) {
      found |= list_entry_key(*f.entry) == list_entry_key(*m.entry) &&
               f.entry->name == m.entry->name && f.score == m.score;
    }
    FUZZ_CHECK(found);
  }
}

namespace {

// What a party CSV reader made of some bytes: its rows, what it read them as, or the code it
// stopped with.
struct PartyCsvOutcome {
  std::vector<PartyCsvRow> rows;
  std::string encoding;
  std::string error;
};

PartyCsvOutcome read_party_csv(std::string_view bytes, char separator, std::size_t chunk) {
  PartyCsvOutcome out;
  PartyCsvReader reader(separator);
  const auto keep = [&](PartyCsvRow& row) { out.rows.push_back(row); };
  try {
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
      reader.feed(bytes.substr(at, chunk), keep);
    }
    reader.finish(keep);
    FUZZ_CHECK(reader.bytes() == bytes.size());
  } catch (const Error& e) {
    out.error = e.code();
    FUZZ_CHECK(find_invalid_utf8(e.what()) == std::string_view::npos);
  }
  out.encoding = std::string(reader.encoding());
  return out;
}

}  // namespace

void party_csv(std::string_view data) {
  if (data.size() < 2) return;
  constexpr char kSeparators[] = {0, ',', ';', '\t'};
  const char separator = kSeparators[static_cast<unsigned char>(data[0]) % 4];
  const std::size_t chunk = static_cast<unsigned char>(data[1]) % 64 + 1;
  const std::string_view bytes = data.substr(2);
  const PartyCsvOutcome once = read_party_csv(bytes, separator, bytes.size() + 1);
  const PartyCsvOutcome chunked = read_party_csv(bytes, separator, chunk);
  // However the bytes arrive: the same error, or the same rows read as the same encoding. (After
  // an error the encoding is that of the bytes read until then: a stream stops where it fails.)
  FUZZ_CHECK(once.error == chunked.error);
  FUZZ_CHECK(once.encoding == "utf-8" || once.encoding == "utf-16le" ||
             once.encoding == "utf-16be" || once.encoding == "windows-1252");
  for (const PartyCsvRow& a : once.rows) {
    FUZZ_CHECK(a.fields.size() <= kMaxCsvFields && a.field_count >= a.fields.size());
    FUZZ_CHECK(a.error_code.empty() || !a.error_message.empty());
    for (const std::string& f : a.fields) {
      FUZZ_CHECK(find_invalid_utf8(f) == std::string_view::npos);  // always decoded to UTF-8
    }
  }
  if (once.error.empty()) {
    FUZZ_CHECK(once.encoding == chunked.encoding);
    FUZZ_CHECK(once.rows.size() == chunked.rows.size());
    std::size_t line = 0;
    for (std::size_t i = 0; i < once.rows.size() && i < chunked.rows.size(); ++i) {
      const PartyCsvRow& a = once.rows[i];
      const PartyCsvRow& b = chunked.rows[i];
      FUZZ_CHECK(a.fields == b.fields && a.line == b.line && a.error_code == b.error_code);
      FUZZ_CHECK(a.line > line);  // rows in order, each on its own line
      line = a.line;
    }
    if (!once.rows.empty() && once.rows.front().error_code.empty()) {
      const PartyColumns c = guess_party_columns(once.rows.front().fields);
      const int n = static_cast<int>(once.rows.front().fields.size());
      for (int col : {c.name, c.country, c.address, c.type}) FUZZ_CHECK(col >= -1 && col < n);
    }
  }
  // The never-throwing entry point the widget's worker calls answers valid JSON.
  const nlohmann::json reply = check_reply(parse_csv_json(
      bytes, separator == 0 ? R"({"separator":"auto"})"
                            : nlohmann::json{{"separator", std::string(1, separator)}}.dump()));
  FUZZ_CHECK(reply.contains("error") || reply.contains("rows"));
}

}  // namespace exportscreen::fuzz
