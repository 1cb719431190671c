// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap dossier WS --control ID|--all [--year Y] --out DIR [--chip-size PX]`: control dossiers as PDF.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class DossierCommand : public Command {
public:
    std::string name() const override { return "dossier"; }
    std::string description() const override { return "Controledossiers (PDF) met luchtfoto-uitsneden / control dossiers"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_control;
    bool m_all = false;
    int m_year = 0;
    std::string m_out;
    int m_chipSize = 256;
};

}  // namespace riskmap::cli
