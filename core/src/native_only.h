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

// A function the module keeps out of its callers, natively the compiler's choice. The browser
// runs a WebAssembly function in its baseline tier until the function has used its budget,
// charged at each loop iteration and each return by the size of the code that loop or function
// compiled to, and then compiles it again with its optimizing compiler, in time that grows with
// that size. A loop over many list entries, or a function called once per name compared, keeps
// its rarely taken work in such a function: small, it runs a first screening in the baseline
// tier, and the optimizing compiler does not take a core from the page just loaded
// (docs/benchmarks.md, time to first result).
#ifdef __EMSCRIPTEN__
#define EXPORTSCREEN_OUTLINED [[gnu::noinline]]
#else
#define EXPORTSCREEN_OUTLINED
#endif
