// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring parcels with expert weights and explaining the score.
#include "riskmap/layers/risk_scoring.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace riskmap::layers {
namespace {

/// Normalised, weight-oriented values of one indicator (0 where empty or constant).
std::vector<double> normalise(const std::vector<std::optional<double>>& values, double weight, Normalisation how)
{
    std::vector<double> present;
    for (const auto& v : values)
        if (v) present.push_back(*v);
    std::vector<double> out(values.size(), 0.0);
    if (present.size() < 2 || weight == 0) return out;
    std::sort(present.begin(), present.end());
    if (present.front() == present.back()) return out;  // the same everywhere: it explains nothing
    const double n1 = static_cast<double>(present.size() - 1);
    if (how == Normalisation::Rank) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i]) continue;
            // Ties share the lowest rank on the harmless side, so the common value (0 incidents,
            // 2 km to a dwelling) gets no credit.
            const double below = static_cast<double>(std::lower_bound(present.begin(), present.end(), *values[i]) - present.begin());
            const double above = static_cast<double>(present.end() - std::upper_bound(present.begin(), present.end(), *values[i]));
            out[i] = (weight > 0 ? below : above) / n1;
        }
    } else {
        const double mean = std::accumulate(present.begin(), present.end(), 0.0) / static_cast<double>(present.size());
        double ss = 0;
        for (double v : present) ss += (v - mean) * (v - mean);
        const double sd = std::sqrt(ss / n1);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i]) out[i] = (weight > 0 ? 1.0 : -1.0) * (*values[i] - mean) / sd;
    }
    return out;
}

std::string formatDistance(double m)
{
    if (m < 1000) return formatDutchNumber(std::round(m), 0) + " m";
    return formatDutchNumber(m / 1000.0, 1) + " km";
}

}  // namespace

std::string formatDutchNumber(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(std::fabs(value) * scale);
    long long whole = static_cast<long long>(rounded / scale);
    long long frac = static_cast<long long>(rounded - static_cast<double>(whole) * scale);
    std::string digits = std::to_string(whole);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) grouped += '.';
        grouped += digits[i];
    }
    std::string out = (value < 0 && rounded > 0 ? "-" : "") + grouped;
    if (decimals > 0) {
        std::string f = std::to_string(frac);
        out += "," + std::string(static_cast<std::size_t>(decimals) - f.size(), '0') + f;
    }
    return out;
}

std::string describeIndicator(const IndicatorSpec& spec, double value)
{
    std::string shown;
    switch (spec.kind) {
    case IndicatorKind::DistanceToNearest:
    case IndicatorKind::NearestOther:
        shown = formatDistance(value);
        if (spec.cap && value >= *spec.cap) shown = "meer dan " + shown;
        break;
    case IndicatorKind::AreaShare: shown = formatDutchNumber(value * 100.0, 0) + "%"; break;
    case IndicatorKind::VacantFarmArea: shown = formatDutchNumber(value, 0) + " m²"; break;
    case IndicatorKind::ContainedAggregate:
        shown = spec.aggregate == "sum" ? formatDutchNumber(value, 0) + " m²" : formatDutchNumber(value, 0);
        break;
    case IndicatorKind::KernelDensity: shown = formatDutchNumber(value, 1) + " per km²"; break;
    default: shown = spec.integerValued() ? formatDutchNumber(value, 0) : formatDutchNumber(value, 2); break;
    }
    std::string text = spec.label.empty() ? spec.name + " = {}" : spec.label;
    if (auto pos = text.find("{}"); pos != std::string::npos) text.replace(pos, 2, shown);
    // "1 risicovolle bedrijven" reads wrong; the common plural forms get their singular.
    if (value == 1.0 && spec.integerValued()) {
        for (auto [plural, single] : {std::pair{"1 risicovolle bedrijven", "1 risicovol bedrijf"},
                                      std::pair{"1 panden", "1 pand"}, std::pair{"1 incidenten", "1 incident"},
                                      std::pair{"1 bedrijven", "1 bedrijf"}, std::pair{"1 adressen", "1 adres"}}) {
            if (auto pos = text.find(plural); pos != std::string::npos) text.replace(pos, std::string(plural).size(), single);
        }
    }
    return text;
}

std::vector<int> quantileClasses(const std::vector<double>& scores, int classes)
{
    std::vector<int> out(scores.size(), 1);
    if (scores.empty() || classes < 2) return out;
    std::vector<double> sorted = scores;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> breaks;
    const std::size_t n = sorted.size();
    for (int k = 1; k < classes; ++k) {
        std::size_t rank = static_cast<std::size_t>(std::ceil(static_cast<double>(k) * static_cast<double>(n) / classes));
        breaks.push_back(sorted[std::clamp<std::size_t>(rank, 1, n) - 1]);
    }
    for (std::size_t i = 0; i < scores.size(); ++i) {
        int c = 1;
        for (double b : breaks)
            if (scores[i] > b) ++c;
        out[i] = c;
    }
    return out;
}

std::vector<ParcelScore> scoreParcels(const IndicatorTable& table, const EngineSettings& settings)
{
    const std::size_t parcels = table.values.empty() ? 0 : table.values.front().size();
    std::vector<ParcelScore> out(parcels);
    for (auto& p : out) p.contributions.assign(table.specs.size(), 0.0);
    for (std::size_t k = 0; k < table.specs.size(); ++k) {
        const double w = settings.weight(table.specs[k]);
        const auto normalised = normalise(table.values[k], w, settings.normalisation);
        for (std::size_t i = 0; i < parcels; ++i) out[i].contributions[k] = std::fabs(w) * normalised[i];
    }
    std::vector<double> scores(parcels);
    for (std::size_t i = 0; i < parcels; ++i) {
        auto& p = out[i];
        // Summed in indicator order: the same inputs give the same bits.
        p.score = std::accumulate(p.contributions.begin(), p.contributions.end(), 0.0);
        scores[i] = p.score;
        std::vector<std::size_t> order(table.specs.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return p.contributions[a] > p.contributions[b]; });
        std::string words;
        int used = 0;
        for (std::size_t k : order) {
            if (used == 3 || p.contributions[k] <= 0 || !table.values[k][i]) break;
            words += (used ? "; " : "") + describeIndicator(table.specs[k], *table.values[k][i]);
            ++used;
        }
        p.verklaring = words.empty() ? "geen opvallende kenmerken" : words;
    }
    const auto classes = quantileClasses(scores, settings.classes);
    for (std::size_t i = 0; i < parcels; ++i) out[i].klasse = classes[i];
    return out;
}

}  // namespace riskmap::layers
