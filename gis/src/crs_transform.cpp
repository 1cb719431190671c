// SPDX-License-Identifier: GPL-3.0-or-later
// PROJ operation selection and coordinate transformation.
#include "riskmap/gis/crs_transform.hpp"

#include "riskmap/core/error.hpp"

#include <proj.h>

#include <cmath>

namespace riskmap::gis {
namespace {

struct PjDeleter { void operator()(PJ* p) const { proj_destroy(p); } };
using ProjPtr = std::unique_ptr<PJ, PjDeleter>;
struct PjListDeleter { void operator()(PJ_OBJ_LIST* l) const { proj_list_destroy(l); } };
using ProjListPtr = std::unique_ptr<PJ_OBJ_LIST, PjListDeleter>;
struct CtxDeleter { void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); } };
using ProjCtxPtr = std::unique_ptr<PJ_CONTEXT, CtxDeleter>;

std::string crsLabel(PJ_CONTEXT* ctx, PJ* crs)
{
    std::string label;
    const char* auth = proj_get_id_auth_name(crs, 0);
    const char* code = proj_get_id_code(crs, 0);
    if (auth && code) label = std::string(auth) + ":" + code;
    if (!auth || !code) {
        // Identify against the EPSG database (WKT from files often lacks an ID).
        int* confidence = nullptr;
        ProjListPtr matches(proj_identify(ctx, crs, "EPSG", nullptr, &confidence));
        if (matches && proj_list_get_count(matches.get()) > 0 && confidence && confidence[0] >= 70) {
            ProjPtr best(proj_list_get(ctx, matches.get(), 0));
            const char* c = proj_get_id_code(best.get(), 0);
            if (c) label = std::string("EPSG:") + c;
        }
        proj_int_list_destroy(confidence);
    }
    const char* name = proj_get_name(crs);
    if (name) label += label.empty() ? std::string(name) : " (" + std::string(name) + ")";
    return label.empty() ? "onbekend" : label;
}

/// The horizontal part of a compound CRS (e.g. RD New + NAP height).
ProjPtr horizontal(PJ_CONTEXT* ctx, ProjPtr crs)
{
    if (proj_get_type(crs.get()) == PJ_TYPE_COMPOUND_CRS) return ProjPtr(proj_crs_get_sub_crs(ctx, crs.get(), 0));
    if (proj_get_type(crs.get()) == PJ_TYPE_BOUND_CRS) return ProjPtr(proj_get_source_crs(ctx, crs.get()));
    return crs;
}

}  // namespace

struct CrsTransformer::Impl {
    ProjCtxPtr ctx{proj_context_create()};
    ProjPtr op;
};

CrsTransformer::CrsTransformer(const std::string& sourceCrs) : m_impl(std::make_unique<Impl>())
{
    PJ_CONTEXT* ctx = m_impl->ctx.get();
    proj_log_level(ctx, PJ_LOG_NONE);
    ProjPtr source(proj_create(ctx, sourceCrs.c_str()));
    if (!source) throw ProjError("onbekend coördinatenstelsel / unknown CRS: " + sourceCrs.substr(0, 200));
    source = horizontal(ctx, std::move(source));
    ProjPtr target(proj_create(ctx, "EPSG:28992"));
    m_choice.sourceCrs = crsLabel(ctx, source.get());
    const PJ_TYPE type = proj_get_type(source.get());
    m_choice.sourceGeographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;

    if (proj_is_equivalent_to_with_ctx(ctx, source.get(), target.get(), PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS)) {
        m_choice.identity = true;
        m_choice.operationName = "geen (bron is al RD New)";
        m_choice.accuracyM = 0.0;
        return;
    }

    struct FactoryDeleter { void operator()(PJ_OPERATION_FACTORY_CONTEXT* f) const { proj_operation_factory_context_destroy(f); } };
    std::unique_ptr<PJ_OPERATION_FACTORY_CONTEXT, FactoryDeleter> factory(proj_create_operation_factory_context(ctx, nullptr));
    proj_operation_factory_context_set_grid_availability_use(ctx, factory.get(), PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID);
    proj_operation_factory_context_set_spatial_criterion(ctx, factory.get(), PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
    ProjListPtr ops(proj_create_operations(ctx, source.get(), target.get(), factory.get()));
    if (!ops || proj_list_get_count(ops.get()) == 0)
        throw ProjError("geen transformatie van " + m_choice.sourceCrs + " naar EPSG:28992 (RD New)");

    // PROJ sorts the list best first (accuracy, area); take the first one usable here.
    ProjPtr best(proj_list_get(ctx, ops.get(), 0));
    m_choice.operationName = proj_get_name(best.get()) ? proj_get_name(best.get()) : "onbekend";
    const double accuracy = proj_coordoperation_get_accuracy(ctx, best.get());
    if (accuracy >= 0) m_choice.accuracyM = accuracy;
    m_choice.ballpark = proj_coordoperation_has_ballpark_transformation(ctx, best.get()) != 0;
    // Visualisation order: lon/lat or easting/northing, as GIS files store them.
    m_impl->op.reset(proj_normalize_for_visualization(ctx, best.get()));
    if (!m_impl->op) throw ProjError("PROJ kan de transformatie niet voorbereiden: " + m_choice.operationName);
}

CrsTransformer::~CrsTransformer() = default;

bool CrsTransformer::transform(double& x, double& y) const
{
    if (m_choice.identity) return std::isfinite(x) && std::isfinite(y);
    PJ_COORD c = proj_coord(x, y, 0, 0);
    c = proj_trans(m_impl->op.get(), PJ_FWD, c);
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL) return false;
    x = c.xy.x;
    y = c.xy.y;
    return true;
}

bool CrsTransformer::rdToEtrs89(double x, double y, double& lon, double& lat)
{
    thread_local ProjCtxPtr ctx{proj_context_create()};
    thread_local ProjPtr op = [] {
        proj_log_level(ctx.get(), PJ_LOG_NONE);
        ProjPtr raw(proj_create_crs_to_crs(ctx.get(), "EPSG:28992", "EPSG:4258", nullptr));
        return ProjPtr(raw ? proj_normalize_for_visualization(ctx.get(), raw.get()) : nullptr);
    }();
    if (!op) return false;
    PJ_COORD c = proj_trans(op.get(), PJ_FWD, proj_coord(x, y, 0, 0));
    if (!std::isfinite(c.lp.lam) || !std::isfinite(c.lp.phi)) return false;
    lon = c.lp.lam;
    lat = c.lp.phi;
    return true;
}

std::string describeCrs(const std::string& definition)
{
    ProjCtxPtr ctx{proj_context_create()};
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    ProjPtr crs(proj_create(ctx.get(), definition.c_str()));
    if (!crs) return definition.substr(0, 80);
    return crsLabel(ctx.get(), crs.get());
}

}  // namespace riskmap::gis
