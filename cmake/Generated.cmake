# Build-time generated sources of the core: the Unicode folding table (from Debian's ICU and
# Unicode data) and the embedded built-in list. Both generators are Node scripts in core/gen/.
find_program(EXPORTSCREEN_NODE NAMES node nodejs REQUIRED)
find_program(EXPORTSCREEN_UCONV NAMES uconv)
set(EXPORTSCREEN_UNICODE_DIR "/usr/share/unicode" CACHE PATH "Unicode Character Database")
if(NOT EXPORTSCREEN_UCONV OR NOT EXISTS "${EXPORTSCREEN_UNICODE_DIR}/UnicodeData.txt")
  message(FATAL_ERROR "uconv (icu-devtools) and ${EXPORTSCREEN_UNICODE_DIR}/UnicodeData.txt "
                      "(unicode-data) are needed to generate the folding table: run scripts/install-deps")
endif()

set(EXPORTSCREEN_GEN_DIR "${CMAKE_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${EXPORTSCREEN_GEN_DIR}/exportscreen")

# Runs a generator script (core/gen/NAME.mjs) with ARGS, producing OUTPUT, rerun when the
# script or DEPENDS change.
function(exportscreen_generate output script)
  cmake_parse_arguments(GEN "" "" "ARGS;DEPENDS" ${ARGN})
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -E env --unset=NODE_OPTIONS
            "${EXPORTSCREEN_NODE}" "${CMAKE_SOURCE_DIR}/core/gen/${script}" ${GEN_ARGS}
    DEPENDS "${CMAKE_SOURCE_DIR}/core/gen/${script}" ${GEN_DEPENDS}
    COMMENT "Generating ${output}"
    VERBATIM)
  # A generated .cpp holds its data as one string literal (core/gen/cpp-literal.mjs), up to a few
  # hundred KB: every compiler here takes it, and clang's -Wpedantic would only say that C++
  # requires a compiler to take 65,536 bytes. (Source properties belong to the directory that
  # calls this function, the one whose targets compile the file.)
  if(output MATCHES "\\.cpp$")
    set_property(SOURCE "${output}" APPEND PROPERTY COMPILE_OPTIONS -Wno-overlength-strings)
  endif()
endfunction()
