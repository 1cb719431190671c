// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing and matching of attribute filters; values stay data, whatever characters they hold.
#include "attribute_filter.hpp"

#include <QRegularExpression>

namespace riskmap::desktop {
namespace {

/// Removes surrounding quotes and undoubles inner ones; bare text is trimmed.
QString unquote(QString v)
{
    v = v.trimmed();
    if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front()) {
        const QChar q = v.front();
        v = v.mid(1, v.size() - 2);
        v.replace(QString(2, q), QString(q));
    }
    return v;
}

std::optional<double> number(const QString& s)
{
    QString t = s.trimmed();
    t.replace(',', '.');  // Dutch decimal comma
    bool ok = false;
    const double d = t.toDouble(&ok);
    return ok ? std::optional<double>(d) : std::nullopt;
}

}  // namespace

AttributeFilter AttributeFilter::parse(const QString& text, const QStringList& columns)
{
    AttributeFilter f;
    static const QRegularExpression clause(QStringLiteral(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|<>|<=|>=|=|<|>|~)\s*(.*)$)"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const auto m = clause.match(text);
    if (m.hasMatch()) {
        int col = -1;
        for (int i = 0; i < columns.size() && col < 0; ++i)
            if (columns[i].compare(m.captured(1), Qt::CaseInsensitive) == 0) col = i;
        if (col >= 0) {
            f.m_column = col;
            const QString op = m.captured(2);
            f.m_op = op == "=" ? Op::Equal : (op == "!=" || op == "<>") ? Op::NotEqual : op == "<" ? Op::Less
                   : op == "<=" ? Op::LessEqual : op == ">" ? Op::Greater : op == ">=" ? Op::GreaterEqual : Op::Contains;
            f.m_value = unquote(m.captured(3));
            return f;
        }
    }
    f.m_value = unquote(text);
    return f;
}

bool AttributeFilter::matches(const QStringList& row) const
{
    if (m_column < 0) {
        if (m_value.isEmpty()) return true;
        for (const auto& v : row)
            if (v.contains(m_value, Qt::CaseInsensitive)) return true;
        return false;
    }
    if (m_column >= row.size()) return false;
    const QString& v = row[m_column];
    switch (m_op) {
    case Op::Contains: return v.contains(m_value, Qt::CaseInsensitive);
    case Op::Equal: return v.compare(m_value, Qt::CaseInsensitive) == 0;
    case Op::NotEqual: return v.compare(m_value, Qt::CaseInsensitive) != 0;
    default: break;
    }
    int cmp = 0;
    const auto a = number(v), b = number(m_value);
    if (a && b) cmp = *a < *b ? -1 : *a > *b ? 1 : 0;
    else if (v.isEmpty()) return false;
    else cmp = v.compare(m_value, Qt::CaseInsensitive);
    switch (m_op) {
    case Op::Less: return cmp < 0;
    case Op::LessEqual: return cmp <= 0;
    case Op::Greater: return cmp > 0;
    case Op::GreaterEqual: return cmp >= 0;
    default: return false;
    }
}

}  // namespace riskmap::desktop
