// SPDX-License-Identifier: GPL-3.0-or-later
// How a layer is drawn: single, categorised or graduated symbols, opacity, labels; defaults per layer.
#pragma once

#include <QColor>
#include <QString>

#include <array>
#include <string>
#include <vector>

namespace riskmap::render {

enum class Marker { Dot, Cross, Square, Triangle };

/// The look of one feature.
struct Symbol {
    QColor fill = QColor(200, 200, 200);
    QColor stroke = QColor(80, 80, 80);
    double strokeWidth = 0.5;            ///< pixels (0 = no outline)
    Qt::BrushStyle brush = Qt::SolidPattern;  ///< NoBrush for outline-only polygons
    Marker marker = Marker::Dot;         ///< for points
    double markerSize = 4.0;             ///< pixels
};

/// A category: features whose field value equals (or, with `prefix`, starts with) `value`.
struct Category {
    std::string value;
    Symbol symbol;
    QString label;
    bool prefix = false;
};

/// A class of a graduated style: lower ≤ value < upper (the last class includes upper).
struct GraduatedClass {
    double lower = 0;
    double upper = 0;
    Symbol symbol;
    QString label;
};

enum class StyleKind { Single, Categorised, Graduated };

struct LayerStyle {
    StyleKind kind = StyleKind::Single;
    Symbol symbol;                          ///< single symbol, and the fallback for unmatched values
    QString fallbackLabel;                  ///< legend text of the fallback ("overig"); empty hides it
    std::string field;                      ///< for categorised / graduated
    std::vector<Category> categories;
    std::vector<GraduatedClass> classes;
    double opacity = 1.0;                   ///< 0..1 for the whole layer
    bool labels = false;
    std::string labelField;
    QString title;                          ///< name in the legend

    /// The symbol for a feature with this text / numeric value of `field`.
    const Symbol& symbolFor(const std::string& text, double number, bool hasNumber) const;
};

/// Five-class sequential ramp (ColorBrewer YlOrRd), light to dark; readable with colour blindness.
const std::array<QColor, 5>& riskRamp();
/// Five-class viridis samples, dark to light; perceptually uniform and colour-blind safe.
const std::array<QColor, 5>& viridisRamp();

/// A graduated style of `field` with `n` equal classes between lo and hi, coloured from `ramp`.
LayerStyle graduatedStyle(const std::string& field, double lo, double hi, const std::array<QColor, 5>& ramp,
                          const Symbol& base);

/// The default style of a canonical layer (percelen, panden, ..., risico_percelen,
/// gelegenheidskaart); a grey single symbol for any other name.
LayerStyle defaultStyle(const std::string& layer);

/// The default order (bottom to top) in which known layers are stacked; unknown ones go on top.
int defaultStackOrder(const std::string& layer);

}  // namespace riskmap::render
