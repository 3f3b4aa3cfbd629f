// Restricted-party lists: the entry model and the loader for the official list file formats.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportscreen/limits.h"
#include "exportscreen/normalize.h"

namespace exportscreen {

/// What kind of party a list entry names.
enum class PartyType { kUnknown, kIndividual, kEntity, kVessel, kAircraft };

/// One address of a list entry.
struct Address {
  std::string text;     ///< The address as the list prints it, without the country code.
  std::string country;  ///< ISO 3166-1 alpha-2 code, or empty when the list gives none.

  bool operator==(const Address&) const = default;
};

/// One entry of a restricted-party list, in the fields of the Consolidated Screening List.
struct ListEntry {
  std::string id;           ///< The list's own id (CSL `_id`, else `entity_number`).
  std::string source;       ///< Source list as the file names it, e.g. "Entity List (EL) - ...".
  std::string source_code;  ///< Short code of the source list: EL, SDN, DPL, UVL, MEU, ...
  PartyType type = PartyType::kUnknown;
  std::string name;                    ///< Primary name.
  std::vector<std::string> alt_names;  ///< Aliases (a.k.a., f.k.a.) as listed.
  std::vector<std::string> programs;   ///< Sanctions programs (OFAC lists).
  std::vector<Address> addresses;
  std::vector<std::string> nationalities;  ///< Citizenships and nationalities (ISO codes).
  std::vector<std::string> dates_of_birth;
  std::string federal_register_notice;  ///< Listing citation(s), e.g. "84 FR 22963, 5/21/19".
  std::string start_date;
  std::string end_date;
  std::string standard_order;       ///< Denied Persons: whether the standard order applies.
  std::string license_requirement;  ///< Entity List: items the license requirement covers.
  std::string license_policy;       ///< Entity List: license review policy.
  std::string remarks;
  std::string source_list_url;
  std::string source_information_url;

  bool operator==(const ListEntry&) const = default;
};

/// The date one source inside a list file was last updated (CSL `sources_used`).
struct SourceDate {
  std::string source;
  std::string last_updated;

  bool operator==(const SourceDate&) const = default;
};

/// How many entries of a list come from one source list ("Entity List (EL) - ...": 3,409). A
/// list is described by what it holds: its composition, compared with the sources of the
/// official Consolidated Screening List, says whether it is complete (docs/api.md, "Coverage").
struct SourceCount {
  std::string source;       ///< The source as the entries name it.
  std::string code;         ///< Its short code (source_code_of): EL, SDN, ...
  std::size_t records = 0;  ///< Entries from it.

  bool operator==(const SourceCount&) const = default;
};

/// One file of a list that was loaded from several (the OFAC legacy set: sdn.csv with alt.csv,
/// add.csv, sdn_comments.csv).
struct ListFile {
  std::string name;    ///< File name as given, or empty.
  std::string role;    ///< "primary", "alt", "add", "comments" (OFAC), or the format's name.
  std::string sha256;  ///< SHA-256 of the file's exact bytes.
  std::size_t bytes = 0;
  std::size_t records = 0;  ///< Records (rows) the file held.

  bool operator==(const ListFile&) const = default;
};

/// One version of a list, as a delta screening names the version it compares against.
struct ListVersion {
  std::string label;   ///< Name shown to users: file name or "built-in".
  std::string as_of;   ///< Date of the list data (YYYY-MM-DD), empty when unknown.
  std::string sha256;  ///< SHA-256 of the exact bytes loaded (of the primary file for a set).
  std::size_t records = 0;

  bool operator==(const ListVersion&) const = default;
};

/// Set on a list that is screened in part: only its entries added or changed since earlier
/// versions of the lists (a delta screening, `--since`; see diff.h).
struct ListDelta {
  std::vector<ListVersion> since;  ///< The earlier lists the entries were compared with.
  std::size_t added = 0;    ///< Entries of this list whose key is in none of the earlier lists.
  std::size_t changed = 0;  ///< Entries of this list that differ from their earlier version.
  std::size_t removed = 0;  ///< Entries of the earlier lists in none of the new ones (all lists).
  /// Keys (list_entry_key() of diff.h) of this list's added entries; the others are changed.
  std::vector<std::string> added_keys;

  bool operator==(const ListDelta&) const = default;
};

/// What was loaded: enough to reproduce a screening result (which bytes, of which date).
struct ListInfo {
  std::string label;        ///< Name shown to users: file name or "built-in".
  std::string format;       ///< "csl_csv", "csl_json" or "ofac_csv".
  std::string as_of;        ///< Date of the list data (YYYY-MM-DD), empty when unknown.
  std::string sha256;       ///< SHA-256 of the exact bytes loaded (of the primary file for a set).
  std::size_t bytes = 0;    ///< Bytes loaded (all files of a set).
  std::size_t records = 0;  ///< Entries loaded.
  std::size_t names = 0;    ///< Primary names plus aliases.
  bool builtin = false;     ///< True for the curated list compiled into the library.
  std::vector<SourceDate> sources_used;
  std::vector<ListFile> files;  ///< Every file loaded, with its own SHA-256.
  /// Set when only the entries added or changed since earlier lists are held (delta_lists()).
  std::optional<ListDelta> delta;
  /// Entries per source list, in order of first appearance in the file.
  std::vector<SourceCount> composition;

  bool operator==(const ListInfo&) const = default;
};

/// A loaded list: its entries and what they were loaded from.
struct ListSnapshot {
  ListInfo info;
  std::vector<ListEntry> entries;
  /// Every name normalized (normalize_name): each entry's primary name then its aliases, in entry
  /// order. Given when the list was prepared at build time (the built-in list, so that no start
  /// of the engine normalizes its names again); otherwise empty, and the matcher normalizes the
  /// names as it indexes them.
  std::vector<NormalizedName> normalized_names;

  bool operator==(const ListSnapshot&) const = default;
};

/// How to load a list file.
struct LoadOptions {
  std::string label;            ///< Shown in results; defaults to the format name.
  std::string as_of;            ///< Date of the data; overrides what the file says (CSL JSON
                                ///< sources_used) and gives one to formats without a date.
  std::string format = "auto";  ///< "auto", "csl_csv", "csl_json" or "ofac_csv".
  /// The SHA-256 (lower-case hex) of a single file's bytes, when the caller already has it (the
  /// built-in list's is computed at build time; the widget's worker hashes with WebCrypto): the
  /// loader records it instead of hashing the bytes. The caller vouches for it. A second file
  /// (an OFAC set) is then an error.
  std::string known_sha256;
  /// The list's size in bytes (all its files) when it is known before the bytes are read (a
  /// file's size, a download's Content-Length), or 0: a list over kMaxListBytes is then refused
  /// before a byte is parsed. Whatever it says, the bytes fed are counted against the limit.
  std::size_t total_bytes = 0;
};

/// What a file is, told from its first bytes (detect_list_file).
struct ListFileKind {
  std::string format;  ///< "csl_csv", "csl_json", "ofac_csv", or empty when not recognised.
  std::string role;    ///< For ofac_csv: "primary", "alt", "add" or "comments".
};

/// Tells the format of a list file from its first bytes (the first line suffices; 4 KiB is
/// plenty). Used to group the files of an OFAC legacy set.
ListFileKind detect_list_file(std::string_view head);

/// Loads a list incrementally, for a progress bar: the bytes are fed in chunks of any size (a
/// chunk may end anywhere, even inside a UTF-8 sequence), parsed as they arrive, and hashed as
/// they arrive. Several files make one list when they are an OFAC legacy set: call begin_file()
/// before each. Errors (Error with the codes of load_list) are thrown by feed() as soon as they
/// are seen, or by finish(); after an error the loader is spent. A list over kMaxListBytes or
/// kMaxListRecords (limits.h) is list_too_large, refused at its first byte or record too many.
class ListLoader {
 public:
  /// Throws list_too_large when `options.total_bytes` is over kMaxListBytes.
  explicit ListLoader(LoadOptions options = {});
  ~ListLoader();
  ListLoader(ListLoader&&) noexcept;
  ListLoader& operator=(ListLoader&&) noexcept;

  /// Starts the next file of the list; `name` is reported in ListInfo::files (and tells an OFAC
  /// cons_prim.csv, the non-SDN list, from sdn.csv). The first feed() starts a file implicitly.
  void begin_file(std::string_view name = {});

  /// Parses the next bytes of the current file.
  void feed(std::string_view chunk);

  /// Bytes fed so far, over all files.
  std::size_t bytes_consumed() const noexcept;

  /// Records parsed so far, over all files.
  std::size_t records_parsed() const noexcept;

  /// Ends the last file, validates the whole list (record counts, joins of a set) and returns
  /// it. Throws Error on any problem; never returns half a list.
  ListSnapshot finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Loads a list file at once. The whole file is validated before anything is returned: a file
/// that is not UTF-8, has the wrong columns or fields, a record with the wrong number of fields,
/// ends inside a record, or (CSL JSON) holds fewer records than its `total` throws Error
/// (invalid_utf8, invalid_list, truncated_list, empty_list, unknown_list_format, list_too_large)
/// naming the line or record and field; a half-loaded list is never returned. A list over
/// kMaxListBytes is refused before it is parsed.
ListSnapshot load_list(std::string_view bytes, const LoadOptions& options = {});

/// One file of a list given as several files.
struct ListFileBytes {
  std::string name;
  std::string_view bytes;
};

/// Loads a list given as several files (the OFAC legacy set: sdn.csv or cons_prim.csv, plus
/// any of alt.csv, add.csv and sdn_comments.csv in any order, joined on the entity number), or
/// one file of any format.
ListSnapshot load_list(const std::vector<ListFileBytes>& files, const LoadOptions& options = {});

/// The curated built-in list compiled into the library: Entity List entries for AI-chip and
/// advanced-computing parties (Huawei and its affiliates first), see data/builtin/README.md.
ListSnapshot builtin_list();

/// Short code of a CSL source name: "Entity List (EL) - Bureau of ..." -> "EL".
std::string source_code_of(std::string_view source);

/// "individual", "entity", "vessel", "aircraft" or "unknown".
std::string_view to_string(PartyType type) noexcept;

}  // namespace exportscreen
