#!/usr/bin/env bash
# Runs harmwatch-bench over the dev corpus with the default gazetteer and with the OCHA
# Syria layer, and appends the figures (with date, commit and machine) to
# bench/BENCHLOG.md. Needs the release build (cmake --preset release && cmake --build
# build -j2) and the default gazetteer (scripts/setup-gazetteer.sh).
#
#   bench/run.sh [--no-log] [extra harmwatch-bench options]
set -euo pipefail
cd "$(dirname "$0")/.."

log=1
if [ "${1:-}" = "--no-log" ]; then log=0; shift; fi

bench=build/harmwatch-bench
[ -x "$bench" ] || { echo "bench/run.sh: $bench missing; build the release preset first" >&2; exit 1; }
ocha=../shared/gazetteers/syria-ocha/syr_populated_places.geojson

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "== default gazetteer"
"$bench" --markdown "default gazetteer" "$@" | tee -a "$out"
if [ -f "$ocha" ]; then
  # The first run imports and caches the layer; the measured run opens the cache,
  # as every later `extract --gazetteer` run does.
  "$bench" --gazetteer "$ocha" --reps 1 >/dev/null 2>&1 || true
  echo "== default + OCHA Syria populated places"
  "$bench" --gazetteer "$ocha" --markdown "default + OCHA layer" "$@" | tee -a "$out"
fi

if [ "$log" = 1 ]; then
  {
    echo
    echo "## $(date -u +%Y-%m-%d) commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src app || echo '+dirty')"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'). Load average before the run: $load_before (other work on the machine lowers the 2-thread figure). Command: \`bench/run.sh\`."
    echo
    echo "| gazetteer | docs | MB | MB/s (1 thread) | docs/s | start-up s | peak MB | speed-up (2 threads) | events | checks |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    grep '^|' "$out"
  } >> bench/BENCHLOG.md
  echo "appended to bench/BENCHLOG.md"
fi
