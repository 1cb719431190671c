// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap cache WS --year JJJJ [--extent ...] [--levels ...] [--max-mb N]`: fill or limit the aerial photo tile cache.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class CacheCommand : public Command {
public:
    std::string name() const override { return "cache"; }
    std::string description() const override { return "Vul of begrens de tegelcache van een luchtfotojaar (offline werken)"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    int m_year = 0;
    std::string m_extent;
    std::string m_levels;
    double m_maxMb = -1;  ///< < 0: not given; 0: no limit
};

}  // namespace riskmap::cli
