// Writes, at build time, what each start of the engine would otherwise compute again (pack.h):
//   - the built-in rule set's pack: the rule files the library carries (data/rules/, packed by
//     embed-rules.mjs) loaded and validated as load_rule_set does, so that a broken file fails
//     the build, naming the file and the entry (read by core/src/rules/builtin_rule_set.cpp);
//   - the built-in list's pack: data/builtin/'s CSV read with every check a list file gets, its
//     names normalized as the matcher would (read by core/src/lists/builtin_list.cpp).
//
// usage: exportscreen_prebuild RULE_SET_PACK LIST_PACK
#include <exception>
#include <fstream>
#include <iostream>
#include <string>

#include "exportscreen/matcher.h"
#include "lists/list_pack.h"
#include "rules/rule_pack.h"
#include "rules/rule_set.h"

namespace {

bool write(const char* path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) std::cerr << "exportscreen_prebuild: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: exportscreen_prebuild RULE_SET_PACK LIST_PACK\n";
    return 2;
  }
  try {
    namespace es = exportscreen;
    const auto rules = es::rules::load_rule_set(es::rules::builtin_rule_files());
    es::ListSnapshot list = es::detail::builtin_list_from_csv();
    list.normalized_names = es::normalized_names(list);
    return write(argv[1], es::rules::pack_rule_set(rules)) && write(argv[2], es::pack_list(list))
               ? 0
               : 1;
  } catch (const std::exception& e) {
    std::cerr << "exportscreen_prebuild: " << e.what() << "\n";
    return 1;
  }
}
