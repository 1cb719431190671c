// SPDX-License-Identifier: GPL-3.0-or-later
// A map tool that lives outside the canvas: it sees the canvas's input first and paints on top.
#pragma once

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace riskmap::desktop {

/// Each handler returns true when it consumed the event; unconsumed events get the canvas's
/// own handling (pan with the middle button, wheel zoom, shift-drag box zoom, arrow keys).
class CanvasTool {
public:
    virtual ~CanvasTool() = default;
    virtual bool mousePress(QMouseEvent*) { return false; }
    virtual bool mouseMove(QMouseEvent*) { return false; }
    virtual bool mouseRelease(QMouseEvent*) { return false; }
    virtual bool mouseDoubleClick(QMouseEvent*) { return false; }
    virtual bool keyPress(QKeyEvent*) { return false; }
    /// Draws over the map (widget pixels).
    virtual void paint(QPainter&) {}
    /// The canvas switched to another tool.
    virtual void deactivated() {}
};

}  // namespace riskmap::desktop
