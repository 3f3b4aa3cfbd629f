// Helpers shared by the core tests: fixture and shared-data paths.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "exportscreen/list.h"

namespace exportscreen::test {

/// Contents of tests/fixtures/NAME.
inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(EXPORTSCREEN_FIXTURES) + "/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Path of a file under ../shared/data, or empty when the shared data is absent.
inline std::string shared_data(const std::string& relative) {
  const std::string path = std::string(EXPORTSCREEN_SHARED_DATA) + "/" + relative;
  return std::filesystem::exists(path) ? path : std::string();
}

/// True (and a note on stderr) when a file under ../shared/data is absent; for
/// TEST_CASE("..." * doctest::skip(shared_absent("lists/x.csv"))).
inline bool shared_absent(const std::string& relative) {
  if (!shared_data(relative).empty()) return false;
  std::fprintf(stderr, "[skip] ../shared/data/%s is absent: tests that need it are skipped\n",
               relative.c_str());
  return true;
}

/// The code of an API answer that is the error envelope ({"error": {"code": ...}}), else "".
inline std::string error_code(const std::string& answer) {
  const nlohmann::json j = nlohmann::json::parse(answer);
  return j.contains("error") ? j["error"]["code"].get<std::string>() : "";
}

/// Contents of a file.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Load options with a label and, optionally, a date.
inline LoadOptions labelled(std::string label, std::string as_of = {}) {
  LoadOptions options;
  options.label = std::move(label);
  options.as_of = std::move(as_of);
  return options;
}

}  // namespace exportscreen::test
