#!/usr/bin/env bash
# Installs the Debian 12 packages Risicokaart needs; idempotent (only what is missing).
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data
  libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite spatialite-bin
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev libtbb-dev libeigen3-dev
  libglpk-dev libqpdf-dev qpdf libboost-dev libboost-graph-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev poppler-utils xvfb xauth
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
