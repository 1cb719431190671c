#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The incident kernel density: QGIS's heatmap (quartic) vs riskmap's exact quartic KDE grid (issue #5).
#
# Usage (not run by ctest; needs Debian's qgis + python3-qgis, sqlite3 and GNU time):
#   cmake -S . -B build -G Ninja -DRISKMAP_BUILD_DESKTOP=OFF -DRISKMAP_BUILD_BENCH=ON && ninja -C build riskmap engine_bench
#   build/ui/cli/riskmap run sample_data/heuvelrug/project.toml --out /tmp/ws        # builds the gelegenheidskaart
#   bench/heatmap_vs_qgis.sh /tmp/ws/workspace.sqlite [WORKDIR]
# Takes the bandwidth, reference date and incident window (3 years) of the workspace's latest gelegenheidskaart
# run, runs qgis:heatmapkerneldensityestimation (quartic, same radius, 100 m pixels) with 'Raw' and 'Scaled'
# output, evaluates K = 3/(πh²)(1 − d²/h²)² per km² exactly at QGIS's pixel centres, and prints the differences
# after unit alignment, a difference map (PNG) and the time of both.
# Measured at S (533 incidents, h = 786 m): QGIS 'Raw' is Σ(1 − d²/h²)² with d measured from the centre of the
# pixel the point falls in (points snapped to pixel centres), 'Scaled' multiplies it by 6.923/h² per m², 7.25×
# the exact 3/(πh²) (its grid holds 3864 events for 533 incidents); Raw × 3/(πh²) keeps the mass exactly but
# differs per pixel by up to 0.52 per km² (4 % of the peak) in dipoles of ± around every incident.
set -eu
WS=${1:?werkruimte (workspace.sqlite)}
WORK=${2:-$(mktemp -d /tmp/heatmap_vs_qgis.XXXXXX)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${ENGINE_BENCH:-$ROOT/build/bench/engine_bench}
QGIS=/usr/bin/qgis_process.bin   # the wrapper's --noversioncheck is rejected by 3.22
PIXEL=100
mkdir -p "$WORK"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$WORK/xdg}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

RUN=$(sqlite3 "$WS" "SELECT json_extract(parameters, '\$.reference_date') || ' ' || json_extract(report, '\$.kde_bandwidth') \
  FROM rk_runs WHERE kind = 'gelegenheidskaart' ORDER BY started_at DESC LIMIT 1")
REF=${RUN% *}
H=${RUN#* }
FROM=$(date -d "$REF - 3 years" +%F)
echo "referentiedatum $REF, incidenten ($FROM, $REF], bandbreedte $H m, pixel $PIXEL m"
ogr2ogr -f GPKG "$WORK/incidents.gpkg" "$WS" -nln incidents -overwrite \
    -sql "SELECT geom, incident_id FROM incidenten WHERE datum > '$FROM' AND datum <= '$REF'"

rm -f "$WORK/times"
for out in 0 1; do
    name=$([ $out = 0 ] && echo raw || echo scaled)
    rm -f "$WORK/qgis_$name.tif"
    /usr/bin/time -f "qgis_$name %e %M" -a -o "$WORK/times" "$QGIS" run qgis:heatmapkerneldensityestimation \
        --INPUT="$WORK/incidents.gpkg" --RADIUS="$H" --PIXEL_SIZE=$PIXEL --KERNEL=0 --OUTPUT_VALUE=$out \
        --OUTPUT="$WORK/qgis_$name.tif" >"$WORK/qgis_$name.log" 2>&1
done
# riskmap: engine_bench times the KDE grid alone (incidents read + quarticDensity on the study grid).
/usr/bin/time -f "riskmap_process %e %M" -a -o "$WORK/times" "$BENCH" "$WS" "$H" $PIXEL >"$WORK/riskmap.log" 2>&1
KDE_S=$(awk '/^kde_s/ {print $2}' "$WORK/riskmap.log")
CELLS=$(awk '/^cellen/ {print $2}' "$WORK/riskmap.log")

"${PYTHON:-/usr/bin/python3}" "$ROOT/bench/heatmap_vs_qgis.py" "$WORK" "$WS" "$H"
awk -v kde="$KDE_S" -v cells="$CELLS" '
  /^qgis_raw/ { q = $2; qm = $3 / 1024 }
  END {
    printf "%-44s %9s %9s\n", "tool", "wall s", "ratio"
    printf "%-44s %9.3f %9.1f\n", "riskmap quarticDensity (" cells " cells)", kde, 1
    printf "%-44s %9.2f %9.1f   (whole qgis_process run, peak %.0f MB)\n", "QGIS heatmap (Raw)", q, q / kde, qm
  }' "$WORK/times"
echo "(work files in $WORK; load: $(cut -d' ' -f1-3 /proc/loadavg))"
