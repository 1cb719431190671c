#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Full map redraw: riskmap's renderer (bench/render_bench) vs QGIS's QgsMapRendererParallelJob, headless (issue #6).
#
# Usage (not run by ctest; needs Debian's qgis + python3-qgis):
#   cmake -S . -B build -G Ninja -DRISKMAP_BUILD_DESKTOP=OFF -DRISKMAP_BUILD_BENCH=ON && ninja -C build riskmap render_bench
#   build/ui/cli/riskmap run sample_data/heuvelrug/project.toml --out /tmp/ws          # scale S
#   bench/render_vs_qgis.sh /tmp/ws/workspace.sqlite [WORKDIR] [BxH=1600x1000]
# Both draw percelen, panden, vestigingen over the latest aerial photo at the full extent of those vector
# layers, 1 cold and 7 warm redraws each (median reported), comparable simple styles, and save one PNG each.
set -eu
WS=${1:?werkruimte (workspace.sqlite)}
WORK=${2:-$(mktemp -d /tmp/render_vs_qgis.XXXXXX)}
SIZE=${3:-1600x1000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${RENDER_BENCH:-$ROOT/build/bench/render_bench}
mkdir -p "$WORK"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$WORK/xdg}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
PHOTO=$(sqlite3 "$WS" "SELECT path FROM rk_rasters WHERE layer = 'luchtfoto' ORDER BY year DESC LIMIT 1")

# (render_bench may crash while tearing down Qt after printing; the numbers and the PNG are written by then.)
"$BENCH" --workspace "$WS" "$SIZE" luchtfoto,percelen,panden,vestigingen "$WORK/riskmap.png" >"$WORK/riskmap.txt" || true
grep -q '^warm_median_ms' "$WORK/riskmap.txt" || { echo "render_bench failed" >&2; exit 1; }
EXTENT=$(awk '/^lagen/ {print $4 "," $5 "," $6 "," $7}' "$WORK/riskmap.txt")
"${PYTHON:-/usr/bin/python3}" "$ROOT/bench/render_vs_qgis.py" "$WS" "$PHOTO" "$SIZE" "$WORK/qgis.png" "$EXTENT" >"$WORK/qgis.txt" 2>"$WORK/qgis.err" || true
grep -q '^warm_median_ms' "$WORK/qgis.txt" || { echo "QGIS render failed, see $WORK/qgis.err" >&2; exit 1; }
awk -v size="$SIZE" -v extent="$EXTENT" '
  FNR == 1 { f++ }
  /_ms/ { v[f, $1] = $2 }
  END {
    printf "full redraw %s over %s (percelen, panden, vestigingen, luchtfoto)\n", size, extent
    printf "%-32s %10s %14s %10s\n", "renderer", "cold ms", "warm median ms", "ratio"
    printf "%-32s %10.1f %14.1f %10.2f\n", "riskmap (render_bench)", v[1, "cold_ms"], v[1, "warm_median_ms"], 1
    printf "%-32s %10.1f %14.1f %10.2f\n", "QGIS QgsMapRendererParallelJob", v[2, "cold_ms"], v[2, "warm_median_ms"],
           v[2, "warm_median_ms"] / v[1, "warm_median_ms"]
  }' "$WORK/riskmap.txt" "$WORK/qgis.txt"
echo "PNG: $WORK/riskmap.png $WORK/qgis.png (load: $(cut -d' ' -f1-3 /proc/loadavg))"
