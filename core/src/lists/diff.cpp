// Comparing two versions of the lists entry by entry (diff.h): keyed by source list and the
// list's own id, field by field, and the delta lists a screening against the changes uses.
#include "exportscreen/diff.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace exportscreen {
namespace {

using nlohmann::json;

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::pair<std::string, std::string>> sorted(const std::vector<Address>& v) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(v.size());
  for (const Address& a : v) out.emplace_back(a.text, a.country);
  std::sort(out.begin(), out.end());
  return out;
}

// The fields in which two entries differ, in the order of the entry JSON. Values of a field
// are compared as a set (with repeats): lists reorder aliases and addresses between releases.
std::vector<std::string> differing_fields(const ListEntry& a, const ListEntry& b) {
  std::vector<std::string> out;
  const auto same_set = [](const std::vector<std::string>& x, const std::vector<std::string>& y) {
    return x.size() == y.size() && (x == y || sorted(x) == sorted(y));
  };
  if (a.source != b.source) out.emplace_back("source");
  if (a.type != b.type) out.emplace_back("type");
  if (a.name != b.name) out.emplace_back("name");
  if (!same_set(a.alt_names, b.alt_names)) out.emplace_back("alt_names");
  if (!same_set(a.programs, b.programs)) out.emplace_back("programs");
  const auto same_address = [](const Address& x, const Address& y) {
    return x.text == y.text && x.country == y.country;
  };
  if (a.addresses.size() != b.addresses.size() ||
      !(std::equal(a.addresses.begin(), a.addresses.end(), b.addresses.begin(), same_address) ||
        sorted(a.addresses) == sorted(b.addresses))) {
    out.emplace_back("addresses");
  }
  if (!same_set(a.nationalities, b.nationalities)) out.emplace_back("nationalities");
  if (!same_set(a.dates_of_birth, b.dates_of_birth)) out.emplace_back("dates_of_birth");
  if (a.federal_register_notice != b.federal_register_notice) {
    out.emplace_back("federal_register_notice");
  }
  if (a.start_date != b.start_date) out.emplace_back("start_date");
  if (a.end_date != b.end_date) out.emplace_back("end_date");
  if (a.standard_order != b.standard_order) out.emplace_back("standard_order");
  if (a.license_requirement != b.license_requirement) out.emplace_back("license_requirement");
  if (a.license_policy != b.license_policy) out.emplace_back("license_policy");
  if (a.remarks != b.remarks) out.emplace_back("remarks");
  if (a.source_list_url != b.source_list_url) out.emplace_back("source_list_url");
  if (a.source_information_url != b.source_information_url) {
    out.emplace_back("source_information_url");
  }
  return out;
}

struct Located {
  const ListEntry* entry;
  const ListInfo* list;
};

// The entries of some lists grouped by key, each group in file order.
std::unordered_map<std::string, std::vector<Located>> by_key(
    const std::vector<const ListSnapshot*>& lists) {
  std::unordered_map<std::string, std::vector<Located>> out;
  for (const ListSnapshot* l : lists) {
    for (const ListEntry& e : l->entries) out[list_entry_key(e)].push_back({&e, &l->info});
  }
  return out;
}

ListVersion version_of(const ListInfo& info) {
  return {info.label, info.as_of, info.sha256, info.records};
}

}  // namespace

// The short code rather than the source's full name, which the CSL has reworded over time.
std::string list_entry_key(const ListEntry& e) {
  std::string key = e.source_code.empty() ? e.source : e.source_code;
  key += '\x1f';
  key += e.id;
  return key;
}

std::string_view to_string(EntryChangeKind kind) noexcept {
  switch (kind) {
    case EntryChangeKind::kAdded:
      return "added";
    case EntryChangeKind::kRemoved:
      return "removed";
    case EntryChangeKind::kChanged:
      return "changed";
  }
  return "changed";
}

ListDiff diff_lists(const std::vector<const ListSnapshot*>& before,
                    const std::vector<const ListSnapshot*>& after) {
  ListDiff diff;
  const auto old_groups = by_key(before);
  const auto new_groups = by_key(after);

  // What each entry became: unchanged, changed (with its earlier version) or added/removed.
  struct Outcome {
    EntryChangeKind kind = EntryChangeKind::kAdded;
    bool unchanged = false;
    const ListEntry* previous = nullptr;
  };
  std::unordered_map<const ListEntry*, Outcome> new_outcome;
  std::unordered_set<const ListEntry*> old_paired;
  for (const auto& [key, news] : new_groups) {
    const auto it = old_groups.find(key);
    static const std::vector<Located> kNone;
    const std::vector<Located>& olds = it == old_groups.end() ? kNone : it->second;
    std::vector<bool> old_used(olds.size(), false);
    std::vector<bool> new_done(news.size(), false);
    // Identical entries pair first, so that reordering the records of one key changes nothing.
    for (std::size_t n = 0; n < news.size(); ++n) {
      for (std::size_t o = 0; o < olds.size(); ++o) {
        if (old_used[o] || !differing_fields(*olds[o].entry, *news[n].entry).empty()) continue;
        old_used[o] = new_done[n] = true;
        new_outcome[news[n].entry].unchanged = true;
        old_paired.insert(olds[o].entry);
        break;
      }
    }
    // The others pair in file order; what is left over was added or removed.
    std::size_t o = 0;
    for (std::size_t n = 0; n < news.size(); ++n) {
      if (new_done[n]) continue;
      while (o < olds.size() && old_used[o]) ++o;
      Outcome& out = new_outcome[news[n].entry];
      if (o < olds.size()) {
        out.kind = EntryChangeKind::kChanged;
        out.previous = olds[o].entry;
        old_used[o] = true;
        old_paired.insert(olds[o].entry);
      } else {
        out.kind = EntryChangeKind::kAdded;
      }
    }
  }

  for (const ListSnapshot* l : after) {
    diff.after_entries += l->entries.size();
    for (const ListEntry& e : l->entries) {
      const Outcome& out = new_outcome.at(&e);
      if (out.unchanged) {
        ++diff.unchanged;
        continue;
      }
      EntryChange c;
      c.kind = out.kind;
      c.entry = &e;
      c.list = &l->info;
      if (out.kind == EntryChangeKind::kChanged) {
        c.previous = out.previous;
        c.fields = differing_fields(*out.previous, e);
        ++diff.changed;
      } else {
        ++diff.added;
      }
      diff.changes.push_back(std::move(c));
    }
  }
  for (const ListSnapshot* l : before) {
    diff.before_entries += l->entries.size();
    for (const ListEntry& e : l->entries) {
      if (old_paired.count(&e)) continue;
      EntryChange c;
      c.kind = EntryChangeKind::kRemoved;
      c.entry = &e;
      c.list = &l->info;
      ++diff.removed;
      diff.changes.push_back(std::move(c));
    }
  }
  return diff;
}

std::vector<ListSnapshot> delta_lists(const std::vector<const ListSnapshot*>& before,
                                      const std::vector<const ListSnapshot*>& after,
                                      const ListDiff& diff) {
  std::unordered_map<const ListEntry*, EntryChangeKind> screened;
  for (const EntryChange& c : diff.changes) {
    if (c.kind != EntryChangeKind::kRemoved) screened.emplace(c.entry, c.kind);
  }
  ListDelta delta;
  for (const ListSnapshot* l : before) delta.since.push_back(version_of(l->info));
  delta.removed = diff.removed;

  std::vector<ListSnapshot> out;
  for (const ListSnapshot* l : after) {
    ListSnapshot part;
    part.info = l->info;
    part.info.delta = delta;
    part.info.names = 0;
    std::vector<std::string> changed_keys;
    // The entries keep the list's order: the matcher breaks ties between equal scores by it.
    for (const ListEntry& e : l->entries) {
      const auto it = screened.find(&e);
      if (it == screened.end()) continue;
      if (it->second == EntryChangeKind::kAdded) {
        ++part.info.delta->added;
        part.info.delta->added_keys.push_back(list_entry_key(e));
      } else {
        ++part.info.delta->changed;
        changed_keys.push_back(list_entry_key(e));
      }
      part.info.names += 1 + e.alt_names.size();
      part.entries.push_back(e);
    }
    // A key shared by an added and a changed record (one party at two addresses) is changed.
    auto& added = part.info.delta->added_keys;
    std::sort(added.begin(), added.end());
    added.erase(std::unique(added.begin(), added.end()), added.end());
    std::sort(changed_keys.begin(), changed_keys.end());
    std::vector<std::string> only_added;
    std::set_difference(added.begin(), added.end(), changed_keys.begin(), changed_keys.end(),
                        std::back_inserter(only_added));
    added = std::move(only_added);
    out.push_back(std::move(part));
  }
  return out;
}

json to_json(const ListEntry& e) {
  json addresses = json::array();
  for (const Address& a : e.addresses)
    addresses.push_back({{"text", a.text}, {"country", a.country}});
  return {{"id", e.id},
          {"source", e.source},
          {"source_code", e.source_code},
          {"type", to_string(e.type)},
          {"name", e.name},
          {"alt_names", e.alt_names},
          {"programs", e.programs},
          {"addresses", addresses},
          {"nationalities", e.nationalities},
          {"dates_of_birth", e.dates_of_birth},
          {"federal_register_notice", e.federal_register_notice},
          {"start_date", e.start_date},
          {"end_date", e.end_date},
          {"standard_order", e.standard_order},
          {"license_requirement", e.license_requirement},
          {"license_policy", e.license_policy},
          {"remarks", e.remarks},
          {"source_list_url", e.source_list_url},
          {"source_information_url", e.source_information_url}};
}

json to_json(const EntryChange& c) {
  json out = {{"change", to_string(c.kind)},
              {"entry", to_json(*c.entry)},
              {"fields", c.fields},
              {"list", c.list ? c.list->label : std::string()}};
  if (c.previous) out["previous"] = to_json(*c.previous);
  return out;
}

json diff_summary_json(const ListDiff& diff, const std::vector<const ListSnapshot*>& before,
                       const std::vector<const ListSnapshot*>& after) {
  const auto lists = [](const std::vector<const ListSnapshot*>& ls) {
    json out = json::array();
    for (const ListSnapshot* l : ls) {
      out.push_back({{"source", l->info.label},
                     {"as_of", l->info.as_of.empty() ? json(nullptr) : json(l->info.as_of)},
                     {"sha256", l->info.sha256},
                     {"records", l->info.records}});
    }
    return out;
  };
  return {{"before", {{"entries", diff.before_entries}, {"lists", lists(before)}}},
          {"after", {{"entries", diff.after_entries}, {"lists", lists(after)}}},
          {"added", diff.added},
          {"removed", diff.removed},
          {"changed", diff.changed},
          {"unchanged", diff.unchanged}};
}

}  // namespace exportscreen
