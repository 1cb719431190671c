// SPDX-License-Identifier: GPL-3.0-or-later
// World ↔ pixel arithmetic of a north-up map view.
#include "riskmap/render/map_view.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>

namespace riskmap::render {

MapView::MapView(const gis::Box& extent, QSize size) : m_size(size)
{
    const double w = extent.xmax - extent.xmin;
    const double h = extent.ymax - extent.ymin;
    if (size.width() <= 0 || size.height() <= 0) throw UsageError("kaartbeeld: ongeldige grootte");
    if (!(w > 0) && !(h > 0)) throw UsageError("kaartbeeld: leeg kaartvenster");
    m_resolution = std::max(w / size.width(), h / size.height());
    m_centre = QPointF((extent.xmin + extent.xmax) / 2.0, (extent.ymin + extent.ymax) / 2.0);
}

MapView::MapView(QPointF centre, double resolution, QSize size) : m_centre(centre), m_resolution(resolution), m_size(size)
{
    if (size.width() <= 0 || size.height() <= 0) throw UsageError("kaartbeeld: ongeldige grootte");
    if (!(resolution > 0)) throw UsageError("kaartbeeld: ongeldige resolutie");
}

gis::Box MapView::extent() const
{
    const double hw = m_size.width() * m_resolution / 2.0;
    const double hh = m_size.height() * m_resolution / 2.0;
    return {m_centre.x() - hw, m_centre.y() - hh, m_centre.x() + hw, m_centre.y() + hh};
}

MapView MapView::panned(double dxPx, double dyPx) const
{
    return MapView(QPointF(m_centre.x() - dxPx * m_resolution, m_centre.y() + dyPx * m_resolution), m_resolution, m_size);
}

MapView MapView::zoomed(double factor, QPointF anchorPx) const
{
    const QPointF anchor = toWorld(anchorPx);
    const double res = m_resolution / factor;
    // Keep `anchor` at `anchorPx`: centre = anchor - (anchorPx - size/2) * res (y flipped).
    const QPointF centre(anchor.x() - (anchorPx.x() - m_size.width() / 2.0) * res,
                         anchor.y() + (anchorPx.y() - m_size.height() / 2.0) * res);
    return MapView(centre, res, m_size);
}

}  // namespace riskmap::render
