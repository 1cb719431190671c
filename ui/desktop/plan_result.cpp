// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a year plan back from the workspace for the planner panel.
#include "plan_result.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <map>

namespace riskmap::desktop {

double PlanControl::scoreCovered() const
{
    double sum = 0.0;
    for (const auto& v : visits) sum += v.score;
    return sum;
}

int PlanControl::dwellings() const
{
    int n = 0;
    for (const auto& v : visits) n += v.dwelling ? 1 : 0;
    return n;
}

QString planOutputDir(const QString& workspacePath, int year)
{
    const QString planned = workspacePath + ".plan-" + QString::number(year);
    // `riskmap run` writes its plan next to the workspace as controles-<jaar>.
    const QString run = QFileInfo(workspacePath).dir().filePath("controles-" + QString::number(year));
    return !QFileInfo(planned).isDir() && QFileInfo(run).isDir() ? run : planned;
}

std::vector<int> plannedYears(gis::SpatialiteDb& db)
{
    std::vector<int> years;
    if (!db.tableExists("controles")) return years;
    auto st = db.prepare("SELECT DISTINCT jaar FROM controles WHERE jaar IS NOT NULL ORDER BY jaar DESC");
    while (st.step()) years.push_back(static_cast<int>(st.columnInt(0)));
    return years;
}

PlanResult loadPlanResult(gis::SpatialiteDb& db, const QString& workspacePath, int year)
{
    PlanResult result;
    result.year = year;
    result.outputDir = planOutputDir(workspacePath, year);
    if (!db.tableExists("controles")) return result;
    auto text = [](const gis::Statement& st, int col) { return QString::fromStdString(st.columnText(col)); };
    {
        auto st = db.prepare(
            "SELECT fid, controle_id, volgnummer, datum, gebied, soort, gemeente, partners, motivering, seed, risico, "
            "route_km, ondergrens_km, duur_min, MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom), AsBinary(geom) "
            "FROM controles WHERE jaar = ? ORDER BY volgnummer");
        st.bind(1, year);
        while (st.step()) {
            PlanControl c;
            c.fid = st.columnInt(0);
            c.id = text(st, 1);
            c.number = static_cast<int>(st.columnInt(2));
            c.date = text(st, 3);
            c.area = text(st, 4);
            c.kind = text(st, 5);
            c.municipality = text(st, 6);
            c.partners = text(st, 7);
            c.motivation = text(st, 8);
            c.seed = text(st, 9);
            c.risk = st.columnDouble(10);
            c.routeKm = st.columnDouble(11);
            c.lowerBoundKm = st.columnDouble(12);
            c.minutes = st.columnDouble(13);
            c.extent = QRectF(QPointF(st.columnDouble(14), st.columnDouble(15)), QPointF(st.columnDouble(16), st.columnDouble(17)));
            const auto wkb = st.columnBlob(18);
            if (!wkb.empty()) c.areaShape = render::parseWkb(wkb);
            result.controls.push_back(std::move(c));
        }
    }
    if (db.tableExists("controle_adressen")) {
        std::map<QString, PlanControl*> byId;
        for (auto& c : result.controls) byId[c.id] = &c;
        auto st = db.prepare(
            "SELECT a.fid, a.controle_id, a.vbo_id, a.adres, a.reden, a.partners, a.risico_score, a.woning, a.volgorde, "
            "X(a.geom), Y(a.geom) FROM controle_adressen a JOIN controles c ON c.controle_id = a.controle_id "
            "WHERE c.jaar = ? ORDER BY a.controle_id, a.volgorde");
        st.bind(1, year);
        while (st.step()) {
            const auto it = byId.find(text(st, 1));
            if (it == byId.end()) continue;
            PlanVisit v;
            v.fid = st.columnInt(0);
            v.vboId = text(st, 2);
            v.address = text(st, 3);
            v.reason = text(st, 4);
            v.partners = text(st, 5);
            v.score = st.columnDouble(6);
            v.dwelling = st.columnInt(7) != 0;
            v.order = static_cast<int>(st.columnInt(8));
            v.position = QPointF(st.columnDouble(9), st.columnDouble(10));
            it->second->visits.push_back(std::move(v));
        }
    }
    result.settings = layers::readPlanSettings(db, year);
    QFile report(result.outputDir + "/jaarplan_" + QString::number(year) + ".txt");
    if (report.open(QIODevice::ReadOnly)) result.report = QString::fromUtf8(report.readAll());
    return result;
}

QString constraintCostsText(const QString& report)
{
    const int from = report.indexOf(QStringLiteral("Wat de voorwaarden kosten:"));
    if (from < 0) return {};
    int to = report.indexOf(QStringLiteral("Rekentijd"), from);
    if (to < 0) to = static_cast<int>(report.size());
    return report.mid(from, to - from).trimmed();
}

}  // namespace riskmap::desktop
