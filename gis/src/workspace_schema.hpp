// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace's own tables, as a list of migrations (index + 1 = version).
#pragma once

#include <string>
#include <vector>

namespace riskmap::gis {

/// The registered-raster tables (part of migration 2; also used for plain files).
const char* rasterTablesSql();

/// Migration i brings the schema from version i to i + 1.
const std::vector<std::string>& workspaceMigrations();

}  // namespace riskmap::gis
