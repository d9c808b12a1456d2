#!/usr/bin/env python3
"""End-to-end tests of `harmwatch extract` (and `user add`, `serve`), run by ctest against
the built binary.

usage: cli_test.py --harmwatch BIN [--shared DIR] [--source DIR] [--corpus]

Without --corpus: exit codes, messages, input order, stdin, directories, bad files
(fast; runs under ASan too). With --corpus: byte-identical output for --threads 1 and
2 over the whole dev corpus (slow under sanitizers, so labelled "slow").
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def run(*argv, stdin=None, env_extra=None):
    env = dict(os.environ)
    if env_extra:
        env.update(env_extra)
    p = subprocess.run([ARGS.harmwatch, *argv], input=stdin, capture_output=True, env=env,
                       timeout=600)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


REPORT = ("Syrian regime forces shelled the town of Sarmin in Idlib countryside on Monday, "
          "killing three civilians and injuring five others, the Civil Defence said.\n")


def jsonl(records):
    return "".join(json.dumps(r) + "\n" for r in records)


class Extract(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def lines(self, out):
        return [json.loads(line) for line in out.splitlines()]

    def test_text_file_ok(self):
        path = self.write("sarmin-report.txt", REPORT)
        code, out, err = run("extract", "--published", "2024-03-14", path)
        self.assertEqual(code, 0, err)
        [rec] = self.lines(out)
        self.assertEqual(rec["id"], "sarmin-report")
        self.assertIn("events", rec)
        self.assertIn("totals", rec)

    def test_bad_published_is_usage_error(self):
        path = self.write("a.txt", REPORT)
        for bad in ("14/03/2024", "2024-3-14", "2024-02-30", "yesterday"):
            code, out, err = run("extract", "--published", bad, path)
            self.assertEqual(code, 2, bad)
            self.assertEqual(out, "")
            self.assertIn("YYYY-MM-DD", err)

    def test_other_usage_errors(self):
        path = self.write("a.txt", REPORT)
        self.assertEqual(run("extract", "--threads", "0", path)[0], 2)
        self.assertEqual(run("extract", "--format", "xml", path)[0], 2)
        self.assertEqual(run("extract")[0], 2)  # no INPUT
        self.assertEqual(run("extract", "--no-such-option", path)[0], 2)

    def test_broken_jsonl_line_fails_but_batch_goes_on(self):
        good = {"id": "r1", "text": REPORT, "published": "2024-03-14"}
        path = self.write("feed.jsonl",
                          json.dumps(good) + "\n{not json\n" +
                          json.dumps({**good, "id": "r3"}) + "\n")
        code, out, err = run("extract", path)
        self.assertEqual(code, 1)
        self.assertEqual([r["id"] for r in self.lines(out)], ["r1", "r3"])
        self.assertIn("feed.jsonl:2", err)
        self.assertEqual(len([l for l in err.splitlines() if l.startswith("harmwatch: ")
                              and "feed.jsonl" in l]), 1, err)

    def test_input_order_kept_with_threads(self):
        # Uneven lengths so that workers finish out of order.
        recs = [{"id": f"doc-{i:03d}", "text": REPORT * (1 + (i * 37) % 23),
                 "published": "2024-03-14"} for i in range(60)]
        path = self.write("many.jsonl", jsonl(recs))
        outs = {}
        for threads in ("1", "2", "5"):
            code, out, err = run("extract", "--threads", threads, path)
            self.assertEqual(code, 0, err)
            self.assertEqual([r["id"] for r in self.lines(out)], [r["id"] for r in recs])
            outs[threads] = out
        self.assertEqual(outs["1"], outs["2"])
        self.assertEqual(outs["1"], outs["5"])

    def test_several_inputs_in_argument_order(self):
        b = self.write("b.txt", REPORT)
        a = self.write("a.txt", REPORT)
        code, out, err = run("extract", "--threads", "2", b, a)
        self.assertEqual(code, 0, err)
        self.assertEqual([r["id"] for r in self.lines(out)], ["b", "a"])

    def test_stdin_text_and_jsonl(self):
        code, out, err = run("extract", "--published", "2024-03-14", "-",
                             stdin=REPORT.encode())
        self.assertEqual(code, 0, err)
        self.assertEqual(len(self.lines(out)), 1)
        feed = jsonl([{"id": "s1", "text": REPORT}, {"id": "s2", "text": REPORT}])
        code, out, err = run("extract", "-", stdin=feed.encode())
        self.assertEqual(code, 0, err)
        self.assertEqual([r["id"] for r in self.lines(out)], ["s1", "s2"])

    def test_directory_recursive_sorted(self):
        self.write("in/b.txt", REPORT)
        self.write("in/a/c.html", "<html><body><p>" + REPORT + "</p></body></html>")
        self.write("in/a/notes.pdf", b"%PDF-1.4 ignored")
        code, out, err = run("extract", os.path.join(self.dir, "in"))
        self.assertEqual(code, 0, err)
        self.assertEqual([r["id"] for r in self.lines(out)], ["c", "b"])

    def test_empty_and_binary_files_name_the_input(self):
        empty = self.write("empty.txt", b"")
        binary = self.write("blob.txt", b"\x00\x01\x02\xff\xfe\x00ELF\x00" * 64)
        good = self.write("good.txt", REPORT)
        code, out, err = run("extract", empty, binary, good)
        self.assertEqual(code, 1)
        self.assertEqual([r["id"] for r in self.lines(out)], ["good"])
        self.assertIn("empty.txt", err)
        self.assertIn("blob.txt", err)
        for line in err.splitlines():
            if "empty.txt" in line or "blob.txt" in line:
                self.assertTrue(line.startswith("harmwatch: "), line)

    def test_missing_file(self):
        code, out, err = run("extract", os.path.join(self.dir, "nope.txt"))
        self.assertEqual(code, 1)
        self.assertIn("nope.txt", err)

    def test_formats(self):
        path = self.write("a.txt", REPORT)
        code, out, err = run("extract", "--format", "pretty", path)
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["id"], "a")
        code, out, err = run("extract", "--format", "table", path)
        self.assertEqual(code, 0, err)
        self.assertTrue(out.strip())

    def test_no_gazetteer_warns_once(self):
        path = self.write("a.txt", REPORT)
        home = os.path.join(self.dir, "empty-home")
        os.makedirs(home)
        code, out, err = run("extract", path, path, env_extra={"HARMWATCH_HOME": home})
        self.assertEqual(code, 0, err)
        self.assertEqual(len(self.lines(out)), 2)
        self.assertEqual(err.count("no gazetteer layers found; run scripts/setup-gazetteer.sh"),
                         1, err)


class Corpus(unittest.TestCase):
    """Byte-identical output for --threads 1 and 2 over the dev corpus."""

    def test_threads_byte_identical_on_dev_corpus(self):
        dev = os.path.join(ARGS.shared, "corpus", "dev")
        if not os.path.isdir(dev):
            self.skipTest(f"{dev} not found")
        inputs = []
        for sub in sorted(os.listdir(dev)):
            d = os.path.join(dev, sub)
            files = sorted(os.listdir(d))
            if any(f.endswith(".txt") for f in files):
                inputs.append(d)  # a directory of articles (.txt read recursively)
            else:  # ACLED notes and FA-KES: JSON Lines inputs beside their gold files
                inputs += [os.path.join(d, f) for f in files if f.endswith(".input.jsonl")]
        code1, out1, err1 = run("extract", "--threads", "1", *inputs)
        code2, out2, err2 = run("extract", "--threads", "2", *inputs)
        self.assertEqual(code1, code2)
        self.assertEqual(err1, err2)
        self.assertGreater(len(out1.splitlines()), 100)
        self.assertTrue(out1 == out2, "output differs between --threads 1 and 2")


class ServeAndUsers(unittest.TestCase):
    """`harmwatch user add` and `harmwatch serve` as a user runs them."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "hw.db")

    def tearDown(self):
        self.tmp.cleanup()

    def add(self, name, role, password):
        return run("user", "add", "--db", self.db, "--name", name, "--role", role,
                   "--password-stdin", stdin=(password + "\n").encode())

    def test_user_add(self):
        code, _, err = run("user", "add", "--db", self.db, "--name", "ana", "--role", "analyst")
        self.assertEqual(code, 2)
        self.assertIn("--password-stdin", err)
        code, _, err = self.add("ana", "boss", "long enough password")
        self.assertEqual(code, 2)
        self.assertIn("viewer, analyst or admin", err)
        code, _, err = self.add("ana", "analyst", "short")
        self.assertEqual(code, 1)
        self.assertIn("too short", err)
        self.assertEqual(self.add("ana", "analyst", "long enough password")[0], 0)
        code, _, err = self.add("ana", "viewer", "another password")
        self.assertEqual(code, 1)
        self.assertIn("already exists", err)

    def test_serve_answers_and_stops_on_sigterm(self):
        import re
        import signal
        import urllib.request
        self.assertEqual(self.add("ana", "analyst", "long enough password")[0], 0)
        p = subprocess.Popen([ARGS.harmwatch, "serve", "--db", self.db, "--port", "0"],
                             stderr=subprocess.PIPE)
        try:
            line = p.stderr.readline().decode()
            m = re.search(r"on (http://127\.0\.0\.1:\d+)/", line)
            self.assertTrue(m, line)
            base = m.group(1)
            with urllib.request.urlopen(base + "/api/session", timeout=30) as r:
                self.assertEqual(json.loads(r.read())["user"], None)
            req = urllib.request.Request(
                base + "/api/session", method="POST",
                data=json.dumps({"name": "ana", "password": "long enough password"}).encode(),
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                self.assertEqual(json.loads(r.read())["role"], "analyst")
                self.assertIn("HttpOnly", r.headers["Set-Cookie"])
            with urllib.request.urlopen(base + "/", timeout=30) as r:
                self.assertIn(b"<!doctype html>", r.read())
        finally:
            p.send_signal(signal.SIGTERM)
            code = p.wait(timeout=30)
            p.stderr.close()
        self.assertEqual(code, 0)

    def test_serve_usage_errors(self):
        self.assertEqual(run("serve", "--db", self.db, "--port", "70000")[0], 2)
        self.assertEqual(run("serve", "--db", self.db, "--bind", "256.1.1.1", "--port", "0")[0], 1)


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--harmwatch", required=True)
    ap.add_argument("--shared", default="")
    ap.add_argument("--source", default="")
    ap.add_argument("--corpus", action="store_true")
    ARGS, rest = ap.parse_known_args()
    loader = unittest.TestLoader()
    if ARGS.corpus:
        suite = loader.loadTestsFromTestCase(Corpus)
    else:
        suite = unittest.TestSuite([loader.loadTestsFromTestCase(Extract),
                                    loader.loadTestsFromTestCase(ServeAndUsers)])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
