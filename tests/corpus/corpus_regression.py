#!/usr/bin/env python3
"""Dev-corpus regression test: runs `harmwatch extract` over the dev corpus sets with
the OCHA Syria layer, scores each set with ../shared/tools/score.py --json and fails
when a figure falls below its floor in floors.tsv (or, for false_alarm_rate, rises
above its ceiling).

usage: corpus_regression.py --harmwatch BIN --shared DIR [--floors floors.tsv]
                            [--measure]

Exit codes: 0 all figures at or above their floors, 1 a figure dropped (or a step
failed), 77 ../shared (corpus, tools or OCHA layer) is missing (CTest SKIP).
--measure prints the figures as floors.tsv rows (measured - 0.02) and never fails.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77
# How far below today's figure a floor sits: room for noise from small rule changes.
FLOOR_MARGIN = 0.02
# Metrics where lower is better: the floors.tsv "floor" is a ceiling.
LOWER_IS_BETTER = {"false_alarm_rate"}


def corpus_sets(shared):
    """(set name, input builder, gold path) for every dev set."""
    dev = os.path.join(shared, "corpus", "dev")
    return [
        ("en", ("dir", os.path.join(dev, "en")), os.path.join(dev, "en")),
        ("ar", ("dir", os.path.join(dev, "ar")), os.path.join(dev, "ar")),
        ("acled-syria", ("file", os.path.join(dev, "acled", "acled-syria-dev.input.jsonl")),
         os.path.join(dev, "acled", "acled-syria-dev.gold.jsonl")),
        ("acled-ood", ("file", os.path.join(dev, "acled", "acled-ood-dev.input.jsonl")),
         os.path.join(dev, "acled", "acled-ood-dev.gold.jsonl")),
        ("fakes", ("file", os.path.join(dev, "fakes", "fakes-dev.input.jsonl")),
         os.path.join(dev, "fakes", "fakes-dev.gold.jsonl")),
    ]


def figures(res):
    """The figures we track, from score.py's JSON."""
    out = {"event_f1": res.get("event_f1")}
    for f in ("sub_event_type", "actor1", "killed", "totals_killed", "doc_admin1"):
        v = res.get(f)
        if isinstance(v, dict) and v.get("n"):
            out[f] = v["accuracy"]
    geo = res.get("geo")
    if geo and geo.get("n"):
        out["geo_acc10km"] = geo["acc@10km"]
    if res.get("negative_docs"):
        out["false_alarm_rate"] = round(res["false_alarm_docs"] / res["negative_docs"], 4)
    if res.get("gold_events", 0) == 0:
        out.pop("event_f1")  # document-level expectations only (fakes)
    return out


def read_floors(path):
    floors = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("set\t"):
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                raise SystemExit(f"{path}:{n}: expected 4 tab-separated columns, got {len(cols)}")
            floors.append((cols[0], cols[1], float(cols[2]), cols[3]))
    return floors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--harmwatch", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--floors", default=os.path.join(os.path.dirname(__file__), "floors.tsv"))
    ap.add_argument("--measure", action="store_true")
    args = ap.parse_args()

    tools = os.path.join(args.shared, "tools")
    ocha = os.path.join(args.shared, "gazetteers", "syria-ocha", "syr_populated_places.geojson")
    needed = [os.path.join(tools, "score.py"), os.path.join(tools, "corpus-input.py"), ocha,
              os.path.join(args.shared, "corpus", "dev")]
    missing = [p for p in needed if not os.path.exists(p)]
    if missing:
        print("SKIP: missing " + ", ".join(missing))
        return SKIP
    if not os.access(args.harmwatch, os.X_OK):
        print(f"error: {args.harmwatch} is not an executable")
        return 1

    measured = {}
    with tempfile.TemporaryDirectory(prefix="hw_corpus_") as tmp:
        for name, (kind, src), gold in corpus_sets(args.shared):
            if not os.path.exists(src) or not os.path.exists(gold):
                print(f"note: set {name} missing, not scored")
                continue
            inp = src
            if kind == "dir":
                inp = os.path.join(tmp, name + ".input.jsonl")
                with open(inp, "w", encoding="utf-8") as fh:
                    subprocess.run([sys.executable, os.path.join(tools, "corpus-input.py"), src],
                                   stdout=fh, check=True)
            pred = os.path.join(tmp, name + ".pred.jsonl")
            with open(pred, "w", encoding="utf-8") as fh:
                r = subprocess.run([args.harmwatch, "extract", "--threads", "2", "--gazetteer",
                                    ocha, inp], stdout=fh, stderr=subprocess.PIPE, text=True)
            # Exit 1 with per-record messages ("x.jsonl:3789: empty text") still gives
            # records for every other input; only no output at all is a failure.
            if r.returncode != 0 and os.path.getsize(pred) == 0:
                print(f"error: harmwatch extract failed on {name} (exit {r.returncode}):\n"
                      f"{r.stderr[-2000:]}")
                return 1
            for msg in r.stderr.splitlines()[:5]:
                print(f"note ({name}): {msg}")
            r = subprocess.run([sys.executable, os.path.join(tools, "score.py"), gold, "--pred",
                                pred, "--json"], capture_output=True, text=True, check=True)
            for metric, value in figures(json.loads(r.stdout)).items():
                measured[(name, metric)] = value

    if args.measure:
        print("set\tmetric\tmeasured\tfloor")
        for (s, m), v in measured.items():
            floor = v + FLOOR_MARGIN if m in LOWER_IS_BETTER else v - FLOOR_MARGIN
            print(f"{s}\t{m}\t{v:.4f}\t{max(0.0, floor):.2f}")
        return 0

    failed = []
    print(f"{'set':12s} {'metric':18s} {'figure':>7s} {'floor':>7s} {'target':>7s}  status")
    for s, m, floor, target in read_floors(args.floors):
        v = measured.get((s, m))
        lower = m in LOWER_IS_BETTER
        if v is None:
            status = "MISSING"
            failed.append((s, m, "not measured"))
        elif (v > floor + 1e-9) if lower else (v < floor - 1e-9):
            status = "DROPPED"
            failed.append((s, m, f"{v:.3f} {'above ceiling' if lower else 'below floor'} {floor:.2f}"))
        else:
            has_target = target not in ("", "-")
            met = has_target and ((v <= float(target)) if lower else (v >= float(target)))
            status = "ok (target met)" if met else "ok"
        shown = "-" if v is None else f"{v:.3f}"
        bound = ("<=" if lower else ">=")
        print(f"{s:12s} {m:18s} {shown:>7s} {bound}{floor:5.2f} {bound}{target or '-':>5s}  {status}")
    if failed:
        print("\nregressions:")
        for s, m, why in failed:
            print(f"  {s} {m}: {why}")
        return 1
    print("\nall figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
