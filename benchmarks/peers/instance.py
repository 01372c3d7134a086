"""Reading, checking and evaluating an instance in the neutral format (see README.md).

The model, exactly as DynamicBooks' AssignmentModel states it:

    maximise   sum_k value[k] x[k]  -  sum_s penalty[s] d[s]
    subject to sum_{k in arcs(i)} x[k] <= 1            (= 1 when must_assign[i])
               sum_{k in arcs(b)} weight[k] x[k] <= capacity[b]
               lower[s] <= row(s) + d[s],  row(s) <= upper[s]
               row(s) = sum_t coef[t] x[arc[t]] + sum_g beta[g] A[g],  A[g] = sum a x (an aggregate)
               x[k] = 1 for fixed arcs,  x in {0, 1},  d[s] >= 0 (d[s] = 0 unless the row has a penalty)

Only this module knows the file layout; the solvers see an `Instance` of numpy arrays.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
from dataclasses import dataclass, field

import numpy as np


class InstanceError(Exception):
    """A malformed instance file: the message names the file, line, column, value and rule."""


@dataclass
class Row:
    """One side row: lower <= sum coef x + sum beta A (+ d) <= upper."""

    lower: float | None
    upper: float | None
    penalty: float | None
    name: str
    arcs: list[int] = field(default_factory=list)
    arc_coefficients: list[float] = field(default_factory=list)
    aggregates: list[int] = field(default_factory=list)
    aggregate_coefficients: list[float] = field(default_factory=list)


@dataclass
class Instance:
    name: str
    capacity: np.ndarray          # float64 [bins]
    must_assign: np.ndarray       # bool [items]
    arc_item: np.ndarray          # int64 [arcs]
    arc_bin: np.ndarray           # int64 [arcs]
    arc_value: np.ndarray         # float64 [arcs]
    arc_weight: np.ndarray        # float64 [arcs]
    arc_fixed: np.ndarray         # bool [arcs]
    aggregate_count: int
    aggregate_id: np.ndarray      # int64 [aggregate terms]
    aggregate_arc: np.ndarray     # int64 [aggregate terms]
    aggregate_coefficient: np.ndarray  # float64 [aggregate terms]
    rows: list[Row]

    @property
    def items(self) -> int:
        return len(self.must_assign)

    @property
    def bins(self) -> int:
        return len(self.capacity)

    @property
    def arcs(self) -> int:
        return len(self.arc_item)


def _numeric_table(path: str, columns: list[str]) -> np.ndarray:
    """Reads a numeric CSV with the given header into a float64 array of shape (lines, columns)."""
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    if header != columns:
        raise InstanceError(f"{path}:1: header is {','.join(header)!r}; expected {','.join(columns)!r}")
    with open(path, encoding="utf-8") as handle:
        if sum(1 for _ in itertools.islice(handle, 2)) < 2:
            return np.zeros((0, len(columns)))
    try:
        table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    except ValueError as error:
        raise InstanceError(f"{path}: {error}") from None
    if table.size == 0:
        return np.zeros((0, len(columns)))
    if table.shape[1] != len(columns):
        raise InstanceError(f"{path}: {table.shape[1]} columns; expected {len(columns)}")
    if not np.all(np.isfinite(table)):
        line = int(np.nonzero(~np.all(np.isfinite(table), axis=1))[0][0]) + 2
        raise InstanceError(f"{path}:{line}: a value is not a finite number")
    return table


def _dense_ids(path: str, column: str, ids: np.ndarray, count: int | None = None) -> np.ndarray:
    """Checks that `ids` are whole numbers; when `count` is given, that they are 0, 1, ..., count-1 in order."""
    whole = ids.astype(np.int64)
    bad = np.nonzero(whole != ids)[0]
    if len(bad):
        raise InstanceError(f"{path}:{bad[0] + 2}: column {column} is {ids[bad[0]]}; ids must be whole numbers")
    if count is not None:
        bad = np.nonzero(whole != np.arange(count))[0]
        if len(bad):
            raise InstanceError(f"{path}:{bad[0] + 2}: column {column} is {whole[bad[0]]}; expected {bad[0]} (ids are 0, 1, 2, ... in order)")
    return whole


def _optional_number(path: str, line: int, column: str, text: str) -> float | None:
    if text.strip() == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise InstanceError(f"{path}:{line}: column {column} is {text!r}; expected a number or nothing") from None
    if not math.isfinite(value):
        raise InstanceError(f"{path}:{line}: column {column} is {text!r}; expected a finite number")
    return value


def load(directory: str) -> Instance:
    """Reads and checks an instance directory. Raises InstanceError naming the first fault."""
    join = lambda name: os.path.join(directory, name)  # noqa: E731
    meta_path = join("instance.json")
    name = os.path.basename(os.path.normpath(directory))
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as handle:
            name = json.load(handle).get("name", name)

    bins = _numeric_table(join("bins.csv"), ["bin", "capacity"])
    _dense_ids(join("bins.csv"), "bin", bins[:, 0], len(bins))
    capacity = bins[:, 1].copy()
    if np.any(capacity < 0):
        line = int(np.nonzero(capacity < 0)[0][0]) + 2
        raise InstanceError(f"{join('bins.csv')}:{line}: column capacity is negative; capacities must be >= 0")

    items = _numeric_table(join("items.csv"), ["item", "must_assign"])
    _dense_ids(join("items.csv"), "item", items[:, 0], len(items))
    if not np.all((items[:, 1] == 0) | (items[:, 1] == 1)):
        line = int(np.nonzero((items[:, 1] != 0) & (items[:, 1] != 1))[0][0]) + 2
        raise InstanceError(f"{join('items.csv')}:{line}: column must_assign must be 0 or 1")
    must_assign = items[:, 1] == 1

    arcs = _numeric_table(join("arcs.csv"), ["item", "bin", "value", "weight", "fixed"])
    path = join("arcs.csv")
    arc_item = _dense_ids(path, "item", arcs[:, 0])
    arc_bin = _dense_ids(path, "bin", arcs[:, 1])
    for column, ids, count in (("item", arc_item, len(must_assign)), ("bin", arc_bin, len(capacity))):
        bad = np.nonzero((ids < 0) | (ids >= count))[0]
        if len(bad):
            raise InstanceError(f"{path}:{bad[0] + 2}: column {column} is {ids[bad[0]]}; there are {count} {column}s")
    if np.any(arcs[:, 3] < 0):
        raise InstanceError(f"{path}:{int(np.nonzero(arcs[:, 3] < 0)[0][0]) + 2}: column weight is negative; weights must be >= 0")
    if not np.all((arcs[:, 4] == 0) | (arcs[:, 4] == 1)):
        raise InstanceError(f"{path}:{int(np.nonzero((arcs[:, 4] != 0) & (arcs[:, 4] != 1))[0][0]) + 2}: column fixed must be 0 or 1")
    pair = arc_item * max(1, len(capacity)) + arc_bin
    if len(np.unique(pair)) != len(pair):
        raise InstanceError(f"{path}: an (item, bin) pair appears twice; every arc must be distinct")
    arc_fixed = arcs[:, 4] == 1
    fixed_per_item = np.bincount(arc_item[arc_fixed], minlength=len(must_assign))
    if np.any(fixed_per_item > 1):
        raise InstanceError(f"{path}: item {int(np.argmax(fixed_per_item > 1))} has more than one fixed arc")

    aggregates = _numeric_table(join("aggregates.csv"), ["aggregate", "arc", "coefficient"])
    path = join("aggregates.csv")
    aggregate_id = _dense_ids(path, "aggregate", aggregates[:, 0])
    aggregate_arc = _dense_ids(path, "arc", aggregates[:, 1])
    bad = np.nonzero((aggregate_arc < 0) | (aggregate_arc >= len(arc_item)) | (aggregate_id < 0))[0]
    if len(bad):
        raise InstanceError(f"{path}:{bad[0] + 2}: aggregate {aggregate_id[bad[0]]} or arc {aggregate_arc[bad[0]]} does not exist")

    rows = _load_rows(join("rows.csv"), join("row_terms.csv"), len(arc_item))
    aggregate_count = int(max([aggregate_id.max() + 1 if len(aggregate_id) else 0]
                              + [g + 1 for row in rows for g in row.aggregates]))
    return Instance(name, capacity, must_assign, arc_item, arc_bin, arcs[:, 2].copy(), arcs[:, 3].copy(), arc_fixed,
                    aggregate_count, aggregate_id, aggregate_arc, aggregates[:, 2].copy(), rows)


def _load_rows(rows_path: str, terms_path: str, arc_count: int) -> list[Row]:
    rows: list[Row] = []
    with open(rows_path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if header != ["row", "lower", "upper", "deviation_penalty", "name"]:
            raise InstanceError(f"{rows_path}:1: header is {','.join(header)!r}; expected 'row,lower,upper,deviation_penalty,name'")
        for line, fields in enumerate(reader, start=2):
            if len(fields) != 5:
                raise InstanceError(f"{rows_path}:{line}: {len(fields)} columns; expected 5")
            if fields[0] != str(len(rows)):
                raise InstanceError(f"{rows_path}:{line}: column row is {fields[0]!r}; expected {len(rows)} (ids are 0, 1, 2, ... in order)")
            lower = _optional_number(rows_path, line, "lower", fields[1])
            upper = _optional_number(rows_path, line, "upper", fields[2])
            penalty = _optional_number(rows_path, line, "deviation_penalty", fields[3])
            if lower is not None and upper is not None and lower > upper:
                raise InstanceError(f"{rows_path}:{line}: lower {lower} exceeds upper {upper}")
            if penalty is not None and penalty < 0:
                raise InstanceError(f"{rows_path}:{line}: column deviation_penalty is {penalty}; penalties must be >= 0")
            rows.append(Row(lower, upper, penalty, fields[4]))
    with open(terms_path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if header != ["row", "kind", "index", "coefficient"]:
            raise InstanceError(f"{terms_path}:1: header is {','.join(header)!r}; expected 'row,kind,index,coefficient'")
        for line, fields in enumerate(reader, start=2):
            if len(fields) != 4:
                raise InstanceError(f"{terms_path}:{line}: {len(fields)} columns; expected 4")
            try:
                row, index, coefficient = int(fields[0]), int(fields[2]), float(fields[3])
            except ValueError:
                raise InstanceError(f"{terms_path}:{line}: row and index must be whole numbers and coefficient a number") from None
            if not 0 <= row < len(rows):
                raise InstanceError(f"{terms_path}:{line}: column row is {row}; there are {len(rows)} rows")
            if not math.isfinite(coefficient):
                raise InstanceError(f"{terms_path}:{line}: column coefficient is {fields[3]!r}; expected a finite number")
            if fields[1] == "arc":
                if not 0 <= index < arc_count:
                    raise InstanceError(f"{terms_path}:{line}: column index is {index}; there are {arc_count} arcs")
                rows[row].arcs.append(index)
                rows[row].arc_coefficients.append(coefficient)
            elif fields[1] == "aggregate":
                if index < 0:
                    raise InstanceError(f"{terms_path}:{line}: column index is {index}; aggregate ids are >= 0")
                rows[row].aggregates.append(index)
                rows[row].aggregate_coefficients.append(coefficient)
            else:
                raise InstanceError(f"{terms_path}:{line}: column kind is {fields[1]!r}; expected 'arc' or 'aggregate'")
    return rows


@dataclass
class Evaluation:
    objective: float         # value - sum penalty * deviation, recomputed in floating point
    value: float
    penalty: float
    violations: list[str]    # empty when the answer is feasible


def tolerance(bound: float) -> float:
    """Feasibility tolerance, the same as the engine's: 1e-7 * max(1, |bound|)."""
    return 1e-7 * max(1.0, abs(bound))


def evaluate(instance: Instance, x: np.ndarray) -> Evaluation:
    """Checks a 0/1 answer over arcs against every constraint and recomputes its objective.

    Deviations are not taken from the solver: each soft row gets the smallest one that satisfies it.
    """
    x = np.asarray(x, dtype=bool)
    violations: list[str] = []
    per_item = np.bincount(instance.arc_item[x], minlength=instance.items)
    for i in np.nonzero(per_item > 1)[0][:5]:
        violations.append(f"item {i} is assigned {per_item[i]} times")
    for i in np.nonzero(instance.must_assign & (per_item == 0))[0][:5]:
        violations.append(f"item {i} must be assigned")
    for k in np.nonzero(instance.arc_fixed & ~x)[0][:5]:
        violations.append(f"arc {k} is fixed but not chosen")
    loads = np.bincount(instance.arc_bin[x], weights=instance.arc_weight[x], minlength=instance.bins)
    over = loads > instance.capacity + 1e-7 * np.maximum(1, instance.capacity)
    for b in np.nonzero(over)[0][:5]:
        violations.append(f"bin {b} holds {loads[b]} of capacity {instance.capacity[b]}")
    chosen_terms = x[instance.aggregate_arc]
    aggregate = np.bincount(instance.aggregate_id[chosen_terms], weights=instance.aggregate_coefficient[chosen_terms],
                            minlength=instance.aggregate_count)
    value = float(instance.arc_value[x].sum())
    penalty = 0.0
    for s, row in enumerate(instance.rows):
        activity = sum(c for k, c in zip(row.arcs, row.arc_coefficients) if x[k])
        activity += sum(c * aggregate[g] for g, c in zip(row.aggregates, row.aggregate_coefficients))
        if row.lower is not None and activity < row.lower - tolerance(row.lower):
            if row.penalty is not None:
                penalty += row.penalty * (row.lower - activity)
            else:
                violations.append(f"row {s} ({row.name}) is {activity}, below {row.lower}")
        if row.upper is not None and activity > row.upper + tolerance(row.upper):
            violations.append(f"row {s} ({row.name}) is {activity}, above {row.upper}")
    return Evaluation(value - penalty, value, penalty, violations)
