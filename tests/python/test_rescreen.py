"""scripts/rescreen end to end on a Dask LocalCluster of 2 workers: a few thousand customer rows
with listed names planted, screened in full against an older and a newer list, then only
against what changed (with and without the previous results); every row written in order, the
planted names found, bad rows reported with their lines, bad input refused. Run by
scripts/run-tests.mjs (suite python) with Debian's /usr/bin/python3."""

import csv
import io
import itertools
import json
import os
import random
import shutil
import subprocess
import tempfile
import unittest
import warnings

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RESCREEN = os.path.join(ROOT, "scripts", "rescreen")
BUILTIN = os.path.join(ROOT, "data", "builtin", "entity-list-ai-chips.csv")
SAMPLE = os.path.join(ROOT, "tests", "fixtures", "csl-sample.csv")
ALL_SOURCES = os.path.join(ROOT, "tests", "fixtures", "csl-complete.csv")
ROWS = 3000
RESULT_COLUMNS = ["verdict", "strength", "best_match", "score", "list", "entry_id", "citation",
                  "rule", "matches", "matched_entries", "change", "error"]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


class RescreenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from distributed import LocalCluster

        # Debian's tornado and distributed (2022.12) warn about each other's deprecations.
        warnings.filterwarnings("ignore", category=DeprecationWarning)

        cls.dir = tempfile.mkdtemp(prefix="es-rescreen-")
        cls.make_lists()
        cls.make_customers()
        # One cluster for most runs (joined as tcp://); one run starts its own (local:2).
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=50)
        cls.address = cls.cluster.scheduler_address
        cls.results = {}

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    # The newer list is the built-in one (with the other sources below). The older one lacks three of its entries (added since),
    # has three with another Federal Register notice (changed since; the first of them with an
    # alias since dropped) and holds three entries of other lists since removed.
    @classmethod
    def make_lists(cls):
        rows = read_csv(BUILTIN)
        header, body = rows[0], rows[1:]
        h = {c: i for i, c in enumerate(header)}
        distinct = [r for r in body if "Huawei" not in r[h["name"]] and
                    "HiSilicon" not in r[h["name"]] and not r[h["alt_names"]]]
        cls.added = distinct[0:3]
        cls.changed = distinct[3:6]
        cls.unchanged = distinct[6:15]
        cls.old_alias = "Zyxwvut Qorvanex Trading Company"
        old = []
        for r in body:
            if r in cls.added:
                continue
            r = list(r)
            if any(r[h["_id"]] == c[h["_id"]] for c in cls.changed):
                r[h["federal_register_notice"]] = "80 FR 1000, 1/2/15"
                if r[h["_id"]] == cls.changed[0][h["_id"]]:
                    r[h["alt_names"]] = cls.old_alias
            old.append(r)
        sample = read_csv(SAMPLE)
        s = {c: i for i, c in enumerate(sample[0])}
        cls.removed = [r for r in sample[1:] if r[s["name"]] in (
            "Dr. Ayman AL ZAWAHIRI", "Abu ABBAS",
            "Afghan-German Construction Company")]
        assert len(cls.removed) == 3
        for r in cls.removed:
            old.append([r[s[c]] for c in header])
        # Both releases also hold the records of every CSL source the built-in list lacks (but
        # the removed ones; each source keeps one) and the complete-size list's filler records,
        # the same in both: a list lacking a source, or holding far fewer of its records than
        # the official list (the built-in list's 261 Entity List entries), is partial, and never
        # clears nor says unchanged.
        complete = read_csv(ALL_SOURCES)
        a = {c: i for i, c in enumerate(complete[0])}
        held = {r[h["source"]] for r in body}
        gone = {r[s["name"]] for r in cls.removed}
        extra = [[r[a[c]] for c in header] for r in complete[1:]
                 if (r[a["source"]] not in held or r[a["_id"]].startswith("filler-")) and
                 r[a["name"]] not in gone]
        cls.extra_records = len(extra)
        cls.name_at = h["name"]
        cls.old_list = os.path.join(cls.dir, "entity-list-old.csv")
        cls.new_list = os.path.join(cls.dir, "entity-list-new.csv")
        for path, records in ((cls.old_list, old + extra), (cls.new_list, body + extra)):
            with open(path, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
                w.writerow(header)
                w.writerows(records)

    # Customers: made-up person names, every 40th row a planted name (what it is planted as is
    # remembered by id), a few bad rows, quoted newlines in a free-text column.
    @classmethod
    def make_customers(cls):
        rnd = random.Random(20261124)
        syll = ["ka", "lo", "mi", "ter", "van", "dor", "sel", "ru", "bin", "ose", "qua", "zet"]

        def person():
            return " ".join(
                "".join(rnd.choice(syll) for _ in range(rnd.randint(2, 3))).capitalize()
                for _ in range(2))

        planted = ([("added", r[cls.name_at]) for r in cls.added] +
                   [("changed", r[cls.name_at]) for r in cls.changed] +
                   [("unchanged", r[cls.name_at]) for r in cls.unchanged] +
                   [("removed", r[cls.name_at]) for r in cls.removed] +
                   [("old_alias", cls.old_alias)])
        cls.planted = {}
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["customer_id", "company", "ctry", "kind", "notes"])
        line = 2  # the physical line the next record starts on
        cls.lines = {}  # customer_id -> line
        cls.bad_lines = {}
        cls.ids = []  # the ids of the rows that can be read, in order
        k = 0
        for i in range(ROWS):
            cid = f"C{i:05d}"
            if i % 40 == 0:
                what, name = planted[k % len(planted)]
                k += 1
                cls.planted[cid] = (what, name)
                kind = "Company" if what != "removed" or "Dr." not in name else "individual"
            else:
                name, kind = person(), "person"
            notes = f"line one\nline two {i}" if i % 97 == 5 else "retail"
            if i == 1234:
                name = ""  # screened as an error row
            country = "QQ" if i == 1500 else ("" if i % 3 else "DE")
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow([cid, name, country, kind, notes])
            text = buf.getvalue()
            out.write(text)
            cls.lines[cid] = line
            cls.ids.append(cid)
            line += text.count("\n")
            if i == 700:
                out.write("C-bad-1,Too,Many,Fields,Here,Extra\n")
                cls.bad_lines[line] = "6 fields where the header has 5"
                line += 1
            if i == 2100:
                out.write("\n")  # a blank line is no row
                line += 1
        data = out.getvalue().encode("utf-8")
        bad_utf8 = b"C-bad-2,M\xfcller GmbH,DE,Company,retail\n"
        cut = data.index(b"\nC02500,") + 1
        data = data[:cut] + bad_utf8 + data[cut:]
        cls.bad_lines[cls.lines["C02500"]] = "not UTF-8"
        for cid in cls.ids[2500:]:
            cls.lines[cid] += 1
        cls.customers = os.path.join(cls.dir, "customers.csv")
        with open(cls.customers, "wb") as f:
            f.write(data)

    def rescreen(self, *args, output, scheduler=None):
        out = os.path.join(self.dir, output)
        cmd = [RESCREEN, "--input", self.customers, "--output", out, "--name-column", "company",
               "--country-column", "ctry", "--type-column", "kind", "--id-column", "customer_id",
               "--blocksize", "4096", "--scheduler", scheduler or self.address, *args]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        return r, out

    def check_every_row_written(self, out):
        rows = read_csv(out)
        header = rows[0]
        self.assertEqual(header, ["customer_id", "company", "ctry", "kind", "notes"] +
                         RESULT_COLUMNS)
        self.assertEqual([r[0] for r in rows[1:]], self.ids)
        return {r[0]: dict(zip(header, r)) for r in rows[1:]}

    def check_unreadable_reported(self, stderr):
        for line, message in self.bad_lines.items():
            self.assertIn(f"line {line}: unreadable row: {message}", stderr)

    def full(self, which):
        """The full run against the older or newer list (run once, shared by the tests)."""
        if which not in self.results:
            lst = self.old_list if which == "old" else self.new_list
            scheduler = "local:2" if which == "old" else None
            r, out = self.rescreen("--list", lst, output=f"results-{which}.csv",
                                   scheduler=scheduler)
            self.assertEqual(r.returncode, 1, r.stderr)  # the bad rows
            self.results[which] = (r, out, self.check_every_row_written(out))
        return self.results[which]

    def test_full_run_finds_the_planted_names_and_writes_every_row(self):
        for which in ("old", "new"):
            r, out, rows = self.full(which)
            self.check_unreadable_reported(r.stderr)
            self.assertEqual(rows["C01234"]["verdict"], "error")
            self.assertIn("name is empty", rows["C01234"]["error"])
            self.assertEqual(rows["C01500"]["verdict"], "error")
            self.assertIn("invalid_country", rows["C01500"]["error"])
            self.assertEqual(rows["C00005"]["notes"], "line one\nline two 5")
            listed = {"old": ("changed", "unchanged", "removed", "old_alias"),
                      "new": ("added", "changed", "unchanged")}[which]
            for cid, (what, name) in self.planted.items():
                row = rows[cid]
                if what in listed:
                    self.assertIn(row["verdict"], ("review", "license_required", "stop"),
                                  f"{which}: {cid} {name}")
                    self.assertTrue(row["entry_id"] and row["citation"] and row["best_match"])
                    self.assertRegex(row["score"], r"^[01]\.\d{3}$")
                else:
                    self.assertEqual(row["verdict"], "clear", f"{which}: {cid} {name}")
            flagged = {cid for cid, row in rows.items()
                       if row["verdict"] not in ("clear", "error")}
            self.assertTrue(flagged <= set(self.planted), flagged - set(self.planted))
            with open(out + ".json", encoding="utf-8") as f:
                manifest = json.load(f)
            self.assertEqual(manifest["rows"], len(self.ids))
            self.assertEqual(sum(manifest["counts"].values()), len(self.ids))
            self.assertEqual(manifest["unreadable"], len(self.bad_lines))
            self.assertTrue(manifest["complete"])
            self.assertEqual(manifest["workers"], 2)
            self.assertIn(f"{len(self.ids):,} rows against", r.stderr)
            self.assertIn("rows/s", r.stderr)

    def test_delta_with_previous_results_equals_the_full_run(self):
        # Joining a cluster, the client diffs the lists; on local:N it takes the diff from the
        # workers' loading (load_delta's change_keys): both must carry the same rows forward.
        for scheduler in (None, "local:2"):
            with self.subTest(scheduler=scheduler or "tcp"):
                self.check_delta_with_previous(scheduler)

    def check_delta_with_previous(self, scheduler):
        _, old_out, _ = self.full("old")
        _, _, full_new = self.full("new")
        r, out = self.rescreen("--list", self.new_list, "--since", self.old_list,
                               "--previous", old_out, output="results-delta.csv",
                               scheduler=scheduler)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.check_unreadable_reported(r.stderr)
        rows = self.check_every_row_written(out)
        for cid in self.ids:
            mine = {k: v for k, v in rows[cid].items() if k != "change"}
            full = {k: v for k, v in full_new[cid].items() if k != "change"}
            self.assertEqual(mine, full, cid)
        expected_change = {"added": "added", "changed": "changed", "removed": "removed",
                           "old_alias": "changed", "unchanged": ""}
        for cid, (what, _) in self.planted.items():
            self.assertEqual(rows[cid]["change"], expected_change[what], f"{cid} {what}")
        unplanted = [rows[c]["change"] for c in self.ids if c not in self.planted]
        self.assertEqual(set(unplanted), {""})
        with open(out + ".json", encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertTrue(manifest["complete"])
        self.assertEqual(manifest["since"]["diff"],
                         {"added": 3, "removed": 3, "changed": 3,
                          "unchanged": 255 + self.extra_records})
        # Only rows that gained, lost or may have lost a match were screened again.
        self.assertLess(manifest["screened_in_full"], len(self.ids) // 10)

    def test_previous_results_read_in_chunks_as_in_one(self):
        from exportscreen import rescreen

        _, old_out, _ = self.full("old")
        with open(old_out + ".json", encoding="utf-8") as f:
            manifest = json.load(f)
        args = rescreen.parse_args(["--list", self.new_list, "--input", self.customers,
                                    "--output", "x.csv", "--name-column", "company",
                                    "--id-column", "customer_id", "--since", self.old_list,
                                    "--previous", old_out])
        since_info = {"sha256": manifest["screened_against"]["sha256"], "source": "old"}
        checked = rescreen.check_previous(old_out, since_info, manifest["options"], args)
        whole, rows = rescreen.read_previous(old_out, *checked)
        # Every row once: carried forward, or (an error there) screened again.
        self.assertEqual(rows + len(whole[4]), len(self.ids))
        self.assertGreater(rows, len(self.ids) * 0.9)
        chunk = rescreen.PREVIOUS_CHUNK
        try:
            rescreen.PREVIOUS_CHUNK = 4096  # the test's output is smaller than one chunk
            self.assertEqual(rescreen.read_previous(old_out, *checked), (whole, rows))
        finally:
            rescreen.PREVIOUS_CHUNK = chunk

    def test_delta_without_previous_results_says_unchanged_never_clear(self):
        r, out = self.rescreen("--list", self.new_list, "--since", self.old_list,
                               "--shared-files", "--progress", output="results-delta-only.csv")
        self.assertEqual(r.returncode, 1, r.stderr)
        rows = self.check_every_row_written(out)
        for cid, (what, name) in self.planted.items():
            row = rows[cid]
            if what in ("added", "changed"):
                self.assertIn(row["verdict"], ("review", "license_required", "stop"), name)
                self.assertEqual(row["change"], what)
            else:
                self.assertEqual(row["verdict"], "unchanged", name)
                self.assertEqual(row["rule"], "party.no_new_match")
        verdicts = {row["verdict"] for cid, row in rows.items() if cid not in self.planted}
        self.assertEqual(verdicts, {"unchanged", "error"})
        self.assertIn("] 100.0 %", r.stderr)  # the progress bar, forced on
        self.assertIn("their earlier results stand", r.stderr)
        with open(out + ".json", encoding="utf-8") as f:
            self.assertFalse(json.load(f)["complete"])

    def test_bad_input_is_refused_with_a_clear_message(self):
        _, new_out, _ = self.full("new")
        r, _ = self.rescreen("--list", self.new_list, "--name-column", "nom", output="x.csv")
        self.assertEqual(r.returncode, 2)
        self.assertIn('no column "nom" (--name-column)', r.stderr)
        self.assertIn("customer_id, company, ctry, kind, notes", r.stderr)
        broken = os.path.join(self.dir, "broken.csv")
        with open(self.new_list, "rb") as f:
            data = f.read()
        with open(broken, "wb") as f:
            f.write(data[: len(data) // 2])
        r, _ = self.rescreen("--list", broken, output="x.csv")
        self.assertEqual(r.returncode, 2)
        self.assertIn("truncated_list", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.csv")))
        # The same for the earlier list, whose diff runs while the cluster starts.
        r, _ = self.rescreen("--list", self.new_list, "--since", broken, output="x.csv")
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"--since {broken}: truncated_list", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.csv")))
        # Previous results screened against another list than --since are refused.
        r, _ = self.rescreen("--list", self.new_list, "--since", self.old_list,
                             "--previous", new_out, output="x.csv")
        self.assertEqual(r.returncode, 2)
        self.assertIn("not the --since list", r.stderr)
        # Previous results cut short inside a quoted field: refused, the line named.
        _, old_out, _ = self.full("old")
        cut = os.path.join(self.dir, "cut-previous.csv")
        shutil.copy(old_out + ".json", cut + ".json")
        with open(old_out, "rb") as f, open(cut, "wb") as g:
            g.write(f.read() + b'C9999,"Open quote,person\n')
        r, _ = self.rescreen("--list", self.new_list, "--since", self.old_list,
                             "--previous", cut, output="x.csv")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, rf"--previous {cut}: line \d+: the file ends inside a quoted")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.csv")))
        # The results of a run given as input: their result columns would be overwritten.
        r = subprocess.run([RESCREEN, "--list", self.new_list, "--input", new_out, "--output",
                            os.path.join(self.dir, "y.csv"), "--name-column", "company",
                            "--scheduler", self.address], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("already has result columns", r.stderr)
        r = subprocess.run([RESCREEN, "--list", self.new_list, "--input", self.customers,
                            "--output", "z.csv", "--scheduler", "local:0"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)


class BlocksTest(unittest.TestCase):
    """The client's cutting of the input into blocks (rescreen.blocks): whole records, at most
    the core's rows a block, line numbers that name the rows, nothing lost or repeated."""

    def test_blocks_are_whole_records_within_the_limit(self):
        from exportscreen import rescreen

        rng = random.Random(14)
        records = []
        for i in range(4000):
            k = rng.random()
            if k < 0.8:
                records.append(f"C{i},Name {i},person\n")
            elif k < 0.95:  # a quoted field over several lines, with quotes in it
                records.append(f'C{i},"Name\n""{i}""\nLtd",organization\n')
            else:  # a record longer than a block's lines
                records.append(f'C{i},"{"x" * 3}' + "\n" * 12 + '",person\n')
        records[-1] = records[-1][:-1]  # no newline after the last record
        body = "".join(records).encode()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "in.csv")
            with open(path, "wb") as f:
                f.write(b"id,name,type\n" + body)
            sizes = [(4096, 10), (4096, 1), (1 << 20, 10000), (9000, 37), "changing", "paced"]
            for size in sizes:
                if size == "changing":  # the size changed between blocks, as BlockSizing does
                    sizing = rescreen.BlockSizing(4096, 10)
                    steps = itertools.cycle([(5000, 3), (4096, 50), (60000, 7), (4096, 1)])
                elif size == "paced":  # a short last piece of a read waits for the next read
                    sizing = rescreen.BlockSizing(4096, 40, workers=2)
                else:
                    sizing = rescreen.BlockSizing(*size)
                got = []
                for line, block in rescreen.blocks(path, len(b"id,name,type\n"), 2, sizing):
                    got.append((line, block, sizing.lines))
                    if size == "changing":
                        sizing.bytes, sizing.lines = next(steps)
                self.assertEqual(b"".join(block for _, block, _ in got), body)
                if size == "paced":  # no block but the last is a short remainder: each is cut at
                    # the last record end before its 41st line (a record has 13 lines at most)
                    self.assertTrue(all(b.count(b"\n") >= 40 - 12 for _, b, _ in got[:-1]))
                expected_line = 2
                for line, block, max_lines in got:
                    self.assertEqual(line, expected_line)
                    expected_line += block.count(b"\n")
                    self.assertEqual(block.count(b'"') % 2, 0, "a block ends inside quotes")
                    rows = list(csv.reader(io.StringIO(block.decode(), newline="")))
                    if block.count(b"\n") > max_lines:  # one record, longer than a block
                        self.assertEqual(len(rows), 1)
                self.assertEqual(sum(len(list(csv.reader(io.StringIO(b.decode(), newline=""))))
                                     for _, b, _ in got), len(records))


class BlockSizingTest(unittest.TestCase):
    """Blocks sized by the workers' pace: a fast screening's grow (fewer tasks), a slow one's
    stay at the first size, none passes the core's limit, and the last ones shrink."""

    def test_blocks_follow_the_pace_within_their_bounds(self):
        from exportscreen import rescreen

        first, most = rescreen.FIRST_BLOCK_ROWS, rescreen.exportscreen.MAX_BLOCK_ROWS
        s = rescreen.BlockSizing(1 << 20, workers=2)
        s.unread = 40 << 20  # a million 40-byte rows still to cut
        s.done(first, first / 30_000, first * 40)  # a full screening's pace: 30,000 rows/s
        self.assertEqual((s.lines, s.bytes), (first, 1 << 20))
        s.done(first, first / 250_000, first * 40)  # a delta screening's: 250,000 rows/s
        self.assertEqual(s.lines, int(250_000 * rescreen.BLOCK_SECONDS))
        self.assertEqual(s.bytes, s.lines * 40)
        s.done(first, first / 10_000_000, first * 40)  # faster than the core takes a block
        self.assertEqual(s.lines, most)
        self.assertLessEqual(s.bytes, rescreen.MAX_READ_BYTES)
        s.unread = 40 * 100_000  # 100,000 rows left for 2 workers: blocks of 25,000
        s.done(first, first / 10_000_000, first * 40)
        self.assertEqual(s.lines, 25_000)
        s.unread = 40 * 1000  # never below the first size
        s.done(first, first / 10_000_000, first * 40)
        self.assertEqual((s.lines, s.bytes), (first, 1 << 20))
        fixed = rescreen.BlockSizing(4096, 10)  # no workers: a fixed size
        fixed.done(first, 0.001, first * 40)
        self.assertEqual((fixed.lines, fixed.bytes), (10, 4096))


if __name__ == "__main__":
    unittest.main()
