// SPDX-License-Identifier: GPL-3.0-or-later
// The view of the map: a world extent (RD metres) fitted into a pixel size, and the transform between them.
#pragma once

#include "riskmap/gis/layer_reader.hpp"

#include <QPointF>
#include <QSize>

namespace riskmap::render {

/// A north-up view: `resolution` metres per pixel, a world centre and a pixel size.
/// Pixel (0,0) is the top-left corner of the top-left pixel; y grows downwards.
class MapView {
public:
    MapView() = default;
    /// Fits `extent` into `size`, keeping the aspect ratio: the larger of the two
    /// metres-per-pixel ratios is used and the extent is centred. Throws UsageError
    /// for an empty size or a degenerate extent.
    MapView(const gis::Box& extent, QSize size);
    /// A view with an explicit centre and resolution (metres per pixel).
    MapView(QPointF centre, double resolution, QSize size);

    QSize size() const { return m_size; }
    double resolution() const { return m_resolution; }
    QPointF centre() const { return m_centre; }
    /// The world box the pixels cover (may be larger than the requested extent on one axis).
    gis::Box extent() const;

    QPointF toPixel(double x, double y) const
    {
        return {(x - m_centre.x()) / m_resolution + m_size.width() / 2.0,
                m_size.height() / 2.0 - (y - m_centre.y()) / m_resolution};
    }
    QPointF toPixel(QPointF world) const { return toPixel(world.x(), world.y()); }
    QPointF toWorld(QPointF pixel) const
    {
        return {m_centre.x() + (pixel.x() - m_size.width() / 2.0) * m_resolution,
                m_centre.y() - (pixel.y() - m_size.height() / 2.0) * m_resolution};
    }

    /// The same view moved by a pixel offset (content follows the mouse: dx > 0 shows more west).
    MapView panned(double dxPx, double dyPx) const;
    /// Zoomed by `factor` (> 1 zooms in) keeping the world point under `anchorPx` fixed.
    MapView zoomed(double factor, QPointF anchorPx) const;
    /// The same centre and scale at another pixel size.
    MapView resized(QSize size) const { return MapView(m_centre, m_resolution, size); }
    /// The map scale 1:N for a device of `dpi` dots per inch.
    double scaleDenominator(double dpi) const { return m_resolution * dpi / 0.0254; }

private:
    QPointF m_centre;
    double m_resolution = 1.0;
    QSize m_size{1, 1};
};

}  // namespace riskmap::render
