// SPDX-License-Identifier: GPL-3.0-or-later
// Adds ISO 32000 geospatial viewports to PDF pages with qpdf, after Qt has drawn them.
#include "riskmap/render/pdf_georef.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/crs_transform.hpp"

// Use qpdf 11 without its deprecated PointerHolder shim.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace riskmap::render {

namespace {

// Amersfoort / RD New; GDAL prefers the EPSG code, the WKT is for readers that need it (ISO 32000).
const char* kRdWkt =
    "PROJCS[\"Amersfoort / RD New\",GEOGCS[\"Amersfoort\",DATUM[\"Amersfoort\",SPHEROID[\"Bessel 1841\","
    "6377397.155,299.1528128]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
    "PROJECTION[\"Oblique_Stereographic\"],PARAMETER[\"latitude_of_origin\",52.1561605555556],"
    "PARAMETER[\"central_meridian\",5.38763888888889],PARAMETER[\"scale_factor\",0.9999079],"
    "PARAMETER[\"false_easting\",155000],PARAMETER[\"false_northing\",463000],UNIT[\"metre\",1],"
    "AUTHORITY[\"EPSG\",\"28992\"]]";

std::string pdfString(const std::string& text)
{
    std::string out = "(";
    for (char c : text) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out + ")";
}

}  // namespace

void rdToAmersfoortLatLon(double x, double y, double& lat, double& lon)
{
    // PROJ knows Amersfoort → RD (a pure projection); invert it with Newton steps from
    // the ETRS89 position, which is within ~100 m.
    static thread_local gis::CrsTransformer forward("EPSG:4289");
    if (!gis::CrsTransformer::rdToEtrs89(x, y, lon, lat)) throw Error("RD-coördinaat niet om te rekenen naar lengte/breedte");
    auto project = [&](double lo, double la, double& px, double& py) {
        px = lo;
        py = la;
        if (!forward.transform(px, py)) throw Error("Amersfoort-coördinaat niet te projecteren");
    };
    for (int iter = 0; iter < 8; ++iter) {
        double fx, fy;
        project(lon, lat, fx, fy);
        const double ex = x - fx, ey = y - fy;
        if (std::hypot(ex, ey) < 1e-4) return;
        const double h = 1e-6;
        double ax, ay, bx, by;
        project(lon + h, lat, ax, ay);
        project(lon, lat + h, bx, by);
        const double j11 = (ax - fx) / h, j21 = (ay - fy) / h, j12 = (bx - fx) / h, j22 = (by - fy) / h;
        const double det = j11 * j22 - j12 * j21;
        lon += (j22 * ex - j12 * ey) / det;
        lat += (-j21 * ex + j11 * ey) / det;
    }
}

void georeferencePdf(const std::string& pdfPath, const std::vector<GeoFrame>& frames)
{
    try {
        QPDF pdf;
        pdf.processFile(pdfPath.c_str());
        auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
        for (const auto& frame : frames) {
            if (frame.page < 0 || frame.page >= static_cast<int>(pages.size()))
                throw Error("georeferentie voor pagina " + std::to_string(frame.page + 1) + " die niet bestaat");
            const auto& e = frame.extent;
            // LPTS corners of the unit square (lower-left origin) and their world positions.
            const double corners[4][2] = {{e.xmin, e.ymin}, {e.xmin, e.ymax}, {e.xmax, e.ymax}, {e.xmax, e.ymin}};
            std::ostringstream vp;
            vp << std::setprecision(12);
            vp << "<< /Type /Viewport /Name (Kaart) /BBox [" << frame.bboxPt.left() << ' ' << frame.bboxPt.top() << ' '
               << frame.bboxPt.right() << ' ' << frame.bboxPt.bottom() << "]"
               << " /Measure << /Type /Measure /Subtype /GEO /Bounds [0 0 0 1 1 1 1 0] /LPTS [0 0 0 1 1 1 1 0] /GPTS [";
            for (const auto& c : corners) {
                double lat, lon;
                rdToAmersfoortLatLon(c[0], c[1], lat, lon);
                vp << lat << ' ' << lon << ' ';
            }
            vp << "] /GCS << /Type /PROJCS /EPSG 28992 /WKT " << pdfString(kRdWkt) << " >>"
               << " /PDU [/M /SQM /DEG] >> >>";
            auto page = pages[static_cast<std::size_t>(frame.page)].getObjectHandle();
            auto array = QPDFObjectHandle::newArray();
            array.appendItem(QPDFObjectHandle::parse(vp.str()));
            page.replaceKey("/VP", array);
        }
        const std::string tmp = pdfPath + ".georef.tmp";
        {
            QPDFWriter writer(pdf, tmp.c_str());
            writer.setCompressStreams(true);
            writer.setObjectStreamMode(qpdf_o_generate);
            writer.write();
        }
        std::filesystem::rename(tmp, pdfPath);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& ex) {
        throw Error("PDF niet te georefereren (" + pdfPath + "): " + ex.what());
    }
}

}  // namespace riskmap::render
