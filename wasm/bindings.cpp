// The Embind binding: the only file that knows Emscripten. JSON text in, JSON text out; every
// call catches everything, so no C++ exception ever reaches JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "exportscreen/api.h"
#include "exportscreen/list.h"
#include "exportscreen/sha256.h"

namespace {

using exportscreen::dump;
using exportscreen::error_json;

// Runs `body`; any exception becomes the {"error": ...} envelope.
template <class Body>
std::string guarded(Body&& body) {
  try {
    return body();
  } catch (const exportscreen::Error& e) {
    return dump(error_json(e.code(), e.what()));
  } catch (const std::bad_alloc&) {
    return dump(error_json(exportscreen::errc::kOutOfMemory,
                           "out of memory: the WebAssembly heap limit was reached"));
  } catch (const std::exception& e) {
    return dump(error_json(exportscreen::errc::kInternal, e.what()));
  } catch (...) {
    return dump(error_json(exportscreen::errc::kInternal, "unknown error"));
  }
}

/// One screening session: the loaded lists and their index.
class Session {
 public:
  /// Adds the built-in list. Returns {"list", "lists"} or {"error"}.
  std::string loadBuiltin() {
    return guarded([&] {
      const auto& info = screener_.add_list(exportscreen::builtin_list());
      nlohmann::json lists = nlohmann::json::array();
      for (const auto& l : screener_.lists()) lists.push_back(exportscreen::to_json(l));
      return dump({{"list", exportscreen::to_json(info)}, {"lists", lists}});
    });
  }

  /// Loads a list file from its bytes (a Uint8Array crosses as raw bytes).
  std::string loadList(const std::string& bytes, const std::string& options_json) {
    return guarded([&] { return exportscreen::load_list_json(screener_, bytes, options_json); });
  }

  std::string clearLists() {
    return guarded([&] {
      screener_.clear_lists();
      return exportscreen::lists_json(screener_);
    });
  }

  std::string lists() const { return guarded([&] { return exportscreen::lists_json(screener_); }); }

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

std::string version() {
  return guarded([&] {
    return dump({{"version", "0.1.0"},
                 {"rules_version", exportscreen::kRulesVersion},
                 {"rules_date", exportscreen::rules_date()}});
  });
}

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
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("loadBuiltin", &Session::loadBuiltin)
      .function("loadList", &Session::loadList)
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
