// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap chip WS --parcel ID|--vbo ID --out DIR [--size 512]`: georeferenced photo crops per year.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class ChipCommand : public Command {
public:
    std::string name() const override { return "chip"; }
    std::string description() const override { return "Luchtfoto-uitsneden per jaar van een perceel of adres / image chips"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_parcel;
    std::string m_vbo;
    std::string m_out;
    int m_size = 512;
};

}  // namespace riskmap::cli
