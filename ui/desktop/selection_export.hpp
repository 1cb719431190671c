// SPDX-License-Identifier: GPL-3.0-or-later
// Writes selected rows of the attribute table to CSV (semicolon, UTF-8, as Dutch Excel reads it).
#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace riskmap::desktop {

class AttributeTableModel;

/// Writes the header and the given source rows of `model` to `path`: fields separated by ';',
/// quoted with '"' when they hold ';', '"', or a line break. Throws Error when it cannot write.
/// Only the `columns` named (an export profile's columns) are written, in the model's order.
void writeSelectionCsv(const AttributeTableModel& model, const std::vector<int>& rows, const QString& path,
                       const std::vector<std::string>& columns);

/// One CSV line of `fields` (without the line break), quoted as writeSelectionCsv does.
QString csvLine(const QStringList& fields);

}  // namespace riskmap::desktop
