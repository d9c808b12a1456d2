#!/usr/bin/env bash
# The web server under concurrent load: p50 / p99 latency of the map query and of the
# incident view over an incident store of N events, with wrk on loopback.
#
#   bench/serve_run.sh [--events N] [--db PATH] [--seconds S] [--connections C] [--no-log]
#
# The store is built by harmwatch-store-bench (N events, default 1,000,000: about 20
# minutes on our 2-core machines) unless PATH already holds one, which is then reused.
# Map query: GET /api/incidents with a random 1-degree box in Syria and a random 30-day
# window of 2011-2025 (what the page asks when zoomed on a governorate with a brushed
# month). Incident view: GET /api/incidents/{id} for random stored incidents (sources,
# texts, evidence spans, history). Each runs S seconds (default 20) with C connections
# (default 8) on 2 wrk threads against `harmwatch serve` (8 request threads). Appends
# the figures to bench/BENCHLOG.md unless --no-log. Needs the release build and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

events=1000000 db="" seconds=20 connections=8 log=1
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-log) log=0; shift ;;
    *) echo "bench/serve_run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
hw=build/harmwatch
bench=build/harmwatch-store-bench
for tool in "$hw" "$bench"; do
  [ -x "$tool" ] || { echo "bench/serve_run.sh: $tool missing; build the release preset first" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "bench/serve_run.sh: wrk missing (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -n "$db" ] || db=$work/store.db

if [ ! -s "$db" ]; then
  echo "== building a store of $events events in $db"
  "$bench" --events "$events" --queries 10 --db "$db"
fi
read -r stored_events stored_incidents < <(python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM events").fetchone()[0], c.execute("SELECT count(*) FROM incidents").fetchone()[0])
PY
)
echo "== store: $stored_events events, $stored_incidents incidents"

# Request paths: map queries and incident views, 2,000 of each.
python3 - "$db" "$work" <<'PY'
import random, sqlite3, sys, urllib.parse, datetime
db, work = sys.argv[1], sys.argv[2]
rnd = random.Random(7)
with open(f"{work}/map.txt", "w") as f:
    for _ in range(2000):
        w, s = rnd.uniform(35.7, 41.4), rnd.uniform(32.3, 36.3)
        day = datetime.date(2011, 1, 1) + datetime.timedelta(days=rnd.randrange(5400))
        end = day + datetime.timedelta(days=29)
        f.write(f"/api/incidents?bbox={w:.3f},{s:.3f},{w + 1:.3f},{s + 1:.3f}&from={day}&to={end}&limit=20000\n")
c = sqlite3.connect(db)
ids = [r[0] for r in c.execute("SELECT id FROM incidents ORDER BY random() LIMIT 2000")]
with open(f"{work}/view.txt", "w") as f:
    for i in ids:
        f.write("/api/incidents/" + urllib.parse.quote(i, safe="") + "\n")
PY

echo "bench-password" | "$hw" user add --db "$db" --name serve-bench --role viewer --password-stdin 2>/dev/null || true
"$hw" serve --db "$db" --port 0 --rate 1000000000 2> "$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "serving" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log")
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"name":"serve-bench","password":"bench-password"}' "$base/api/session" |
  grep -i '^set-cookie:' | sed 's/^[^:]*: *//; s/;.*//')
[ -n "$cookie" ] || { echo "bench/serve_run.sh: login failed" >&2; exit 1; }

# A quick check that the answers are right before timing them.
curl -sf -H "Cookie: $cookie" "$base$(head -1 "$work/map.txt")" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert "incidents" in j'
curl -sf -H "Cookie: $cookie" "$base$(head -1 "$work/view.txt")" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["documents"]'

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result
for kind in map view; do
  echo "== $kind: wrk -t2 -c$connections -d${seconds}s"
  out=$(HW_PATHS="$work/$kind.txt" HW_COOKIE="$cookie" wrk -t2 -c"$connections" -d"${seconds}s" \
    --timeout 30s -s bench/serve_wrk.lua "$base")
  echo "$out"
  result[$kind]=$(echo "$out" | grep HWRESULT)
done

field() { echo "${result[$1]}" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
row() {
  echo "| $1 | $stored_events | $connections | $(field "$2" requests) | $(field "$2" rps) | $(field "$2" p50_ms) | $(field "$2" p90_ms) | $(field "$2" p99_ms) | $(field "$2" errors) / $(field "$2" non2xx) |"
}
table=$(
  echo "| request | events | connections | requests | req/s | p50 ms | p90 ms | p99 ms | errors / non-2xx |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row "map query (1° box, 30 days)" map
  row "incident view" view
)
echo "$table"
for kind in map view; do
  [ "$(field $kind non2xx)" = 0 ] && [ "$(field $kind errors)" = 0 ] ||
    { echo "bench/serve_run.sh: $kind had failed requests" >&2; exit 1; }
done

if [ "$log" = 1 ]; then
  {
    echo
    echo "## $(date -u +%Y-%m-%d) commit $(git rev-parse --short HEAD) — web server under load"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'). Load average before the run: $load_before. Command: \`bench/serve_run.sh --events $events --seconds $seconds --connections $connections\` (store of $stored_events events, $stored_incidents incidents, from harmwatch-store-bench). wrk on loopback, 2 threads, ${seconds} s per row; \`harmwatch serve\` with 8 request threads, logged-in viewer session."
    echo
    echo "$table"
  } >> bench/BENCHLOG.md
fi
