// The list file formats the loader reads (internal): one parser per file, fed the bytes as they
// arrive, and how a format is told from a file's first bytes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exportscreen/limits.h"
#include "exportscreen/list.h"

namespace exportscreen::lists {

/// How much of a file is read before its format is decided.
inline constexpr std::size_t kDetectBytes = 4096;

/// Reads one list file of one format into entries, as its bytes arrive.
class FileParser {
 public:
  virtual ~FileParser() = default;
  /// The next bytes of the file; throws Error at the first fault.
  virtual void feed(std::string_view bytes) = 0;
  /// The file has ended; throws Error when it is empty, cut short or incomplete.
  virtual void finish() = 0;
  /// Records read so far.
  virtual std::size_t records() const = 0;
  /// The sources and dates the file states about itself (CSL JSON `sources_used`), after finish.
  virtual std::vector<SourceDate> sources_used() const { return {}; }

  /// How many records this file may add to the list (kMaxListRecords less the records of the
  /// set's files read before it).
  void set_max_records(std::size_t max_records) noexcept { max_records_ = max_records; }

 protected:
  /// Throws list_too_large when the file's `count`-th record is past the list's limit: called
  /// before each record is added, so an oversized list stops at its first record too many.
  /// `where` names the place ("alt.csv: line 12: ").
  void check_record_limit(std::size_t count, const std::string& where) const;

 private:
  std::size_t max_records_ = kMaxListRecords;
};

/// The trade.gov CSL CSV download (29 columns, with or without `_id`): entries are appended to
/// `out`, and their names (primary plus aliases) counted in `names`.
std::unique_ptr<FileParser> csl_csv_parser(std::vector<ListEntry>& out, std::size_t& names);

/// The trade.gov CSL JSON document {total, offset, sources_used, results}.
std::unique_ptr<FileParser> csl_json_parser(std::vector<ListEntry>& out, std::size_t& names);

/// OFAC legacy CSV files (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas): no
/// header, "-0-" for an empty field, and a field count per file.
inline constexpr std::size_t kOfacPrimaryFields = 12;  // ent_num, SDN_Name, SDN_Type, Program,
                                                       // Title, Call_Sign, Vess_type, Tonnage,
                                                       // GRT, Vess_flag, Vess_owner, Remarks
inline constexpr std::size_t kOfacAltFields = 5;       // ent_num, alt_num, alt_type, alt_name,
                                                       // alt_remarks
inline constexpr std::size_t kOfacAddFields = 6;       // ent_num, add_num, address,
                                                  // city/state/postal code, country, add_remarks
inline constexpr std::size_t kOfacCommentFields = 2;  // ent_num, remarks continued

/// One row of an OFAC file, kept until the set is joined.
struct OfacRow {
  std::string file;
  std::size_t line;
  std::vector<std::string> fields;
};

/// The rows of an OFAC set's files, by role.
struct OfacRows {
  std::vector<OfacRow> primary, alt, add, comments;
};

/// Reads one OFAC file of `role` (primary, alt, add, comments) named `file_name` into `rows`.
std::unique_ptr<FileParser> ofac_parser(std::string role, std::string file_name, OfacRows& rows);

/// Joins an OFAC set's rows on ent_num into the entries of `list` (whose files are listed in
/// list.info.files); `non_sdn` for the non-SDN consolidated list (cons_prim.csv).
void build_ofac(OfacRows& rows, bool non_sdn, ListSnapshot& list);

}  // namespace exportscreen::lists
