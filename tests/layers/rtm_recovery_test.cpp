// SPDX-License-Identifier: GPL-3.0-or-later
// The RTM fitted on a generated sample recovers the incident model the generator wrote down.
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/sample/sample_generator.hpp"
#include "riskmap/layers/terrain_model.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace riskmap::test {
namespace {


/// The coefficient the generator recorded for `name` in incident_model.json.
double trueCoefficient(const std::string& json, const std::string& name)
{
    std::smatch m;
    if (!std::regex_search(json, m, std::regex("\"naam\": \"" + name + "\", \"coefficient\": ([-0-9.]+)")))
        throw std::runtime_error("no coefficient for " + name);
    return std::stod(m[1]);
}

const core::stats::RtmFactor* find(const core::stats::RtmReport& r, const std::string& factor)
{
    for (const auto& f : r.factors)
        if (f.factor == factor) return &f;
    return nullptr;
}

// No hot spots (see below). A 12 × 10 km window of the sample (about 10 700 cells of 100 m, some 370 incidents in five years):
// XS (6 × 5 km, ~100 incidents) is too small to pin three coefficients, S takes minutes.
TEST(RtmRecovery, GeneratorFactorsComeOutWithTrueCoefficientsInsideTheirIntervals)
{
    TempDir dir;
    layers::sample::SampleOptions o;
    o.outDir = dir.file("data");
    o.scale = layers::sample::SampleScale::XS;
    o.extent = std::array<double, 4>{155000, 444000, 167000, 454000};
    // Seed 1 (the sample project's). Seeds 1 and 2 pass; seed 3 misses oprit (−0.232, interval −0.281…−0.183)
    // and adressen (−0.381, −0.460…−0.301) by 0.003 and 0.001: about 2 standard errors, which three 95 %
    // intervals give in roughly one realisation in seven.
    o.seed = 1;
    if (const char* seed = std::getenv("RISKMAP_RTM_TEST_SEED")) o.seed = std::stoull(seed);  // other realisations by hand
    o.photos = false;
    // Without the hot spots the written-down model is exactly log-linear in its three factors. With them
    // (the default sample) the hot spot at the business park by the A12 is an omitted variable near an
    // exit: oprit then comes out at −0.22…−0.25 per km (true −0.18) on this window.
    o.hotspots = false;
    o.boundariesPath = sourcePath("sample_data/heuvelrug/gemeenten_heuvelrug.gpkg");
    core::Feedback fb;
    layers::sample::generateSample(o, fb);
    const std::string json = readFileText(dir.file("data/incident_model.json"));
    const double bVab = trueCoefficient(json, "vab_250m");
    const double bOprit = trueCoefficient(json, "afstand_oprit_km");
    const double bAdressen = trueCoefficient(json, "ln1p_n_adressen_500m");

    const std::string ws = dir.file("ws.sqlite");
    ASSERT_EQ(runCli({"init", ws}).exitCode, 0);
    const auto imp = runCli({"import", ws, dir.file("data/heuvelrug.gpkg")});
    ASSERT_EQ(imp.exitCode, 0) << imp.err;

    auto workspace = gis::Workspace::open(ws);
    auto settings = layers::OpportunitySettings::defaults(layers::EngineSettings::defaults());
    settings.rtmYears = 5;  // the generator draws 2021–2025
    const auto report = layers::buildRiskTerrainModel(workspace, settings, core::Date{std::chrono::year(2025) / 12 / 31}, fb);
    const auto& m = report.model;
    ASSERT_TRUE(m.modelFitted) << report.text;
    for (const auto& [step, seconds] : report.seconds) std::printf("  %s %.1f s\n", step.c_str(), seconds);

    auto inside = [](const core::stats::RtmFactor& f, double b) {
        return std::log(f.rrvLower) <= b && b <= std::log(f.rrvUpper);
    };
    // vab_250m: 1 when a vacant farm building lies within 250 m → proximity at 250 m.
    const auto* vab = find(m, "vab");
    ASSERT_NE(vab, nullptr) << report.text;
    EXPECT_EQ(vab->operationalisation, "nabijheid") << report.text;
    EXPECT_EQ(vab->distance, 250) << report.text;
    EXPECT_TRUE(inside(*vab, bVab)) << bVab << "\n" << report.text;
    // afstand_oprit_km: linear in km.
    const auto* oprit = find(m, "oprit");
    ASSERT_NE(oprit, nullptr) << report.text;
    EXPECT_EQ(oprit->operationalisation, "afstand_km") << report.text;
    EXPECT_TRUE(inside(*oprit, bOprit)) << bOprit << "\n" << report.text;
    // ln(1 + addresses within 500 m).
    const auto* adressen = find(m, "adressen");
    ASSERT_NE(adressen, nullptr) << report.text;
    EXPECT_EQ(adressen->operationalisation, "log_dichtheid") << report.text;
    EXPECT_TRUE(inside(*adressen, bAdressen)) << bAdressen << "\n" << report.text;
    // Factors the generator left out ("geen_invloed") are dropped, or their interval holds 0.
    for (const char* none : {"risicovolle_vestigingen", "bedrijventerrein", "vakantiepark"}) {
        if (const auto* f = find(m, none)) {
            EXPECT_TRUE(inside(*f, 0.0)) << none << "\n" << report.text;
        }
    }
}

}  // namespace
}  // namespace riskmap::test
