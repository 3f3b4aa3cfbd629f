// The one JSON boundary of the core: every entry point that takes and returns JSON text (the
// JSON API, the rule API, the wasm binding, the CLI) runs its body through guarded(), so an
// exception never crosses it and every error has the same envelope (docs/api.md, "Errors").
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exportscreen/error.h"

namespace exportscreen {

/// {"error": {"code", "message"}}.
nlohmann::json error_json(std::string_view code, std::string_view message);

/// Serializes JSON for output on one line; invalid UTF-8 is replaced, never thrown.
std::string dump(const nlohmann::json& j);

/// The error envelope of the exception being handled; called in a catch block only. An Error
/// keeps its code, running out of memory is out_of_memory, anything else internal_error; when
/// even the envelope cannot be built (no memory left), a constant one.
std::string current_error_json() noexcept;

/// Runs `body` (returning JSON text) and turns any exception into the error envelope
/// (current_error_json). One handler per entry point, the envelope's code written once: every
/// entry point instantiates this template.
template <class Body>
std::string guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return current_error_json();
  }
}

}  // namespace exportscreen
