#!/usr/bin/env bash
# Runs harmwatch-store-bench (1,000,000 events by default) and appends its figures,
# with date, commit and machine, to bench/BENCHLOG.md. Needs the release build
# (cmake --preset release && cmake --build build -j2) and the default gazetteer. The
# database (several GB) goes to $TMPDIR and is removed afterwards.
#
#   bench/store_run.sh [--no-log] [extra harmwatch-store-bench options]
set -euo pipefail
cd "$(dirname "$0")/.."

log=1
if [ "${1:-}" = "--no-log" ]; then log=0; shift; fi

bench=${BENCH:-build/harmwatch-store-bench}
[ -x "$bench" ] || { echo "bench/store_run.sh: $bench missing; build the release preset first" >&2; exit 1; }
db=$(mktemp -d)/store-bench.db
out=$(mktemp)
trap 'rm -rf "$(dirname "$db")" "$out"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

"$bench" --db "$db" --markdown "$@" | tee "$out"

if [ "$log" = 1 ]; then
  {
    echo
    echo "## $(date -u +%Y-%m-%d) commit $(git rev-parse --short HEAD) — incident store"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'). Load average before the run: $load_before. Command: \`bench/store_run.sh $*\`."
    echo "Events are the dev corpus' (English articles, ACLED notes) with dates moved to a random day of 2011-2025 and places by up to 1 degree; one transaction per document through the merge matcher. Queries: a 0.5-degree box and a 30-day window at random, the full query path (candidates, merged view, filters)."
    echo
    echo "| events | documents | incidents | ingest s | events/s | DB MB | query median ms | query p99 ms | incidents/query | checks |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    grep '^|' "$out"
  } >> bench/BENCHLOG.md
  echo "appended to bench/BENCHLOG.md"
fi
