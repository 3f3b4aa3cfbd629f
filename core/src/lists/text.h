// What every list format's reader shares (internal): cells, addresses and types as the lists
// write them, UTF-8 checks with line numbers, and cutting a byte stream into CSV records.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "exportscreen/csv.h"
#include "exportscreen/limits.h"
#include "exportscreen/list.h"

namespace exportscreen::lists {

/// Fields of a list record that are stored; more are only counted (CsvRecord::field_count).
inline constexpr std::size_t kMaxListRecordFields = 64;

/// "line N: ", the prefix of every message about a place in a file.
std::string line_prefix(std::size_t line);

/// `s` without leading and trailing spaces and tabs.
std::string trim(std::string_view s);

/// Splits a list-valued cell ("a; b; c"), trimming each part and dropping empty ones.
std::vector<std::string> split_list(std::string_view cell, std::string_view sep = "; ");

/// A CSL CSV address; it ends with ", CC" (ISO alpha-2) when the list gives a country.
Address parse_address(std::string_view text);

/// The party type a list writes ("Individual", "entity", ...); kUnknown for anything else.
PartyType parse_type(std::string_view t);

/// ISO code of an English country name as OFAC writes it ("Cuba"), or empty.
std::string country_code_of_name(std::string_view name);

/// Throws invalid_utf8 naming the line of the first invalid byte of `text`, which starts on
/// `first_line`.
void check_utf8(std::string_view text, std::size_t first_line);

/// Parses one record cut by CsvRecordStream; returns false for a blank line. `next_line` gets
/// the line after the record.
bool parse_record(std::string_view text, std::size_t first_line, char separator, CsvRecord& rec,
                  std::size_t& next_line);

/// Cuts a byte stream into CSV records (line breaks outside quotes), whatever the chunking.
class CsvRecordStream {
 public:
  /// Appends bytes; `on_record(text, first_line)` gets each complete record with its line break
  /// and returns the line after it.
  template <class OnRecord>
  void feed(std::string_view chunk, OnRecord&& on_record) {
    buf_.append(chunk);
    std::size_t i = scan_;
    for (; i < buf_.size(); ++i) {
      // Ordinary bytes are skipped up to the next one that matters (a quote; outside quotes, a
      // line break), never past the record limit: a quote left open stops the reading at the
      // limit, not at the end of the chunk or the file.
      const std::size_t limit = std::min(buf_.size(), start_ + kMaxListRecordBytes);
      if (quoted_) {
        const auto* quote = static_cast<const char*>(std::memchr(buf_.data() + i, '"', limit - i));
        i = quote ? static_cast<std::size_t>(quote - buf_.data()) : limit;
      } else {
        while (i < limit && buf_[i] != '"' && buf_[i] != '\n' && buf_[i] != '\r') ++i;
      }
      if (i == limit) {
        if (limit == buf_.size()) break;
        record_too_large();
      }
      const char c = buf_[i];
      if (c == '"') {
        quoted_ = !quoted_;
      } else if (!quoted_ && c == '\n') {
        emit(i + 1, on_record);
      } else if (!quoted_ && c == '\r') {
        if (i + 1 == buf_.size()) break;  // CRLF or a lone CR: the next byte tells
        if (buf_[i + 1] != '\n') emit(i + 1, on_record);
      }
    }
    scan_ = i;
    if (start_ > 0) {
      buf_.erase(0, start_);
      scan_ -= start_;
      start_ = 0;
    }
  }

  /// The text after the last line break is the last record (unterminated).
  template <class OnRecord>
  void finish(OnRecord&& on_record) {
    if (start_ < buf_.size()) emit(buf_.size(), on_record);
    buf_.clear();
    start_ = scan_ = 0;
  }

 private:
  [[noreturn]] void record_too_large() const;

  template <class OnRecord>
  void emit(std::size_t end, OnRecord& on_record) {
    const std::string_view text(buf_.data() + start_, end - start_);
    line_ = on_record(text, line_);
    start_ = end;
  }

  std::string buf_;
  std::size_t start_ = 0;  // start of the record being scanned
  std::size_t scan_ = 0;   // next byte to scan
  std::size_t line_ = 1;   // line of buf_[start_]
  bool quoted_ = false;
};

}  // namespace exportscreen::lists
