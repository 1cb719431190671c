// SPDX-License-Identifier: GPL-3.0-or-later
// A typed attribute-table filter, parsed and matched in C++ (never turned into SQL).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace riskmap::desktop {

/// One filter clause typed by the analyst:
///   `veld = waarde`, `veld != waarde`, `veld < 10`, `veld >= 3`, `veld ~ deel` (contains),
/// with the value bare or quoted ('...' or "...", a doubled quote inside stands for one);
/// anything else is free text searched in every column. Matching ignores case; `<`, `>`
/// compare numbers when both sides are numbers, else text.
class AttributeFilter {
public:
    enum class Op { Contains, Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

    /// Parses `text` against the table's column names; an unknown field makes the whole
    /// text a free-text search (so a typo never hides every row silently).
    static AttributeFilter parse(const QString& text, const QStringList& columns);

    /// True when the row (values in column order) passes.
    bool matches(const QStringList& row) const;
    bool isEmpty() const { return m_value.isEmpty() && m_column < 0; }
    /// -1 for free text.
    int column() const { return m_column; }
    Op op() const { return m_op; }
    const QString& value() const { return m_value; }

private:
    int m_column = -1;
    Op m_op = Op::Contains;
    QString m_value;
};

}  // namespace riskmap::desktop
