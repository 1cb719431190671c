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
layers=(studiegebied percelen panden verblijfsobjecten bedrijventerreinen vestigingen incidenten vakantieparken wegen opritten)
rows=0
for l in "${layers[@]}"; do rows=$((rows + $(ogrinfo -ro -so "$gpkg" "$l" | awk '/Feature Count/ {print $3}'))); done

# Both sides create their SpatiaLite file first (InitSpatialMetadata is not what is measured).
"$riskmap" init "$work/ws.sqlite" >/dev/null
ogr2ogr -f SQLite -dsco SPATIALITE=YES "$work/peer.sqlite" "$gpkg" opritten >/dev/null
t0=$(date +%s.%N)
"$riskmap" import "$work/ws.sqlite" "$gpkg" >/dev/null 2>&1
t1=$(date +%s.%N)
ogr2ogr -f SQLite -update -overwrite -lco SPATIAL_INDEX=YES "$work/peer.sqlite" "$gpkg" "${layers[@]}"
t2=$(date +%s.%N)
awk -v r="$rows" -v a="$t0" -v b="$t1" -v c="$t2" -v s="$scale" 'BEGIN {
  ours = b - a; peer = c - b;
  printf "scale %s, %d features (10 layers, one command each)\n", s, r;
  printf "%-22s %8.2f s  %9.0f features/s\n", "riskmap import", ours, r / ours;
  printf "%-22s %8.2f s  %9.0f features/s\n", "ogr2ogr -> SpatiaLite", peer, r / peer;
  printf "ratio (ogr2ogr time / riskmap time): %.2f\n", peer / ours }'
