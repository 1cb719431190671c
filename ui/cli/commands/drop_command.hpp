// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap drop WS LAYER`: remove a layer, keeping its provenance history.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class DropCommand : public Command {
public:
    std::string name() const override { return "drop"; }
    std::string description() const override { return "Verwijder een laag (herkomst blijft bewaard) / remove a layer"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_layer;
};

}  // namespace riskmap::cli
