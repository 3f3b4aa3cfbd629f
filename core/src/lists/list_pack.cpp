// A list's pack (pack.h): every field of ListSnapshot (list.h) and of the normalized names
// (normalize.h), as the build writes the built-in list's (core/gen/prebuild.cpp) and as
// builtin_list() reads it back.
#include "lists/list_pack.h"

#include "pack.h"

namespace exportscreen {
namespace {

constexpr std::string_view kMagic = "ESLIST";
constexpr char kFormat = 2;

}  // namespace

// Not in the unnamed namespace: the pack's reader and writer find them by argument-dependent
// lookup, which does not look there.
using detail::Is;

template <class Io, Is<Address> S>
void fields(Io& io, S& v) {
  io(v.text, v.country);
}
template <class Io, Is<ListEntry> S>
void fields(Io& io, S& v) {
  io(v.id, v.source, v.source_code, v.type, v.name, v.alt_names, v.programs, v.addresses,
     v.nationalities, v.dates_of_birth, v.federal_register_notice, v.start_date, v.end_date,
     v.standard_order, v.license_requirement, v.license_policy, v.remarks, v.source_list_url,
     v.source_information_url);
}
template <class Io, Is<SourceDate> S>
void fields(Io& io, S& v) {
  io(v.source, v.last_updated);
}
template <class Io, Is<SourceCount> S>
void fields(Io& io, S& v) {
  io(v.source, v.code, v.records);
}
template <class Io, Is<ListFile> S>
void fields(Io& io, S& v) {
  io(v.name, v.role, v.sha256, v.bytes, v.records);
}
template <class Io, Is<ListVersion> S>
void fields(Io& io, S& v) {
  io(v.label, v.as_of, v.sha256, v.records);
}
template <class Io, Is<ListDelta> S>
void fields(Io& io, S& v) {
  io(v.since, v.added, v.changed, v.removed, v.added_keys);
}
template <class Io, Is<ListInfo> S>
void fields(Io& io, S& v) {
  io(v.label, v.format, v.as_of, v.sha256, v.bytes, v.records, v.names, v.builtin, v.sources_used,
     v.files, v.delta, v.composition);
}
template <class Io, Is<NameToken> S>
void fields(Io& io, S& v) {
  io(v.text, v.role, v.script, v.alt, v.word);
}
template <class Io, Is<NormalizedName> S>
void fields(Io& io, S& v) {
  io(v.tokens, v.comma_after_word);
}
template <class Io, Is<ListSnapshot> S>
void fields(Io& io, S& v) {
  io(v.info, v.entries, v.normalized_names);
}

std::string pack_list(const ListSnapshot& list) { return detail::pack(list, kMagic, kFormat); }

ListSnapshot unpack_list(std::string_view bytes) {
  return detail::unpack<ListSnapshot>(bytes, kMagic, kFormat, "the built-in list's pack");
}

}  // namespace exportscreen
