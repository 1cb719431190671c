// SPDX-License-Identifier: GPL-3.0-or-later
// The attribute table of one layer as a Qt model, and a proxy that filters with AttributeFilter.
#pragma once

#include "attribute_filter.hpp"

#include "riskmap/gis/sqlite_db.hpp"

#include <QAbstractTableModel>
#include <QRectF>
#include <QSortFilterProxyModel>

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::desktop {

/// All rows of a layer (fid + attribute columns), read once through LayerReader.
/// Numbers sort as numbers (Qt::UserRole holds the typed value).
class AttributeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit AttributeTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}
    /// Loads `layer`; throws Error when it does not exist.
    void load(gis::SpatialiteDb& db, const std::string& layer);
    const std::string& layer() const { return m_layer; }
    QStringList columnNames() const { return m_columns; }
    const QStringList& rowTexts(int row) const { return m_texts[static_cast<std::size_t>(row)]; }
    std::int64_t fid(int row) const { return m_fids[static_cast<std::size_t>(row)]; }
    QRectF bounds(int row) const { return m_bounds[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_texts.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_columns.size()); }
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::string m_layer;
    QStringList m_columns;
    std::vector<QStringList> m_texts;
    std::vector<std::vector<QVariant>> m_values;
    std::vector<std::int64_t> m_fids;
    std::vector<QRectF> m_bounds;
};

/// Filters rows of an AttributeTableModel with a typed expression, sorts by typed value.
class AttributeFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit AttributeFilterProxy(QObject* parent = nullptr);
    /// Parses and applies `text` (see AttributeFilter).
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    AttributeFilter m_filter;
};

}  // namespace riskmap::desktop
