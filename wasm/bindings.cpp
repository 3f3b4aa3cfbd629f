// The Embind binding: the only file that knows Emscripten. JSON text in, JSON text out; every
// call catches everything, so no C++ exception ever reaches JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "exportscreen/api.h"
#include "exportscreen/json_boundary.h"
#include "exportscreen/list.h"
#include "exportscreen/sha256.h"

namespace {

using exportscreen::dump;
using exportscreen::error_json;
using exportscreen::guarded;

/// A list being loaded in chunks, so the page can show real progress: the JS layer feeds the
/// bytes (no callback from C++ into JS) and hands the finished list to Session.addLoaded().
class ListLoader {
 public:
  /// Sets the options {"label"?, "as_of"?, "format"?, "replace"?, "known_sha256"?}; returns {} or
  /// {"error"}.
  std::string begin(const std::string& options_json) {
    return guarded([&] {
      loader_ = exportscreen::ListLoader(exportscreen::parse_load_options(options_json, &replace_));
      begun_ = true;
      return std::string("{}");
    });
  }

  /// Starts the next file of a set (OFAC sdn.csv, alt.csv, ...); returns {} or {"error"}.
  std::string beginFile(const std::string& name) {
    return guarded([&] {
      require_begun();
      loader_.begin_file(name);
      return std::string("{}");
    });
  }

  /// Parses the next chunk (a Uint8Array crosses as raw bytes); returns {"bytes", "records"}
  /// so far, or {"error"} as soon as the file is seen to be broken.
  std::string feed(const std::string& chunk) {
    return guarded([&] {
      require_begun();
      loader_.feed(chunk);
      return progress();
    });
  }

  /// Validates the whole list; returns {"bytes", "records"} or {"error"}.
  std::string finish() {
    return guarded([&] {
      require_begun();
      list_ = loader_.finish();
      finished_ = true;
      return progress();
    });
  }

  bool finished() const { return finished_; }
  bool replace() const { return replace_; }
  exportscreen::ListSnapshot take() {
    finished_ = false;
    return std::move(list_);
  }

 private:
  void require_begun() const {
    if (!begun_)
      throw exportscreen::Error(exportscreen::errc::kInvalidRequest, "call begin() first");
  }
  std::string progress() const {
    return dump({{"bytes", loader_.bytes_consumed()}, {"records", loader_.records_parsed()}});
  }

  exportscreen::ListLoader loader_;
  exportscreen::ListSnapshot list_;
  bool begun_ = false;
  bool finished_ = false;
  bool replace_ = false;
};

/// One screening session: the loaded lists and their index.
class Session {
 public:
  /// Adds the built-in list. Returns {"list", "lists"} or {"error"}.
  std::string loadBuiltin() {
    return guarded([&] {
      return exportscreen::add_list_json(screener_, exportscreen::builtin_list(), false);
    });
  }

  /// Loads a list file from its bytes (a Uint8Array crosses as raw bytes).
  std::string loadList(const std::string& bytes, const std::string& options_json) {
    return guarded([&] { return exportscreen::load_list_json(screener_, bytes, options_json); });
  }

  /// Indexes a list a ListLoader finished and adds it (replacing the others if it was begun
  /// with "replace": true). Returns {"list", "lists"} or {"error"}.
  std::string addLoaded(ListLoader& loader) {
    return guarded([&] {
      if (!loader.finished()) {
        throw exportscreen::Error(exportscreen::errc::kInvalidRequest,
                                  "the list loader has no finished list (call finish() first)");
      }
      const bool replace = loader.replace();
      return exportscreen::add_list_json(screener_, loader.take(), replace);
    });
  }

  std::string clearLists() {
    return guarded([&] {
      screener_.clear_lists();
      return exportscreen::lists_json(screener_);
    });
  }

  std::string lists() const {
    return guarded([&] { return exportscreen::lists_json(screener_); });
  }

  std::string screen(const std::string& request_json) const {
    return guarded([&] { return exportscreen::screen_json(screener_, request_json); });
  }

  std::string match(const std::string& query_json) const {
    return guarded([&] { return exportscreen::match_json(screener_, query_json); });
  }

 private:
  exportscreen::Screener screener_;
};

std::string compare(const std::string& pair_json) {
  return guarded([&] { return exportscreen::compare_json(pair_json); });
}

// A user's CSV file of parties (batch screening), read by the core's CSV reader.
std::string parseCsv(const std::string& bytes, const std::string& options_json) {
  return exportscreen::parse_csv_json(bytes, options_json);
}

std::string countries() { return exportscreen::country_codes_json(); }

// Lower-case hex SHA-256 of bytes: audit records are hashed with the same code as list files.
std::string sha256(const std::string& bytes) {
  return guarded([&] { return dump({{"sha256", exportscreen::sha256_hex(bytes)}}); });
}

std::string version() { return exportscreen::version_json(); }

/// Classifies one item (JSON, with optional "as_of" and "locale").
std::string classify(const std::string& item_json) {
  return guarded([&] { return exportscreen::classify_json(item_json); });
}

/// The reference a form needs; options {"locale"?, "as_of"?} as JSON ("" for the defaults).
std::string reference(const std::string& options_json) {
  return guarded([&] { return exportscreen::reference_json(options_json); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(exportscreen) {
  emscripten::class_<ListLoader>("ListLoader")
      .constructor<>()
      .function("begin", &ListLoader::begin)
      .function("beginFile", &ListLoader::beginFile)
      .function("feed", &ListLoader::feed)
      .function("finish", &ListLoader::finish);
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("loadBuiltin", &Session::loadBuiltin)
      .function("loadList", &Session::loadList)
      .function("addLoaded", &Session::addLoaded)
      .function("clearLists", &Session::clearLists)
      .function("lists", &Session::lists)
      .function("screen", &Session::screen)
      .function("match", &Session::match);
  emscripten::function("compare", &compare);
  emscripten::function("version", &version);
  emscripten::function("classify", &classify);
  emscripten::function("reference", &reference);
  emscripten::function("parseCsv", &parseCsv);
  emscripten::function("countries", &countries);
  emscripten::function("sha256", &sha256);
}
