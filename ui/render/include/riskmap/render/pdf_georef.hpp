// SPDX-License-Identifier: GPL-3.0-or-later
// Georeferencing PDF map frames afterwards (ISO 32000 /VP /Measure /GEO), so GDAL and PDF readers read coordinates.
#pragma once

#include "riskmap/gis/layer_reader.hpp"

#include <QRectF>

#include <string>
#include <vector>

namespace riskmap::render {

/// One georeferenced map frame: which page, where on it (PDF points, origin bottom-left,
/// y up) and which RD New box it shows.
struct GeoFrame {
    int page = 0;       ///< 0-based
    QRectF bboxPt;      ///< x, y = lower-left corner in PDF user space
    gis::Box extent;    ///< RD New metres the frame covers exactly
};

/// RD New (EPSG:28992) to geographic Amersfoort (EPSG:4289) latitude/longitude: the
/// geographic CRS of RD New, which is what a /GEO measure's GPTS are expressed in.
/// Throws Error when PROJ cannot transform the point.
void rdToAmersfoortLatLon(double x, double y, double& lat, double& lon);

/// Rewrites `pdfPath` in place with a /VP viewport (BBox, /Measure /GEO with GPTS, LPTS,
/// Bounds and /GCS EPSG 28992 + WKT) on each frame's page. Throws Error on unreadable PDFs.
void georeferencePdf(const std::string& pdfPath, const std::vector<GeoFrame>& frames);

}  // namespace riskmap::render
