// SPDX-License-Identifier: GPL-3.0-or-later
// Why a parcel is red: its class, score, explanation and indicators as a small Dutch HTML page.
#pragma once

#include "feature_identify.hpp"

#include <QString>

namespace riskmap::desktop {

/// True for a risk-map feature (risico_percelen) that explainParcel can describe.
bool isExplainable(const IdentifyResult& result);

/// HTML for the identify panel: perceel, risk class (coloured like the map), score, the
/// `verklaring` sentence, a table of the indicators in words and the result's photo chips
/// (embedded PNG, or "geen luchtfoto" in words). Values are HTML-escaped.
QString explainParcel(const IdentifyResult& result);

/// An indicator column name in Dutch words, e.g. n_panden_buiten_gebruik → "aantal panden buiten gebruik".
QString indicatorWords(const QString& column);

}  // namespace riskmap::desktop
