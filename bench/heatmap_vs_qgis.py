# SPDX-License-Identifier: GPL-3.0-or-later
# Compares QGIS heatmap rasters with the exact quartic KDE and riskmap's gelegenheidskaart kde (bench/heatmap_vs_qgis.sh).
import math, sqlite3, sys

from qgis.core import QgsApplication, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtGui import QImage, QColor

work, ws, h = sys.argv[1], sys.argv[2], float(sys.argv[3])
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()

pts = [(f.geometry().asPoint().x(), f.geometry().asPoint().y())
       for f in QgsVectorLayer(f"{work}/incidents.gpkg|layername=incidents", "i", "ogr").getFeatures()]
K = 3.0 / (math.pi * h * h) * 1e6  # per km², DOMAIN.md / core/stats/kde.hpp


def exact_at(x, y):
    s = 0.0
    for px, py in pts:
        d2 = (px - x) ** 2 + (py - y) ** 2
        if d2 < h * h:
            u = 1 - d2 / (h * h)
            s += u * u
    return s * K


def read(path):
    r = QgsRasterLayer(path, "r")
    e, p = r.extent(), r.dataProvider()
    w, hh = r.width(), r.height()
    blk = p.block(1, e, w, hh)
    px = e.width() / w
    # QGIS writes nodata (−9999) where no kernel reaches: density 0 there.
    vals = [[0.0 if blk.isNoData(row, col) else blk.value(row, col) for col in range(w)] for row in range(hh)]
    return e.xMinimum(), e.yMaximum(), px, w, hh, vals


x0, y1, px, w, hh, raw = read(f"{work}/qgis_raw.tif")
_, _, _, _, _, scaled = read(f"{work}/qgis_scaled.tif")
# Exact density at QGIS's pixel centres, bucketed by point so it stays fast in pure Python.
exact = [[0.0] * w for _ in range(hh)]
for qx, qy in pts:
    c0, c1 = max(0, int((qx - h - x0) / px)), min(w - 1, int((qx + h - x0) / px) + 1)
    r0, r1 = max(0, int((y1 - qy - h) / px)), min(hh - 1, int((y1 - qy + h) / px) + 1)
    for r in range(r0, r1 + 1):
        cy = y1 - (r + 0.5) * px
        for c in range(c0, c1 + 1):
            cx = x0 + (c + 0.5) * px
            d2 = (qx - cx) ** 2 + (qy - cy) ** 2
            if d2 < h * h:
                u = 1 - d2 / (h * h)
                exact[r][c] += u * u * K

# QGIS's units: raw = Σ(1 − d²/h²)² (no unit); scaled = raw·c/h² per m², c found by fitting.
sum_raw = sum(map(sum, raw))
sum_scaled = sum(map(sum, scaled))
c_scaled = sum_scaled / sum_raw * h * h
print(f"QGIS grid {w}×{hh} px of {px:g} m from ({x0:.1f}, {y1:.1f}); {len(pts)} incidents, h = {h:.1f} m")
print(f"QGIS 'Scaled' = 'Raw' × {c_scaled:.5f}/h² per m²; exact quartic: 3/π = {3 / math.pi:.5f} "
      f"(ratio {c_scaled / (3 / math.pi):.4f})")
print(f"mass (events): exact grid {sum(map(sum, exact)) * px * px / 1e6:.2f}, QGIS raw·3/(πh²) "
      f"{sum_raw * 3 / (math.pi * h * h) * px * px:.2f}, QGIS scaled {sum_scaled * px * px:.2f}, incidents {len(pts)}")

# Unit alignment: QGIS raw × 3/(πh²) × 1e6 is per km² with the exact constant.
diff, rel, peak = [], [], max(map(max, exact))
worst = (0, 0, 0)
for r in range(hh):
    for c in range(w):
        q = raw[r][c] * K
        d = q - exact[r][c]
        diff.append(abs(d))
        if exact[r][c] > 0.01 * peak:
            rel.append(abs(d) / exact[r][c])
        if abs(d) > abs(worst[0]):
            worst = (d, r, c)
n = len(diff)
print(f"QGIS (raw, unit-aligned) vs exact at QGIS's pixel centres, per km²: max |diff| {max(diff):.4f} "
      f"(peak density {peak:.3f}), mean |diff| {sum(diff) / n:.4f}; relative where density > 1 % of peak: "
      f"max {max(rel) * 100:.1f} %, mean {sum(rel) / len(rel) * 100:.2f} %")
d, r, c = worst
print(f"  largest difference at pixel ({c}, {r}) = ({x0 + (c + 0.5) * px:.0f}, {y1 - (r + 0.5) * px:.0f}): "
      f"QGIS {raw[r][c] * K:.4f}, exact {exact[r][c]:.4f}")
qs = [scaled[r][c] * 1e6 for r in range(hh) for c in range(w)]
ex = [exact[r][c] for r in range(hh) for c in range(w)]
print(f"QGIS 'Scaled' as is (×1e6 per km²) vs exact: max |diff| {max(abs(a - b) for a, b in zip(qs, ex)):.4f}, "
      f"sum ratio {sum(qs) / sum(ex):.4f}")

# Difference map: red = QGIS above exact, blue = below, white = equal (scale ±max).
m = max(diff) or 1.0
img = QImage(w, hh, QImage.Format_RGB32)
for r in range(hh):
    for c in range(w):
        t = max(-1.0, min(1.0, (raw[r][c] * K - exact[r][c]) / m))
        v = int(255 * (1 - abs(t)))
        img.setPixelColor(c, r, QColor(255, v, v) if t > 0 else QColor(v, v, 255))
img.scaled(w * 3, hh * 3).save(f"{work}/heatmap_diff.png")
print(f"difference map: {work}/heatmap_diff.png (red: QGIS higher, blue: lower, full colour = {m:.3f} per km²)")

# riskmap's gelegenheidskaart kde against the same exact formula at its own cell centres.
g = QgsVectorLayer(f"{ws}|layername=gelegenheidskaart", "g", "ogr")
worst_rm, cells = 0.0, 0
for f in g.getFeatures():
    if f["kde"] is None:
        continue
    cpt = f.geometry().centroid().asPoint()
    worst_rm = max(worst_rm, abs(f["kde"] - exact_at(cpt.x(), cpt.y())))
    cells += 1
print(f"riskmap gelegenheidskaart kde vs exact at its {cells} cell centres: max |diff| {worst_rm:.2e} per km²")
app.exitQgis()
