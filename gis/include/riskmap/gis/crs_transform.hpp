// SPDX-License-Identifier: GPL-3.0-or-later
// Reprojection to RD New (EPSG:28992) with PROJ, recording the operation used.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace riskmap::gis {

/// What PROJ chose for a source CRS → EPSG:28992, for provenance.
struct CrsChoice {
    std::string sourceCrs;        ///< e.g. "EPSG:4326 (WGS 84)"
    std::string operationName;    ///< PROJ's name of the operation; "geen (al RD New)" for identity
    std::optional<double> accuracyM;  ///< PROJ's stated accuracy; nullopt when unknown
    bool ballpark = false;        ///< only a ballpark transformation was available (may be 100+ m off)
    bool identity = false;        ///< source is RD New already: coordinates untouched
    bool sourceGeographic = false;
};

/// Transforms coordinates from one source CRS to EPSG:28992 (x = easting).
/// Not thread-safe: one instance per thread.
class CrsTransformer {
public:
    /// `sourceCrs` is anything PROJ understands ("EPSG:4326", WKT, PROJJSON).
    /// Throws ProjError when no operation exists.
    explicit CrsTransformer(const std::string& sourceCrs);
    ~CrsTransformer();
    CrsTransformer(const CrsTransformer&) = delete;
    CrsTransformer& operator=(const CrsTransformer&) = delete;

    const CrsChoice& choice() const { return m_choice; }
    /// Transforms one point in place (input in lon/lat or easting/northing order);
    /// false when PROJ cannot transform it.
    bool transform(double& x, double& y) const;

    /// RD → ETRS89 (EPSG:4258) lon/lat, for tests and the WGS84 read-out.
    static bool rdToEtrs89(double x, double y, double& lon, double& lat);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    CrsChoice m_choice;
};

/// A short name for a CRS definition, e.g. "EPSG:28992 (Amersfoort / RD New)".
std::string describeCrs(const std::string& definition);

}  // namespace riskmap::gis
