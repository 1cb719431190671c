// SPDX-License-Identifier: GPL-3.0-or-later
// The previous run's score and class per feature, read before an output layer is replaced (actualiseren).
#pragma once

#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace riskmap::layers {

/// How the classes moved between the previous run and this one.
struct ClassChanges {
    bool hadPreviousRun = false;   ///< false on the first run: every vorige_* column is NULL
    std::string previousRunId;     ///< the run id found most often in the old layer
    std::int64_t up = 0;           ///< features now in a higher class
    std::int64_t down = 0;         ///< features now in a lower class
    std::int64_t same = 0;         ///< same class as before
    std::int64_t added = 0;        ///< features without a row (or without a class) in the previous run
    std::int64_t removed = 0;      ///< previous rows whose id is gone
};

/// One feature's values in the previous run.
struct PreviousValue {
    std::optional<double> score;
    std::optional<std::int64_t> klasse;
    std::string runId;
};

/// The previous run of one output layer, keyed by the feature id (perceel_id, cel_id).
class PreviousRun {
public:
    /// Reads `idColumn`, `scoreColumn`, `classColumn` and run_id of `table` when it exists and has those columns;
    /// otherwise an empty PreviousRun (first run). Rows with a NULL id are skipped.
    static PreviousRun read(gis::SpatialiteDb& db, const std::string& table, const std::string& idColumn,
                            const std::string& scoreColumn, const std::string& classColumn);

    bool empty() const { return m_values.empty(); }
    /// The previous values of `id`, or nullptr.
    const PreviousValue* find(const std::string& id) const;
    /// Counts one feature of the new run into `changes` (and remembers it was seen, for `removed`).
    void count(const std::string& id, std::int64_t newClass, ClassChanges& changes);
    /// Finishes `changes`: previous run id and the rows not seen by count().
    void finish(ClassChanges& changes) const;

private:
    std::unordered_map<std::string, PreviousValue> m_values;
    std::unordered_map<std::string, bool> m_seen;
    std::string m_runId;
};

/// Appends the change columns of DATA_MODEL.md (vorige_score, verschil_score, vorige_klasse,
/// vorige_run_id) for a feature whose new score is `score` and whose previous values are `old`
/// (nullptr: a new feature; each column empty where the previous run lacks it).
void appendPreviousColumns(std::vector<gis::FieldValue>& row, const PreviousValue* old, double score);

/// One line of Dutch summary, e.g. "t.o.v. run X: 12 hoger, 8 lager, 300 gelijk, 0 nieuw, 0 vervallen".
std::string describeClassChanges(const ClassChanges& changes);

}  // namespace riskmap::layers
