"""The Python binding (exportscreen, python/): the same JSON contract as the CLI and the wasm
module, errors as ScreenError with the core's codes, screen_many over an iterable of rows, and
delta screening. Run by scripts/run-tests.mjs (suite python) with Debian's /usr/bin/python3."""

import hashlib
import json
import os
import subprocess
import threading
import unittest

import exportscreen

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
CLI = os.path.join(ROOT, "build", "native", "cli", "exportscreen")
OLD = os.path.join(FIXTURES, "csl-sample.csv")
NEW = os.path.join(FIXTURES, "diff", "csl-new.csv")
# The same two releases with every CSL source (a list lacking one never clears nor says
# unchanged): for the tests of verdicts.
OLD_ALL = os.path.join(FIXTURES, "csl-complete.csv")
NEW_ALL = os.path.join(FIXTURES, "diff", "csl-new-complete.csv")


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


class ScreenerTest(unittest.TestCase):
    def test_builtin_list_and_the_json_contract(self):
        s = exportscreen.Screener()
        r = s.screen({"parties": [{"name": "Huawei Technologies Co Ltd", "country": "CN"}]})
        self.assertEqual(r["verdict"], "license_required")
        self.assertEqual(r["lists"][0]["builtin"], True)
        self.assertTrue(any(f["rule"] == "party.entity_list" for f in r["findings"]))
        # The same result as the CLI gives for the same request (one contract).
        request = json.dumps({"as_of": "2026-11-01", "parties": [{"name": "HMN Technologies"}]})
        cli = json.loads(subprocess.run([CLI, "screen"], input=request + "\n", text=True,
                                        capture_output=True, check=True).stdout)
        mine = s.screen(json.loads(request))
        self.assertEqual(mine["verdict"], cli["verdict"])
        self.assertEqual(mine["party_matches"], cli["party_matches"])
        self.assertEqual([f["citation"] for f in mine["findings"]],
                         [f["citation"] for f in cli["findings"]])

    def test_match_compare_version_sha256(self):
        s = exportscreen.Screener()
        hit = s.match("HMN Technologies")["matches"][0]
        self.assertTrue(hit["alias"])
        self.assertEqual(s.match({"name": "HMN Technologies", "preset": "strict"})["query"],
                         "HMN Technologies")
        self.assertEqual(s.match("zzzz qqqq")["matches"], [])
        self.assertTrue(exportscreen.compare("JSCARGUMENT", "JSC ARGUMENT")["match"])
        self.assertFalse(exportscreen.compare("George Bush", "George Habbash", "person")["match"])
        v = exportscreen.version()
        self.assertTrue({"version", "rules_version", "rules_date", "presets", "roles"} <= set(v))
        cli = subprocess.run([CLI, "--version"], capture_output=True, text=True, check=True)
        self.assertIn(v["version"], cli.stdout)
        data = fixture("csl-sample.csv")
        self.assertEqual(exportscreen.sha256(data), hashlib.sha256(data).hexdigest())

    def test_loading_lists_from_paths_bytes_and_sets(self):
        s = exportscreen.Screener(builtin=False)
        self.assertEqual(s.lists(), [])
        got = s.load_list(OLD, as_of="2026-11-20")
        self.assertEqual(got["list"]["source"], "csl-sample.csv")
        self.assertEqual(got["list"]["as_of"], "2026-11-20")
        self.assertEqual(got["list"]["records"], 12)
        self.assertEqual(got["list"]["sha256"],
                         hashlib.sha256(fixture("csl-sample.csv")).hexdigest())
        s.load_list(fixture("csl-sample.json"), label="sample.json")
        self.assertEqual([l["source"] for l in s.lists()], ["csl-sample.csv", "sample.json"])
        ofac = [os.path.join(FIXTURES, "ofac", n) for n in ("sdn.csv", "alt.csv", "add.csv")]
        got = s.load_list(ofac, replace=True)
        self.assertEqual(got["list"]["format"], "ofac_csv")
        self.assertEqual(len(s.lists()), 1)
        self.assertEqual([f["role"] for f in got["list"]["files"]], ["primary", "alt", "add"])

    def test_errors_are_screen_errors_with_stable_codes_and_change_nothing(self):
        s = exportscreen.Screener(builtin=False)
        s.load_list(OLD)
        with self.assertRaises(exportscreen.ScreenError) as e:
            s.load_list(fixture("csl-sample.csv")[:3000])
        self.assertEqual(e.exception.code, "truncated_list")
        with self.assertRaises(exportscreen.ScreenError) as e:
            s.load_list(b"not a list\n")
        self.assertEqual(e.exception.code, "unknown_list_format")
        self.assertEqual(len(s.lists()), 1)  # the lists stay as they were
        with self.assertRaises(exportscreen.ScreenError) as e:
            s.screen({"parties": [{"name": "x", "colour": "red"}]})
        self.assertEqual(e.exception.code, "invalid_request")
        with self.assertRaises(exportscreen.ScreenError) as e:
            s.match({"name": "x", "country": "QQ"})
        self.assertEqual(e.exception.code, "invalid_country")
        with self.assertRaises(exportscreen.ScreenError) as e:
            exportscreen.Screener(builtin=False).screen({"parties": [{"name": "x"}]})
        self.assertEqual(e.exception.code, "no_lists")
        with self.assertRaises(OSError):
            s.load_list(os.path.join(FIXTURES, "no-such-list.csv"))

    def test_screen_many_summaries_in_order_errors_in_place_any_batch_size(self):
        s = exportscreen.Screener(builtin=False)
        s.load_list(OLD_ALL)
        rows = [{"name": "ADT Analog and Digital Technik", "country": "DE"},
                {"name": "Acme Widgets Ltd"}, {"name": ""}, {"name": "x", "country": "QQ"},
                {"name": "VTB Bank", "type": "organization"}] * 7
        summaries = list(s.screen_many(iter(rows), as_of="2026-11-01"))
        self.assertEqual(len(summaries), len(rows))
        self.assertEqual(summaries[0]["verdict"], "stop")
        self.assertEqual(summaries[0]["best"]["source_code"], "DPL")
        self.assertTrue(summaries[0]["citation"].startswith("15 CFR 764.3"))
        self.assertEqual(summaries[1]["verdict"], "clear")
        self.assertEqual(summaries[2]["error"]["code"], "invalid_request")
        self.assertEqual(summaries[3]["error"]["code"], "invalid_country")
        self.assertEqual(summaries[4]["verdict"], "review")
        self.assertEqual(list(s.screen_many(rows, batch=3, as_of="2026-11-01")), summaries)
        # The compact form: each distinct summary once, each row its index.
        compact = s.screen_batch(rows, as_of="2026-11-01")
        self.assertEqual([compact["summaries"][k] for k in compact["rows"]], summaries)
        self.assertEqual(len(compact["summaries"]), 5)
        # Each summary agrees with screening the row as a request of its own.
        for row, summary in zip(rows[:5], summaries):
            if "error" in summary:
                continue
            alone = s.screen({"as_of": "2026-11-01", "parties": [row]})
            self.assertEqual(alone["verdict"], summary["verdict"])
            self.assertEqual(alone["findings"][0]["citation"], summary["citation"])
        with self.assertRaises(exportscreen.ScreenError) as e:
            list(s.screen_many(rows, as_of="2026-02-30"))
        self.assertEqual(e.exception.code, "invalid_date")
        self.assertEqual(list(s.screen_many([])), [])

    def test_screen_many_default_batch_is_within_the_core_limits(self):
        # The default batch (2,000 rows in one JSON text) passes the core's request limits: rows
        # are limited as a request's parties are, not as an ordinary array of 1,000 elements.
        s = exportscreen.Screener(builtin=False)
        s.load_list(OLD_ALL)
        rows = [{"name": "Acme Widgets Ltd %d" % i, "country": "DE"}
                for i in range(exportscreen.DEFAULT_BATCH + 500)]
        summaries = list(s.screen_many(rows, as_of="2026-11-01"))
        self.assertEqual(len(summaries), len(rows))
        self.assertFalse([r for r in summaries if "error" in r])

    def test_screen_many_from_threads(self):
        s = exportscreen.Screener(builtin=False)
        s.load_list(NEW)
        rows = [{"name": n} for n in ("Huawei Technologies", "VTB Bank", "Nobody Inc")] * 200
        expected = list(s.screen_many(rows))
        results = {}

        def work(k):
            results[k] = list(s.screen_many(rows, batch=50))

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for k in range(4):
            self.assertEqual(results[k], expected)

    def test_delta_screening_and_diff(self):
        s = exportscreen.Screener(builtin=False)
        got = s.load_delta(OLD_ALL, NEW_ALL)
        self.assertEqual(got["diff"]["added"], 1)
        self.assertEqual(got["diff"]["changed"], 3)
        self.assertEqual(got["diff"]["removed"], 1)
        self.assertEqual(got["list"]["delta"]["screened"], 4)
        self.assertEqual(got["list"]["delta"]["since"][0]["source"], "csl-complete.csv")
        # Each change's key, in the diff's order: what the caller needs of the diff without
        # diffing the lists again (scripts/rescreen on local:N).
        d = exportscreen.diff(OLD_ALL, NEW_ALL)
        self.assertEqual(got["change_keys"],
                         [{"key": f"{c['entry']['source_code']}:{c['entry']['id']}",
                           "change": c["change"]} for c in d["changes"]])
        self.assertEqual(sorted(c["change"] for c in got["change_keys"]),
                         ["added", "changed", "changed", "changed", "removed"])
        out = list(s.screen_many([{"name": "ADT Analog and Digital Technik"},
                                  {"name": "Huawei Technologies Co Ltd"},
                                  {"name": "VTB Bank JSC"}]))
        self.assertEqual(out[0]["verdict"], "unchanged")
        self.assertEqual(out[0]["rule"], "party.no_new_match")
        self.assertEqual(out[1]["verdict"], "license_required")
        self.assertEqual(out[1]["best"]["change"], "added")
        self.assertEqual(out[2]["best"]["change"], "changed")
        # The whole new list into another Screener, from the same parse.
        whole = exportscreen.Screener()
        s.load_delta(OLD_ALL, NEW_ALL, whole=whole)
        self.assertEqual([(l["source"], l["records"], "delta" in l) for l in whole.lists()],
                         [("csl-new-complete.csv", 2467, False)])
        self.assertEqual(s.lists()[0]["delta"]["screened"], 4)
        self.assertEqual(list(whole.screen_many([{"name": "ADT Analog and Digital Technik"}]))[0]
                         ["verdict"], "stop")
        # Hashes the caller has checked (scripts/rescreen's workers) are taken as given: the
        # same lists, the same hashes; a malformed one is refused.
        digest = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
        given, given_whole = exportscreen.Screener(builtin=False), exportscreen.Screener()
        given.load_delta(OLD_ALL, NEW_ALL, before_sha256=digest(OLD_ALL),
                         after_sha256=digest(NEW_ALL), whole=given_whole)
        self.assertEqual(given.lists(), s.lists())
        self.assertEqual(given_whole.lists(), whole.lists())
        self.assertEqual(given_whole.lists()[0]["sha256"], digest(NEW_ALL))
        with self.assertRaises(exportscreen.ScreenError) as e:
            given.load_delta(OLD_ALL, NEW_ALL, after_sha256="abc")
        self.assertEqual(e.exception.code, "invalid_request")
        self.assertEqual(given.lists(), s.lists())
        # A list checked without being kept.
        info = exportscreen.list_info(NEW, as_of="2026-11-20")
        self.assertEqual((info["source"], info["records"], info["as_of"]),
                         ("csl-new.csv", 12, "2026-11-20"))
        with self.assertRaises(exportscreen.ScreenError) as e:
            exportscreen.list_info(fixture("csl-sample.csv")[:2000])
        self.assertEqual(e.exception.code, "truncated_list")
        d = exportscreen.diff(OLD, NEW)
        self.assertEqual([c["change"] for c in d["changes"]],
                         ["added", "changed", "changed", "changed", "removed"])
        self.assertEqual(d["summary"]["unchanged"], 8)
        # The CLI's diff says the same.
        cli = subprocess.run([CLI, "diff", OLD, NEW], capture_output=True, text=True, check=True)
        self.assertEqual([json.loads(l) for l in cli.stdout.splitlines()], d["changes"])


if __name__ == "__main__":
    unittest.main()
