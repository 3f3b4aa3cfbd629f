"""scripts/rescreen: re-screen a whole customer base on a Dask cluster, or only what changed.

    scripts/rescreen --list NEW [--since OLD [--previous results-old.csv]]
                     --input customers.csv --output results.csv
                     --scheduler local:N | tcp://HOST:PORT

The client reads the input CSV in blocks cut at record boundaries, the workers screen each block
with the C++ core (the list loaded once per worker process, a block one call into the core), and
the client writes every input row, in input order, with the result columns. docs/scale.md says
how to run it on a real cluster; `scripts/rescreen --help` lists every option.
"""

import argparse
import csv
import hashlib
import io
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import exportscreen

# The result columns each output row gets, in order: named once, in the core.
RESULT_COLUMNS = list(exportscreen.RESULT_COLUMNS)
VERDICTS = ["clear", "review", "license_required", "stop", "unchanged", "error"]
MANIFEST_FORMAT = "exportscreen-rescreen/1"
# A record may span lines (a quoted newline); one longer than this is taken as broken quoting.
MAX_RECORD_BYTES = 8 << 20


class UsageError(Exception):
    """Bad arguments or input that stops the run before anything is screened (exit 2)."""


# ---------------------------------------------------------------------------------------------
# Worker side: these functions run in the Dask workers (imported by name, so the cache below
# lives as long as the process). The workers of a LocalCluster are threads of one process, which
# share its Screeners: the lock makes the first block load them and the others wait for it.

_SCREENERS = {}
_LOADING = threading.Lock()


def _list_files(spec):
    """([(name, bytes)], known_sha256) of a list shipped as bytes or read from the shared paths.
    Either way each file is checked against the client's SHA-256 (hashlib: OpenSSL, a few ms a
    file), and the hash of a one-file list is handed to the core, which then need not hash the
    file again (its own SHA-256 was a third of a worker's loading)."""
    if "files" in spec:
        files = list(spec["files"])
        sources = [f"list file {name} as this worker received it" for name, _ in files]
    else:
        files, sources = [], []
        for path in spec["paths"]:
            with open(path, "rb") as f:
                files.append((os.path.basename(path), f.read()))
            sources.append(f"{path} on this worker")
    for (_, data), source, expected in zip(files, sources, spec["sha256"]):
        got = hashlib.sha256(data).hexdigest()
        if got != expected:
            raise RuntimeError(f"{source} has SHA-256 {got}, the client's has {expected}: the "
                               "file differs from the client's or changed during the run")
    return files, _one_file_sha256(spec)


def _screeners(payload):
    """(full, delta) Screeners of this worker process for the payload, loaded once per list."""
    return _loaded(payload)[:2]


def _loaded(payload):
    """(full, delta, answer): the Screeners and what loading them answered (load_list's, or with
    --since load_delta's, which holds the diff)."""
    with _LOADING:
        return _SCREENERS.get(payload["key"]) or _load_screeners(payload)


def _load_screeners(payload):
    _SCREENERS.clear()  # one list at a time: a new run's list replaces the last one's
    new_files, new_sha256 = _list_files(payload["list"])
    full = exportscreen.Screener(builtin=False)
    delta = None
    if payload.get("since"):
        # The changed entries, and the whole list for the rows that gain a match: one parse.
        old_files, old_sha256 = _list_files(payload["since"])
        delta = exportscreen.Screener(builtin=False)
        answer = delta.load_delta(old_files, new_files,
                         before_label=payload["since"]["label"],
                         after_label=payload["list"]["label"],
                         before_as_of=payload["since"]["as_of"],
                         after_as_of=payload["list"]["as_of"],
                         before_sha256=old_sha256, after_sha256=new_sha256, whole=full)
    else:
        answer = full.load_list(new_files, label=payload["list"]["label"],
                                as_of=payload["list"]["as_of"], known_sha256=new_sha256)
    loaded = _SCREENERS[payload["key"]] = (full, delta, answer)
    return loaded


_BLOCKS = {}


def _csv_blocks(job):
    """The core's CsvBlocks of this worker process for the job (made once a job: the previous
    results are handed to the core once, not once a block)."""
    with _LOADING:
        return _BLOCKS.get(job["key"]) or _make_csv_blocks(job)


def _make_csv_blocks(job):
    _BLOCKS.clear()  # one job at a time
    blocks = _BLOCKS[job["key"]] = exportscreen.CsvBlocks(
        columns=job["columns"], width=job["width"], separator=job["separator"],
        options=job["options"], stale=job["stale"], previous=job["previous"])
    return blocks


def screen_block(payload, job, block, first_line):
    """Screens one block of the input CSV (whole records; `first_line` is the line number of its
    first line in the file) in one call into the core: the records are read, screened (with
    --since against what changed, then in full where needed) and written there. Returns
    {"csv": bytes of the output rows, "rows", "counts", "unreadable": [[line, message], ...],
    "full_screened", "cpu_s"}."""
    cpu_started = time.thread_time()  # this worker's thread: the core runs in it
    full, delta = _screeners(payload)
    csv_bytes, result = _csv_blocks(job).screen(full, block, first_line, delta=delta)
    result["csv"] = csv_bytes
    # The worker's CPU seconds for the block (its list loading too, on its first block).
    result["cpu_s"] = time.thread_time() - cpu_started
    return result


# ---------------------------------------------------------------------------------------------
# Client side.


def read_header(path, separator):
    """(header fields, byte offset after the header, header lines)."""
    with open(path, "rb") as f:
        head = b""
        lines = 0
        while True:
            line = f.readline()
            if not line:
                break
            head += line
            lines += 1
            if head.count(b'"') % 2 == 0:
                break
            if len(head) > MAX_RECORD_BYTES:
                raise UsageError(f"{path}: the header line does not end (an unclosed quote)")
    offset = len(head)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the header line is not UTF-8 (save the file as CSV UTF-8)")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    if not rows or not rows[0]:
        raise UsageError(f"{path}: the file is empty (a header line naming the columns is needed)")
    return [c.strip() for c in rows[0]], offset, lines


FIRST_BLOCK_ROWS = 10_000  # rows of a block until the screening's pace is known (BlockSizing)
BLOCK_SECONDS = 0.25  # a worker's time a block is sized for, once the pace is known
MAX_READ_BYTES = 8 << 20  # bytes of input read (and cut into blocks) at a time, at most


class BlockSizing:
    """The size of the next blocks: `lines` (rows) and `bytes` (input read at a time, cut into
    blocks of at most `lines`). Dask costs the client and the scheduler a few milliseconds a
    task, whatever its size, so a block is sized by the workers' pace (done(): rows per CPU
    second of the last block) to take about BLOCK_SECONDS: a full screening's blocks stay at
    FIRST_BLOCK_ROWS (and --blocksize bytes), below which they never go; a delta screening's,
    ten times faster a row, grow up to the core's MAX_BLOCK_ROWS. Near the end blocks shrink
    again, to at most half of what is left for each worker (`unread`, set by blocks()), so that
    the workers finish together. With `workers` None the size is fixed."""

    def __init__(self, blocksize, lines=FIRST_BLOCK_ROWS, workers=None):
        self.bytes, self.lines = blocksize, lines
        self._least_bytes, self._least_lines = blocksize, lines
        self._workers = workers
        self.paced = workers is not None
        self.unread = None  # bytes of input not yet cut into blocks

    def done(self, rows, cpu_s, nbytes):
        if not self.paced or rows <= 0 or cpu_s <= 0 or nbytes <= 0:
            return
        row_bytes = nbytes / rows
        lines = rows / cpu_s * BLOCK_SECONDS
        if self.unread is not None:
            lines = min(lines, self.unread / row_bytes / (2 * self._workers))
        self.lines = int(min(exportscreen.MAX_BLOCK_ROWS, max(self._least_lines, lines)))
        self.bytes = int(min(MAX_READ_BYTES, max(self._least_bytes, self.lines * row_bytes)))


def blocks(path, offset, first_line, sizing):
    """Yields (first line number, bytes) of consecutive blocks of whole records after the header,
    each of at most `sizing.lines` lines (so within the core's records a block) unless one
    record is longer, the input read `sizing.bytes` at a time (BlockSizing: both may change
    between blocks). A block ends at a newline outside quotes (an even number of quotes since
    the block began)."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        f.seek(offset)
        carry = b""
        line = first_line
        while True:
            blocksize = sizing.bytes
            chunk = f.read(blocksize)
            data = carry + chunk
            ends, newlines = _record_ends(data)
            whole = False  # data[:stop + 1] ends at a record end, more input to come
            if not chunk:
                stop = len(data) - 1  # the rest, with or without a last newline
            elif len(ends):
                stop, whole = int(ends[-1]), True
            elif len(data) <= blocksize + MAX_RECORD_BYTES or not len(newlines):
                carry = data
                continue
            else:
                stop = int(newlines[-1])  # broken quoting: the worker reports the bad rows
            sizing.unread = max(0, size - f.tell()) + len(data) - (stop + 1)
            # Sized by the workers' pace, a last piece of fewer lines than a block may hold waits
            # for the next read (a block of a few rows would cost a task as much as a whole one).
            pieces = _at_most(data, stop, ends, newlines, sizing,
                              keep_short=whole and sizing.paced)
            while True:
                try:
                    block, lines = next(pieces)
                except StopIteration as cut:
                    rest = cut.value
                    break
                yield line, block
                line += lines
            if not chunk:
                return
            carry = data[rest:]


def _record_ends(data):
    """(the offsets of the newlines of `data` that end a record: an even number of quotes before
    them, the offsets of all its newlines), found at once (numpy, a dependency of Dask's)."""
    import numpy

    arr = numpy.frombuffer(data, numpy.uint8)
    newlines = numpy.flatnonzero(arr == ord("\n"))
    quotes = numpy.flatnonzero(arr == ord('"'))
    if not len(quotes):
        return newlines, newlines
    return newlines[numpy.searchsorted(quotes, newlines) % 2 == 0], newlines


def _at_most(data, stop, ends, newlines, sizing, keep_short=False):
    """Yields (piece, its newlines) of data[:stop + 1] (whole records) cut at record ends into
    pieces of at most `sizing.lines` lines (read for each piece); a record longer than that is
    a piece of its own. With `keep_short`, a last piece of fewer lines, and fewer bytes than
    `sizing.bytes`, is not yielded. Returns where what was not yielded starts."""
    import numpy

    start = 0
    while start <= stop:
        max_lines = sizing.lines
        first = int(numpy.searchsorted(newlines, start))
        last = int(numpy.searchsorted(newlines, stop, side="right"))  # newlines[first:last]
        if last - first <= max_lines:
            if keep_short and last - first < max_lines and stop + 1 - start < sizing.bytes:
                return start
            break
        # The last record end at or before the max_lines-th newline, else the first after it.
        target = newlines[first + max_lines - 1]
        k = int(numpy.searchsorted(ends, target, side="right"))
        if k > 0 and ends[k - 1] >= start:
            end = int(ends[k - 1])
        elif k < len(ends) and ends[k] <= stop:
            end = int(ends[k])
        else:
            break
        yield data[start:end + 1], int(numpy.searchsorted(newlines, end, side="right")) - first
        start = end + 1
    if start <= stop:
        yield data[start:stop + 1], int(numpy.searchsorted(newlines, stop, side="right")) - int(
            numpy.searchsorted(newlines, start))
    return stop + 1


def map_columns(header, args):
    """Indices of the mapped columns; a missing one is a UsageError naming what is there."""
    lower = {c.lower(): i for i, c in enumerate(header)}

    def find(name, flag, required):
        i = lower.get(name.lower())
        if i is None and required:
            raise UsageError(
                f"the input has no column \"{name}\" ({flag}); its columns are: "
                + ", ".join(header))
        return i

    columns = {
        "name": find(args.name_column, "--name-column", True),
        "country": find(args.country_column, "--country-column", args.country_column != "country"),
        "type": find(args.type_column, "--type-column", args.type_column != "type"),
        "address": find(args.address_column, "--address-column", args.address_column != "address"),
        "id": find(args.id_column, "--id-column", args.id_column != "id"),
    }
    clash = [c for c in RESULT_COLUMNS if c in lower]
    if clash:
        raise UsageError(
            "the input already has result columns (" + ", ".join(clash) + "): give the customer "
            "file itself, and an earlier run's results with --previous")
    return columns


def read_list(paths, as_of):
    """A list as the workers receive it, and its description for the manifest."""
    files = []
    for p in paths:
        try:
            with open(p, "rb") as f:
                files.append((os.path.basename(p), f.read()))
        except OSError as e:
            raise UsageError(f"cannot read list file {p}: {e.strerror}")
    return {
        "files": files,
        "label": os.path.basename(paths[0]),
        "as_of": as_of,
        "paths": [os.path.abspath(p) for p in paths],
        "sha256": [hashlib.sha256(d).hexdigest() for _, d in files],
    }


def _one_file_sha256(spec):
    """The SHA-256 read_list took of a one-file list (the core need not hash it again), or None
    for a set of files (the core hashes each)."""
    return spec["sha256"][0] if len(spec["sha256"]) == 1 else None


def check_list(spec, flag):
    """Loads a list in the client (not indexed): a list that does not load stops the run before
    any row is sent. Returns its description."""
    try:
        return exportscreen.list_info(spec["files"], label=spec["label"], as_of=spec["as_of"],
                                      known_sha256=_one_file_sha256(spec))
    except exportscreen.ScreenError as e:
        raise UsageError(f"{flag} {', '.join(spec['paths'])}: {e.code}: {e.message}")



PREVIOUS_CHUNK = 16 << 20  # bytes of the previous results the core reads at a time


def check_previous(path, since_info, options, args):
    """Checks the previous results against their run's manifest (path + ".json") and maps their
    columns: (header, offset of the first record, lines of the header, columns)."""
    manifest_path = path + ".json"
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        raise UsageError(
            f"--previous {path}: its manifest {manifest_path} (written beside every output) "
            "cannot be read, so what it was screened against cannot be checked")
    screened = manifest.get("screened_against", {})
    if manifest.get("format") != MANIFEST_FORMAT or not manifest.get("complete"):
        raise UsageError(f"--previous {path}: not the complete results of a rescreen run "
                         "(a delta run without --previous leaves rows unchanged, not screened)")
    if screened.get("sha256") != since_info["sha256"]:
        raise UsageError(
            f"--previous {path} was screened against {screened.get('label')} "
            f"(SHA-256 {screened.get('sha256')}), not the --since list "
            f"({since_info['source']}, SHA-256 {since_info['sha256']})")
    if manifest.get("options") != options:
        raise UsageError(f"--previous {path} was screened with options {manifest.get('options')}, "
                         f"this run uses {options}: they must be the same")
    header, offset, lines = read_header(path, ",")
    return header, offset, lines, map_columns_previous(header, args)


def read_previous(path, header, offset, lines, columns):
    """The previous results (checked by check_previous), compact: the rows of the result most
    share (no match) as sorted 64-bit row keys, the other rows by key with the index of their
    result columns (each distinct result once). The file is read by the core (previous_rows)."""
    import numpy as np

    # Read by the core a chunk of whole records at a time (the file is as large as the output),
    # each chunk's distinct results numbered again in the whole file's order.
    at = [header.index(c) for c in RESULT_COLUMNS]
    results, index, keys, result_of = [], {}, [], []
    for first_line, chunk in blocks(path, offset, lines + 1, BlockSizing(PREVIOUS_CHUNK, 1 << 62)):
        try:
            chunk_keys, chunk_result_of, chunk_results, _ = exportscreen.previous_rows(
                chunk, first_line, len(header), columns, at)
        except exportscreen.ScreenError as e:
            raise UsageError(f"--previous {path}: {e.message}")
        renumber = []
        for values in chunk_results:
            k = index.setdefault(tuple(values), len(results))
            if k == len(results):
                results.append(values)
            renumber.append(k)
        keys.append(np.frombuffer(chunk_keys, dtype=np.uint64))
        result_of.append(np.array(renumber, dtype=np.uint32)[
            np.frombuffer(chunk_result_of, dtype=np.uint32)])
    keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    result_of = np.concatenate(result_of) if result_of else np.zeros(0, dtype=np.uint32)
    # A result to carry forward has a verdict; "unchanged" or an error there is screened again,
    # and so is a key that two rows of different results share.
    verdict_at = RESULT_COLUMNS.index("verdict")
    carried = np.array([r[verdict_at] in ("clear", "review", "license_required", "stop")
                        for r in results], dtype=bool)
    order = np.lexsort((result_of, keys))
    keys, result_of = keys[order], result_of[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(first)
    # A key is ambiguous when its rows have another result than its first row's, or none.
    differs = np.zeros(len(keys), dtype=bool)
    differs[1:] = (keys[1:] == keys[:-1]) & (result_of[1:] != result_of[:-1])
    bad = ~carried[result_of] | differs
    ambiguous_key = np.zeros(len(keys), dtype=bool)
    ambiguous_key[starts] = np.logical_or.reduceat(bad, starts) if len(keys) else []
    unique_keys, unique_result = keys[starts], result_of[starts]
    ambiguous = set(unique_keys[ambiguous_key[starts]].tolist())
    keep = ~ambiguous_key[starts]
    unique_keys, unique_result = unique_keys[keep], unique_result[keep]
    # The result most rows share (no match) is kept as sorted keys alone; the others by key.
    common = None
    if len(unique_result):
        common = int(np.bincount(unique_result).argmax())
    in_common = unique_result == common
    common_keys = unique_keys[in_common]  # sorted: unique_keys is
    others_keys, others_result = unique_keys[~in_common], unique_result[~in_common]
    used = np.unique(others_result)
    renumber = {int(old): new for new, old in enumerate(used)}
    rows = {int(k): renumber[int(r)] for k, r in zip(others_keys.tolist(), others_result.tolist())}
    common_values = results[common] if common is not None else None
    # As CsvBlocks takes them (the core carries each row's result forward or screens it again).
    return ((common_keys.tobytes(), common_values,
             [results[int(r)] for r in used], rows, ambiguous),
            len(common_keys) + len(rows))


def map_columns_previous(header, args):
    lower = {c.lower(): i for i, c in enumerate(header)}
    missing = [c for c in RESULT_COLUMNS if c not in header]
    if missing:
        raise UsageError("--previous: the file has no column " + ", ".join(missing))
    out = {}
    for field, name in (("name", args.name_column), ("country", args.country_column),
                        ("type", args.type_column), ("id", args.id_column)):
        out[field] = lower.get(name.lower())
    if out["name"] is None:
        raise UsageError(f"--previous: the file has no column \"{args.name_column}\"")
    return out


def start_client(scheduler):
    """A Dask client: a LocalCluster of N single-threaded workers in this process, or an existing
    cluster's scheduler. Returns (client, cluster or None)."""
    import dask
    from distributed import Client, LocalCluster

    # Dask reads the source code around each submit call (for its dashboard) and sends it to the
    # scheduler with the task, unless the caller's module is one it is told to skip. Skipping
    # every module (the pattern .*) sends none: under `python3 -m` the first frame not skipped
    # was the whole of this file or of runpy's, read and sent with every block (0.7 s of the
    # client's CPU in a 100-block run when it was this module's source). A remote scheduler
    # gets no source code of the client's either.
    dask.config.set({"distributed.diagnostics.computations.ignore-modules": [".*"]})

    if scheduler.startswith("local:"):
        try:
            n = int(scheduler[6:])
        except ValueError:
            n = 0
        if n < 1:
            raise UsageError("--scheduler local:N needs a number of workers N >= 1")
        # N workers of one thread each, in this process: the core screens without Python's lock,
        # so the threads run side by side on N cores; they share one copy of the list's index
        # (a worker process each would build and hold its own, and every block and its output
        # rows would be pickled through a connection both ways).
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=False,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    if scheduler.startswith("tcp://") or scheduler.startswith("tls://"):
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as e:
            raise UsageError(f"cannot reach the scheduler at {scheduler}: {e}")
    raise UsageError("--scheduler is local:N or tcp://HOST:PORT")


def _cpu_seconds():
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _worker_version():
    import exportscreen as es

    return es.version()


class Progress:
    """A progress bar on stderr when it is a terminal: bytes of the input done, rows, rate."""

    def __init__(self, total_bytes, enabled):
        self.total = max(total_bytes, 1)
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, done_bytes, rows, force=False):
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        share = min(done_bytes / self.total, 1.0)
        elapsed = now - self.started
        rate = rows / elapsed if elapsed > 0 else 0
        eta = elapsed * (1 - share) / share if share > 0 else 0
        bar = "#" * int(30 * share) + "." * (30 - int(30 * share))
        sys.stderr.write(f"\r[{bar}] {100 * share:5.1f} %  {rows:,} rows  {rate:,.0f} rows/s"
                         f"  {'ETA %.0f s' % eta if share < 1 else 'done':>10}  ")
        sys.stderr.flush()

    def close(self):
        if self.enabled:
            sys.stderr.write("\n")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="scripts/rescreen",
        description="Re-screens a customer or supplier CSV against a restricted-party list on a "
                    "Dask cluster; with --since, only against the entries added or changed since "
                    "an earlier list. Writes every input row with its result columns "
                    "(docs/scale.md).")
    p.add_argument("--list", action="append", required=True, metavar="FILE",
                   help="the list (CSL CSV or JSON; the files of an OFAC set, each with --list)")
    p.add_argument("--list-date", metavar="YYYY-MM-DD", help="the date of the --list data")
    p.add_argument("--since", action="append", metavar="FILE",
                   help="an earlier version of the list: screen only against what changed")
    p.add_argument("--since-date", metavar="YYYY-MM-DD", help="the date of the --since data")
    p.add_argument("--previous", metavar="RESULTS.csv",
                   help="the results of a complete run against the --since list: rows are then "
                        "answered in full (carried forward or screened again)")
    p.add_argument("--input", required=True, metavar="CSV", help="the rows to screen")
    p.add_argument("--output", required=True, metavar="CSV", help="where to write the results")
    p.add_argument("--scheduler", default="local:2", help="local:N or tcp://HOST:PORT")
    p.add_argument("--name-column", default="name")
    p.add_argument("--country-column", default="country")
    p.add_argument("--type-column", default="type")
    p.add_argument("--address-column", default="address")
    p.add_argument("--id-column", default="id",
                   help="joins rows with --previous (default: id if present, else name, country "
                        "and type)")
    p.add_argument("--separator", default=",", help="the input's field separator (default ,)")
    p.add_argument("--min-score", type=float)
    p.add_argument("--preset", choices=["strict", "balanced", "broad"])
    p.add_argument("--source", action="append", metavar="CODE",
                   help="only entries of this source list (EL, SDN, ...); repeatable")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date the rules are applied as of")
    p.add_argument("--blocksize", type=int, default=1 << 20,
                   help="bytes of input read at a time, and the least of a task's (default "
                        "1 MiB); tasks grow when the workers screen fast (a delta screening)")
    p.add_argument("--shared-files", action="store_true",
                   help="workers read the list files from the same paths (a shared file "
                        "system) instead of receiving their bytes from the client")
    p.add_argument("--progress", dest="progress", action="store_true", default=None)
    p.add_argument("--no-progress", dest="progress", action="store_false")
    args = p.parse_args(argv)
    if args.previous and not args.since:
        raise UsageError("--previous needs --since (the list the previous results were screened "
                         "against)")
    if args.min_score is not None and args.preset:
        raise UsageError("--min-score and --preset both set the threshold: give one")
    if len(args.separator) != 1:
        raise UsageError("--separator is one character")
    if args.blocksize < 4096:
        raise UsageError("--blocksize is at least 4096 bytes")
    return args


def _list_changes(since, new, preload=None):
    """The lists' descriptions and diff: (summary counts, the --list and --since descriptions,
    stale: {"SOURCE:id": "removed" | "changed"} of the entries a row's earlier match may no longer
    stand on); without --since (None, the --list's description, None, {}). Taken from the
    preload's load_delta or load_list where there is one (a LocalCluster's workers), else
    computed here. A list that does not load is a UsageError naming its flag."""
    answer = preload.result()[1] if preload is not None else None
    if since is None:
        return None, answer["list"] if answer is not None else check_list(new, "--list"), None, {}
    if answer is not None:
        d = answer["diff"]
        changes = [(c["key"], c["change"]) for c in answer["change_keys"]]
    else:
        try:
            whole = exportscreen.diff(
                since["files"], new["files"], before_label=since["label"],
                after_label=new["label"], before_as_of=since["as_of"], after_as_of=new["as_of"],
                before_sha256=_one_file_sha256(since), after_sha256=_one_file_sha256(new))
        except exportscreen.ScreenError:
            check_list(new, "--list")  # one of the two raises the UsageError naming its flag
            check_list(since, "--since")
            raise
        d = whole["summary"]
        changes = [(f"{c['entry']['source_code']}:{c['entry']['id']}", c["change"])
                   for c in whole["changes"]]
    stale = {}
    for key, change in changes:
        if change != "added":
            stale[key] = "removed" if change == "removed" else stale.get(key, "changed")
    summary = {k: d[k] for k in ("added", "removed", "changed", "unchanged")}
    return summary, d["after"]["lists"][0], d["before"]["lists"][0], stale


def run(args):
    started = time.monotonic()
    options = {k: v for k, v in (("min_score", args.min_score), ("preset", args.preset),
                                 ("sources", args.source), ("as_of", args.as_of)) if v}
    # The lists: read here first, so a file that cannot be read stops the run at once.
    new = read_list(args.list, args.list_date)
    since = read_list(args.since, args.since_date) if args.since else None
    payload = _payload(new, since, args)
    # The lists' loading (and with --since their diff), by the core (no GIL), while the rest
    # starts. A LocalCluster's workers are threads of this process: their Screeners load now,
    # and the client takes the lists' description and diff from that loading (not parsing
    # them again); for another cluster the client loads (or diffs) the lists itself. The
    # previous results are read beside it.
    pool = ThreadPoolExecutor(max_workers=3)
    try:
        preload = pool.submit(_preload, payload) if args.scheduler.startswith("local:") else None
        changes = pool.submit(_list_changes, since, new, preload)
        return _run(args, started, options, new, since, changes, payload, preload, pool)
    finally:
        pool.shutdown(wait=True)


def _payload(new, since, args):
    """What the workers need to load the lists: the files (or with --shared-files their paths)
    and SHA-256, keyed by the lists' identity."""
    payload = {"key": hashlib.sha256(json.dumps(
        [new["sha256"], since["sha256"] if since else None, new["label"], new["as_of"],
         since["label"] if since else None, since["as_of"] if since else None]).encode())
               .hexdigest()}
    for name, spec in (("list", new), ("since", since)):
        if spec is None:
            continue
        shipped = {"label": spec["label"], "as_of": spec["as_of"], "sha256": spec["sha256"]}
        if args.shared_files:
            shipped["paths"] = spec["paths"]
        else:
            shipped["files"] = spec["files"]
        payload[name] = shipped
    return payload


def _preload(payload):
    """Loads the workers' Screeners ahead, while the cluster starts: a LocalCluster's workers
    are threads of this process and share its Screeners (_screeners). Returns this thread's CPU
    seconds, which are the workers' work, and the loading's answer (None when a list does not
    load: the client's own check then names the flag, and the blocks report it as a worker of
    any cluster does)."""
    cpu_started = time.thread_time()
    try:
        answer = _loaded(payload)[2]
    except Exception:  # noqa: BLE001 -- reported by the client's check and by the blocks
        answer = None
    return time.thread_time() - cpu_started, answer


def _run(args, started, options, new, since, changes, payload, preload, pool):
    # Screening options the core checks (a bad date or source code) are found on one row now.
    try:
        exportscreen.Screener()._screen_chunk([{"name": "probe"}], json.dumps(options))
    except exportscreen.ScreenError as e:
        raise UsageError(f"{e.code}: {e.message}")

    if not os.path.isfile(args.input):
        raise UsageError(f"cannot read the input {args.input}")
    header, offset, header_lines = read_header(args.input, args.separator)
    columns = map_columns(header, args)
    new_info = since_info = diff_summary = None
    stale = {}

    def take_changes():  # the diff's outcome (waiting for it); the same however often asked
        nonlocal diff_summary, new_info, since_info, stale
        diff_summary, new_info, since_info, stale = changes.result()

    if args.previous:
        take_changes()  # the previous results are checked against the --since list it describes
    previous_f = None  # the previous results, read by the core while the cluster starts
    if args.previous:
        checked = check_previous(args.previous, since_info, options, args)
        previous_f = pool.submit(read_previous, args.previous, *checked)

    if changes.done():
        take_changes()  # a list that did not load stops the run before the cluster starts
    client, cluster = start_client(args.scheduler)
    try:
        take_changes()
        previous, previous_rows = previous_f.result() if previous_f else (None, 0)
        job = {"key": os.urandom(16).hex(), "columns": columns, "width": len(header),
               "separator": args.separator, "options": options, "previous": previous,
               "stale": stale}
        workers = client.scheduler_info()["workers"]
        if not workers:
            raise UsageError(f"the cluster at {args.scheduler} has no worker")
        mine = exportscreen.version()
        for address, theirs in client.run(_worker_version).items():
            if theirs != mine:
                raise UsageError(f"the worker {address} runs exportscreen {theirs}, this client "
                                 f"{mine}: install the same build everywhere")
        preload_cpu_s = preload.result()[0] if preload else 0.0  # before the screening's CPU count
        start_s = time.monotonic() - started
        screening_started = time.monotonic()
        cpu_started = _cpu_seconds()
        outcome = _screen_all(client, len(workers), payload, job, header, columns, offset,
                              header_lines, args)
        screening_s = time.monotonic() - screening_started
        client_cpu_s = _cpu_seconds() - cpu_started
        if cluster is not None:  # the workers' threads are this process's too
            client_cpu_s -= outcome["worker_cpu_s"]
        outcome["worker_cpu_s"] += preload_cpu_s
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    total_s = time.monotonic() - started
    rows = outcome["rows"]
    complete = not outcome["failed_blocks"] and (not args.since or bool(args.previous))
    manifest = {
        "format": MANIFEST_FORMAT,
        "complete": complete,
        "input": {"path": os.path.abspath(args.input), "sha256": outcome["input_sha256"],
                  "bytes": outcome["input_bytes"]},
        "output": os.path.abspath(args.output),
        "columns": {k: (header[v] if v is not None else None) for k, v in columns.items()},
        "screened_against": {"label": new_info["source"], "sha256": new_info["sha256"],
                             "as_of": new_info["as_of"], "records": new_info["records"],
                             "files": new["paths"]},
        "since": ({"label": since_info["source"], "sha256": since_info["sha256"],
                   "as_of": since_info["as_of"], "records": since_info["records"],
                   "diff": diff_summary} if since_info else None),
        "previous": ({"path": os.path.abspath(args.previous), "rows": previous_rows}
                     if args.previous else None),
        "options": options,
        "engine": exportscreen.version(),
        "scheduler": args.scheduler,
        "workers": len(workers),
        "rows": rows,
        "counts": outcome["counts"],
        "unreadable": len(outcome["unreadable"]),
        "failed_blocks": outcome["failed_blocks"],
        "screened_in_full": outcome["full_screened"],
        "blocks": outcome["blocks"],  # the tasks the rows were screened in (BlockSizing)
        "time": {"total_s": round(total_s, 3), "start_s": round(start_s, 3),
                 "screening_s": round(screening_s, 3)},
        "rows_per_s": round(rows / screening_s, 1) if screening_s > 0 else None,
        # What the client (and, in a LocalCluster, the scheduler beside it) spent on the rows:
        # reading and cutting the input, shipping blocks, writing results.
        "client_cpu_s": round(client_cpu_s, 3),
        # What the workers spent on the blocks (list loading included): rows per worker CPU
        # second is what a worker does on a core of its own, whatever else the machine runs.
        "worker_cpu_s": round(outcome["worker_cpu_s"], 3),
    }
    with open(args.output + ".json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")

    for line, message in outcome["unreadable"][:50]:
        print(f"rescreen: {args.input}: line {line}: unreadable row: {message}", file=sys.stderr)
    if len(outcome["unreadable"]) > 50:
        print(f"rescreen: ... and {len(outcome['unreadable']) - 50} more unreadable rows",
              file=sys.stderr)
    for line, message in outcome["failed_blocks"]:
        print(f"rescreen: the rows from line {line} could not be screened: {message}",
              file=sys.stderr)
    counts = ", ".join(f"{v} {outcome['counts'][v]:,}" for v in VERDICTS
                       if outcome["counts"].get(v))
    mode = (f"delta since {since_info['source']} ({diff_summary['added']} added, "
            f"{diff_summary['changed']} changed, {diff_summary['removed']} removed entries; "
            f"{outcome['full_screened']:,} rows screened in full)" if since_info else "full")
    print(f"rescreen: {rows:,} rows against {new_info['source']}, {mode}: {counts or 'none'}; "
          f"{len(outcome['unreadable']):,} unreadable; {total_s:.1f} s in all, "
          f"{screening_s:.1f} s screening on {len(workers)} worker(s) "
          f"({manifest['rows_per_s'] or 0:,.0f} rows/s); {args.output}", file=sys.stderr)
    if args.since and not args.previous:
        print("rescreen: \"unchanged\" rows matched none of the added or changed entries: their "
              "earlier results stand (give --previous to carry them into this output)",
              file=sys.stderr)
    bad = outcome["unreadable"] or outcome["failed_blocks"] or outcome["counts"].get("error")
    return 1 if bad else 0


def _screen_all(client, workers, payload, job, header, columns, offset, header_lines, args):
    """Streams the blocks through the cluster (a bounded number in flight) and writes the
    results in input order to OUTPUT.partial, renamed to OUTPUT at the end."""
    from distributed import as_completed

    # Each scattered whole: a dict scattered as is has each value stored under its own name
    # ("key", "columns", ...) on the cluster, shared by every dict that has that name. Under a
    # random key (hash=False): Dask's key for hashed data is the MD5 of its repr, which for the
    # list files and the blocks cost more client CPU than cutting and writing them.
    [payload_f, job_f] = client.scatter([payload, job], broadcast=True, hash=False)
    total_bytes = os.path.getsize(args.input)
    on_terminal = sys.stderr.isatty() if args.progress is None else args.progress
    progress = Progress(total_bytes, on_terminal)
    digest = hashlib.sha256()
    with open(args.input, "rb") as f:
        digest.update(f.read(offset))
    partial = args.output + ".partial"
    out = open(partial, "w", encoding="utf-8", newline="")
    csv.writer(out, lineterminator="\n").writerow(header + RESULT_COLUMNS)
    out.flush()
    out_bin = out.buffer

    sizing = BlockSizing(args.blocksize, workers=workers)
    source = blocks(args.input, offset, header_lines + 1, sizing)
    in_flight = as_completed()
    meta = {}  # future -> (index, first line, bytes)
    waiting = {}  # index -> result, until every block before it is written
    next_index = 0
    next_to_write = 0
    done_bytes = offset
    counts, unreadable, failed = {}, [], []
    rows = full_screened = 0
    worker_cpu_s = 0.0
    exhausted = False

    def submit_more():
        nonlocal next_index, exhausted
        while not exhausted and len(meta) < 2 * workers + 2:
            try:
                first_line, block = next(source)
            except StopIteration:
                exhausted = True
                return
            digest.update(block)
            [block_f] = client.scatter([block], hash=False)
            fut = client.submit(screen_block, payload_f, job_f, block_f, first_line, pure=False)
            meta[fut] = (next_index, first_line, len(block))
            in_flight.add(fut)
            next_index += 1

    submit_more()
    while meta:
        fut = next(in_flight)
        index, first_line, size = meta.pop(fut)
        try:
            result = fut.result()
        except Exception as e:  # a worker died or the task failed: the block is reported
            result = {"error": f"{type(e).__name__}: {e}", "first_line": first_line}
        waiting[index] = (result, size)
        submit_more()
        while next_to_write in waiting:
            result, size = waiting.pop(next_to_write)
            next_to_write += 1
            done_bytes += size
            if "error" in result:
                failed.append([result["first_line"], result["error"]])
                continue
            out_bin.write(result["csv"])
            sizing.done(result["rows"], result["cpu_s"], size)
            rows += result["rows"]
            full_screened += result["full_screened"]
            worker_cpu_s += result["cpu_s"]
            for k, v in result["counts"].items():
                counts[k] = counts.get(k, 0) + v
            unreadable.extend(result["unreadable"])
        progress.update(done_bytes, rows)
    progress.update(total_bytes, rows, force=True)
    progress.close()
    out.close()
    os.replace(partial, args.output)
    return {"rows": rows, "counts": counts, "unreadable": unreadable, "failed_blocks": failed,
            "full_screened": full_screened, "worker_cpu_s": worker_cpu_s, "blocks": next_index,
            "input_sha256": digest.hexdigest(),
            "input_bytes": total_bytes}


def main(argv=None):
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        return run(args)
    except UsageError as e:
        print(f"rescreen: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rescreen: interrupted; the output so far is in OUTPUT.partial", file=sys.stderr)
        return 130


if __name__ == "__main__":
    # Run as the module exportscreen.rescreen, not as __main__: the workers then import the task
    # functions by name (not shipped by value), and Dask skips this module's frames when it reads
    # the code around each submit call (the ignore-modules setting in start_client).
    from exportscreen import rescreen

    status = rescreen.main()
    # Everything is written and closed: the process ends without freeing the lists' indexes or
    # tearing Dask's threads down one by one (0.3-0.4 s a run), as compilers end theirs.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
