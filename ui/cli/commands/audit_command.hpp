// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap audit WS [--verify]`: list or verify the audit log.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class AuditCommand : public Command {
public:
    std::string name() const override { return "audit"; }
    std::string description() const override { return "Toon of controleer het auditlog / list or verify the audit log"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    bool m_verify = false;
};

}  // namespace riskmap::cli
