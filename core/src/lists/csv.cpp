// RFC 4180 CSV reading with line tracking and strict error reporting.
#include "exportscreen/csv.h"

#include "exportscreen/error.h"

namespace exportscreen {

CsvReader::CsvReader(std::string_view text, char separator, std::size_t first_line)
    : text_(text), line_(first_line), separator_(separator) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  for (const char c : {'"', '\n', '\r', '\0'}) quoted_stops_[static_cast<unsigned char>(c)] = true;
  for (const char c : {separator, '\n', '\r', '\0'}) {
    unquoted_stops_[static_cast<unsigned char>(c)] = true;
  }
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  record.field_count = 0;
  record.terminated = false;
  // Blank lines carry no record.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }
  if (pos_ >= text_.size()) return false;
  record.line = line_;
  // A record of a few fields (a customer file's) gets its vector once, not by doubling.
  if (record.fields.capacity() == 0 && max_fields_ <= kReservedFields) {
    record.fields.reserve(max_fields_);
  }

  std::string field;
  // Past max_fields_ the field's bytes are read for errors only, never kept.
  bool keeping = true;
  // Copies the run of ordinary bytes from pos_ up to the first byte the table marks (or the end)
  // at once: a list's long quoted remarks cost one scan and one append, not one append a byte.
  const auto take_run = [&](const std::array<bool, 256>& stops) {
    std::size_t stop = pos_;
    while (stop < text_.size() && !stops[static_cast<unsigned char>(text_[stop])]) ++stop;
    if (keeping) field.append(text_.data() + pos_, stop - pos_);
    pos_ = stop;
  };
  const auto end_line = [&] {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  };
  while (true) {
    field.clear();
    keeping = record.field_count < max_fields_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t open_line = line_;
      ++pos_;
      while (true) {
        take_run(quoted_stops_);
        if (pos_ >= text_.size()) {
          throw Error(errc::kTruncatedList, "line " + std::to_string(open_line) +
                                                ": the file ends inside a quoted field "
                                                "(the file is cut short)");
        }
        const char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
            if (keeping) field += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\0') {
          throw Error(errc::kInvalidList, "line " + std::to_string(line_) + ": NUL byte");
        }
        if (c == '\n' || (c == '\r' && !(pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n'))) {
          ++line_;
        }
        if (keeping) field += c;
        ++pos_;
      }
      if (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' &&
          text_[pos_] != '\r') {
        throw Error(errc::kInvalidList, "line " + std::to_string(line_) +
                                            ": text after the closing quote of field " +
                                            std::to_string(record.field_count + 1));
      }
    } else {
      take_run(unquoted_stops_);
      if (pos_ < text_.size() && text_[pos_] == '\0') {
        throw Error(errc::kInvalidList, "line " + std::to_string(line_) + ": NUL byte");
      }
    }
    if (record.field_count++ < max_fields_) record.fields.push_back(std::move(field));
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == separator_) {
      ++pos_;
      continue;
    }
    end_line();
    record.terminated = true;
    return true;
  }
}

}  // namespace exportscreen
