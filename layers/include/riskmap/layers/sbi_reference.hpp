// SPDX-License-Identifier: GPL-3.0-or-later
// The official SBI 2008 list (CBS, versie 2018), compiled into the program.
#pragma once

#include "riskmap/core/sbi.hpp"

namespace riskmap::layers {

/// The SBI 2008 (versie 2018) catalogue bundled from sample_data/sbi/sbi2008_versie2018.csv.
/// Parsed once on first use; never throws after the build succeeded (the build checks the file).
const core::SbiCatalogue& sbi2008Catalogue();

}  // namespace riskmap::layers
