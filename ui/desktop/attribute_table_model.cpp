// SPDX-License-Identifier: GPL-3.0-or-later
// Loading a layer's attributes into memory for the table dock.
#include "attribute_table_model.hpp"

#include "feature_identify.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/render/wkb_geometry.hpp"

namespace riskmap::desktop {

void AttributeTableModel::load(gis::SpatialiteDb& db, const std::string& layer)
{
    beginResetModel();
    m_layer = layer;
    m_columns.clear();
    m_texts.clear();
    m_values.clear();
    m_fids.clear();
    m_bounds.clear();
    try {
        gis::LayerReader reader(db, layer);
        m_columns << QStringLiteral("fid");
        for (const auto& c : reader.columns()) m_columns << QString::fromStdString(c);
        gis::FeatureRow row;
        while (reader.next(row)) {
            QStringList texts;
            std::vector<QVariant> values;
            texts << QString::number(row.fid);
            values.emplace_back(qlonglong(row.fid));
            for (const auto& v : row.values) {
                texts << fieldText(v);
                if (auto* i = std::get_if<std::int64_t>(&v)) values.emplace_back(qlonglong(*i));
                else if (auto* d = std::get_if<double>(&v)) values.emplace_back(*d);
                else values.emplace_back(texts.back());
            }
            m_texts.push_back(std::move(texts));
            m_values.push_back(std::move(values));
            m_fids.push_back(row.fid);
            m_bounds.push_back(row.wkb.empty() ? QRectF() : render::parseWkb(row.wkb).bounds());
        }
    } catch (...) {
        endResetModel();
        throw;
    }
    endResetModel();
}

QVariant AttributeTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) return {};
    const auto r = static_cast<std::size_t>(index.row());
    if (role == Qt::DisplayRole) return m_texts[r][index.column()];
    if (role == Qt::UserRole) return m_values[r][static_cast<std::size_t>(index.column())];
    return {};
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal) return m_columns.value(section);
    return section + 1;
}

AttributeFilterProxy::AttributeFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
}

void AttributeFilterProxy::setFilterText(const QString& text)
{
    auto* model = qobject_cast<AttributeTableModel*>(sourceModel());
    m_filter = AttributeFilter::parse(text, model ? model->columnNames() : QStringList());
    invalidateFilter();
}

bool AttributeFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    auto* model = qobject_cast<AttributeTableModel*>(sourceModel());
    return !model || m_filter.matches(model->rowTexts(sourceRow));
}

}  // namespace riskmap::desktop
