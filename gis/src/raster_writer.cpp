// SPDX-License-Identifier: GPL-3.0-or-later
// GeoTIFF writing and polygon burning over GDAL.
#include "riskmap/gis/raster_writer.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <gdal_alg.h>
#include <ogr_spatialref.h>

#include <filesystem>

namespace riskmap::gis {

namespace {

void setGeoreference(GDALDataset* ds, double originX, double originY, double pixel, int epsg)
{
    double gt[6] = {originX, pixel, 0.0, originY, 0.0, -pixel};
    ds->SetGeoTransform(gt);
    if (epsg > 0) {
        OGRSpatialReference srs;
        srs.importFromEPSG(epsg);
        ds->SetSpatialRef(&srs);
    }
}

}  // namespace

struct RasterWriter::Impl {
    std::string path;
    RasterSpec spec;
    GdalDatasetPtr dataset;
};

RasterWriter::RasterWriter(const std::string& path, const RasterSpec& spec) : m_impl(std::make_unique<Impl>())
{
    ensureGdalRegistered();
    m_impl->path = path;
    m_impl->spec = spec;
    std::error_code ec;
    std::filesystem::remove(path, ec);
    auto* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw GdalError("GDAL has no GTiff driver");
    char** options = nullptr;
    options = CSLSetNameValue(options, "TILED", "YES");
    options = CSLSetNameValue(options, "BLOCKXSIZE", "256");
    options = CSLSetNameValue(options, "BLOCKYSIZE", "256");
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    options = CSLSetNameValue(options, "PREDICTOR", "2");
    options = CSLSetNameValue(options, "INTERLEAVE", "PIXEL");
    options = CSLSetNameValue(options, "PHOTOMETRIC", "RGB");
    options = CSLSetNameValue(options, "BIGTIFF", "IF_SAFER");
    if (spec.bands > 3) options = CSLSetNameValue(options, "ALPHA", "NO");
    CPLErrorReset();
    m_impl->dataset.reset(driver->Create(path.c_str(), spec.width, spec.height, spec.bands, GDT_Byte, options));
    CSLDestroy(options);
    if (!m_impl->dataset) throw GdalError("create '" + path + "': " + lastGdalError("cannot create GeoTIFF"));
    setGeoreference(m_impl->dataset.get(), spec.originX, spec.originY, spec.pixelSize, spec.epsg);
    const GDALColorInterp interp[] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_Undefined};
    const char* names[] = {"rood", "groen", "blauw", "nabij-infrarood"};
    for (int b = 1; b <= spec.bands && b <= 4; ++b) {
        m_impl->dataset->GetRasterBand(b)->SetColorInterpretation(interp[b - 1]);
        m_impl->dataset->GetRasterBand(b)->SetDescription(names[b - 1]);
    }
}

RasterWriter::~RasterWriter() = default;

const RasterSpec& RasterWriter::spec() const { return m_impl->spec; }

void RasterWriter::writeWindow(int x0, int y0, int w, int h, const std::vector<std::uint8_t>& pixels)
{
    const int bands = m_impl->spec.bands;
    if (pixels.size() != static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * static_cast<std::size_t>(bands))
        throw GdalError("'" + m_impl->path + "': window buffer has the wrong size");
    CPLErrorReset();
    const CPLErr err = m_impl->dataset->RasterIO(GF_Write, x0, y0, w, h, const_cast<std::uint8_t*>(pixels.data()), w,
                                                 h, GDT_Byte, bands, nullptr, bands, static_cast<GSpacing>(w) * bands,
                                                 1, nullptr);
    if (err != CE_None) throw GdalError("'" + m_impl->path + "': " + lastGdalError("cannot write pixels"));
}

void RasterWriter::finish()
{
    if (!m_impl->dataset) return;
    std::vector<int> factors;
    for (int f = 2; m_impl->spec.width / f >= 256 || m_impl->spec.height / f >= 256; f *= 2) factors.push_back(f);
    if (!factors.empty()) {
        CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
        CPLSetThreadLocalConfigOption("PREDICTOR_OVERVIEW", "2");
        CPLErrorReset();
        const CPLErr err = m_impl->dataset->BuildOverviews("AVERAGE", static_cast<int>(factors.size()),
                                                           factors.data(), 0, nullptr, nullptr, nullptr, nullptr);
        CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", nullptr);
        CPLSetThreadLocalConfigOption("PREDICTOR_OVERVIEW", nullptr);
        if (err != CE_None) throw GdalError("'" + m_impl->path + "': " + lastGdalError("cannot build overviews"));
    }
    m_impl->dataset.reset();
}

struct RasterCanvas::Impl {
    int width = 0;
    int height = 0;
    int bands = 0;
    GdalDatasetPtr dataset;
};

RasterCanvas::RasterCanvas(int width, int height, int bands, double originX, double originY, double pixelSize)
    : m_impl(std::make_unique<Impl>())
{
    ensureGdalRegistered();
    m_impl->width = width;
    m_impl->height = height;
    m_impl->bands = bands;
    auto* driver = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!driver) throw GdalError("GDAL has no MEM driver");
    m_impl->dataset.reset(driver->Create("", width, height, bands, GDT_Byte, nullptr));
    if (!m_impl->dataset) throw GdalError(lastGdalError("cannot create an in-memory raster"));
    setGeoreference(m_impl->dataset.get(), originX, originY, pixelSize, 0);
}

RasterCanvas::~RasterCanvas() = default;

void RasterCanvas::fill(const std::vector<std::uint8_t>& colour)
{
    for (int b = 0; b < m_impl->bands && b < static_cast<int>(colour.size()); ++b)
        m_impl->dataset->GetRasterBand(b + 1)->Fill(colour[static_cast<std::size_t>(b)]);
}

void RasterCanvas::burn(const std::vector<const std::vector<std::uint8_t>*>& geometries,
                        const std::vector<std::vector<std::uint8_t>>& colours)
{
    if (geometries.empty()) return;
    std::vector<OgrGeometryPtr> owned;
    std::vector<OGRGeometryH> handles;
    std::vector<double> values;
    owned.reserve(geometries.size());
    for (std::size_t i = 0; i < geometries.size(); ++i) {
        OGRGeometry* g = nullptr;
        const auto* wkb = geometries[i];
        if (OGRGeometryFactory::createFromWkb(wkb->data(), nullptr, &g, wkb->size()) != OGRERR_NONE) continue;
        owned.emplace_back(g);
        handles.push_back(OGRGeometry::ToHandle(g));
        for (int b = 0; b < m_impl->bands; ++b) values.push_back(colours[i][static_cast<std::size_t>(b)]);
    }
    std::vector<int> bandList;
    for (int b = 1; b <= m_impl->bands; ++b) bandList.push_back(b);
    CPLErrorReset();
    const CPLErr err = GDALRasterizeGeometries(GDALDataset::ToHandle(m_impl->dataset.get()), m_impl->bands,
                                               bandList.data(), static_cast<int>(handles.size()), handles.data(),
                                               nullptr, nullptr, values.data(), nullptr, nullptr, nullptr);
    if (err != CE_None) throw GdalError(lastGdalError("cannot rasterise"));
}

std::vector<std::uint8_t> RasterCanvas::pixels() const
{
    const auto w = static_cast<std::size_t>(m_impl->width);
    const auto h = static_cast<std::size_t>(m_impl->height);
    const auto n = static_cast<std::size_t>(m_impl->bands);
    std::vector<std::uint8_t> out(w * h * n);
    const CPLErr err = m_impl->dataset->RasterIO(GF_Read, 0, 0, m_impl->width, m_impl->height, out.data(),
                                                 m_impl->width, m_impl->height, GDT_Byte, m_impl->bands, nullptr,
                                                 static_cast<GSpacing>(n), static_cast<GSpacing>(w * n), 1, nullptr);
    if (err != CE_None) throw GdalError(lastGdalError("cannot read the in-memory raster"));
    return out;
}

}  // namespace riskmap::gis
