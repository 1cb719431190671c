// SPDX-License-Identifier: GPL-3.0-or-later
// ground_truth.json and incident_model.json: what a detector and a risk model should recover (private).
#pragma once

#include "riskmap/layers/sample/sample_generator.hpp"
#include "sample_world.hpp"

#include <string>
#include <vector>

namespace riskmap::layers::sample {

class TruthFiles {
public:
    explicit TruthFiles(const SampleOptions& options) : m_options(options) {}
    /// Collects the tile's planted barns and incident-model numbers.
    void addTile(const TileWorld& world);
    /// Writes both files; throws InputError when a file cannot be written.
    void write(const std::string& groundTruthPath, const std::string& modelPath) const;

private:
    SampleOptions m_options;
    std::vector<std::string> m_barns;   ///< JSON objects
    std::vector<std::string> m_tiles;   ///< JSON objects
};

}  // namespace riskmap::layers::sample
