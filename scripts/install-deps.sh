#!/usr/bin/env bash
# Installs the Debian 12 packages harmwatch needs to build, test, fuzz and benchmark.
# Run as root (no sudo needed) or as a user with sudo. Re-runs are fast: when every
# package is already installed it returns without touching apt.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake g++ make pkg-config ccache ca-certificates git python3
  # gazetteer set-up fetches GeoNames tables with `npm pack`
  nodejs npm
  # libraries
  libicu-dev libre2-dev libvectorscan-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libspdlog-dev libfmt-dev libexpected-dev libsqlite3-dev libsodium-dev libcpp-httplib-dev
  libmimalloc-dev libjemalloc-dev
  # tests, benchmarks, fuzzing
  libgtest-dev libgmock-dev libbenchmark-dev clang-14 libclang-rt-14-dev
  # the page's browser test (headless) and the server benchmark
  chromium wrk
)

missing=()
for p in "${PACKAGES[@]}"; do
  # A nodejs from elsewhere (e.g. NodeSource, which bundles npm and conflicts with
  # Debian's npm package) is fine as long as the commands are there.
  if { [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; } ||
     { [ "$p" = npm ] && command -v npm >/dev/null 2>&1; }; then
    continue
  fi
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
