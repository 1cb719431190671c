// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap purge WS [--dry-run]`: delete what is past its retention date.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class PurgeCommand : public Command {
public:
    std::string name() const override { return "purge"; }
    std::string description() const override { return "Verwijder wat over de bewaartermijn is / delete what is past retention"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    bool m_dryRun = false;
    std::string m_date;
};

}  // namespace riskmap::cli
