// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing riskmap-gui's arguments by hand: few options, exact Dutch messages.
#include "app_options.hpp"

#include "riskmap/core/error.hpp"

namespace riskmap::desktop {

QString appUsage()
{
    return QStringLiteral(
        "Gebruik: riskmap-gui [WERKRUIMTE] [--snapshot BESTAND.png] [--extent xmin,ymin,xmax,ymax]\n"
        "                     [--size BxH] [--layers a,b,c] [--timing N]\n"
        "  --snapshot  tekent het kaartbeeld naar een PNG en stopt (werkt zonder scherm)\n"
        "  --extent    kaartvenster in RD-meters (standaard: alle gekozen lagen)\n"
        "  --size      beeldgrootte in pixels (standaard 1200x800)\n"
        "  --layers    te tekenen lagen, komma-gescheiden (standaard: alle)\n"
        "  --lang nl|en  taal van de bediening (standaard nl; en bij een systeemtaal anders dan nl/en)\n"
        "  --timing N  tekent N keer extra en meldt de tijden (na opwarmen)\n"
        "  --project P   projectbestand voor Importeren, Kaarten bouwen en Controles plannen\n"
        "  --purpose T   doel van de inzage (doelbinding), vastgelegd in het auditlog\n"
        "  --grab-window F  opent het venster, bewaart na het tekenen een schermafbeelding en stopt\n"
        "  --edit-zone ID   opent met het gereedschap Zone bewerken op risicozone ID\n");
}

AppOptions parseAppOptions(const QStringList& args)
{
    AppOptions o;
    auto value = [&](int& i, const QString& name) {
        if (i + 1 >= args.size()) throw UsageError("optie " + name.toStdString() + " mist een waarde");
        return args[++i];
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        if (a == "--snapshot") {
            o.snapshot = value(i, a);
        } else if (a == "--extent") {
            const QStringList parts = value(i, a).split(',');
            bool ok = parts.size() == 4;
            double v[4] = {0, 0, 0, 0};
            for (int k = 0; ok && k < 4; ++k) v[k] = parts[k].trimmed().toDouble(&ok);
            if (!ok || !(v[2] > v[0]) || !(v[3] > v[1]))
                throw UsageError("--extent verwacht xmin,ymin,xmax,ymax met xmax > xmin en ymax > ymin");
            o.extent = gis::Box{v[0], v[1], v[2], v[3]};
        } else if (a == "--size") {
            const QStringList parts = value(i, a).toLower().split('x');
            bool okW = false, okH = false;
            const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
            const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
            if (!okW || !okH || w < 16 || h < 16 || w > 20000 || h > 20000)
                throw UsageError("--size verwacht BxH, bijv. 1200x800 (16..20000 pixels)");
            o.size = QSize(w, h);
        } else if (a == "--layers") {
            for (const auto& l : value(i, a).split(',', Qt::SkipEmptyParts)) o.layers << l.trimmed();
        } else if (a == "--lang") {
            o.language = value(i, a);
            if (o.language != "nl" && o.language != "en") throw UsageError("--lang verwacht nl of en");
        } else if (a == "--project") {
            o.project = value(i, a);
        } else if (a == "--purpose") {
            o.purpose = value(i, a);
        } else if (a == "--grab-window") {
            o.grabWindow = value(i, a);
        } else if (a == "--edit-zone") {
            o.editZone = value(i, a);
        } else if (a == "--timing") {
            bool ok = false;
            o.timingRepeats = value(i, a).toInt(&ok);
            if (!ok || o.timingRepeats < 1) throw UsageError("--timing verwacht een aantal");
        } else if (a.startsWith("-")) {
            throw UsageError("onbekende optie " + a.toStdString());
        } else if (o.workspace.isEmpty()) {
            o.workspace = a;
        } else {
            throw UsageError("meer dan één werkruimte opgegeven");
        }
    }
    if (!o.snapshot.isEmpty() && o.workspace.isEmpty()) throw UsageError("--snapshot heeft een werkruimte nodig");
    return o;
}

}  // namespace riskmap::desktop
