// SPDX-License-Identifier: GPL-3.0-or-later
// "Exporteren…": a layer through an export profile to a file, as `riskmap export` does, on the worker thread.
#pragma once

#include "riskmap/core/feedback.hpp"

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;

namespace riskmap::desktop {

class JobRunner;

/// What the analyst chose; the format follows from the extension of `outPath`.
struct ExportChoice {
    QString layer;
    QString profile = QStringLiteral("analist");  ///< analist | riec | driehoek | partner
    QString outPath;                               ///< .gpkg .csv .geojson .xlsx … or a map: .pdf .png
    QString purpose;                               ///< doelbinding; required for riec
    QString control;                               ///< controle_id, for profile partner
    QString projectPath;                           ///< [profiles] tightenings (empty: built-in profiles)
};

/// The export itself (own writable connection): layers::exportLayer for data, render::exportMap
/// for .pdf/.png — the same calls, policy and audit entry as `riskmap export`. Returns a Dutch
/// summary; throws Error/UsageError with the reason when the profile refuses or the request is bad.
QString runExport(const QString& workspacePath, const ExportChoice& choice, core::Feedback& feedback);

/// Starts runExport on `jobs` (title jobTitle()); false when another job runs.
bool startExport(JobRunner& jobs, const QString& workspacePath, const ExportChoice& choice);
QString exportJobTitle();

/// The dialog: layer, profile, purpose, control and file.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QStringList& layers, QWidget* parent = nullptr);
    ExportChoice choice() const;

private:
    void chooseFile();
    void updateFields();
    void accept() override;

    QComboBox* m_layer = nullptr;
    QComboBox* m_profile = nullptr;
    QLineEdit* m_purpose = nullptr;
    QLineEdit* m_control = nullptr;
    QLineEdit* m_file = nullptr;
    QLabel* m_hint = nullptr;
};

}  // namespace riskmap::desktop
