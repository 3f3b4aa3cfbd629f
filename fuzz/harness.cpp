// The fuzz harnesses: an input may be rejected with exportscreen::Error (that is the contract);
// any other exception, a crash, a sanitizer report or a broken invariant is a bug, and aborts.
#include "harness.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "exportscreen/api.h"
#include "exportscreen/list.h"
#include "exportscreen/matcher.h"
#include "exportscreen/normalize.h"
#include "exportscreen/sha256.h"
#include "exportscreen/unicode.h"

namespace exportscreen::fuzz {
namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

#define FUZZ_CHECK(cond) \
  do {                   \
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

}  // namespace

void csl_csv(std::string_view data) {
  expect_only_errors([&] {
    LoadOptions options;
    options.format = "csl_csv";
    const ListSnapshot list = load_list(data, options);
    FUZZ_CHECK(list.info.records == list.entries.size());
    FUZZ_CHECK(list.info.records > 0);
    FUZZ_CHECK(list.info.sha256.size() == 64);
    std::size_t names = 0;
    for (const ListEntry& e : list.entries) {
      FUZZ_CHECK(!e.name.empty());
      FUZZ_CHECK(!e.source.empty());
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
  });
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
  const std::string out = screen_json(builtin_screener(), data);
  FUZZ_CHECK(find_invalid_utf8(out) == std::string_view::npos);
  const nlohmann::json reply = nlohmann::json::parse(out);  // must be valid JSON
  FUZZ_CHECK(reply.is_object());
  if (reply.contains("error")) {
    FUZZ_CHECK(reply["error"]["code"] != errc::kInternal);
  } else {
    FUZZ_CHECK(reply.contains("verdict") && reply.contains("findings"));
  }
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

}  // namespace exportscreen::fuzz
