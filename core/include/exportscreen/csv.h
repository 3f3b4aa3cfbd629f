// A strict RFC 4180 CSV reader for the list formats (CSL CSV, OFAC legacy CSV).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen {

/// One CSV record and where it starts.
struct CsvRecord {
  std::vector<std::string> fields;  ///< Unquoted field values (at most the reader's max_fields).
  std::size_t field_count = 0;      ///< Fields the record has, stored or not.
  std::size_t line = 0;             ///< 1-based line on which the record starts.
  bool terminated = false;          ///< True when a line break ended the record (false at EOF).
};

/// Reads RFC 4180 CSV: quoted fields may hold separators, doubled quotes and line breaks; CRLF,
/// LF and lone CR all end a record; a leading UTF-8 byte-order mark is skipped; blank lines are
/// skipped. Throws Error(errc::kTruncatedList) when the input ends inside a quoted field and
/// Error(errc::kInvalidList) for text after a closing quote or a NUL byte, naming the line.
class CsvReader {
 public:
  /// Reads `text`, which must outlive the reader; `separator` is ',' or '\t'; `first_line` is
  /// the line number of the text's first line (for text cut from a larger file).
  explicit CsvReader(std::string_view text, char separator = ',', std::size_t first_line = 1);

  /// Stores at most `max_fields` fields of a record; the rest are read (and checked) but only
  /// counted in CsvRecord::field_count, so a record of a million empty fields costs no memory.
  void set_max_fields(std::size_t max_fields) noexcept { max_fields_ = max_fields; }

  /// Reads the next record into `record`; returns false at the end of the input.
  bool next(CsvRecord& record);

  /// Line number of the reader's position (1-based).
  std::size_t line() const noexcept { return line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  char separator_;
  std::size_t max_fields_ = static_cast<std::size_t>(-1);
  static constexpr std::size_t kReservedFields = 64;
  // The bytes that end a run of ordinary field text inside and outside quotes.
  std::array<bool, 256> quoted_stops_{};
  std::array<bool, 256> unquoted_stops_{};
};

}  // namespace exportscreen
