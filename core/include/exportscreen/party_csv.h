// A user's CSV file of parties (batch screening), read as its bytes arrive: the encodings
// spreadsheets save "CSV" in, the separator, RFC 4180 rows, and which column holds what.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace exportscreen {

/// One row of a party CSV file, or why it cannot be read.
struct PartyCsvRow {
  std::vector<std::string> fields;  ///< The row's fields, in UTF-8 (at most kMaxCsvFields).
  std::size_t field_count = 0;  ///< Fields the row has (more than `fields` when over the limit).
  std::size_t line = 0;         ///< 1-based line the row starts on.
  std::string error_code;       ///< Empty, or why the row cannot be used (errc::*).
  std::string error_message;
};

/// Reads a party CSV file in chunks of any size. The encoding is told from the bytes: UTF-8 (with
/// or without a byte-order mark), UTF-16 LE or BE with a byte-order mark (Excel's "Unicode
/// Text"), or Windows-1252 when the bytes are not UTF-8 (Excel's "CSV" on a Western Windows):
/// the first byte that is not ASCII decides, so a stream needs no look-ahead. Text in another code
/// page (GBK, Windows-1251, ...), or UTF-8 and another encoding mixed, is never decoded wrongly:
/// its rows get invalid_utf8 naming the line. Rows are RFC 4180 records as the list loader reads
/// them (CsvReader); blank lines carry no row. A row that breaks RFC 4180 (text after a closing
/// quote, a NUL byte) or the field limit gets its own error and the rows after it are still read.
///
/// Thrown (Error), because nothing after them can be read: not_csv for an Excel workbook (.xlsx,
/// .xls), an OpenDocument spreadsheet or another ZIP archive; invalid_csv for a row longer than
/// kMaxListRecordBytes (a quote left open) or a file that ends inside a quoted field; invalid_utf8
/// for a UTF-16 file that ends inside a character.
class PartyCsvReader {
 public:
  /// `separator` is ',', ';', '\t', or 0 to take the one of them that occurs most, outside
  /// quotes, on the first line (',' when none does).
  explicit PartyCsvReader(char separator = ',');
  ~PartyCsvReader();
  PartyCsvReader(PartyCsvReader&&) noexcept;
  PartyCsvReader& operator=(PartyCsvReader&&) noexcept;

  /// Reads the next bytes; `on_row` gets each complete row, in order.
  void feed(std::string_view bytes, const std::function<void(PartyCsvRow&)>& on_row);

  /// The input has ended: the last row, if any, goes to `on_row`.
  void finish(const std::function<void(PartyCsvRow&)>& on_row);

  /// "utf-8", "utf-16le", "utf-16be" or "windows-1252" (WHATWG names): what the file was read
  /// as so far ("utf-8" while every byte was ASCII).
  std::string_view encoding() const noexcept;

  /// True when the file started with a byte-order mark.
  bool byte_order_mark() const noexcept;

  /// The separator in use (known once the first row is read, when sniffed).
  char separator() const noexcept;

  /// Bytes read so far.
  std::size_t bytes() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Which column of a party CSV file holds each field a batch row has (-1: none).
struct PartyColumns {
  int name = -1;
  int country = -1;
  int address = -1;
  int type = -1;
};

/// Guesses the columns from a header row by the header names spreadsheets use, in English,
/// French, German and Chinese ("Company Name", "Pays", "国家", ...); the widget's batch
/// (web/src/batch-csv.js) knows the same names. Exact names first, then headers containing a
/// field's word.
PartyColumns guess_party_columns(const std::vector<std::string>& header);

}  // namespace exportscreen
