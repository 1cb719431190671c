// SPDX-License-Identifier: GPL-3.0-or-later
// CSV export of the attribute table's selection.
#include "selection_export.hpp"

#include <algorithm>

#include "attribute_table_model.hpp"

#include "riskmap/core/error.hpp"

#include <QFile>

namespace riskmap::desktop {

QString csvLine(const QStringList& fields)
{
    QStringList out;
    for (QString f : fields) {
        if (f.contains(';') || f.contains('"') || f.contains('\n') || f.contains('\r'))
            f = '"' + f.replace('"', "\"\"") + '"';
        out << f;
    }
    return out.join(';');
}

void writeSelectionCsv(const AttributeTableModel& model, const std::vector<int>& rows, const QString& path,
                       const std::vector<std::string>& columns)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error("kan '" + path.toStdString() + "' niet schrijven: " + file.errorString().toStdString());
    std::vector<int> keep;
    QStringList header;
    const QStringList names = model.columnNames();
    for (int c = 0; c < names.size(); ++c)
        if (std::find(columns.begin(), columns.end(), names[c].toStdString()) != columns.end()) {
            keep.push_back(c);
            header << names[c];
        }
    QString text = csvLine(header) + "\r\n";
    for (int row : rows) {
        QStringList fields;
        for (int c : keep) fields << model.rowTexts(row)[c];
        text += csvLine(fields) + "\r\n";
    }
    if (file.write(text.toUtf8()) < 0) throw Error("kan '" + path.toStdString() + "' niet schrijven");
}

}  // namespace riskmap::desktop
