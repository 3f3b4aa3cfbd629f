// Restricted-party lists: the entry model and the loader for the official list file formats.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen {

/// What kind of party a list entry names.
enum class PartyType { kUnknown, kIndividual, kEntity, kVessel, kAircraft };

/// One address of a list entry.
struct Address {
  std::string text;     ///< The address as the list prints it, without the country code.
  std::string country;  ///< ISO 3166-1 alpha-2 code, or empty when the list gives none.
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
};

/// The date one source inside a list file was last updated (CSL `sources_used`).
struct SourceDate {
  std::string source;
  std::string last_updated;
};

/// What was loaded: enough to reproduce a screening result (which bytes, of which date).
struct ListInfo {
  std::string label;   ///< Name shown to users: file name or "built-in".
  std::string format;  ///< "csl_csv".
  std::string as_of;   ///< Date of the list data (YYYY-MM-DD), empty when unknown.
  std::string sha256;  ///< SHA-256 of the exact bytes loaded.
  std::size_t bytes = 0;
  std::size_t records = 0;  ///< Entries loaded.
  std::size_t names = 0;    ///< Primary names plus aliases.
  bool builtin = false;     ///< True for the curated list compiled into the library.
  std::vector<SourceDate> sources_used;
};

/// A loaded list: its entries and what they were loaded from.
struct ListSnapshot {
  ListInfo info;
  std::vector<ListEntry> entries;
};

/// How to load a list file.
struct LoadOptions {
  std::string label;           ///< Shown in results; defaults to the format name.
  std::string as_of;           ///< Date of the file when the format does not carry one.
  std::string format = "auto";  ///< "auto" or "csl_csv".
};

/// Loads a list file. The whole file is validated before anything is returned: a file that is
/// not UTF-8, has the wrong columns, a record with the wrong number of fields or ends inside a
/// record throws Error (invalid_utf8, invalid_list, truncated_list, empty_list,
/// unknown_list_format) naming the line and field; a half-loaded list is never returned.
ListSnapshot load_list(std::string_view bytes, const LoadOptions& options = {});

/// The curated built-in list compiled into the library: Entity List entries for AI-chip and
/// advanced-computing parties (Huawei and its affiliates first), see data/builtin/README.md.
ListSnapshot builtin_list();

/// Short code of a CSL source name: "Entity List (EL) - Bureau of ..." -> "EL".
std::string source_code_of(std::string_view source);

/// "individual", "entity", "vessel", "aircraft" or "unknown".
std::string_view to_string(PartyType type) noexcept;

}  // namespace exportscreen
