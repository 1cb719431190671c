#!/usr/bin/env bash
# Import throughput side by side with a peer: `riskmap import` (validation, repair,
# reprojection check, provenance, spatial index) versus `ogr2ogr` into a SpatiaLite
# file (plain copy + spatial index) on the same GeoPackage. Prints a ratio.
# Usage: bench/import_vs_ogr2ogr.sh [BUILD_DIR] [SCALE]   (default build, S)
set -euo pipefail
build=${1:-build}
scale=${2:-S}
riskmap="$build/ui/cli/riskmap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$riskmap" sample --out "$work/data" --scale "$scale" --no-photos >/dev/null 2>&1
gpkg="$work/data/heuvelrug.gpkg"
layers=(percelen panden verblijfsobjecten vestigingen incidenten wegen)
rows=0
for l in "${layers[@]}"; do rows=$((rows + $(ogrinfo -ro -so "$gpkg" "$l" | awk '/Feature Count/ {print $3}'))); done

"$riskmap" init "$work/ws.sqlite" >/dev/null
t0=$(date +%s.%N)
for l in "${layers[@]}"; do "$riskmap" import "$work/ws.sqlite" "$gpkg" --source-layer "$l" >/dev/null 2>&1; done
t1=$(date +%s.%N)
for l in "${layers[@]}"; do
  ogr2ogr -f SQLite -dsco SPATIALITE=YES -update -append -lco SPATIAL_INDEX=YES "$work/peer.sqlite" "$gpkg" "$l" 2>/dev/null \
    || ogr2ogr -f SQLite -dsco SPATIALITE=YES -lco SPATIAL_INDEX=YES "$work/peer.sqlite" "$gpkg" "$l"
done
t2=$(date +%s.%N)
awk -v r="$rows" -v a="$t0" -v b="$t1" -v c="$t2" -v s="$scale" 'BEGIN {
  ours = b - a; peer = c - b;
  printf "scale %s, %d features (%d layers)\n", s, r, 6;
  printf "%-22s %8.2f s  %9.0f features/s\n", "riskmap import", ours, r / ours;
  printf "%-22s %8.2f s  %9.0f features/s\n", "ogr2ogr -> SpatiaLite", peer, r / peer;
  printf "ratio (ogr2ogr time / riskmap time): %.2f\n", peer / ours }'
