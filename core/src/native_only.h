// What the WebAssembly module leaves out. Its size is budgeted (docs/benchmarks.md) and a page
// screens a few thousand rows, so code that only makes screening millions of rows faster (the
// CLI, the Python binding under scripts/rescreen) is compiled natively only: every such switch
// is this one constant, and the module's code path is the plain one beside it.
#pragma once

namespace exportscreen {

#ifdef __EMSCRIPTEN__
inline constexpr bool kNativeOnly = false;
#else
inline constexpr bool kNativeOnly = true;
#endif

}  // namespace exportscreen

// A function the module optimizes for size whatever its file's level: code of the hot files
// (normalize.cpp, matcher.cpp, at -O2 in the module) that runs once per name at most, on rare
// input (Chinese ordinals, acronyms in parentheses). Clang's minsize; nothing natively.
#ifdef __EMSCRIPTEN__
#define EXPORTSCREEN_SMALL [[clang::minsize]]
#else
#define EXPORTSCREEN_SMALL
#endif
