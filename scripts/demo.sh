#!/usr/bin/env bash
# README command 1: from a fresh Debian 12 machine (as root) to the events of the
# bundled example report. Installs packages, builds the release CLI at build/harmwatch,
# compiles the default GeoNames gazetteer, and prints the events as a table.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build build -j2
scripts/setup-gazetteer.sh

example=examples/idlib-shelling-2024-03.txt
echo
echo "== harmwatch extract --format table --published 2024-03-14 $example"
build/harmwatch extract --format table --published 2024-03-14 "$example"
echo
echo "The same as JSON (one object per report, with evidence spans):"
echo "  build/harmwatch extract --format pretty --published 2024-03-14 $example"
echo "With the OCHA Syria layer (village-level places and P-codes):"
echo "  build/harmwatch extract --format table --published 2024-03-14 \\"
echo "      --gazetteer ../shared/gazetteers/syria-ocha/syr_populated_places.geojson $example"
