#!/usr/bin/env bash
# Installs everything shequ needs on Debian 12, and nothing when it is all there already.
# The only place where packages are named: apt packages below, npm packages in web/package.json
# (installed from web/package-lock.json with `npm ci`).
set -euo pipefail

APT_PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache mold clang-format-19 clang-tidy-19
  # libraries (see docs/architecture notes in src/README.md for which module uses which)
  libboost-dev libcpp-httplib-dev nlohmann-json3-dev libsimdjson-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libsodium-dev libssl-dev zlib1g-dev libzstd-dev
  libosmium2-dev libprotozero-dev libexpat1-dev libbz2-dev osmium-tool libgeos-dev libproj-dev
  coinor-libcbc-dev libglpk-dev libicu-dev libopencc-dev opencc libxlsxwriter-dev
  # web UI build and browser tests
  nodejs npm chromium fonts-noto-cjk
  # benchmarks (bench/, not part of make test)
  wrk nginx curl python3-scipy python3-igraph python3-networkx postgresql-15-pgrouting
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  # node may come from elsewhere on the machine: a working node ≥ 20 counts as installed.
  if [[ "$pkg" == nodejs || "$pkg" == npm ]] && command -v node >/dev/null && command -v npm >/dev/null; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install: apt packages missing: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The web UI's packages, pinned by web/package-lock.json. Re-installed only when the lock changed.
cd "$(dirname "$0")/../web"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install: npm ci (web/)"
  npm ci --no-audit --no-fund
fi
