// SPDX-License-Identifier: GPL-3.0-or-later
// A checkable, reorderable list of layers with a swatch icon, and per-layer opacity and labels.
#include "layers_panel.hpp"

#include "riskmap/render/symbol_painter.hpp"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <utility>

namespace riskmap::desktop {
namespace {

constexpr int kNameRole = Qt::UserRole + 1;

QIcon swatchIcon(const render::RenderLayer& l)
{
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    if (l.raster) {
        p.fillRect(QRect(1, 1, 7, 7), QColor(110, 140, 80));
        p.fillRect(QRect(8, 1, 7, 7), QColor(170, 160, 120));
        p.fillRect(QRect(1, 8, 7, 7), QColor(150, 150, 150));
        p.fillRect(QRect(8, 8, 7, 7), QColor(90, 120, 70));
    } else {
        const auto& s = l.style;
        const render::Symbol& sym = s.kind == render::StyleKind::Graduated && !s.classes.empty() ? s.classes.back().symbol
                                  : s.kind == render::StyleKind::Categorised && !s.categories.empty() ? s.categories.front().symbol
                                  : s.symbol;
        render::drawSwatch(p, sym, l.family == render::GeometryFamily::Empty ? render::GeometryFamily::Polygon : l.family, QRectF(0, 0, 16, 16));
    }
    p.end();
    return QIcon(pm);
}

}  // namespace

LayersPanel::LayersPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setToolTip(tr("Tick to show; drag to change the order (top of the list = drawn on top)"));
    layout->addWidget(m_list);
    auto* form = new QFormLayout;
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setEnabled(false);
    form->addRow(tr("Opacity"), m_opacity);
    m_labels = new QCheckBox(tr("Show labels"), this);
    m_labels->setEnabled(false);
    form->addRow(QString(), m_labels);
    layout->addLayout(form);

    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_updating) rebuildFromList();
    });
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] { rebuildFromList(); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { selectionChanged(); });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int v) {
        if (m_updating) return;
        const std::string name = currentLayer();
        for (auto& l : m_layers)
            if (l.name == name) l.style.opacity = v / 100.0;
        emit layersChanged();
    });
    connect(m_labels, &QCheckBox::toggled, this, [this](bool on) {
        if (m_updating) return;
        const std::string name = currentLayer();
        for (auto& l : m_layers)
            if (l.name == name) l.style.labels = on;
        emit layersChanged();
    });
}

void LayersPanel::setLayers(const std::vector<render::RenderLayer>& layers)
{
    m_updating = true;
    m_layers = layers;
    {
        // No item signals while the list is rebuilt from m_layers.
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (auto it = m_layers.rbegin(); it != m_layers.rend(); ++it) {
            auto* item = new QListWidgetItem(swatchIcon(*it), QString::fromStdString(it->name), m_list);
            item->setData(kNameRole, QString::fromStdString(it->name));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
            item->setCheckState(it->visible ? Qt::Checked : Qt::Unchecked);
        }
    }
    if (m_list->count() > 0) m_list->setCurrentRow(0);
    m_updating = false;
    selectionChanged();
}

std::vector<render::RenderLayer> LayersPanel::layers() const { return m_layers; }

std::string LayersPanel::currentLayer() const
{
    auto* item = m_list->currentItem();
    return item ? item->data(kNameRole).toString().toStdString() : std::string();
}

void LayersPanel::selectionChanged()
{
    const std::string name = currentLayer();
    // Restore, not clear, the guard: this also runs inside setLayers while it rebuilds the list.
    const bool wasUpdating = std::exchange(m_updating, true);
    const render::RenderLayer* layer = nullptr;
    for (const auto& l : m_layers)
        if (l.name == name) layer = &l;
    m_opacity->setEnabled(layer != nullptr);
    m_labels->setEnabled(layer && !layer->raster && !layer->style.labelField.empty());
    if (layer) {
        m_opacity->setValue(int(layer->style.opacity * 100 + 0.5));
        m_labels->setChecked(layer->style.labels);
    }
    m_updating = wasUpdating;
    emit currentLayerChanged(QString::fromStdString(name));
}

void LayersPanel::rebuildFromList()
{
    // The list shows top first; the renderer wants bottom first.
    std::vector<render::RenderLayer> ordered;
    for (int i = m_list->count() - 1; i >= 0; --i) {
        auto* item = m_list->item(i);
        const std::string name = item->data(kNameRole).toString().toStdString();
        for (const auto& l : m_layers)
            if (l.name == name) {
                ordered.push_back(l);
                ordered.back().visible = item->checkState() == Qt::Checked;
            }
    }
    m_layers = std::move(ordered);
    emit layersChanged();
}

}  // namespace riskmap::desktop
