// SPDX-License-Identifier: GPL-3.0-or-later
// Writes 8-bit multi-band GeoTIFFs (tiled, DEFLATE, overviews) window by window.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace riskmap::gis {

struct RasterSpec {
    int width = 0;
    int height = 0;
    int bands = 3;          ///< 3 = RGB, 4 = RGB + near infrared
    double originX = 0.0;   ///< left edge
    double originY = 0.0;   ///< top edge
    double pixelSize = 1.0; ///< metres
    int epsg = 28992;
};

/// A GeoTIFF under construction. Windows are written pixel-interleaved
/// (R,G,B[,N] per pixel, rows top to bottom); finish() adds overviews.
class RasterWriter {
public:
    /// Creates (replaces) the file; throws GdalError.
    RasterWriter(const std::string& path, const RasterSpec& spec);
    ~RasterWriter();
    RasterWriter(const RasterWriter&) = delete;
    RasterWriter& operator=(const RasterWriter&) = delete;

    const RasterSpec& spec() const;
    /// Writes a w×h window at pixel (x0, y0); throws GdalError.
    void writeWindow(int x0, int y0, int w, int h, const std::vector<std::uint8_t>& pixels);
    /// Builds averaged overviews (factors 2…, down to ~256 px) and closes; throws GdalError.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// An in-memory 8-bit canvas in map coordinates onto which polygons are burnt
/// (later burns cover earlier ones; a pixel is burnt when its centre is inside).
class RasterCanvas {
public:
    /// Throws GdalError.
    RasterCanvas(int width, int height, int bands, double originX, double originY, double pixelSize);
    ~RasterCanvas();
    RasterCanvas(const RasterCanvas&) = delete;
    RasterCanvas& operator=(const RasterCanvas&) = delete;

    /// Sets every pixel to `colour` (one value per band).
    void fill(const std::vector<std::uint8_t>& colour);
    /// Burns each WKB (polygons; lines burn their touched pixels) with its colour.
    /// Throws GdalError.
    void burn(const std::vector<const std::vector<std::uint8_t>*>& geometries,
              const std::vector<std::vector<std::uint8_t>>& colours);
    /// The pixels, interleaved by pixel. Throws GdalError.
    std::vector<std::uint8_t> pixels() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace riskmap::gis
