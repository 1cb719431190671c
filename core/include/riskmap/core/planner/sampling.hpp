// SPDX-License-Identifier: GPL-3.0-or-later
// The addresses of one control day: the highest risks plus a seeded random share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::core::planner {

/// One address of a candidate target (business park, rural cluster, risk zone).
struct CandidateAddress {
    std::string id;        ///< vbo_id
    double risk = 0.0;     ///< risico_score
    bool dwelling = false; ///< woonfunctie: cannot be entered without consent or a warrant
};

/// How a control day is filled.
struct SampleSettings {
    int visits = 15;           ///< addresses per day, 10–25
    double randomShare = 0.2;  ///< share drawn at random among the other addresses, 0–1
    std::uint64_t seed = 0;    ///< recorded with the plan so the draw can be repeated
};

/// Why an address is on the list (`reden` in controle_adressen).
enum class SampleReason { Risk, Random };

struct SampledAddress {
    std::size_t index;  ///< into the candidate's addresses
    SampleReason reason;
    bool dwelling;
};

/// The addresses of one control day.
struct Sample {
    std::vector<SampledAddress> addresses;  ///< risk-ranked first (highest first), then random ones in draw order
    std::uint64_t seed = 0;
    double riskCovered = 0.0;  ///< sum of the risk of every sampled address
    int dwellings = 0;         ///< sampled addresses flagged as dwelling
};

/// Takes round(visits × randomShare) addresses at random (uniform, without replacement) among
/// the addresses not taken by risk, and the rest by descending risk (ties: id). When the
/// candidate has fewer addresses than `visits`, all are taken. Same inputs and seed give the
/// same sample on every platform. Throws InputError (Dutch) for visits outside 10–25 or a
/// share outside 0–1.
Sample drawSample(const std::vector<CandidateAddress>& addresses, const SampleSettings& settings);

/// The risk a control of this target covers on average over all seeds: the risk-ranked
/// addresses plus the random count × the mean risk of the other addresses. Deterministic, so
/// the year's selection does not depend on a draw. Same validation as drawSample.
double expectedRiskCovered(const std::vector<CandidateAddress>& addresses, const SampleSettings& settings);

/// The seed of one control, derived from the plan's seed, the year and the control's number,
/// so each control draws differently and the whole plan repeats from one recorded seed.
std::uint64_t controlSeed(std::uint64_t planSeed, int year, int controlNumber);

/// The `reden` text: "risico" or "steekproef".
const char* reasonName(SampleReason reason);

/// A small portable generator (SplitMix64): std distributions differ between standard
/// libraries, this one does not.
class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /// Uniform in [0, bound) without modulo bias; bound > 0.
    std::uint64_t below(std::uint64_t bound);

private:
    std::uint64_t m_state;
};

}  // namespace riskmap::core::planner
