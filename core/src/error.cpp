// SPDX-License-Identifier: GPL-3.0-or-later
// Anchors the vtables of the error hierarchy in one translation unit.
#include "riskmap/core/error.hpp"
