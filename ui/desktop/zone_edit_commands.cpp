// SPDX-License-Identifier: GPL-3.0-or-later
// Zone edit commands: each undo or redo is one more saved version.
#include "zone_edit_commands.hpp"

#include <utility>

namespace riskmap::desktop {

ZoneVersionCommand::ZoneVersionCommand(const QString& text, std::string zoneId, std::optional<ZoneState> before,
                                       std::optional<ZoneState> after, Writer writer)
    : m_zoneId(std::move(zoneId)), m_before(std::move(before)), m_after(std::move(after)), m_write(std::move(writer))
{
    setText(text);
}

void ZoneVersionCommand::redo()
{
    if (m_saved) {
        m_saved = false;
        return;
    }
    m_write(m_zoneId, m_after);
}

void ZoneVersionCommand::undo() { m_write(m_zoneId, m_before); }

}  // namespace riskmap::desktop
