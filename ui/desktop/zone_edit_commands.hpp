// SPDX-License-Identifier: GPL-3.0-or-later
// One undoable edit of a saved risk zone: the zone's stored state before and after.
#pragma once

#include "risk_zone_store.hpp"

#include <QUndoCommand>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::desktop {

/// What a zone looks like in the workspace; nullopt (in an optional) means deleted.
struct ZoneState {
    std::vector<QPointF> ring;
    ZoneAttributes attributes;
};

/// Undo and redo write the other state as a new version (history grows, nothing is erased).
/// The edit itself is saved before the command is pushed, so a refused edit never reaches the
/// stack; the command's first redo (done by QUndoStack::push) therefore writes nothing.
class ZoneVersionCommand : public QUndoCommand {
public:
    /// Writes `state` for `zoneId`; reports failures itself.
    using Writer = std::function<void(const std::string& zoneId, const std::optional<ZoneState>& state)>;

    ZoneVersionCommand(const QString& text, std::string zoneId, std::optional<ZoneState> before,
                       std::optional<ZoneState> after, Writer writer);
    void redo() override;
    void undo() override;

private:
    std::string m_zoneId;
    std::optional<ZoneState> m_before;
    std::optional<ZoneState> m_after;
    Writer m_write;
    bool m_saved = true;  ///< the after-state is in the workspace already
};

}  // namespace riskmap::desktop
