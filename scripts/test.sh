#!/usr/bin/env bash
# README command 2 (and what .ci/run calls): the whole test suite from a fresh Debian 12
# machine. Installs packages, builds the release preset and the gazetteer, builds the
# dev preset (ASan + UBSan) and runs both test suites. Exits non-zero on any failure.
#
# Tests labelled "corpus" (the dev-corpus regression), "slow" (whole-corpus CLI
# checks) and "browser" (the page in headless Chromium) run only in the release
# build: under ASan they take minutes and add nothing the fast tests there do not
# already cover.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${HARMWATCH_JOBS:-2}

scripts/install-deps.sh

echo "== release build"
cmake --preset release
cmake --build build -j"$jobs"

echo "== gazetteer"
scripts/setup-gazetteer.sh

echo "== dev build (ASan + UBSan)"
cmake --preset dev
cmake --build build-dev -j"$jobs"

echo "== tests: dev (ASan + UBSan)"
ctest --test-dir build-dev --output-on-failure --label-exclude 'slow|corpus|browser' -j"$jobs"

echo "== tests: release"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "test.sh: all tests passed"
