#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Zonal statistics (mean, std of band 1) per parcel: riskmap vs QGIS native:zonalstatisticsfb vs gdal_translate (issue #9).
#
# Usage (not run by ctest; needs Debian's qgis + python3-qgis for qgis_process, and GNU time):
#   cmake -S . -B build -G Ninja -DRISKMAP_BUILD_DESKTOP=OFF -DRISKMAP_BUILD_BENCH=ON && ninja -C build riskmap zonal_bench
#   build/ui/cli/riskmap run sample_data/heuvelrug/project.toml --out /tmp/ws       # scale S, 1 m photos
#   bench/zonal_vs_qgis.sh /tmp/ws/workspace.sqlite sample_data/heuvelrug/data/luchtfoto_2025.tif [WORKDIR]
# Same raster, same parcels (percelen exported once to a GeoPackage for QGIS). Prints wall time and peak
# memory of each, the ratios, and how far the per-parcel means and standard deviations agree.
set -eu
WS=${1:?werkruimte (workspace.sqlite)}
RASTER=${2:?luchtfoto (GeoTIFF)}
WORK=${3:-$(mktemp -d /tmp/zonal_vs_qgis.XXXXXX)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${ZONAL_BENCH:-$ROOT/build/tests/zonal_bench}
QGIS=/usr/bin/qgis_process.bin   # the /usr/bin/qgis_process wrapper adds --noversioncheck, which 3.22 rejects
mkdir -p "$WORK"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$WORK/xdg}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

measure() {  # measure NAME CMD... → appends "NAME wall_s peak_kB" to $WORK/times
    name=$1; shift
    /usr/bin/time -f "$name %e %M" -a -o "$WORK/times" "$@" >"$WORK/$name.log" 2>&1 || { echo "$name failed, see $WORK/$name.log" >&2; exit 1; }
}
rm -f "$WORK/times"
ogr2ogr -f GPKG "$WORK/percelen.gpkg" "$WS" percelen -nln percelen -overwrite
# Warm the page cache once so that no run pays the first disk read.
cat "$RASTER" >/dev/null
measure riskmap "$BENCH" "$WS" "$RASTER" 1 "$WORK/riskmap.csv"
measure gdal_translate gdal_translate -q -b 1 -of ENVI "$RASTER" "$WORK/band1.bin"
rm -f "$WORK/band1.bin" "$WORK/band1.hdr"
rm -f "$WORK/qgis.gpkg"
measure qgis "$QGIS" run native:zonalstatisticsfb --INPUT="$WORK/percelen.gpkg" --INPUT_RASTER="$RASTER" \
    --RASTER_BAND=1 --COLUMN_PREFIX=q_ --STATISTICS=0,2,4 --OUTPUT="$WORK/qgis.gpkg"

"${PYTHON:-/usr/bin/python3}" - "$WORK" <<'PY'
import csv, math, sqlite3, sys
work = sys.argv[1]
t = {}
for line in open(f"{work}/times"):
    name, wall, kb = line.split()
    t[name] = (float(wall), int(kb) / 1024)
ours = {}
with open(f"{work}/riskmap.csv") as f:
    for r in csv.DictReader(f, delimiter=";"):
        ours[r["perceel_id"]] = (int(r["count"]), float(r["mean"]) if r["mean"] else None, float(r["std"]) if r["std"] else None)
db = sqlite3.connect(f"{work}/qgis.gpkg")
table = db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'").fetchone()[0]
theirs = {pid: (c, m, s) for pid, c, m, s in db.execute(f'SELECT perceel_id, q_count, q_mean, q_stdev FROM "{table}"')}
both = [k for k in ours if k in theirs]
def diffs(i):
    d = [abs(ours[k][i] - theirs[k][i]) for k in both if ours[k][i] is not None and theirs[k][i] is not None]
    return d
dm, ds = diffs(1), diffs(2)
only_ours = sum(1 for k in both if ours[k][1] is not None and theirs[k][1] is None)
only_qgis = sum(1 for k in both if ours[k][1] is None and theirs[k][1] is not None)
count_diff = sum(1 for k in both if ours[k][0] != int(round(theirs[k][0] or 0)))
mean_diff = sum(1 for x in dm if x > 1e-6)
print(f"{'tool':<34}{'wall s':>9}{'peak MB':>10}{'ratio':>8}")
base = t["riskmap"][0]
for name, label in (("riskmap", "riskmap (zonal_bench)"), ("qgis", "QGIS native:zonalstatisticsfb"),
                    ("gdal_translate", "gdal_translate -b 1 (decode only)")):
    w, mb = t[name]
    print(f"{label:<34}{w:>9.2f}{mb:>10.0f}{w / base:>8.2f}")
print(f"parcels: {len(ours)} (both {len(both)}); with pixels: riskmap {sum(1 for v in ours.values() if v[1] is not None)}, "
      f"QGIS {sum(1 for v in theirs.values() if v[1] is not None)}")
print(f"mean: max |diff| {max(dm) if dm else float('nan'):.3g}, parcels differing > 1e-6: {mean_diff}; "
      f"empty only in QGIS: {only_ours}, empty only in riskmap: {only_qgis}")
print(f"std : max |diff| {max(ds) if ds else float('nan'):.3g}, parcels differing > 1e-6: {sum(1 for x in ds if x > 1e-6)}")
print(f"pixel count differs for {count_diff} parcels")
worst = sorted(((abs(ours[k][1] - theirs[k][1]), k) for k in both if ours[k][1] is not None and theirs[k][1] is not None), reverse=True)[:5]
for d, k in worst:
    print(f"  {k}: riskmap n={ours[k][0]} mean={ours[k][1]:.4f}  QGIS n={theirs[k][0]} mean={theirs[k][1]:.4f}")
PY
echo "(work files in $WORK; load: $(cut -d' ' -f1-3 /proc/loadavg))"
