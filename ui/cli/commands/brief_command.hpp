// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap brief WS --out FILE.pdf [--profile driehoek] [--purpose TEXT]`: the driehoek briefing.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class BriefCommand : public Command {
public:
    std::string name() const override { return "brief"; }
    std::string description() const override
    {
        return "Maak de briefing voor de driehoek (PDF, geaggregeerd) / write the driehoek briefing";
    }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_out;
    std::string m_profile = "driehoek";
    std::string m_purpose;
    std::string m_date;
};

}  // namespace riskmap::cli
