// The one JSON boundary of the core: every entry point that takes and returns JSON text (the
// JSON API, the rule API, the wasm binding, the CLI) runs its body through guarded(), so an
// exception never crosses it and every error has the same envelope (docs/api.md, "Errors").
#pragma once

#include <new>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exportscreen/error.h"

namespace exportscreen {

/// {"error": {"code", "message"}}.
nlohmann::json error_json(std::string_view code, std::string_view message);

/// Serializes JSON for output on one line; invalid UTF-8 is replaced, never thrown.
std::string dump(const nlohmann::json& j);

/// Runs `body` (returning JSON text) and turns any exception into the error envelope: an Error
/// keeps its code, running out of memory is out_of_memory, anything else internal_error.
template <class Body>
std::string guarded(Body&& body) noexcept {
  try {
    try {
      return body();
    } catch (const Error& e) {
      return dump(error_json(e.code(), e.what()));
    } catch (const std::bad_alloc&) {
      return dump(error_json(errc::kOutOfMemory, "out of memory while handling the request"));
    } catch (const std::exception& e) {
      return dump(error_json(errc::kInternal, e.what()));
    } catch (...) {
      return dump(error_json(errc::kInternal, "unknown error"));
    }
  } catch (...) {
    // Building the envelope itself failed (no memory left even for it): a constant that needs
    // no allocation beyond the string's own small buffer is all that can still be returned.
    return R"({"error":{"code":"out_of_memory","message":"out of memory"}})";
  }
}

}  // namespace exportscreen
