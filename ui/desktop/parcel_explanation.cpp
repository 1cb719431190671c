// SPDX-License-Identifier: GPL-3.0-or-later
// The parcel explanation shown by Identify, built from the columns of risico_percelen.
#include "parcel_explanation.hpp"

#include "riskmap/render/layer_style.hpp"

#include <QSet>

namespace riskmap::desktop {

namespace {

QString value(const IdentifyResult& r, const QString& column)
{
    for (const auto& [k, v] : r.attributes)
        if (k == column) return v;
    return {};
}

}  // namespace

bool isExplainable(const IdentifyResult& result)
{
    return result.layer == "risico_percelen" && !value(result, "risico_klasse").isEmpty();
}

QString indicatorWords(const QString& column)
{
    QStringList words = column.split('_', Qt::SkipEmptyParts);
    QString unit;
    if (!words.isEmpty() && (words.back() == "m" || words.back() == "m2")) unit = words.takeLast() == "m" ? " (m)" : " (m²)";
    for (auto& w : words) {
        if (w == "n") w = "aantal";
        else if (w == "opp") w = "oppervlakte";
        else if (w == "max") w = "hoogste";
        else if (w == "vab") w = "VAB";
        else if (w.size() > 1 && w[0].isDigit() && w.endsWith('j')) w = "in " + w.chopped(1) + " jaar";  // 3j: last 3 years
        else if (w.size() > 1 && w[0].isDigit() && w.endsWith('m')) w = "binnen " + w;                // 500m: radius
    }
    return words.join(' ') + unit;
}

QString explainParcel(const IdentifyResult& r)
{
    static const QSet<QString> notIndicators = {"perceel_id", "gemeente", "oppervlakte", "landgebruik", "risico_score",
                                                "risico_klasse", "verklaring", "run_id", "fid"};
    const int klasse = value(r, "risico_klasse").toInt();
    QString colour = "#cccccc", name = value(r, "risico_klasse");
    const auto style = render::defaultStyle("risico_percelen");
    for (const auto& c : style.classes)
        if (klasse >= c.lower && (klasse < c.upper || (c.upper == c.lower && klasse == c.lower))) {
            colour = c.symbol.fill.name();
            name = c.label;
        }
    const bool dark = QColor(colour).lightness() < 140;
    QString html = QStringLiteral("<h3>Perceel %1</h3>").arg(value(r, "perceel_id").toHtmlEscaped());
    html += QStringLiteral("<p><span style='background:%1;color:%2;padding:2px 6px'>&nbsp;risicoklasse %3&nbsp;</span>"
                           "&nbsp; score %4</p>")
                .arg(colour, dark ? "white" : "black", name.toHtmlEscaped(), value(r, "risico_score").toHtmlEscaped());
    const QString why = value(r, "verklaring");
    html += QStringLiteral("<p><b>Waarom:</b> %1</p>")
                .arg(why.isEmpty() ? QStringLiteral("geen verklaring (geen indicator wijkt af)") : why.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='2'><tr><th align='left'>Indicator</th><th align='right'>Waarde</th></tr>");
    for (const auto& [k, v] : r.attributes) {
        if (notIndicators.contains(k)) continue;
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>")
                    .arg(indicatorWords(k).toHtmlEscaped(), v.isEmpty() ? QStringLiteral("—") : v.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    if (!value(r, "gemeente").isEmpty()) html += QStringLiteral("<p>Gemeente %1</p>").arg(value(r, "gemeente").toHtmlEscaped());
    if (!r.chips.empty()) {
        html += QStringLiteral("<p><b>Luchtfoto's</b> (perceelgrens in magenta)</p><table cellspacing='4'><tr>");
        for (const auto& c : r.chips) {
            const QString year = c.year == 0 ? QStringLiteral("jaar onbekend") : QString::number(c.year);
            if (c.covered && !c.png.isEmpty())
                html += QStringLiteral("<td align='center'><img src='data:image/png;base64,%1' width='160' height='160'><br>%2</td>")
                            .arg(QString::fromLatin1(c.png.toBase64()), year);
            else
                html += QStringLiteral("<td align='center' width='160'>geen luchtfoto van %1 op deze plek</td>").arg(year);
        }
        html += QStringLiteral("</tr></table>");
    }
    return html;
}

}  // namespace riskmap::desktop
