// SPDX-License-Identifier: GPL-3.0-or-later
// CSV export of the attribute table's selection.
#include "selection_export.hpp"

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

void writeSelectionCsv(const AttributeTableModel& model, const std::vector<int>& rows, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error("kan '" + path.toStdString() + "' niet schrijven: " + file.errorString().toStdString());
    QString text = csvLine(model.columnNames()) + "\r\n";
    for (int row : rows) text += csvLine(model.rowTexts(row)) + "\r\n";
    if (file.write(text.toUtf8()) < 0) throw Error("kan '" + path.toStdString() + "' niet schrijven");
}

}  // namespace riskmap::desktop
