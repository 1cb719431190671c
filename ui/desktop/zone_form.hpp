// SPDX-License-Identifier: GPL-3.0-or-later
// The attribute form of a risk zone: naam, toelichting, status, classificatie, herzien-voor date.
#pragma once

#include "risk_zone_store.hpp"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QComboBox;
class QDateEdit;
class QCheckBox;

namespace riskmap::desktop {

class ZoneForm : public QDialog {
    Q_OBJECT
public:
    explicit ZoneForm(QWidget* parent = nullptr);
    ZoneAttributes attributes() const;
    /// Fills the form with a saved zone's attributes (editing an existing zone).
    void setAttributes(const ZoneAttributes& attributes);

private:
    QLineEdit* m_name;
    QPlainTextEdit* m_note;
    QComboBox* m_status;
    QComboBox* m_classification;
    QCheckBox* m_hasReview;
    QDateEdit* m_review;
};

}  // namespace riskmap::desktop
