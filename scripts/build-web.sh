#!/usr/bin/env bash
# Builds the analysts' page into OUTDIR: installs web/'s npm packages when missing or
# stale (npm ci, from package-lock.json), then bundles web/src with esbuild
# (web/build.mjs). CMake runs this before embedding the files into the binary.
set -euo pipefail
out=${1:?usage: build-web.sh OUTDIR}
web="$(cd "$(dirname "$0")/../web" && pwd)"
cd "$web"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build-web: npm ci in $web"
  npm ci --no-audit --no-fund --loglevel=error
fi
node build.mjs "$out"
