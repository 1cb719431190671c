// SPDX-License-Identifier: GPL-3.0-or-later
// Feature snapping: a bounding-box read of the snap layers, vertices preferred over edges.
#include "feature_snap.hpp"

#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <variant>

namespace riskmap::desktop {

QPointF snapToFeatures(gis::Workspace& workspace, QPointF world, double tolerance, const std::string& skipZoneId)
{
    const gis::Box box{world.x() - tolerance, world.y() - tolerance, world.x() + tolerance, world.y() + tolerance};
    double bestVertex = tolerance, bestEdge = tolerance;
    std::optional<QPointF> vertex, edge;
    for (const char* layer : {"percelen", "risico_percelen", "panden", "risicozones"}) {
        if (!workspace.db().tableExists(layer)) continue;
        const bool zones = std::string_view(layer) == "risicozones";
        gis::LayerReader reader(workspace.db(), layer, {zones ? "zone_id" : "fid"}, box);
        gis::FeatureRow row;
        while (reader.next(row)) {
            if (zones && !skipZoneId.empty() && std::get_if<std::string>(&row.values[0]) &&
                std::get<std::string>(row.values[0]) == skipZoneId)
                continue;
            const auto g = render::parseWkb(row.wkb);
            for (const auto& part : g.parts)
                for (std::size_t i = 0; i < part.size(); ++i) {
                    const double d = std::hypot(part[i].x() - world.x(), part[i].y() - world.y());
                    if (d <= bestVertex) bestVertex = d, vertex = part[i];
                    if (i == 0) continue;
                    // Nearest point on the edge part[i-1]–part[i].
                    const QPointF a = part[i - 1], ab = part[i] - a;
                    const double len2 = QPointF::dotProduct(ab, ab);
                    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(world - a, ab) / len2, 0.0, 1.0) : 0.0;
                    const QPointF q = a + t * ab;
                    const double de = std::hypot(q.x() - world.x(), q.y() - world.y());
                    if (de <= bestEdge) bestEdge = de, edge = q;
                }
        }
    }
    // Vertices win over edges: a corner is what the analyst aims at.
    return vertex ? *vertex : edge ? *edge : world;
}

}  // namespace riskmap::desktop
