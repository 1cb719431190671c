// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's Export action: the dialog and the job, both on the one export path of `riskmap export`.
#include "export_dialog.hpp"

#include "job_runner.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/data_export.hpp"
#include "riskmap/layers/export_profile.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/render/map_export.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace riskmap::desktop {

QString exportJobTitle() { return QObject::tr("Export"); }

QString runExport(const QString& workspacePath, const ExportChoice& choice, core::Feedback& feedback)
{
    feedback.beginStage(QObject::tr("Exporting %1").arg(choice.layer).toStdString());
    layers::ExportRequest request;
    const auto profile = layers::parseProfile(choice.profile.toStdString());
    if (!profile) throw UsageError("profiel '" + choice.profile.toStdString() + "' bestaat niet; kies analist, riec, driehoek of partner");
    request.profile = *profile;
    request.layer = choice.layer.toStdString();
    request.outPath = choice.outPath.toStdString();
    if (!choice.purpose.trimmed().isEmpty()) request.purpose = choice.purpose.trimmed().toStdString();
    if (!choice.control.trimmed().isEmpty()) request.control = choice.control.trimmed().toStdString();
    if (!choice.projectPath.isEmpty())
        request.profiles = layers::readProfileSettings(layers::ProjectFile::load(choice.projectPath.toStdString()));
    auto workspace = gis::Workspace::open(workspacePath.toStdString());
    feedback.checkCancelled();  // the writers below run to the end once started; the file appears whole or not at all
    const QString ext = QFileInfo(choice.outPath).suffix().toLower();
    if (ext == "pdf" || ext == "png") {
        const auto result = render::exportMap(workspace, workspacePath.toStdString(), request, {});
        QString summary = QObject::tr("Map of %1 written: %2 (%3 pages)\nClassification: %4\nAudit log entry %5")
                              .arg(choice.layer, choice.outPath)
                              .arg(result.report.pages)
                              .arg(QString::fromStdString(result.policy.banner))
                              .arg(result.audit.seq);
        for (const auto& notice : result.report.stats.notices) summary += QLatin1Char('\n') + QString::fromStdString(notice);
        return summary;
    }
    const auto result = layers::exportLayer(workspace, request);
    QString summary = QObject::tr("Layer %1 exported to %2 (%3 rows, profile %4)")
                          .arg(choice.layer, choice.outPath)
                          .arg(result.rows)
                          .arg(choice.profile);
    if (!result.policy.dropped.empty()) {
        QStringList dropped;
        for (const auto& c : result.policy.dropped) dropped << QString::fromStdString(c);
        summary += QObject::tr("\nColumns left out: %1").arg(dropped.join(", "));
    }
    summary += QObject::tr("\nClassification: %1\nAudit log entry %2")
                   .arg(QString::fromStdString(result.policy.banner))
                   .arg(result.audit.seq);
    return summary;
}

bool startExport(JobRunner& jobs, const QString& workspacePath, const ExportChoice& choice)
{
    return jobs.start(exportJobTitle(), [=](core::Feedback& f) { return runExport(workspacePath, choice, f); });
}

ExportDialog::ExportDialog(const QStringList& layers, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_layer = new QComboBox(this);
    m_layer->addItems(layers);
    m_profile = new QComboBox(this);
    m_profile->addItem(tr("analist (within the team)"), "analist");
    m_profile->addItem(tr("riec (purpose required)"), "riec");
    m_profile->addItem(tr("driehoek (aggregated, small counts hidden)"), "driehoek");
    m_profile->addItem(tr("partner (address list of one control)"), "partner");
    m_purpose = new QLineEdit(this);
    m_purpose->setPlaceholderText(tr("e.g. RIEC casusoverleg 2027-03"));
    m_control = new QLineEdit(this);
    m_control->setPlaceholderText(tr("e.g. 2027-1"));
    m_file = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Choose…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("Layer:"), m_layer);
    form->addRow(tr("Profile:"), m_profile);
    form->addRow(tr("Purpose:"), m_purpose);
    form->addRow(tr("Control:"), m_control);
    form->addRow(tr("File:"), fileRow);
    layout->addLayout(form);
    m_hint = new QLabel(tr("The format follows from the extension: .gpkg, .csv, .geojson, .xlsx; a map: .pdf or .png. "
                           "Every export is recorded in the audit log."),
                        this);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    connect(m_profile, &QComboBox::currentIndexChanged, this, &ExportDialog::updateFields);
    updateFields();
}

void ExportDialog::updateFields()
{
    const QString p = m_profile->currentData().toString();
    m_control->setEnabled(p == "partner");
    m_purpose->setToolTip(p == "riec" ? tr("Required for profile riec") : tr("Optional; the profile name when empty"));
}

void ExportDialog::chooseFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export to"), m_layer->currentText() + ".gpkg",
        tr("GeoPackage (*.gpkg);;CSV (*.csv);;GeoJSON (*.geojson);;Excel (*.xlsx);;Map PDF (*.pdf);;Map PNG (*.png)"));
    if (!path.isEmpty()) m_file->setText(path);
}

void ExportDialog::accept()
{
    // The obvious mistakes are caught here; the export path checks everything else.
    if (m_file->text().trimmed().isEmpty()) {
        QMessageBox::warning(this, tr("Export"), tr("Choose the file to write."));
        return;
    }
    if (m_profile->currentData().toString() == "riec" && m_purpose->text().trimmed().isEmpty()) {
        QMessageBox::warning(this, tr("Export"), tr("Profile riec: give the purpose of the export."));
        return;
    }
    if (m_profile->currentData().toString() == "partner" && m_control->text().trimmed().isEmpty()) {
        QMessageBox::warning(this, tr("Export"), tr("Profile partner: give the control whose address list is exported."));
        return;
    }
    QDialog::accept();
}

ExportChoice ExportDialog::choice() const
{
    ExportChoice c;
    c.layer = m_layer->currentText();
    c.profile = m_profile->currentData().toString();
    c.outPath = m_file->text().trimmed();
    c.purpose = m_purpose->text();
    c.control = m_control->text();
    return c;
}

}  // namespace riskmap::desktop
