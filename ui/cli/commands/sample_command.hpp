// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap sample --out DIR`: generate the synthetic Heuvelrug sample project.
#pragma once

#include "../command.hpp"

#include <cstdint>
#include <string>

namespace riskmap::cli {

class SampleCommand : public Command {
public:
    std::string name() const override { return "sample"; }
    std::string description() const override
    {
        return "Maak het synthetische voorbeeldproject Heuvelrug / generate the synthetic sample project";
    }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_out;
    std::string m_scale = "S";
    std::uint64_t m_seed = 1;
    std::string m_boundaries;
    std::string m_extent;
    bool m_noPhotos = false;
};

}  // namespace riskmap::cli
