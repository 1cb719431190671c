// SPDX-License-Identifier: GPL-3.0-or-later
// A small modal form; the values (status, classification) are the data model's Dutch codes.
#include "zone_form.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace riskmap::desktop {

ZoneForm::ZoneForm(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Risk zone"));
    auto* form = new QFormLayout(this);
    m_name = new QLineEdit(this);
    m_note = new QPlainTextEdit(this);
    m_status = new QComboBox(this);
    m_status->addItems({"concept", "actief", "afgesloten"});
    m_classification = new QComboBox(this);
    m_classification->addItems({"intern", "vertrouwelijk", "politiegegevens", "openbaar"});
    m_hasReview = new QCheckBox(tr("Review before"), this);
    m_review = new QDateEdit(QDate::currentDate().addMonths(6), this);
    m_review->setCalendarPopup(true);
    m_review->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_review->setEnabled(false);
    connect(m_hasReview, &QCheckBox::toggled, m_review, &QWidget::setEnabled);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Explanation"), m_note);
    form->addRow(tr("Status"), m_status);
    form->addRow(tr("Classification"), m_classification);
    form->addRow(m_hasReview, m_review);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // A zone needs a name before it can be saved.
    auto* save = buttons->button(QDialogButtonBox::Save);
    save->setEnabled(false);
    connect(m_name, &QLineEdit::textChanged, save, [save](const QString& t) { save->setEnabled(!t.trimmed().isEmpty()); });
}

ZoneAttributes ZoneForm::attributes() const
{
    ZoneAttributes a;
    a.naam = m_name->text().trimmed().toStdString();
    a.toelichting = m_note->toPlainText().trimmed().toStdString();
    a.status = m_status->currentText().toStdString();
    a.classificatie = m_classification->currentText().toStdString();
    if (m_hasReview->isChecked()) a.herzienVoor = m_review->date().toString(Qt::ISODate).toStdString();
    return a;
}

void ZoneForm::setAttributes(const ZoneAttributes& a)
{
    m_name->setText(QString::fromStdString(a.naam));
    m_note->setPlainText(QString::fromStdString(a.toelichting));
    m_status->setCurrentText(QString::fromStdString(a.status));
    m_classification->setCurrentText(QString::fromStdString(a.classificatie));
    const QDate review = QDate::fromString(QString::fromStdString(a.herzienVoor), Qt::ISODate);
    m_hasReview->setChecked(review.isValid());
    if (review.isValid()) m_review->setDate(review);
}

}  // namespace riskmap::desktop
