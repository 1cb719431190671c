// SPDX-License-Identifier: GPL-3.0-or-later
// The inside of a FeatureSet: GEOS geometries and Boost.Geometry R-trees (private to gis).
#pragma once

#include "geos_context.hpp"
#include "point_buckets.hpp"
#include "riskmap/gis/layer_reader.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace riskmap::gis::detail {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgBox = bg::model::box<BgPoint>;
using BoxEntry = std::pair<BgBox, std::size_t>;
using BoxTree = bgi::rtree<BoxEntry, bgi::rstar<16>>;

inline BgBox toBgBox(const Box& b) { return BgBox(BgPoint(b.xmin, b.ymin), BgPoint(b.xmax, b.ymax)); }

/// Owns the GEOS geometries (destroyed with the context that made them).
struct FeatureSetData {
    FeatureSetData() = default;
    ~FeatureSetData();
    FeatureSetData(const FeatureSetData&) = delete;
    FeatureSetData& operator=(const FeatureSetData&) = delete;

    GeosContext ctx;
    std::vector<std::string> columns;
    std::vector<std::int64_t> fids;
    std::vector<std::vector<FieldValue>> values;
    std::vector<std::vector<unsigned char>> wkbs;
    std::vector<GEOSGeometry*> geoms;  ///< nullptr for a NULL or empty geometry
    std::vector<Box> boxes;
    std::vector<double> areas;
    BoxTree tree;

    bool posReady = false;
    /// Each feature's point on surface as plain coordinates (no GEOS object per feature: building and
    /// freeing hundreds of thousands of them cost more than the queries); posHas[i] is 0 where there is none.
    std::vector<double> posX, posY;
    std::vector<std::uint8_t> posHas;
    PointBuckets posBuckets;  ///< the points on surface by grid cell

    /// Takes ownership of `g` as a new feature's geometry: envelope, area, priming of lazy caches.
    void adopt(GEOSGeometry* g);
    /// A geometry made ready for adoption (in any thread, with any context): nullptr when empty.
    struct Described {
        GEOSGeometry* geom = nullptr;
        Box box;
        double area = 0;
    };
    static Described describe(GEOSContextHandle_t h, GEOSGeometry* g);
    /// Appends a described geometry (ownership passes to this set).
    void append(const Described& g);
    /// Bulk-loads the R-tree over the envelopes (deterministic packing).
    void buildTree();
};

/// Computes and caches the envelopes of every component and ring, so that later
/// concurrent read-only use never writes a lazily computed cache.
void primeEnvelopes(GEOSContextHandle_t ctx, const GEOSGeometry* g);

}  // namespace riskmap::gis::detail
