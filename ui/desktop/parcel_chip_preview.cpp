// SPDX-License-Identifier: GPL-3.0-or-later
// Identify-panel chips: written as GeoTIFF into a temporary folder, read back as an image.
#include "parcel_chip_preview.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/image_chip.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/raster_window.hpp"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>

#include <map>

namespace riskmap::desktop {

std::vector<ChipPreview> latestChipPreviews(gis::SpatialiteDb& db, const gis::Wkb& outline, int years, int size)
{
    std::vector<ChipPreview> out;
    if (outline.empty() || !db.tableExists("rk_rasters")) return out;
    // One photo per year, as writeParcelChips picks it.
    std::map<int, gis::RasterRecord, std::greater<>> byYear;
    for (const auto& r : gis::loadRasters(db, "luchtfoto"))
        if (!byYear.count(r.year.value_or(0))) byYear.emplace(r.year.value_or(0), r);
    if (byYear.empty()) return out;
    const gis::Envelope extent = gis::chipExtent(outline);
    QTemporaryDir dir;
    for (const auto& [year, record] : byYear) {
        if (static_cast<int>(out.size()) >= years) break;
        ChipPreview chip;
        chip.year = year;
        const auto& e = record.info.extent;
        chip.covered = gis::Envelope{e.minX, e.minY, e.maxX, e.maxY}.intersects(extent);
        if (chip.covered) {
            try {
                const std::string path = dir.filePath(QString("chip_%1.tif").arg(year)).toStdString();
                gis::writeImageChip(record.info.path, outline, path, size);
                const auto win = gis::readRasterWindow(path, {extent.minX, extent.minY, extent.maxX, extent.maxY}, size, size,
                                                       gis::Resampling::Nearest);
                const QImage img(win.rgba.data(), win.width, win.height, win.width * 4, QImage::Format_RGBA8888);
                QBuffer buffer(&chip.png);
                buffer.open(QIODevice::WriteOnly);
                img.save(&buffer, "PNG");
            } catch (const Error&) {
                continue;  // an offline photo: the panel still explains the parcel
            }
        }
        out.push_back(std::move(chip));
    }
    return out;
}

}  // namespace riskmap::desktop
