// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap review WS onbekende_bebouwing FID --bevestigd|--afgewezen|--open [--toelichting T]`: review a change polygon.
#pragma once

#include "../command.hpp"

#include <cstdint>

namespace riskmap::cli {

class ReviewCommand : public Command {
public:
    std::string name() const override { return "review"; }
    std::string description() const override { return "Beoordeel een vlak van onbekende_bebouwing (bevestigd/afgewezen)"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_layer;
    std::int64_t m_fid = 0;
    bool m_confirmed = false;
    bool m_dismissed = false;
    bool m_open = false;
    std::string m_remark;
};

}  // namespace riskmap::cli
