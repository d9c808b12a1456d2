#!/usr/bin/env python3
"""End-to-end tests of `harmwatch ingest/query/export/correct`, run by ctest.

usage: store_cli_test.py --harmwatch BIN --shared DIR [--corpus] [--durability]

Default (fast): a small generated batch: idempotent re-ingest, copies, query/export
agreement, ACLED CSV read back by Python's csv module under ACLED's header, GeoJSON
shape, bad filter values (exit 2), corrections.
--corpus: the dev corpus (en + ar) ingested twice = same incidents as once; the gold
`cluster` pairs: pairwise precision and recall, printed with the confusions.
--durability: kill -9 of a real ingest of a large generated input, then reopen.
"""
import argparse
import csv
import io
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

ARGS = None

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"]


def run(*argv, stdin=None, check=None):
    p = subprocess.run([ARGS.harmwatch, *argv], input=stdin, capture_output=True, timeout=900)
    out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")
    if check is not None and p.returncode != check:
        raise AssertionError(f"{argv}: exit {p.returncode}, stderr: {err}")
    return p.returncode, out, err


REPORTS = [
    ("sarmin-a", "2023-12-05", "Syrian regime forces shelled the town of Sarmin in Idlib "
     "countryside on Monday, killing three civilians and injuring five others, the Civil "
     "Defence said."),
    ("sarmin-b", "2023-12-05", "Three civilians were killed and five injured when regime "
     "artillery shelled Sarmin east of Idlib on Monday, local activists reported."),
    ("aleppo", "2023-12-09", "A Russian air strike hit a market in the city of Aleppo on "
     "Saturday, killing 12 civilians, rescuers said."),
]


def export(db, fmt, *filters):
    return run("export", "--db", db, "--format", fmt, *filters, check=0)[1]


class Small(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "h.db")
        self.feed = os.path.join(self.tmp.name, "feed.jsonl")
        with open(self.feed, "w") as f:
            for rid, pub, text in REPORTS:
                f.write(json.dumps({"id": rid, "published": pub, "source": "S-" + rid,
                                    "text": text}) + "\n")
        run("ingest", "--db", self.db, self.feed, check=0)

    def tearDown(self):
        self.tmp.cleanup()

    def test_reingest_changes_nothing(self):
        before = export(self.db, "jsonl")
        code, _, err = run("ingest", "--db", self.db, self.feed, check=0)
        self.assertIn("0 new, 3 unchanged", err)
        self.assertEqual(before, export(self.db, "jsonl"))

    def test_copy_is_not_a_second_source(self):
        copy = os.path.join(self.tmp.name, "copy.jsonl")
        with open(copy, "w") as f:
            f.write(json.dumps({"id": "copy", "published": "2023-12-05",
                                "text": REPORTS[0][2]}) + "\n")
        _, _, err = run("ingest", "--db", self.db, copy, check=0)
        self.assertIn("1 copies", err)
        for line in export(self.db, "jsonl").splitlines():
            self.assertNotIn("copy", json.loads(line)["doc_ids"])

    def test_same_incident_merges(self):
        incs = [json.loads(l) for l in export(self.db, "jsonl").splitlines()]
        sarmin = [i for i in incs if "sarmin-a" in i["doc_ids"]]
        self.assertEqual(len(sarmin), 1)
        self.assertEqual(sarmin[0]["doc_ids"], ["sarmin-a", "sarmin-b"])
        self.assertEqual(len(sarmin[0]["claims"]), 2)
        self.assertTrue(sarmin[0]["merges"][1]["reason"])

    def test_unmerge_splits_and_stays_split(self):
        inc = [json.loads(l) for l in export(self.db, "jsonl").splitlines()
               if "sarmin-b" in json.loads(l)["doc_ids"]][0]
        _, out, _ = run("unmerge", "--db", self.db, "--incident", inc["id"], "--doc",
                        "sarmin-b", "--reason", "two strikes", check=0)
        new_id = out.strip()
        self.assertEqual(new_id, "sarmin-b#0")
        incs = {json.loads(l)["id"]: json.loads(l) for l in export(self.db, "jsonl").splitlines()}
        self.assertEqual(incs[inc["id"]]["doc_ids"], ["sarmin-a"])
        self.assertEqual(incs[new_id]["doc_ids"], ["sarmin-b"])
        self.assertIn("undone_at", incs[inc["id"]]["merges"][1])
        run("ingest", "--db", self.db, self.feed, check=0)  # re-ingest: still split
        again = {json.loads(l)["id"] for l in export(self.db, "jsonl").splitlines()}
        self.assertEqual(again, set(incs))
        code, _, err = run("unmerge", "--db", self.db, "--incident", new_id, "--doc",
                           "sarmin-b", "--reason", "x")
        self.assertEqual(code, 1)
        self.assertIn("only source", err)

    def test_query_and_export_agree(self):
        for filters in ([], ["--from", "2023-12-06"], ["--type", "Air/drone strike"],
                        ["--bbox", "36,35,37,36.5"], ["--min-killed", "10"], ["--text", "market"],
                        ["--actor", "military forces of syria"]):
            _, q, _ = run("query", "--db", self.db, "--format", "jsonl", *filters, check=0)
            e = export(self.db, "jsonl", *filters)
            self.assertEqual(q, e, filters)
            g = json.loads(export(self.db, "geojson", *filters))
            self.assertEqual([f["id"] for f in g["features"]],
                             [json.loads(l)["id"] for l in e.splitlines()])

    def test_acled_csv_reads_back(self):
        text = export(self.db, "acled-csv")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(rows[0][:len(ACLED_HEADER)], ACLED_HEADER)
        self.assertEqual(len(rows), 1 + len(export(self.db, "jsonl").splitlines()))
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for row in reader:
            self.assertTrue(row["fatalities"].isdigit(), row)
            self.assertEqual(len(row), len(rows[0]))

    def test_acled_split_of_a_report_total(self):
        feed = os.path.join(self.tmp.name, "total.jsonl")
        with open(feed, "w") as f:
            f.write(json.dumps({"id": "tot", "published": "2023-12-05", "text":
                                "Regime warplanes struck the towns of Sarmin, Saraqib and "
                                "Binnish in Idlib countryside on Monday. The strikes killed "
                                "seven civilians, the Civil Defence said."}) + "\n")
        db = os.path.join(self.tmp.name, "total.db")
        run("ingest", "--db", db, feed, check=0)
        rows = list(csv.DictReader(io.StringIO(export(db, "acled-csv"), newline="")))
        split = [r for r in rows if r["fatalities_split"]]
        if not split:
            self.skipTest("the engine gave per-event figures for this report")
        self.assertEqual(sum(int(r["fatalities"]) for r in split), 7)
        self.assertEqual(sorted(int(r["fatalities"]) for r in split), [2, 2, 3])

    def test_geojson_is_valid(self):
        g = json.loads(export(self.db, "geojson"))
        self.assertEqual(g["type"], "FeatureCollection")
        for f in g["features"]:
            self.assertEqual(f["type"], "Feature")
            geom = f["geometry"]
            if geom is not None:
                self.assertEqual(geom["type"], "Point")
                lon, lat = geom["coordinates"]
                self.assertTrue(-180 <= lon <= 180 and -90 <= lat <= 90)
                self.assertEqual(lat, f["properties"]["location"]["lat"])

    def test_bad_filters_exit_2(self):
        for bad in (["--from", "2023-13-01"], ["--bbox", "1,2,3"], ["--bbox", "5,0,1,1"],
                    ["--type", "Picnic"], ["--min-killed", "-3"],
                    ["--from", "2024-01-02", "--to", "2024-01-01"]):
            code, out, err = run("query", "--db", self.db, *bad)
            self.assertEqual(code, 2, bad)
            self.assertEqual(out, "")
            self.assertIn("harmwatch:", err)

    def test_missing_and_garbage_databases(self):
        code, _, err = run("query", "--db", os.path.join(self.tmp.name, "none.db"))
        self.assertEqual(code, 1)
        self.assertIn("none.db", err)
        junk = os.path.join(self.tmp.name, "junk.db")
        with open(junk, "wb") as f:
            f.write(b"not a database" * 500)
        code, _, err = run("ingest", "--db", junk, self.feed)
        self.assertEqual(code, 1)
        self.assertIn("junk.db", err)
        with open(junk, "rb") as f:
            self.assertEqual(f.read(), b"not a database" * 500)

    def test_read_only_database_and_folder(self):
        # As root, permissions do not bind: make the file and folder immutable instead.
        def lock(path, on):
            if os.geteuid() != 0:
                os.chmod(path, (0o500 if os.path.isdir(path) else 0o400) if on else 0o700)
                return True
            return subprocess.run(["chattr", "+i" if on else "-i", path],
                                  capture_output=True).returncode == 0
        before = export(self.db, "jsonl")
        if not lock(self.db, True):
            self.skipTest("cannot make a file read-only here")
        try:
            code, _, err = run("ingest", "--db", self.db, self.feed)
            self.assertEqual(code, 1)
            self.assertIn(self.db, err)
            self.assertIn("read-only", err)
        finally:
            lock(self.db, False)
        self.assertEqual(before, export(self.db, "jsonl"))
        folder = os.path.join(self.tmp.name, "locked")
        os.mkdir(folder)
        lock(folder, True)
        try:
            code, _, err = run("ingest", "--db", os.path.join(folder, "x.db"), self.feed)
            self.assertEqual(code, 1)
            self.assertIn(os.path.join(folder, "x.db"), err)
        finally:
            lock(folder, False)

    def test_reextract_keeps_ids_corrections_and_splits(self):
        incs = [json.loads(l) for l in export(self.db, "jsonl").splitlines()]
        sarmin = [i for i in incs if "sarmin-a" in i["doc_ids"]][0]
        aleppo = [i for i in incs if "aleppo" in i["doc_ids"]][0]
        run("correct", "--db", self.db, "--incident", aleppo["id"], "--field", "killed",
            "--value", "14", "--by", "ana", "--reason", "hospital list", check=0)
        run("unmerge", "--db", self.db, "--incident", sarmin["id"], "--doc", "sarmin-b",
            "--reason", "two strikes", check=0)
        before = export(self.db, "jsonl")
        strip = lambda s: [{k: v for k, v in json.loads(l).items() if k != "merges"}
                           for l in s.splitlines()]
        _, _, err = run("reextract", "--db", self.db, check=0)
        self.assertIn("3 documents re-extracted", err)
        once = export(self.db, "jsonl")
        self.assertEqual(strip(before), strip(once))  # same engine: same incidents, same ids
        run("reextract", "--db", self.db, "--doc", "aleppo", check=0)
        self.assertEqual(strip(once), strip(export(self.db, "jsonl")))
        after = {json.loads(l)["id"]: json.loads(l) for l in once.splitlines()}
        self.assertEqual(after[aleppo["id"]]["killed"], 14)
        self.assertEqual(after[sarmin["id"]]["doc_ids"], ["sarmin-a"])
        self.assertIn("re-extraction", json.dumps(after[aleppo["id"]]["merges"]))
        code, _, err = run("reextract", "--db", self.db, "--doc", "nope")
        self.assertEqual(code, 1)
        self.assertIn("no document nope", err)

    def test_correction_wins_over_new_reports(self):
        inc = [json.loads(l) for l in export(self.db, "jsonl").splitlines()
               if "sarmin-a" in l][0]
        run("correct", "--db", self.db, "--incident", inc["id"], "--field", "killed",
            "--value", "4", "--by", "ana", "--reason", "hospital list", check=0)
        code, _, err = run("correct", "--db", self.db, "--incident", inc["id"], "--field",
                           "killed", "--value", "many", "--by", "ana", "--reason", "x")
        self.assertEqual(code, 2)
        more = os.path.join(self.tmp.name, "more.jsonl")
        with open(more, "w") as f:
            f.write(json.dumps({"id": "sarmin-c", "published": "2023-12-06", "text":
                                "Regime shelling on Sarmin in Idlib on Monday killed nine "
                                "civilians, according to a new toll."}) + "\n")
        run("ingest", "--db", self.db, more, check=0)
        after = [json.loads(l) for l in export(self.db, "jsonl").splitlines()
                 if inc["id"] == json.loads(l)["id"]][0]
        self.assertEqual(after["killed"], 4)
        self.assertEqual(after["corrections"][0]["by"], "ana")


def read_clusters(shared):
    clusters = {}
    for lang in ("en", "ar"):
        with open(os.path.join(shared, "corpus", "dev", lang, "INDEX.tsv")) as f:
            for row in csv.DictReader(f, delimiter="\t"):
                clusters[row["id"]] = row["cluster"] or None
    return clusters


class Corpus(unittest.TestCase):
    def test_dev_corpus(self):
        dev = os.path.join(ARGS.shared, "corpus", "dev")
        with tempfile.TemporaryDirectory() as tmp:
            once, twice = os.path.join(tmp, "once.db"), os.path.join(tmp, "twice.db")
            # The reports as a feed would bring them: text plus the INDEX's metadata.
            feed = os.path.join(tmp, "dev.jsonl")
            with open(feed, "w") as f:
                for lang in ("en", "ar"):
                    with open(os.path.join(dev, lang, "INDEX.tsv")) as idx:
                        for row in csv.DictReader(idx, delimiter="\t"):
                            with open(os.path.join(dev, lang, row["id"] + ".txt"),
                                      encoding="utf-8") as t:
                                text = t.read()
                            f.write(json.dumps({
                                "id": row["id"], "text": text, "source": row["source"],
                                "url": row["url"], "published": row["published"],
                                "language": row["language"]}) + "\n")
            inputs = [feed]
            run("ingest", "--db", once, *inputs, check=0)
            run("ingest", "--db", twice, *inputs, check=0)
            run("ingest", "--db", twice, *inputs, check=0)
            a, b = export(once, "jsonl"), export(twice, "jsonl")
            strip = lambda s: [{k: v for k, v in json.loads(l).items() if k != "merges"}
                               for l in s.splitlines()]
            self.assertEqual(strip(a), strip(b))
            incs = strip(a)
        clusters = read_clusters(ARGS.shared)
        docs = sorted(clusters)
        shared_inc = set()
        for inc in incs:
            for x, y in itertools.combinations(sorted(set(inc["doc_ids"])), 2):
                shared_inc.add((x, y))
        tp = fp = fn = 0
        confusions = []
        for x, y in itertools.combinations(docs, 2):
            gold = clusters[x] is not None and clusters[x] == clusters[y]
            got = (x, y) in shared_inc
            tp += gold and got
            fp += got and not gold
            fn += gold and not got
            if gold != got:
                confusions.append(("false merge" if got else "missed", x, y,
                                   clusters[x] or "-", clusters[y] or "-"))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"\ndev corpus: {len(docs)} documents, {len(incs)} incidents; pairwise "
              f"precision {precision:.3f} ({tp}/{tp + fp}), recall {recall:.3f} ({tp}/{tp + fn})")
        for c in confusions:
            print("  %-11s %s ~ %s  (gold %s / %s)" % c)
        # Floors as measured when this test was written; raise them as merging improves.
        self.assertGreaterEqual(precision, ARGS.min_precision)
        self.assertGreaterEqual(recall, ARGS.min_recall)


class WholeCorpus(unittest.TestCase):
    """All of ../shared/corpus/dev (articles, ACLED notes, FA-KES) twice = once."""

    def test_twice_is_once(self):
        dev = os.path.join(ARGS.shared, "corpus", "dev")
        inputs = [os.path.join(dev, "en"), os.path.join(dev, "ar"),
                  os.path.join(dev, "acled", "acled-syria-dev.input.jsonl"),
                  os.path.join(dev, "acled", "acled-ood-dev.input.jsonl"),
                  os.path.join(dev, "fakes", "fakes-dev.input.jsonl")]
        with tempfile.TemporaryDirectory() as tmp:
            once, twice = os.path.join(tmp, "once.db"), os.path.join(tmp, "twice.db")
            run("ingest", "--db", once, "--threads", "2", *inputs)
            run("ingest", "--db", twice, "--threads", "2", *inputs)
            _, _, err = run("ingest", "--db", twice, "--threads", "2", *inputs)
            self.assertIn(" 0 new,", err)
            strip = lambda s: [{k: v for k, v in json.loads(l).items() if k != "merges"}
                               for l in s.splitlines()]
            self.assertEqual(strip(export(once, "jsonl")), strip(export(twice, "jsonl")))


class Durability(unittest.TestCase):
    def test_kill_9_mid_ingest(self):
        with tempfile.TemporaryDirectory() as tmp:
            feed = os.path.join(tmp, "big.jsonl")
            n = 20000
            towns = ["Sarmin", "Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Latakia",
                     "Douma", "Saraqib", "Ariha", "Azaz", "Manbij", "Qamishli", "Tartus"]
            words = ["market", "school", "bakery", "mosque", "camp", "hospital", "road",
                     "farm", "square", "station"]
            with open(feed, "w") as f:
                for i in range(n):
                    day = 1 + i % 28
                    month = 1 + (i // 28) % 12
                    year = 2012 + i // (28 * 12) % 12
                    f.write(json.dumps({
                        "id": f"doc-{i:06d}", "published": f"{year}-{month:02d}-{day:02d}",
                        "text": f"Regime forces shelled the {words[i % 10]} in the town of "
                                f"{towns[i % len(towns)]} on Monday, killing {i % 50} "
                                f"civilians, report {i} number {i * 7919} said."
                    }) + "\n")
            db = os.path.join(tmp, "d.db")
            p = subprocess.Popen([ARGS.harmwatch, "ingest", "--db", db, feed],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Wait until some documents are committed, then kill without warning.
            deadline = time.time() + 120
            committed = 0
            while time.time() < deadline and p.poll() is None:
                time.sleep(0.2)
                try:
                    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                    committed = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                    con.close()
                except sqlite3.Error:
                    continue
                if committed >= 200:
                    break
            self.assertIsNone(p.poll(), "ingest finished before it could be killed")
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            con = sqlite3.connect(db)
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            ndocs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            self.assertGreaterEqual(ndocs, committed)
            self.assertLess(ndocs, n)
            # Every stored document is whole: its events are all there, in one piece.
            for doc_id, record in con.execute("SELECT id, record_json FROM documents "
                                              "WHERE copy_of IS NULL AND "
                                              "near_duplicate_of IS NULL"):
                want = len(json.loads(record)["events"])
                have = con.execute("SELECT count(*) FROM events WHERE doc_id = ?",
                                   (doc_id,)).fetchone()[0]
                self.assertEqual(want, have, doc_id)
            print(f"\nkilled after {committed} committed documents; {ndocs} stored, "
                  "all whole", end=" ")
            orphans = con.execute("SELECT count(*) FROM events e LEFT JOIN documents d "
                                  "ON d.id = e.doc_id WHERE d.id IS NULL").fetchone()[0]
            self.assertEqual(orphans, 0)
            con.close()
            # The database reopens and takes more documents.
            head = os.path.join(tmp, "head.jsonl")
            with open(feed) as f, open(head, "w") as h:
                h.writelines(itertools.islice(f, ndocs + 5))
            _, _, err = run("ingest", "--db", db, head, check=0)
            self.assertIn(f"5 new, {ndocs} unchanged", err)


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--harmwatch", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--corpus", action="store_true")
    ap.add_argument("--durability", action="store_true")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    ARGS, rest = ap.parse_known_args()
    if ARGS.corpus:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(Corpus)
    elif ARGS.all:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(WholeCorpus)
    elif ARGS.durability:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(Durability)
    else:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(Small)
    ok = unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
