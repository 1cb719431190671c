// SPDX-License-Identifier: GPL-3.0-or-later
// Style lookup and the default look of each canonical layer.
#include "riskmap/render/layer_style.hpp"

#include <algorithm>

namespace riskmap::render {

const Symbol& LayerStyle::symbolFor(const std::string& text, double number, bool hasNumber) const
{
    if (kind == StyleKind::Categorised) {
        for (const auto& c : categories)
            if (c.prefix ? text.rfind(c.value, 0) == 0 && !c.value.empty() : text == c.value) return c.symbol;
    } else if (kind == StyleKind::Graduated && hasNumber) {
        for (std::size_t i = 0; i < classes.size(); ++i) {
            const auto& c = classes[i];
            const bool last = i + 1 == classes.size();
            if (number >= c.lower && (number < c.upper || (last && number <= c.upper))) return c.symbol;
        }
    }
    return symbol;
}

const std::array<QColor, 5>& riskRamp()
{
    static const std::array<QColor, 5> ramp{QColor("#ffffb2"), QColor("#fecc5c"), QColor("#fd8d3c"),
                                            QColor("#f03b20"), QColor("#bd0026")};
    return ramp;
}

const std::array<QColor, 5>& viridisRamp()
{
    static const std::array<QColor, 5> ramp{QColor("#440154"), QColor("#3b528b"), QColor("#21918c"),
                                            QColor("#5ec962"), QColor("#fde725")};
    return ramp;
}

LayerStyle graduatedStyle(const std::string& field, double lo, double hi, const std::array<QColor, 5>& ramp,
                          const Symbol& base)
{
    LayerStyle s;
    s.kind = StyleKind::Graduated;
    s.field = field;
    s.symbol = base;
    const double step = (hi - lo) / 5.0;
    for (int i = 0; i < 5; ++i) {
        GraduatedClass c;
        c.lower = lo + i * step;
        c.upper = i == 4 ? hi : lo + (i + 1) * step;
        c.symbol = base;
        c.symbol.fill = ramp[static_cast<std::size_t>(i)];
        c.label = QStringLiteral("%1 – %2").arg(c.lower, 0, 'g', 4).arg(c.upper, 0, 'g', 4);
        s.classes.push_back(c);
    }
    return s;
}

namespace {

Symbol polygon(QColor fill, QColor stroke, double width, Qt::BrushStyle brush = Qt::SolidPattern)
{
    Symbol s;
    s.fill = fill;
    s.stroke = stroke;
    s.strokeWidth = width;
    s.brush = brush;
    return s;
}

Symbol point(QColor fill, Marker marker, double size, QColor stroke = Qt::transparent, double width = 0)
{
    Symbol s;
    s.fill = fill;
    s.marker = marker;
    s.markerSize = size;
    s.stroke = stroke;
    s.strokeWidth = width;
    return s;
}

Symbol line(QColor colour, double width)
{
    Symbol s;
    s.stroke = colour;
    s.strokeWidth = width;
    s.brush = Qt::NoBrush;
    return s;
}

/// Classes 1..5 as integer classes [k, k+1) labelled with their Dutch name.
LayerStyle classStyle(const std::string& field, const std::array<QColor, 5>& ramp, const QString& title)
{
    static const char* names[] = {"1 zeer laag", "2 laag", "3 midden", "4 hoog", "5 zeer hoog"};
    LayerStyle s;
    s.kind = StyleKind::Graduated;
    s.field = field;
    s.title = title;
    s.symbol = polygon(QColor(220, 220, 220), QColor(90, 90, 90), 0.3);
    for (int k = 1; k <= 5; ++k) {
        GraduatedClass c;
        c.lower = k;
        c.upper = k == 5 ? 5 : k + 1;
        c.symbol = s.symbol;
        c.symbol.fill = ramp[static_cast<std::size_t>(k - 1)];
        c.label = QString::fromUtf8(names[k - 1]);
        s.classes.push_back(c);
    }
    return s;
}

}  // namespace

LayerStyle defaultStyle(const std::string& layer)
{
    LayerStyle s;
    s.title = QString::fromStdString(layer);
    if (layer == "percelen") {
        s.symbol = polygon(Qt::transparent, QColor(110, 110, 110), 0.8, Qt::NoBrush);
        s.labelField = "perceel_id";
    } else if (layer == "panden") {
        s.symbol = polygon(QColor(90, 90, 90), QColor(50, 50, 50), 0.3);
        s.labelField = "pand_id";
    } else if (layer == "verblijfsobjecten") {
        s.symbol = point(QColor(40, 40, 40), Marker::Dot, 2.5);
        s.labelField = "huisnummer";
    } else if (layer == "vestigingen") {
        // Risky branches of DOMAIN.md (car trade, scrap, transport, takeaway, real estate, holdings,
        // rental, barbers/nails) by SBI prefix; the analyst's own list may replace it.
        s.kind = StyleKind::Categorised;
        s.field = "sbi_code";
        s.labelField = "handelsnaam";
        s.symbol = point(QColor(0, 114, 178), Marker::Dot, 5, Qt::white, 0.8);
        s.fallbackLabel = QStringLiteral("overige vestiging");
        for (const char* prefix : {"45", "38", "4677", "49", "52", "5610", "68", "6420", "7711", "9602"}) {
            Category c;
            c.value = prefix;
            c.prefix = true;
            c.symbol = point(QColor(230, 159, 0), Marker::Square, 6, Qt::black, 0.8);
            c.label = QStringLiteral("risicovolle branche");
            s.categories.push_back(c);
        }
    } else if (layer == "incidenten") {
        s.symbol = point(QColor(220, 0, 0), Marker::Cross, 8, QColor(220, 0, 0), 2.0);
        s.labelField = "soort";
    } else if (layer == "wegen") {
        s.kind = StyleKind::Categorised;
        s.field = "wegtype";
        s.labelField = "naam";
        s.symbol = line(QColor(170, 170, 170), 0.8);
        s.fallbackLabel = QStringLiteral("overig");
        const std::pair<const char*, Symbol> types[] = {
            {"autosnelweg", line(QColor(200, 60, 60), 3.0)},
            {"hoofdweg", line(QColor(230, 140, 40), 2.2)},
            {"regionale weg", line(QColor(230, 200, 60), 1.6)},
            {"lokale weg", line(QColor(120, 120, 120), 1.0)},
        };
        for (const auto& [name, sym] : types) s.categories.push_back({name, sym, QString::fromUtf8(name), false});
    } else if (layer == "opritten") {
        s.symbol = point(QColor(200, 60, 60), Marker::Triangle, 8, Qt::black, 0.8);
        s.labelField = "naam";
    } else if (layer == "bedrijventerreinen") {
        s.symbol = polygon(QColor(118, 42, 131), QColor(118, 42, 131), 1.5, Qt::BDiagPattern);
        s.labelField = "naam";
    } else if (layer == "vakantieparken") {
        s.symbol = polygon(QColor(77, 175, 74, 110), QColor(27, 120, 55), 1.2);
        s.labelField = "naam";
    } else if (layer == "studiegebied") {
        s.symbol = polygon(Qt::transparent, QColor(20, 20, 20), 3.0, Qt::NoBrush);
        s.labelField = "naam";
    } else if (layer == "risico_percelen") {
        // Translucent over the aerial photo: the analyst must still see the yard behind the class colour.
        s = classStyle("risico_klasse", riskRamp(), QStringLiteral("risicoklasse perceel"));
        s.opacity = 0.55;
        s.labelField = "perceel_id";
    } else if (layer == "gelegenheidskaart") {
        s = classStyle("gelegenheid_klasse", viridisRamp(), QStringLiteral("gelegenheidsklasse"));
        s.symbol.strokeWidth = 0;
        for (auto& c : s.classes) c.symbol.strokeWidth = 0;
        s.opacity = 0.45;  // lies right on the photo, under risico_percelen: both together still let it through
    } else if (layer == "risicozones") {
        s.symbol = polygon(QColor(213, 94, 0, 60), QColor(213, 94, 0), 2.0);
        s.labelField = "naam";
    } else if (layer == "controles") {
        s.symbol = polygon(Qt::transparent, QColor(0, 114, 178), 2.0, Qt::NoBrush);
        s.labelField = "controle_id";
    }
    return s;
}

int defaultStackOrder(const std::string& layer)
{
    static const char* order[] = {"luchtfoto", "gelegenheidskaart", "percelen", "risico_percelen",
                                  "bedrijventerreinen", "vakantieparken", "panden", "wegen", "studiegebied",
                                  "risico_bedrijventerreinen", "verblijfsobjecten", "risico_adressen", "opritten",
                                  "vestigingen", "incidenten", "risicozones", "controles", "controle_adressen"};
    const auto it = std::find_if(std::begin(order), std::end(order), [&](const char* n) { return layer == n; });
    return it == std::end(order) ? 1000 : static_cast<int>(it - std::begin(order));
}

}  // namespace riskmap::render
