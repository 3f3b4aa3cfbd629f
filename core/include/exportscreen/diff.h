// Two versions of the restricted-party lists compared entry by entry: what was added, removed or
// changed, and the changed part of the new lists that a delta screening screens against.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/list.h"

namespace exportscreen {

/// What happened to one entry between two versions of the lists.
enum class EntryChangeKind { kAdded, kRemoved, kChanged };

/// "added", "removed" or "changed".
std::string_view to_string(EntryChangeKind kind) noexcept;

/// One entry that differs between the earlier and the new lists.
struct EntryChange {
  EntryChangeKind kind = EntryChangeKind::kAdded;
  const ListEntry* entry = nullptr;  ///< The new entry (added, changed) or the old one (removed).
  const ListInfo* list = nullptr;    ///< The list `entry` is in.
  const ListEntry* previous = nullptr;  ///< The earlier version of a changed entry.
  /// The fields that differ, named as in the JSON of an entry (`name`, `alt_names`, `addresses`,
  /// `federal_register_notice`, ...); empty for an added or removed entry.
  std::vector<std::string> fields;
};

/// The differences between two versions of the lists.
struct ListDiff {
  /// Added and changed entries in the order of the new lists, then removed entries in the order
  /// of the earlier lists. Unchanged entries are not listed.
  std::vector<EntryChange> changes;
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t changed = 0;
  std::size_t unchanged = 0;
  std::size_t before_entries = 0;  ///< Entries of the earlier lists.
  std::size_t after_entries = 0;   ///< Entries of the new lists.
};

/// The key an entry keeps from one version of a list to the next: its source list's short code
/// (EL, SDN, ...; the full source name when it has none) and the list's own id.
std::string list_entry_key(const ListEntry& entry);

/// Compares the entries of `before` with those of `after` (each one or more loaded lists, such
/// as the CSL file or an OFAC set). An entry is keyed by its source list (the short code, EL,
/// SDN, ...) and the list's own id (CSL `_id`, OFAC `ent_num`); a key held by several entries
/// (the CSL gives one Entity List party listed at two addresses two records with one `_id`)
/// pairs identical entries first, then the rest in file order. Entries are compared on every
/// field the loader keeps (ListEntry); the order of a field's values (aliases, addresses,
/// programs) and of the entries in the file do not count. A list that changes an entry's id
/// shows it as removed and added: a delta screening then screens it again, never less.
/// The lists must outlive the result, which points into them.
ListDiff diff_lists(const std::vector<const ListSnapshot*>& before,
                    const std::vector<const ListSnapshot*>& after);

/// What a delta screening screens against: for each list of `after`, a copy holding only its
/// entries `diff` (= diff_lists(before, after)) lists as added or changed, in the list's order,
/// with the list's info and `info.delta` naming `before`. Screening against these gives, for
/// every query, exactly the matches that screening against `after` gives on those entries.
std::vector<ListSnapshot> delta_lists(const std::vector<const ListSnapshot*>& before,
                                      const std::vector<const ListSnapshot*>& after,
                                      const ListDiff& diff);

/// The JSON of a list entry: every field the loader keeps (`id`, `source`, `source_code`,
/// `type`, `name`, `alt_names`, `programs`, `addresses`, `nationalities`, `dates_of_birth`,
/// `federal_register_notice`, `start_date`, `end_date`, `standard_order`,
/// `license_requirement`, `license_policy`, `remarks`, `source_list_url`,
/// `source_information_url`).
nlohmann::json to_json(const ListEntry& entry);

/// One line of `exportscreen diff`: {"change", "entry", "fields", "list"} and, for a changed
/// entry, "previous" (docs/api.md, "Comparing lists").
nlohmann::json to_json(const EntryChange& change);

/// The counts of a diff: {"before": {"entries", "lists"}, "after": {...}, "added", "removed",
/// "changed", "unchanged"}.
nlohmann::json diff_summary_json(const ListDiff& diff,
                                 const std::vector<const ListSnapshot*>& before,
                                 const std::vector<const ListSnapshot*>& after);

}  // namespace exportscreen
