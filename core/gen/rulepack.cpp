// Writes the built-in rule set's pack (core/src/rules/rule_pack.h) at build time: loads the rule
// files the library carries (data/rules/, packed by embed-rules.mjs), validates them as
// load_rule_set does (a broken file fails the build, naming the file and the entry) and writes
// the pack that core/src/rules/builtin_rule_set.cpp reads at every start of the engine.
//
// usage: exportscreen_rulepack OUT
#include <exception>
#include <fstream>
#include <iostream>

#include "rules/rule_pack.h"
#include "rules/rule_set.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: exportscreen_rulepack OUT\n";
    return 2;
  }
  try {
    const auto rules =
        exportscreen::rules::load_rule_set(exportscreen::rules::builtin_rule_files());
    const std::string pack = exportscreen::rules::pack_rule_set(rules);
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    out.write(pack.data(), static_cast<std::streamsize>(pack.size()));
    out.close();
    if (!out) {
      std::cerr << "exportscreen_rulepack: cannot write " << argv[1] << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "exportscreen_rulepack: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
