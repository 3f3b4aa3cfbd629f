// The built-in list in a compact binary form: the build reads its CSV once (with every check a
// list file gets), normalizes its names and writes the result with pack_list
// (core/gen/prebuild.cpp); the library carries that pack and builtin_list() reads it back
// (internal).
#pragma once

#include <string>
#include <string_view>

#include "exportscreen/list.h"

namespace exportscreen {

/// The pack of a list (its info, entries and normalized names).
std::string pack_list(const ListSnapshot& list);

/// The list a pack holds. Throws Error (errc::kInternal) if the bytes are not a whole pack of
/// this format.
ListSnapshot unpack_list(std::string_view bytes);

namespace detail {

/// The built-in list read from the CSV the library was built with (data/builtin/), without
/// normalized names: what the build packs, and what the tests compare the pack with.
ListSnapshot builtin_list_from_csv();

}  // namespace detail
}  // namespace exportscreen
