// SPDX-License-Identifier: GPL-3.0-or-later
// QML and SLD text for exported layers: graduated class colours or a single neutral symbol.
#include "riskmap/layers/export_styles.hpp"

#include "riskmap/core/text.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace riskmap::layers {
namespace {

enum class Shape { Fill, Line, Marker };

Shape shapeOf(const std::string& geometryType)
{
    const std::string t = core::toLower(geometryType);
    if (t.find("point") != std::string::npos) return Shape::Marker;
    if (t.find("line") != std::string::npos) return Shape::Line;
    return Shape::Fill;
}

/// "#rrggbb" as QGIS's "r,g,b,255".
std::string qgisColour(const std::string& hex)
{
    unsigned r = 0, g = 0, b = 0;
    std::sscanf(hex.c_str(), "#%02x%02x%02x", &r, &g, &b);
    return std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + ",255";
}

std::string xmlEscape(const std::string& s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

const char* kOutline = "#505050";
const char* kNeutral = "#4c78a8";

/// One QGIS symbol layer; written both as <Option> map (QGIS ≥ 3.26) and <prop> (older 3.x).
std::string qmlSymbol(Shape shape, const std::string& name, const std::string& hex)
{
    std::vector<std::pair<std::string, std::string>> props;
    std::string cls, type;
    switch (shape) {
    case Shape::Fill:
        cls = "SimpleFill";
        type = "fill";
        props = {{"color", qgisColour(hex)}, {"style", "solid"}, {"outline_color", qgisColour(kOutline)},
                 {"outline_style", "solid"}, {"outline_width", "0.1"}, {"outline_width_unit", "MM"}};
        break;
    case Shape::Line:
        cls = "SimpleLine";
        type = "line";
        props = {{"line_color", qgisColour(hex)}, {"line_style", "solid"}, {"line_width", "0.5"},
                 {"line_width_unit", "MM"}};
        break;
    case Shape::Marker:
        cls = "SimpleMarker";
        type = "marker";
        props = {{"name", "circle"}, {"color", qgisColour(hex)}, {"outline_color", qgisColour(kOutline)},
                 {"outline_width", "0.2"}, {"size", "2.4"}, {"size_unit", "MM"}};
        break;
    }
    std::ostringstream s;
    s << "      <symbol type=\"" << type << "\" name=\"" << name
      << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"" << cls << "\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
      << "          <Option type=\"Map\">\n";
    for (const auto& [k, v] : props) s << "            <Option type=\"QString\" name=\"" << k << "\" value=\"" << v << "\"/>\n";
    s << "          </Option>\n";
    for (const auto& [k, v] : props) s << "          <prop k=\"" << k << "\" v=\"" << v << "\"/>\n";
    s << "        </layer>\n      </symbol>\n";
    return s.str();
}

std::string sldSymbolizer(Shape shape, const std::string& hex)
{
    std::ostringstream s;
    switch (shape) {
    case Shape::Fill:
        s << "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name=\"fill\">" << hex
          << "</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name=\"stroke\">" << kOutline
          << "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">0.3</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>";
        break;
    case Shape::Line:
        s << "<se:LineSymbolizer><se:Stroke><se:SvgParameter name=\"stroke\">" << hex
          << "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">1.5</se:SvgParameter></se:Stroke></se:LineSymbolizer>";
        break;
    case Shape::Marker:
        s << "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName><se:Fill>"
             "<se:SvgParameter name=\"fill\">"
          << hex << "</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name=\"stroke\">" << kOutline
          << "</se:SvgParameter></se:Stroke></se:Mark><se:Size>7</se:Size></se:Graphic></se:PointSymbolizer>";
        break;
    }
    return s.str();
}

const char* kQmlHead = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                       "<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n";

std::string sldHead(const std::string& layer)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\""
           " xmlns:se=\"http://www.opengis.net/se\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
           " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"1.1.0\""
           " xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
           " <NamedLayer>\n  <se:Name>" +
           xmlEscape(layer) + "</se:Name>\n  <UserStyle>\n   <se:Name>" + xmlEscape(layer) +
           "</se:Name>\n   <se:FeatureTypeStyle>\n";
}

const char* kSldTail = "   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";

const std::array<const char*, 5> kClassLabels = {"1 (laag)", "2", "3", "4", "5 (hoog)"};

}  // namespace

const std::array<std::string, 5>& classColours()
{
    // viridis, reversed so that the highest class is the darkest; distinguishable
    // with deuteranopia, protanopia and tritanopia and in greyscale print.
    static const std::array<std::string, 5> colours = {"#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"};
    return colours;
}

gis::LayerStyleText exportStyle(const std::string& layer, const std::string& geometryType,
                                const std::vector<std::string>& columns)
{
    const Shape shape = shapeOf(geometryType);
    auto exported = [&](const std::string& c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
    std::string classColumn;
    if ((layer == "risico_percelen" || layer == "risico_adressen") && exported("risico_klasse")) classColumn = "risico_klasse";
    if (layer == "gelegenheidskaart" && exported("gelegenheid_klasse")) classColumn = "gelegenheid_klasse";

    gis::LayerStyleText style;
    style.name = layer;
    std::ostringstream qml, sld;
    qml << kQmlHead;
    sld << sldHead(layer);
    if (!classColumn.empty()) {
        style.description = "Risicokaart: " + classColumn + " 1–5, kleurenblindveilige schaal (viridis)";
        qml << "  <renderer-v2 type=\"graduatedSymbol\" attr=\"" << classColumn
            << "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
            << "    <ranges>\n";
        for (int k = 0; k < 5; ++k)
            qml << "      <range render=\"true\" symbol=\"" << k << "\" lower=\"" << k + 0.5 << "\" upper=\"" << k + 1.5
                << "\" label=\"" << xmlEscape(kClassLabels[static_cast<std::size_t>(k)]) << "\"/>\n";
        qml << "    </ranges>\n    <symbols>\n";
        for (int k = 0; k < 5; ++k) qml << qmlSymbol(shape, std::to_string(k), classColours()[static_cast<std::size_t>(k)]);
        qml << "    </symbols>\n  </renderer-v2>\n";
        for (int k = 0; k < 5; ++k) {
            sld << "    <se:Rule>\n     <se:Name>" << xmlEscape(kClassLabels[static_cast<std::size_t>(k)]) << "</se:Name>\n"
                << "     <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>" << classColumn
                << "</ogc:PropertyName><ogc:Literal>" << k + 1 << "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>\n     "
                << sldSymbolizer(shape, classColours()[static_cast<std::size_t>(k)]) << "\n    </se:Rule>\n";
        }
    } else {
        style.description = "Risicokaart: enkelvoudige stijl";
        qml << "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
            << "    <symbols>\n"
            << qmlSymbol(shape, "0", kNeutral) << "    </symbols>\n  </renderer-v2>\n";
        sld << "    <se:Rule>\n     <se:Name>" << xmlEscape(layer) << "</se:Name>\n     " << sldSymbolizer(shape, kNeutral)
            << "\n    </se:Rule>\n";
    }
    qml << "</qgis>\n";
    sld << kSldTail;
    style.qml = qml.str();
    style.sld = sld.str();
    return style;
}

}  // namespace riskmap::layers
