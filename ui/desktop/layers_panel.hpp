// SPDX-License-Identifier: GPL-3.0-or-later
// The layers panel: visibility, stacking order, opacity and labels of the map's layers.
#pragma once

#include "riskmap/render/map_renderer.hpp"

#include <QWidget>

#include <vector>

class QListWidget;
class QSlider;
class QCheckBox;

namespace riskmap::desktop {

class LayersPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayersPanel(QWidget* parent = nullptr);
    /// Shows `layers` (bottom to top); the list shows the top layer first.
    void setLayers(const std::vector<render::RenderLayer>& layers);
    /// The layers as the analyst arranged them, bottom to top.
    std::vector<render::RenderLayer> layers() const;
    /// The name of the selected layer, empty when none.
    std::string currentLayer() const;

signals:
    void layersChanged();
    void currentLayerChanged(const QString& name);

private:
    void selectionChanged();
    void rebuildFromList();

    QListWidget* m_list;
    QSlider* m_opacity;
    QCheckBox* m_labels;
    std::vector<render::RenderLayer> m_layers;  ///< bottom to top
    bool m_updating = false;
};

}  // namespace riskmap::desktop
