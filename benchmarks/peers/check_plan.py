#!/usr/bin/env python3
"""Reads a `books plan` answer (PLAN_DIR/books.csv) onto an exported product instance and checks it.

    check_plan.py INSTANCE_DIR PLAN_DIR

The instance must come from `BooksBenchmarks export --data ...`, which writes item_names.csv and
bin_names.csv beside the format's files. Each item is placed where books.csv puts its first account
(an item named "ID (family of N)" is the family of account ID); the answer is evaluated with
instance.evaluate (every capacity, fixed arc and row, objective recomputed) and printed as one JSON
line with the plan's own objective from PLAN_DIR/summary.json beside it. Exit 1 when the answer
breaks a constraint or an account's rep has no arc in the instance.
"""

from __future__ import annotations

import csv
import json
import os
import sys

import numpy as np

import instance as inst_io


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    directory, plan = sys.argv[1], sys.argv[2]
    model = inst_io.load(directory)
    with open(os.path.join(directory, "item_names.csv"), newline="", encoding="utf-8") as handle:
        item_of = {row["name"].split(" (family of ")[0]: int(row["item"]) for row in csv.DictReader(handle)}
    with open(os.path.join(directory, "bin_names.csv"), newline="", encoding="utf-8") as handle:
        bin_of = {row["name"]: int(row["bin"]) for row in csv.DictReader(handle)}
    arc_of = {(int(i), int(b)): k for k, (i, b) in enumerate(zip(model.arc_item, model.arc_bin))}
    x = np.zeros(model.arcs, dtype=bool)
    missing = []
    with open(os.path.join(plan, "books.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            item = item_of.get(row["account_id"])
            if item is None:
                continue  # a family member other than the first, or an account outside the model
            k = arc_of.get((item, bin_of.get(row["rep_id"], -1)))
            if k is None:
                missing.append(f"{row['account_id']} -> {row['rep_id']}")
            else:
                x[k] = True
    evaluation = inst_io.evaluate(model, x)
    with open(os.path.join(plan, "summary.json"), encoding="utf-8") as handle:
        summary = json.load(handle)["solve"]
    print(json.dumps({"objective": evaluation.objective, "plan_objective": summary.get("objective"),
                      "difference": evaluation.objective - summary.get("objective", float("nan")),
                      "assigned_items": int(x.sum()), "violations": evaluation.violations[:5],
                      "accounts_without_arc": missing[:5], "accounts_without_arc_count": len(missing)}))
    return 0 if not evaluation.violations and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
