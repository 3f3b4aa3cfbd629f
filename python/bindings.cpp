// The Python binding (pybind11): the only file that knows Python. JSON text in, JSON text out,
// as the wasm binding, so the contract stays one (docs/api.md); every call catches everything,
// so no C++ exception reaches Python. The thin Pythonic layer is python/exportscreen/__init__.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "exportscreen/api.h"
#include "exportscreen/csv_block.h"
#include "exportscreen/diff.h"
#include "exportscreen/json_boundary.h"
#include "exportscreen/list.h"
#include "exportscreen/sha256.h"

namespace py = pybind11;

namespace {

using exportscreen::dump;
using exportscreen::guarded;

// A list as Python gives it: the bytes of one file, or the (name, bytes) files of an OFAC set.
using ListFiles = std::variant<py::bytes, std::vector<std::pair<std::string, py::bytes>>>;

// The files' bytes, copied out of Python objects while the GIL is held.
struct OwnedFiles {
  std::vector<std::string> names;
  std::vector<std::string> bytes;

  explicit OwnedFiles(const ListFiles& files) {
    if (const auto* one = std::get_if<py::bytes>(&files)) {
      names.emplace_back();
      bytes.push_back(*one);
    } else {
      for (const auto& [name, data] : std::get<1>(files)) {
        names.push_back(name);
        bytes.push_back(data);
      }
    }
  }

  exportscreen::ListSnapshot load(const exportscreen::LoadOptions& options) const {
    if (names.size() == 1 && names[0].empty()) return exportscreen::load_list(bytes[0], options);
    std::vector<exportscreen::ListFileBytes> files;
    for (std::size_t i = 0; i < names.size(); ++i) files.push_back({names[i], bytes[i]});
    return exportscreen::load_list(files, options);
  }
};

class CsvBlocks;

/// One screening session: the loaded lists and their index. Screening calls release the GIL
/// and may run in several threads at once; loading waits for them (and they for it).
class Session {
 public:
  /// Adds the built-in list. Returns {"list", "lists"} or {"error"}.
  std::string load_builtin() {
    return locked_write([&] {
      return exportscreen::add_list_json(screener_, exportscreen::builtin_list(), false);
    });
  }

  /// Loads a list: the bytes of one file, or [(name, bytes), ...] for an OFAC set. Options
  /// {"label"?, "as_of"?, "format"?, "replace"?, "known_sha256"?}. Returns {"list", "lists"} or
  /// {"error"}; on error the lists are unchanged.
  std::string load_list(const ListFiles& files, const std::string& options_json) {
    const OwnedFiles owned(files);
    py::gil_scoped_release unlocked;
    return locked_write([&] {
      bool replace = false;
      const exportscreen::LoadOptions options =
          exportscreen::parse_load_options(options_json, &replace);
      exportscreen::ListSnapshot list = owned.load(options);  // throws before anything changes
      return exportscreen::add_list_json(screener_, std::move(list), replace);
    });
  }

  /// A delta screening: loads `before` and `after` (each as load_list takes a list) and keeps,
  /// in place of every list held, only the entries of `after` added or changed since `before`.
  /// `whole`, when given, gets the whole of `after` in place of its lists (a caller that also
  /// screens some rows in full parses the file once). Returns {"list", "lists", "diff":
  /// {counts}} or {"error"}; on error the lists of both are unchanged.
  std::string load_delta(const ListFiles& before, const ListFiles& after,
                         const std::string& before_options, const std::string& after_options,
                         Session* whole) {
    if (whole == this) {
      return dump(exportscreen::error_json(exportscreen::errc::kInvalidRequest,
                                           "whole must be another session"));
    }
    const OwnedFiles old_files(before);
    const OwnedFiles new_files(after);
    py::gil_scoped_release unlocked;
    // Both sessions are written: locked together, so that no order of two calls deadlocks.
    std::unique_lock mine(mutex_, std::defer_lock);
    std::unique_lock<std::shared_mutex> theirs;
    if (whole) {
      theirs = std::unique_lock(whole->mutex_, std::defer_lock);
      std::lock(mine, theirs);
    } else {
      mine.lock();
    }
    return guarded([&] {
      const exportscreen::ListSnapshot old_list =
          old_files.load(exportscreen::parse_load_options(before_options, nullptr));
      exportscreen::ListSnapshot new_list =
          new_files.load(exportscreen::parse_load_options(after_options, nullptr));
      const std::vector<const exportscreen::ListSnapshot*> b = {&old_list}, a = {&new_list};
      const exportscreen::ListDiff diff = exportscreen::diff_lists(b, a);
      const nlohmann::json counts = exportscreen::diff_summary_json(diff, b, a);
      std::vector<exportscreen::ListSnapshot> delta = exportscreen::delta_lists(b, a, diff);
      std::string out = exportscreen::add_list_json(screener_, std::move(delta.front()), true);
      // Words weigh what they weigh in the whole new list: the delta scores as the full one.
      // With `whole`, its index of that list holds the statistics (its names normalized once).
      if (whole) {  // the diff and the delta are made: the list itself can go
        whole->screener_.clear_lists();
        whole->screener_.add_list(std::move(new_list));
        screener_.weigh_words_by(whole->screener_);
      } else {
        screener_.weigh_words_by(new_list);
      }
      nlohmann::json j = nlohmann::json::parse(out);
      j["diff"] = counts;
      // What changed, entry by entry ({key: SOURCE_CODE:id, change}): the caller need not diff
      // the two lists again for the rows whose earlier matches no longer stand.
      nlohmann::json& keys = j["change_keys"] = nlohmann::json::array();
      for (const exportscreen::EntryChange& c : diff.changes) {
        keys.push_back({{"key", c.entry->source_code + ":" + c.entry->id},
                        {"change", exportscreen::to_string(c.kind)}});
      }
      return dump(j);
    });
  }

  /// Loads and checks a list without keeping it (nor indexing it): {"list"} or {"error"}.
  static std::string list_info(const ListFiles& files, const std::string& options_json) {
    const OwnedFiles owned(files);
    py::gil_scoped_release unlocked;
    return guarded([&] {
      const exportscreen::LoadOptions options =
          exportscreen::parse_load_options(options_json, nullptr);
      exportscreen::JsonWriter w;
      exportscreen::write_json(w.object().key("list"), owned.load(options).info);
      w.end();
      return std::move(w).take();
    });
  }

  std::string clear_lists() {
    return locked_write([&] {
      screener_.clear_lists();
      return exportscreen::lists_json(screener_);
    });
  }

  std::string lists() const {
    return locked_read([&] { return exportscreen::lists_json(screener_); });
  }

  std::string screen(const std::string& request_json) const {
    py::gil_scoped_release unlocked;
    return locked_read([&] { return exportscreen::screen_json(screener_, request_json); });
  }

  std::string match(const std::string& query_json) const {
    py::gil_scoped_release unlocked;
    return locked_read([&] { return exportscreen::match_json(screener_, query_json); });
  }

  /// Screens one block of a customer CSV file (csv_block.h) against this session, or with
  /// `delta` against its changed entries first. Returns (the output rows' CSV text, the report
  /// {"rows", "counts", "unreadable", "full_screened"} or {"error"}).
  py::tuple screen_csv_block(const Session* delta, const CsvBlocks& blocks, const py::bytes& block,
                             std::size_t first_line) const;

  /// Screens a JSON array of rows (parties); returns {"rows": [...]} or {"error"}.
  std::string screen_rows(const std::string& rows_json, const std::string& options_json) const {
    py::gil_scoped_release unlocked;
    return locked_read(
        [&] { return exportscreen::screen_rows_json(screener_, rows_json, options_json); });
  }

 private:
  template <class Body>
  std::string locked_write(Body&& body) {
    return guarded([&] {
      std::unique_lock lock(mutex_);
      return body();
    });
  }
  template <class Body>
  std::string locked_read(Body&& body) const {
    return guarded([&] {
      std::shared_lock lock(mutex_);
      return body();
    });
  }

  exportscreen::Screener screener_;
  mutable std::shared_mutex mutex_;
};

/// The columns of a customer file as the functions below take them: {"name": i, "country": i
/// or None, "type", "address", "id"}; a field not given is -1 (none).
exportscreen::CustomerColumns customer_columns(
    const std::map<std::string, std::optional<int>>& columns) {
  const auto at = [&](const char* field) {
    const auto it = columns.find(field);
    return it != columns.end() && it->second ? *it->second : -1;
  };
  exportscreen::CustomerColumns c;
  c.name = at("name");
  c.country = at("country");
  c.type = at("type");
  c.address = at("address");
  c.id = at("id");
  return c;
}

/// How the blocks of one customer CSV file are screened (csv_block.h): the columns, the
/// separator, the header's width, the row options, and for a delta screening the entries
/// removed or changed since and the previous results. Made once a job, used for every block.
class CsvBlocks {
 public:
  /// `columns`: {"name": i, "country": i or None, "type", "address", "id"}; `stale`:
  /// {"SOURCE:id": "removed" | "changed"}; `previous`: None or (the keys of the rows of the
  /// commonest result as the bytes of sorted native uint64, its result columns, [distinct result
  /// columns], {key: index}, {ambiguous key}). A bad job is answered by every screening (the
  /// binding never throws).
  CsvBlocks(const std::map<std::string, std::optional<int>>& columns, const std::string& separator,
            std::size_t width, const std::string& options_json,
            const std::map<std::string, std::string>& stale, const py::object& previous) {
    try {
      for (const auto& [field, index] : columns) {
        int* at = field == "name"      ? &job_.columns.name
                  : field == "country" ? &job_.columns.country
                  : field == "type"    ? &job_.columns.type
                  : field == "address" ? &job_.columns.address
                  : field == "id"      ? &job_.columns.id
                                       : nullptr;
        if (!at)
          throw exportscreen::Error(exportscreen::errc::kInvalidRequest,
                                    "unknown column field \"" + field + "\"");
        *at = index.value_or(-1);
      }
      if (separator.size() != 1) {
        throw exportscreen::Error(exportscreen::errc::kInvalidRequest,
                                  "the separator is one character");
      }
      job_.separator = separator[0];
      job_.width = width;
      job_.options = options_json.empty()
                         ? nlohmann::json::object()
                         : exportscreen::parse_request_json(options_json, "the row options");
      job_.stale = stale;
      exportscreen::check_csv_block_job(job_);
      if (!previous.is_none()) {
        const auto parts = previous.cast<py::tuple>();
        if (parts.size() != 5) {
          throw exportscreen::Error(
              exportscreen::errc::kInvalidRequest,
              "previous is (common, common_values, results, rows, ambiguous)");
        }
        exportscreen::PreviousResults p;
        const std::string common = parts[0].cast<py::bytes>();
        if (common.size() % sizeof(std::uint64_t)) {
          throw exportscreen::Error(exportscreen::errc::kInvalidRequest,
                                    "the common keys are not 8 bytes each");
        }
        p.common.resize(common.size() / sizeof(std::uint64_t));
        std::memcpy(p.common.data(), common.data(), common.size());
        if (!parts[1].is_none()) p.common_values = parts[1].cast<std::vector<std::string>>();
        p.results = parts[2].cast<std::vector<std::vector<std::string>>>();
        p.rows = parts[3].cast<std::unordered_map<std::uint64_t, std::uint32_t>>();
        p.ambiguous = parts[4].cast<std::unordered_set<std::uint64_t>>();
        exportscreen::check_previous_results(p);
        previous_ = std::move(p);
      }
    } catch (const exportscreen::Error& e) {
      error_ = dump(exportscreen::error_json(e.code(), e.what()));
    } catch (const py::cast_error& e) {
      error_ = dump(exportscreen::error_json(exportscreen::errc::kInvalidRequest,
                                             std::string("previous: ") + e.what()));
    }
  }

  const exportscreen::CsvBlockJob& job() const { return job_; }
  const exportscreen::PreviousResults* previous() const {
    return previous_ ? &*previous_ : nullptr;
  }
  /// Empty, or the {"error"} of a bad job.
  const std::string& error() const { return error_; }

 private:
  exportscreen::CsvBlockJob job_;
  std::optional<exportscreen::PreviousResults> previous_;
  std::string error_;
};

py::tuple Session::screen_csv_block(const Session* delta, const CsvBlocks& blocks,
                                    const py::bytes& block, std::size_t first_line) const {
  if (!blocks.error().empty()) return py::make_tuple(py::bytes(), blocks.error());
  if (delta == this) {
    return py::make_tuple(py::bytes(),
                          dump(exportscreen::error_json(exportscreen::errc::kInvalidRequest,
                                                        "delta must be another session")));
  }
  // The block's bytes are read in place (a bytes object is immutable; the GIL is released).
  char* data = nullptr;
  Py_ssize_t size = 0;
  PyBytes_AsStringAndSize(block.ptr(), &data, &size);
  const std::string_view text(data, static_cast<std::size_t>(size));
  std::string csv;
  std::string report;
  {
    py::gil_scoped_release unlocked;
    report = guarded([&] {
      std::shared_lock mine(mutex_);
      std::shared_lock<std::shared_mutex> theirs;
      if (delta) theirs = std::shared_lock(delta->mutex_);
      exportscreen::CsvBlockResult r =
          exportscreen::screen_csv_block(screener_, delta ? &delta->screener_ : nullptr,
                                         blocks.previous(), text, first_line, blocks.job());
      csv = std::move(r.csv);
      return dump(exportscreen::to_json(r));
    });
  }
  return py::make_tuple(py::bytes(csv), report);
}

// {"changes": [one object per entry added, removed or changed], "summary": {counts}}.
std::string diff(const ListFiles& before, const ListFiles& after, const std::string& before_options,
                 const std::string& after_options) {
  const OwnedFiles old_files(before);
  const OwnedFiles new_files(after);
  py::gil_scoped_release unlocked;
  return guarded([&] {
    const exportscreen::ListSnapshot old_list =
        old_files.load(exportscreen::parse_load_options(before_options, nullptr));
    const exportscreen::ListSnapshot new_list =
        new_files.load(exportscreen::parse_load_options(after_options, nullptr));
    const std::vector<const exportscreen::ListSnapshot*> b = {&old_list}, a = {&new_list};
    const exportscreen::ListDiff d = exportscreen::diff_lists(b, a);
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : d.changes) changes.push_back(exportscreen::to_json(c));
    return dump({{"changes", changes}, {"summary", exportscreen::diff_summary_json(d, b, a)}});
  });
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "exportscreen core: JSON text in, JSON text out (docs/api.md, Python binding)";
  py::class_<Session>(m, "Session")
      .def(py::init<>())
      .def("load_builtin", &Session::load_builtin)
      .def("load_list", &Session::load_list, py::arg("files"), py::arg("options_json") = "")
      .def("load_delta", &Session::load_delta, py::arg("before"), py::arg("after"),
           py::arg("before_options_json") = "", py::arg("after_options_json") = "",
           py::arg("whole") = nullptr)
      .def("clear_lists", &Session::clear_lists)
      .def("lists", &Session::lists)
      .def("screen", &Session::screen, py::arg("request_json"))
      .def("match", &Session::match, py::arg("query_json"))
      .def("screen_rows", &Session::screen_rows, py::arg("rows_json"), py::arg("options_json") = "")
      .def("screen_csv_block", &Session::screen_csv_block, py::arg("delta"), py::arg("blocks"),
           py::arg("block"), py::arg("first_line"));
  py::class_<CsvBlocks>(m, "CsvBlocks")
      .def(py::init<const std::map<std::string, std::optional<int>>&, const std::string&,
                    std::size_t, const std::string&, const std::map<std::string, std::string>&,
                    const py::object&>(),
           py::arg("columns"), py::arg("separator"), py::arg("width"), py::arg("options_json") = "",
           py::arg("stale") = std::map<std::string, std::string>(),
           py::arg("previous") = py::none());
  // The result columns a re-screened row gets, in order, and the records a block may hold.
  py::tuple result_columns(exportscreen::kResultColumns.size());
  for (std::size_t i = 0; i < exportscreen::kResultColumns.size(); ++i)
    result_columns[i] = py::str(std::string(exportscreen::kResultColumns[i]));
  m.attr("RESULT_COLUMNS") = result_columns;
  m.attr("MAX_BLOCK_ROWS") = exportscreen::kMaxCsvRecords;
  m.def(
      "row_key_hash",
      [](const std::vector<std::string>& record,
         const std::map<std::string, std::optional<int>>& columns) {
        return exportscreen::row_key_hash(record, customer_columns(columns));
      },
      py::arg("record"), py::arg("columns"));
  m.def(
      "previous_rows",
      [](const py::bytes& csv, std::size_t first_line, std::size_t width,
         const std::map<std::string, std::optional<int>>& columns,
         const std::vector<std::size_t>& result_at) {
        const exportscreen::CustomerColumns c = customer_columns(columns);
        char* data = nullptr;
        Py_ssize_t size = 0;
        PyBytes_AsStringAndSize(csv.ptr(), &data, &size);
        exportscreen::PreviousRows rows;
        std::string error;
        {
          py::gil_scoped_release unlocked;
          error = guarded([&] {
            rows = exportscreen::read_previous_rows(std::string_view(data, size), first_line, width,
                                                    c, result_at);
            return std::string();
          });
        }
        if (!error.empty()) return py::object(py::str(error));  // {"error"}: raised by the wrapper
        const auto raw = [](const auto& v) {
          return py::bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v.front()));
        };
        return py::object(
            py::make_tuple(raw(rows.keys), raw(rows.result_of), rows.results, rows.skipped));
      },
      py::arg("csv"), py::arg("first_line"), py::arg("width"), py::arg("columns"),
      py::arg("result_at"),
      "(keys as native uint64 bytes, index of each key's result as native uint32 bytes, the "
      "distinct results, records skipped) of an earlier output's records (read_previous_rows), "
      "or the {\"error\"} JSON text of text that is not CSV.");
  m.def("list_info", &Session::list_info, py::arg("files"), py::arg("options_json") = "");
  m.def("diff", &diff, py::arg("before"), py::arg("after"), py::arg("before_options_json") = "",
        py::arg("after_options_json") = "");
  m.def(
      "compare",
      [](const std::string& pair_json) {
        return guarded([&] { return exportscreen::compare_json(pair_json); });
      },
      py::arg("pair_json"));
  m.def(
      "classify",
      [](const std::string& item_json) { return exportscreen::classify_json(item_json); },
      py::arg("item_json"));
  m.def(
      "reference",
      [](const std::string& options_json) { return exportscreen::reference_json(options_json); },
      py::arg("options_json") = "");
  m.def("version", [] { return exportscreen::version_json(); });
  m.def(
      "sha256",
      [](const py::bytes& bytes) {
        const std::string data = bytes;
        return exportscreen::sha256_hex(data);
      },
      py::arg("data"));
}
