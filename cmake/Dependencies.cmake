# Third-party headers from Debian packages (nlohmann-json3-dev, doctest-dev).
#
# Natively, plain find_package works. Under emcmake, find_package is confined to the Emscripten
# sysroot and forcing /usr/include onto the path breaks on glibc headers, so only the two header
# trees are linked into a private include directory and wrapped in targets of the same names
# (../shared/TOOLCHAIN.md, "Emscripten 3.1.6 (Debian) gotchas").
if(NOT EMSCRIPTEN)
  find_package(nlohmann_json 3.10 REQUIRED)
  if(EXPORTSCREEN_BUILD_TESTS)
    find_package(doctest REQUIRED)
  endif()
  return()
endif()

set(_es_dep_include "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${_es_dep_include}")
foreach(_hdr nlohmann doctest)
  if(NOT EXISTS "/usr/include/${_hdr}")
    message(FATAL_ERROR "/usr/include/${_hdr} is missing: run scripts/install-deps")
  endif()
  if(NOT EXISTS "${_es_dep_include}/${_hdr}")
    file(CREATE_LINK "/usr/include/${_hdr}" "${_es_dep_include}/${_hdr}" SYMBOLIC)
  endif()
endforeach()

add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${_es_dep_include}")
add_library(doctest::doctest INTERFACE IMPORTED GLOBAL)
target_include_directories(doctest::doctest SYSTEM INTERFACE "${_es_dep_include}")
list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/doctest)
