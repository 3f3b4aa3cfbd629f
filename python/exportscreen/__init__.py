"""exportscreen from Python: the same C++ core and JSON contract as the CLI and the wasm module.

A thin layer over the binding (exportscreen._core, JSON text in and out, docs/api.md): it turns
dicts into JSON and back, reads list files from paths, and raises ScreenError with the core's
stable error code instead of returning the error envelope.

    import exportscreen
    s = exportscreen.Screener()                       # the built-in list
    s.load_list("consolidated.csv", replace=True)     # or bytes, or an OFAC set as a list
    s.screen({"parties": [{"name": "Huawei Technologies Co Ltd"}]})["verdict"]
    s.match("HMN Technologies")["matches"]
    for row in s.screen_many([{"name": "Acme", "country": "US"}, ...]): ...
    s.load_delta("consolidated-old.csv", "consolidated.csv")   # screen only what changed
    blocks = exportscreen.CsvBlocks(columns={"name": 1, "country": 2}, width=4)
    csv_bytes, report = blocks.screen(s, b"C1,Acme,DE,x\n", first_line=2)  # rows + RESULT_COLUMNS
"""

import json
import os

from . import _core

__all__ = ["ScreenError", "Screener", "CsvBlocks", "RESULT_COLUMNS", "MAX_BLOCK_ROWS", "compare",
           "diff", "list_info", "previous_rows", "row_key_hash", "version", "sha256"]

# Rows are handed to the core this many at a time by screen_many (one JSON text each, within
# the core's 16 MiB request limit for rows of ordinary size).
DEFAULT_BATCH = 2000

# The result columns CsvBlocks appends to each row, in order (named once, in the core), and the
# records one block may hold.
RESULT_COLUMNS = tuple(_core.RESULT_COLUMNS)
MAX_BLOCK_ROWS = _core.MAX_BLOCK_ROWS


class ScreenError(Exception):
    """An error answered by the core: `code` is the stable snake_case code of docs/api.md."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def _answer(text):
    value = json.loads(text)
    if isinstance(value, dict) and len(value) == 1 and "error" in value:
        raise ScreenError(value["error"]["code"], value["error"]["message"])
    return value


def _options(**options):
    return json.dumps({k: v for k, v in options.items() if v is not None})


def _file(item):
    """(name, bytes) of one list file given as a path, bytes, or (name, bytes)."""
    if isinstance(item, (bytes, bytearray, memoryview)):
        return "", bytes(item)
    if isinstance(item, tuple):
        name, data = item
        return str(name), bytes(data)
    path = os.fspath(item)
    with open(path, "rb") as f:
        return os.path.basename(path), f.read()


def _files(data):
    """What the binding takes for a list: one file's bytes, or [(name, bytes)] for a set."""
    if isinstance(data, list):
        return [_file(item) for item in data]
    name, content = _file(data)
    return [(name, content)] if name else content


def _label(data, label):
    if label is not None or isinstance(data, (bytes, bytearray, memoryview)):
        return label
    first = data[0] if isinstance(data, list) and data else data
    if isinstance(first, tuple):
        return str(first[0])
    return os.path.basename(os.fspath(first)) if first is not None else None


class Screener:
    """Holds loaded lists and screens against them (the JS API's Screener, in Python).

    Screening calls release the GIL; a Screener may screen from several threads at once.
    """

    def __init__(self, builtin=True):
        self._session = _core.Session()
        if builtin:
            _answer(self._session.load_builtin())

    def load_list(self, data, *, label=None, as_of=None, format=None, replace=False,
                  known_sha256=None):
        """Loads a list: a path, bytes, or a list of paths / (name, bytes) for an OFAC set.

        Returns {"list", "lists"}; raises ScreenError (invalid_list, truncated_list, ...) and
        keeps the lists as they were.
        """
        options = _options(label=_label(data, label), as_of=as_of, format=format,
                           replace=replace or None, known_sha256=known_sha256)
        return _answer(self._session.load_list(_files(data), options))

    def load_delta(self, before, after, *, before_label=None, after_label=None,
                   before_as_of=None, after_as_of=None, before_sha256=None, after_sha256=None,
                   whole=None):
        """Replaces the lists with the entries of `after` added or changed since `before`.

        Screening then answers whether a party gained a match: a party that matches none is
        "unchanged" (its earlier result stands), never "clear". `whole`, another Screener, gets
        the whole of `after` in place of its lists (the file is read once for both).
        `before_sha256` / `after_sha256`: the known SHA-256 of a one-file list, as load_list's
        known_sha256 (the caller has checked it; the core does not hash the file again). Returns
        {"list", "lists", "diff": the counts of diff()'s summary, "change_keys": [{"key":
        "SOURCE_CODE:id", "change": "added" | "removed" | "changed"}, ...] in the order of diff()'s
        changes}.
        """
        return _answer(self._session.load_delta(
            _files(before), _files(after),
            _options(label=_label(before, before_label), as_of=before_as_of,
                     known_sha256=before_sha256),
            _options(label=_label(after, after_label), as_of=after_as_of,
                     known_sha256=after_sha256),
            whole._session if whole is not None else None))

    def clear_lists(self):
        return _answer(self._session.clear_lists())["lists"]

    def lists(self):
        """What is loaded: [{source, format, records, sha256, as_of, ...}]."""
        return _answer(self._session.lists())["lists"]

    def screen(self, request):
        """Screens one request (dict, docs/api.md "Screening request"); returns the result."""
        return _answer(self._session.screen(json.dumps(request)))

    def match(self, query, **options):
        """Matches one name (a str, or a dict {"name", "type"?, "country"?, ...})."""
        q = {"name": query} if isinstance(query, str) else dict(query)
        q.update({k: v for k, v in options.items() if v is not None})
        return _answer(self._session.match(json.dumps(q)))

    def screen_many(self, rows, *, batch=DEFAULT_BATCH, **options):
        """Screens an iterable of rows, each a party on its own ({"name", "country"?, "type"?,
        "address"?}); yields one summary per row, in order: {"verdict", "matches", "best",
        "rule", "citation", "rules"}, or {"error": {"code", "message"}} for a row that is not a
        valid party. Options: min_score, preset, limit, sources, programs, countries, as_of,
        locale. A batch of rows is one call into the core (the GIL released meanwhile).
        """
        opts = _options(**options)
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                yield from self._screen_chunk(chunk, opts)
                chunk = []
        if chunk:
            yield from self._screen_chunk(chunk, opts)

    def screen_batch(self, rows, **options):
        """Screens a list of rows in one call into the core and returns the compact form:
        {"rows": [index, ...], "summaries": [...]}, each distinct summary once and each row the
        index of its own (most rows of a customer base share one: decoding it once a batch,
        not once a row, is what keeps a Python caller as fast as the core)."""
        return _answer(self._session.screen_rows(json.dumps(rows), _options(compact=True,
                                                                            **options)))

    def _screen_chunk(self, chunk, opts):
        return _answer(self._session.screen_rows(json.dumps(chunk), opts))["rows"]


class CsvBlocks:
    """Screens the blocks of one customer CSV file in the core, bytes in and CSV text out
    (scripts/rescreen's workers): each record written back with RESULT_COLUMNS appended.

    columns: {"name": i, "country": i?, "type": i?, "address": i?, "id": i?} (0-based, None for
    none); width: the header's fields; separator: one character; options: the row options of
    screen_many. For a delta screening, stale: {"SOURCE:id": "removed" | "changed"} of the
    entries removed or changed since the earlier list, and previous: None or (the sorted keys of
    the rows of the commonest result as a numpy uint64 array or its bytes, its result columns,
    [distinct result columns of the other rows], {key: index into them}, {keys without a result
    to carry}), keys from row_key_hash.
    """

    def __init__(self, *, columns, width, separator=",", options=None, stale=None,
                 previous=None):
        if previous is not None:
            common = previous[0]
            if not isinstance(common, bytes):
                common = common.astype("u8", copy=False).tobytes()
            previous = (common,) + tuple(previous[1:])
        self._blocks = _core.CsvBlocks(columns, separator, width, json.dumps(options or {}),
                                       stale or {}, previous)

    def screen(self, full, block, first_line, delta=None):
        """Screens one block (bytes of whole records; `first_line` is the line number of its first
        line in the file) against `full`, a Screener, or with `delta` (a Screener after
        load_delta) against what changed first. Returns (the output rows as UTF-8 bytes,
        {"rows", "counts", "unreadable": [[line, message], ...], "full_screened"}); raises
        ScreenError (request_too_large past MAX_BLOCK_ROWS records, invalid_request, ...)."""
        csv, report = full._session.screen_csv_block(
            delta._session if delta is not None else None, self._blocks, bytes(block), first_line)
        return csv, _answer(report)


def row_key_hash(record, columns):
    """The 64-bit key joining a row with its previous result: its id column, else its name,
    country and type (columns as CsvBlocks takes them)."""
    return _core.row_key_hash(list(record), columns)


def previous_rows(data, first_line, width, columns, result_at):
    """The records of an earlier output (bytes after its header, comma-separated, `width` fields,
    its first on line `first_line`; `result_at` the field of each of RESULT_COLUMNS), read by the
    core: (keys: native uint64 bytes, each key's result index: native uint32 bytes, the distinct
    results, the records skipped: of another width or not UTF-8). ScreenError for text that is
    not CSV."""
    got = _core.previous_rows(bytes(data), first_line, width, columns, list(result_at))
    return _answer(got) if isinstance(got, str) else got


def list_info(data, *, label=None, as_of=None, format=None, known_sha256=None):
    """Loads and checks a list without keeping or indexing it: its description (the "list" of
    load_list), or ScreenError."""
    return _answer(_core.list_info(_files(data), _options(label=_label(data, label), as_of=as_of,
                                                           format=format,
                                                           known_sha256=known_sha256)))["list"]


def diff(before, after, *, before_label=None, after_label=None, before_as_of=None,
         after_as_of=None, before_sha256=None, after_sha256=None):
    """Compares two versions of a list: {"changes": [{"change", "entry", "fields", "list",
    "previous"?}], "summary": {"added", "removed", "changed", "unchanged", "before", "after"}}.
    `before_sha256` / `after_sha256` as in Screener.load_delta."""
    return _answer(_core.diff(_files(before), _files(after),
                              _options(label=_label(before, before_label), as_of=before_as_of,
                                       known_sha256=before_sha256),
                              _options(label=_label(after, after_label), as_of=after_as_of,
                                       known_sha256=after_sha256)))


def compare(a, b, type=None):
    """{"score", "match", "explanation"} of two names."""
    return _answer(_core.compare(json.dumps({"a": a, "b": b, **({"type": type} if type else {})})))


def version():
    """{"version", "rules_version", "rules_date", "presets", "roles"} (docs/api.md)."""
    return _answer(_core.version())


def sha256(data):
    """Lower-case hex SHA-256 of bytes (as the core hashes list files)."""
    return _core.sha256(bytes(data))
