#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Joins riskmap's and PostGIS's indicator CSVs on perceel_id (and the KDE on cel_id) and reports disagreements:
# counts exactly, distances within 1 cm, shares within 1e-6, areas within 1e-6 m², KDE within 1e-9 relative.
import csv
import sys

COUNTS = ["n_risico_vestigingen_250m", "n_panden", "n_panden_buiten_gebruik", "n_incidenten_500m_3j",
          "max_bedrijven_per_adres", "n_adressen_500m", "in_vakantiepark"]
DISTANCES = ["afstand_oprit_m", "afstand_woning_m"]
SHARES = ["aandeel_bedrijventerrein"]
AREAS = ["opp_overig_m2", "opp_vab_m2"]


def read(path, key):
    with open(path, newline="") as f:
        return {row[key]: row for row in csv.DictReader(f)}


def number(text):
    return None if text in ("", None) else float(text)


def main(ours_csv, pg_csv, grid_csv, kde_csv):
    ours, pg = read(ours_csv, "perceel_id"), read(pg_csv, "perceel_id")
    ok = True
    missing = set(ours) ^ set(pg)
    print(f"percelen: riskmap {len(ours)}, PostGIS {len(pg)}, niet in beide: {len(missing)}")
    ok &= not missing
    print(f"{'indicator':28} {'tolerantie':>10} {'afwijkend':>9} {'max verschil':>13} {'niet-nul':>9}")
    for columns, tol in ((COUNTS, 0.0), (DISTANCES, 0.01), (SHARES, 1e-6), (AREAS, 1e-6)):
        for c in columns:
            bad, worst, nonzero, example = 0, 0.0, 0, None
            for pid in sorted(set(ours) & set(pg)):
                a, b = number(ours[pid][c]), number(pg[pid][c])
                if a is None or b is None:
                    if a != b:
                        bad += 1
                        example = example or (pid, a, b)
                    continue
                nonzero += b != 0
                diff = abs(a - b)
                worst = max(worst, diff)
                if diff > tol:
                    bad += 1
                    example = example or (pid, a, b)
            ok &= bad == 0
            print(f"{c:28} {tol:>10g} {bad:>9} {worst:>13.3g} {nonzero:>9}" + (f"  bv. {example}" if example else ""))
    grid, kde = read(grid_csv, "cel_id"), read(kde_csv, "cel_id")
    bad, worst, peak = 0, 0.0, max((float(r["kde"]) for r in kde.values()), default=0.0)
    for cid, row in kde.items():
        a, b = number(grid[cid]["kde"]) if cid in grid else None, float(row["kde"])
        if a is None:
            bad += 1
            continue
        rel = abs(a - b) / max(peak, 1e-300)
        worst = max(worst, rel)
        bad += rel > 1e-9
    ok &= bad == 0 and len(grid) == len(kde)
    print(f"KDE: {len(kde)} cellen, afwijkend (> 1e-9 van het maximum {peak:.4g}/km²): {bad}, max relatief verschil {worst:.3g}")
    print("OVEREENSTEMMING: " + ("ja" if ok else "NEE"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
