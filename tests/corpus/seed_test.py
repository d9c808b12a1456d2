#!/usr/bin/env python3
"""The seed report's acceptance checks (the extraction issue's first 'done when').

Runs `harmwatch extract` with the OCHA Syria layer on ../shared/examples/seed-levant24.txt
and checks, against ../shared/examples/seed-levant24.json: all nine events found, each
side's perpetrator and target, report-wide totals 8 killed / 42 injured not split across
places, Hamza Al-Shibli aged 7 among the victims, month-or-unknown date precision (the
text gives no day), every place within 10 km of its true position, and that Nairab's
choice is explained. Exit 77 (skip) when ../shared is missing.
"""
import argparse
import json
import math
import os
import subprocess
import sys


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--harmwatch", required=True)
    ap.add_argument("--shared", required=True)
    a = ap.parse_args()
    text = os.path.join(a.shared, "examples", "seed-levant24.txt")
    gold_path = os.path.join(a.shared, "examples", "seed-levant24.json")
    ocha = os.path.join(a.shared, "gazetteers", "syria-ocha", "syr_populated_places.geojson")
    if not (os.path.exists(text) and os.path.exists(ocha)):
        print("seed_test: ../shared missing, skipped")
        return 77
    out = subprocess.run([a.harmwatch, "extract", "--gazetteer", ocha, text],
                         capture_output=True, text=True, check=True).stdout
    record = json.loads(out)
    gold = json.load(open(gold_path, encoding="utf-8"))
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    events = record["events"]
    check(len(events) == 9, f"nine events (got {len(events)})")

    def fold(name):  # "Kafrta’al" and "Kafrta'al" are one spelling
        return name.replace("\u2019", "").replace("'", "").lower()

    by_mention = {fold(e["location"]["mention"]): e for e in events}
    for g in gold["events"]:
        names = [g["location"]] + g.get("location_alts", [])
        found = next((by_mention[fold(n)] for n in names if fold(n) in by_mention), None)
        # "Idlib City" is written so in the text; "Nubul" for Nubl.
        if found is None:
            found = next((e for e in events
                          if any(fold(n) in fold(e["location"]["mention"]) for n in names)), None)
        check(found is not None, f"event at {g['location']}")
        if found is None:
            continue
        check(found["actor1"] == g["actor1"], f"{g['location']}: actor1 {found['actor1']}")
        check(found["actor2"] == g["actor2"], f"{g['location']}: actor2 {found['actor2']}")
        check(found["date_precision"] == 3 and found["date"] is None,
              f"{g['location']}: no day guessed (date {found['date']}, precision {found['date_precision']})")
        if g.get("lat") is not None:
            lat, lon = found["location"]["lat"], found["location"]["lon"]
            d = km((g["lat"], g["lon"]), (lat, lon)) if lat is not None else float("inf")
            check(d <= 10.0, f"{g['location']}: {d:.1f} km from its true position")
        else:
            check(bool(found.get("geo_resolution")), f"{g['location']}: choice explained: {found.get('geo_resolution')}")
        check(found.get("killed") is None and found.get("injured") is None,
              f"{g['location']}: totals not split onto the place")
    check(record["totals"] == {"killed": 8, "injured": 42}, f"totals {record['totals']}")
    victims = [v for e in events for v in e["victims"]]
    check(any(v["name"] == "Hamza Al-Shibli" and v["age"] == 7 for v in victims),
          f"Hamza Al-Shibli, 7, among the victims ({victims})")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
