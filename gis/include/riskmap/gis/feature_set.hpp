// SPDX-License-Identifier: GPL-3.0-or-later
// An in-memory set of workspace features (attributes + GEOS geometry) with an R-tree over their envelopes.
#pragma once

#include "riskmap/gis/layer_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

namespace detail { struct FeatureSetData; }

/// A layer loaded into memory for spatial queries. Immutable after loading, so
/// many threads may query it at once (each with its own SpatialQuery).
/// Features without a geometry are kept (their attributes count) but never match a query.
class FeatureSet {
public:
    /// Loads `columns` (all attribute columns when empty) and the geometries of `table`, in fid order.
    /// With `keepWkb`, the WKB is kept too (for writing it out again).
    /// Throws Error when the table does not exist, GeosError when a geometry cannot be parsed.
    static FeatureSet load(SpatialiteDb& db, const std::string& table, std::vector<std::string> columns = {},
                           bool keepWkb = false);
    /// Builds a set from rows in memory (tests, derived layers); same rules as load().
    static FeatureSet fromRows(std::vector<std::string> columns, std::vector<FeatureRow> rows, bool keepWkb = false);

    FeatureSet(FeatureSet&&) noexcept;
    FeatureSet& operator=(FeatureSet&&) noexcept;
    ~FeatureSet();

    std::size_t size() const;
    bool empty() const { return size() == 0; }
    const std::vector<std::string>& columns() const;
    /// Index of a column, or nullopt.
    std::optional<std::size_t> columnIndex(const std::string& name) const;
    std::int64_t fid(std::size_t feature) const;
    const FieldValue& value(std::size_t feature, std::size_t column) const;
    /// The attribute row of a feature (in columns() order).
    const std::vector<FieldValue>& values(std::size_t feature) const;
    /// The WKB as read (only with keepWkb; empty otherwise or for a NULL geometry).
    const std::vector<unsigned char>& wkb(std::size_t feature) const;
    bool hasGeometry(std::size_t feature) const;
    /// The envelope of a feature's geometry (all zero without geometry).
    Box envelope(std::size_t feature) const;
    /// Planar area of a feature's geometry in m² (0 for points and lines).
    double area(std::size_t feature) const;

    /// Features whose envelope meets `box`, in ascending index order.
    std::vector<std::size_t> candidates(const Box& box) const;

    /// Computes each feature's point on surface once, with an R-tree over them
    /// (used by SpatialQuery::pointsOnSurfaceInSubject). Call before sharing between threads.
    void preparePointsOnSurface();
    bool pointsOnSurfacePrepared() const;

    /// For the query code in gis/src only.
    const detail::FeatureSetData& data() const { return *m_data; }

private:
    FeatureSet();
    std::unique_ptr<detail::FeatureSetData> m_data;
};

/// The dissolved union of a polygon layer, split into disjoint parts with an R-tree, so
/// that the area of overlap with a polygon only touches the nearby parts.
class PolygonUnion {
public:
    /// Unions every polygon of `set` whose flag in `mask` is set (all when the mask is empty),
    /// with GEOSUnaryUnion once. No polygons give an empty union. Throws GeosError.
    explicit PolygonUnion(const FeatureSet& set, const std::vector<std::uint8_t>& mask = {});
    PolygonUnion(PolygonUnion&&) noexcept;
    PolygonUnion& operator=(PolygonUnion&&) noexcept;
    ~PolygonUnion();
    std::size_t partCount() const;
    double area() const;

    /// For the query code in gis/src only.
    const detail::FeatureSetData& data() const { return *m_parts; }

private:
    std::unique_ptr<detail::FeatureSetData> m_parts;
};

/// Days since 1970-01-01 of an ISO date value (`2025-03-01`), or nullopt when absent or unparsable.
std::optional<std::int64_t> fieldDays(const FieldValue& value);
/// Text of a value ("" for NULL; numbers as written by std::to_string without trailing zeros).
std::string fieldText(const FieldValue& value);
/// A number from a value (text parsed), or nullopt.
std::optional<double> fieldNumber(const FieldValue& value);

}  // namespace riskmap::gis
