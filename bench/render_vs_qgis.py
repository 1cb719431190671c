# SPDX-License-Identifier: GPL-3.0-or-later
# Renders parcels, panden, vestigingen and the aerial photo with QGIS's QgsMapRendererParallelJob, headless (bench/render_vs_qgis.sh).
import statistics, sys, time

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsMarkerSymbol, QgsRasterLayer, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

ws, photo, size, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
extent = [float(v) for v in sys.argv[5].split(",")]
w, h = (int(v) for v in size.split("x"))
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()

rd = QgsCoordinateReferenceSystem("EPSG:28992")
raster = QgsRasterLayer(photo, "luchtfoto")
percelen = QgsVectorLayer(f"{ws}|layername=percelen", "percelen", "ogr")
panden = QgsVectorLayer(f"{ws}|layername=panden", "panden", "ogr")
vestigingen = QgsVectorLayer(f"{ws}|layername=vestigingen", "vestigingen", "ogr")
for layer in (raster, percelen, panden, vestigingen):
    assert layer.isValid(), layer.name()
# Simple styles comparable to riskmap's defaults (layer_style.cpp): grey parcel outlines, dark building fills,
# blue dots for establishments (riskmap categorises vestigingen by SBI; one colour here).
percelen.renderer().setSymbol(QgsFillSymbol.createSimple(
    {"style": "no", "outline_color": "110,110,110", "outline_width": "0.8", "outline_width_unit": "Pixel"}))
panden.renderer().setSymbol(QgsFillSymbol.createSimple(
    {"color": "90,90,90", "outline_color": "50,50,50", "outline_width": "0.3", "outline_width_unit": "Pixel"}))
vestigingen.renderer().setSymbol(QgsMarkerSymbol.createSimple(
    {"name": "circle", "color": "0,114,178", "size": "5", "size_unit": "Pixel", "outline_color": "white",
     "outline_width": "0.8", "outline_width_unit": "Pixel"}))

settings = QgsMapSettings()
settings.setLayers([vestigingen, panden, percelen, raster])  # top to bottom
settings.setDestinationCrs(rd)
settings.setOutputSize(QSize(w, h))
settings.setOutputDpi(96)
settings.setBackgroundColor(QColor(255, 255, 255))
settings.setExtent(QgsRectangle(*extent))


def render():
    job = QgsMapRendererParallelJob(settings)
    t = time.perf_counter()
    job.start()
    job.waitForFinished()
    return (time.perf_counter() - t) * 1000, job.renderedImage()


cold, image = render()
warm = [render()[0] for _ in range(7)]
image.save(out)
print(f"cold_ms {cold:.1f}\nwarm_median_ms {statistics.median(warm):.1f}\nwarm_min_ms {min(warm):.1f}")
app.exitQgis()
