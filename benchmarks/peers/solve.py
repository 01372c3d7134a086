#!/usr/bin/env python3
"""Solves one exported DynamicBooks instance with an established solver and prints one JSON line.

    solve.py INSTANCE_DIR --solver {ortools,mcf,mcf-relaxed,cpsat,highs} [--time-limit 60] [--gap 1e-3] [--threads N] [--cpsat-workers 8]
    solve.py --versions

Solvers (each in its own process: OR-Tools and highspy both bundle HiGHS and clash when loaded together):
  mcf     OR-Tools SimpleMinCostFlow; only for transportation instances (no side rows, one weight on
          every arc); bins get floor(capacity / weight) slots; must-assign items get no "skip" arc.
  cpsat   OR-Tools CP-SAT on the integer-scaled model (see README.md, "How the peers see the model").
  highs   HiGHS branch and cut (highspy) on the model as stated, in floating point.
  ortools mcf when it applies, cpsat otherwise.
  mcf-relaxed  mcf with the side rows dropped: an upper bound, and an answer checked against the real rows.

The JSON line has the columns of the harness's `run-one`: solver, status, objective, bound, seconds,
peakMB, error; plus load_seconds (reading the CSV files), solve_seconds (the solver call alone) and
verified. `seconds` is building the solver's model from the loaded arrays plus the solver call, the
counterpart of our `Engine.solve` on an in-memory model. Every answer is checked against every
constraint and its objective recomputed in floating point (instance.evaluate); an answer that
fails the check is reported with status "invalid".
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import math
import os
import resource
import sys
import time
from dataclasses import asdict, dataclass

import numpy as np

import instance as inst_io


@dataclass
class Result:
    solver: str
    status: str
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    load_seconds: float = 0.0
    solve_seconds: float = 0.0
    peakMB: float = 0.0
    verified: bool = False
    error: str | None = None
    note: str | None = None


def decimal_scale(values: np.ndarray, max_power: int = 6) -> tuple[int, bool]:
    """The smallest 10^p (p <= max_power) that makes every value whole; (10^max_power, False) when none does."""
    values = np.asarray(values, dtype=np.float64)
    for power in range(max_power + 1):
        scaled = values * 10**power
        if np.all(np.abs(scaled - np.rint(scaled)) <= 1e-6 * np.maximum(1.0, np.abs(scaled)) + 1e-9):
            return 10**power, True
    return 10**max_power, False


def mcf_not_applicable(instance: inst_io.Instance) -> str | None:
    """Why the instance is not a transportation problem, or None when it is."""
    if instance.rows:
        return f"the instance has {len(instance.rows)} side rows"
    if instance.arcs and not np.all(instance.arc_weight == instance.arc_weight[0]):
        return "arc weights differ, so the instance is not a transportation problem"
    return None


def finish(instance: inst_io.Instance, result: Result, x: np.ndarray | None, gap: float) -> Result:
    """Verifies the answer, recomputes its objective and names its status from objective and bound."""
    if x is None:
        return result
    evaluation = inst_io.evaluate(instance, x)
    result.objective = evaluation.objective
    if evaluation.violations:
        result.status = "rows_violated" if result.status == "relaxed" else "invalid"
        result.error = "; ".join(evaluation.violations[:3])
        return result
    result.verified = True
    if result.status in ("optimal", "stopped_at_gap", "relaxed") and result.bound is not None:
        relative = max(0.0, result.bound - result.objective) / max(1e-9, abs(result.bound))
        result.status = "optimal" if relative <= 1e-6 else ("heuristic" if result.status == "relaxed" else "within_gap")
    return result


# MARK: - OR-Tools min-cost flow

def solve_mcf(instance: inst_io.Instance, time_limit: float, gap: float, threads: int) -> tuple[Result, np.ndarray | None]:
    """Maximum-value b-matching as a min-cost flow: item -> bin (cost -value), item -> sink (cost 0, optional
    items only), bin -> sink (floor(capacity / weight) slots). Every item supplies one unit, so must-assign
    items, which have no skip arc, are placed or the flow is infeasible. Items with a fixed arc keep only it.
    Costs are integers: values times the smallest power of ten that makes them whole (10^6, rounded, when
    none does). SimpleMinCostFlow has no time limit."""
    from ortools.graph.python import min_cost_flow

    result = Result("ortools-mcf", "failed")
    reason = mcf_not_applicable(instance)
    if reason:
        result.status, result.error = "not_applicable", reason
        return result, None
    n, b = instance.items, instance.bins
    sink = n + b
    weight = float(instance.arc_weight[0]) if instance.arcs else 1.0
    slots = np.full(b, n, dtype=np.int64) if weight == 0 else np.floor(instance.capacity / weight + 1e-9).astype(np.int64)
    scale, exact = decimal_scale(instance.arc_value)
    if not exact:
        result.note = f"values rounded to 1/{scale}"
    has_fixed = np.zeros(n, dtype=bool)
    has_fixed[instance.arc_item[instance.arc_fixed]] = True
    keep = np.nonzero(~has_fixed[instance.arc_item] | instance.arc_fixed)[0]
    optional = np.nonzero(~instance.must_assign & ~has_fixed)[0]
    tails = np.concatenate([instance.arc_item[keep], optional, n + np.arange(b)])
    heads = np.concatenate([n + instance.arc_bin[keep], np.full(len(optional), sink), np.full(b, sink)])
    capacities = np.concatenate([np.ones(len(keep) + len(optional), dtype=np.int64), slots])
    costs = np.concatenate([-np.rint(instance.arc_value[keep] * scale).astype(np.int64),
                            np.zeros(len(optional) + b, dtype=np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.arange(n + b + 1), np.concatenate([np.ones(n, dtype=np.int64), np.zeros(b, dtype=np.int64), [-n]]))
    start = time.perf_counter()
    status = flow.solve()
    result.solve_seconds = time.perf_counter() - start
    if status == flow.OPTIMAL:
        x = np.zeros(instance.arcs, dtype=bool)
        x[keep] = flow.flows(np.arange(len(keep))) > 0
        result.status = "optimal"
        result.bound = -flow.optimal_cost() / scale
        return result, x
    result.status = "infeasible" if status == flow.INFEASIBLE else "failed"
    result.error = f"SimpleMinCostFlow status {status}"
    return result, None


# MARK: - OR-Tools CP-SAT

def _round_safe(coefficient: float, lower: float, upper: float, at_least: bool) -> int:
    """An integer coefficient that keeps `sum coef*y >= rhs` (at_least) or `<= rhs` implied for y in [lower, upper]."""
    nearest = round(coefficient)
    if abs(coefficient - nearest) <= 1e-9 * max(1.0, abs(coefficient)):
        return int(nearest)
    if lower >= 0:
        return math.floor(coefficient) if at_least else math.ceil(coefficient)
    if upper <= 0:
        return math.ceil(coefficient) if at_least else math.floor(coefficient)
    return int(nearest)


def solve_cpsat(instance: inst_io.Instance, time_limit: float, gap: float, threads: int) -> tuple[Result, np.ndarray | None]:
    """CP-SAT on an integer model: weights and capacities scaled to whole numbers (weights rounded up,
    capacities down); each aggregate an integer variable; each side row multiplied by 10^6 and its
    coefficients rounded in the direction that keeps the integer row implying the real one; a soft row's
    deviation an integer variable in units of 10^-6; objective coefficients value x 10^6 (x the power of ten
    that makes penalties whole). The bound is CP-SAT's, divided back."""
    from ortools.sat.python import cp_model

    build_start = time.perf_counter()
    result = Result("ortools-cpsat", "failed")
    notes: list[str] = []
    model = cp_model.CpModel()
    k_count = instance.arcs
    x = [model.new_bool_var("") for _ in range(k_count)]
    order = np.argsort(instance.arc_item, kind="stable")
    bounds = np.searchsorted(instance.arc_item[order], np.arange(instance.items + 1))
    for i in range(instance.items):
        arcs = order[bounds[i]:bounds[i + 1]].tolist()
        if instance.must_assign[i]:
            model.add_exactly_one([x[k] for k in arcs])
        elif len(arcs) > 1:
            model.add_at_most_one([x[k] for k in arcs])
    for k in np.nonzero(instance.arc_fixed)[0].tolist():
        model.add(x[k] == 1)

    weight_scale, exact = decimal_scale(np.concatenate([instance.arc_weight, instance.capacity]))
    if not exact:
        notes.append(f"weights rounded up and capacities down at 1/{weight_scale}")
    weights = np.ceil(instance.arc_weight * weight_scale - 1e-9).astype(np.int64)
    rhs = np.floor(instance.capacity * weight_scale + 1e-9).astype(np.int64)
    order = np.argsort(instance.arc_bin, kind="stable")
    bounds = np.searchsorted(instance.arc_bin[order], np.arange(instance.bins + 1))
    for b in range(instance.bins):
        arcs = order[bounds[b]:bounds[b + 1]]
        if len(arcs) and int(weights[arcs].sum()) > rhs[b]:
            model.add(cp_model.LinearExpr.weighted_sum([x[k] for k in arcs.tolist()], weights[arcs].tolist()) <= int(rhs[b]))

    # Aggregates the rows use: A'[g] = sum round(T a) x, so A[g] = A'[g] / T.
    used = sorted({g for row in instance.rows for g in row.aggregates})
    aggregate_scale, exact = decimal_scale(instance.aggregate_coefficient) if len(instance.aggregate_coefficient) else (1, True)
    if not exact:
        notes.append(f"aggregate coefficients rounded at 1/{aggregate_scale}")
    aggregate_var: dict[int, tuple[cp_model.IntVar, int, int]] = {}
    order = np.argsort(instance.aggregate_id, kind="stable")
    bounds = np.searchsorted(instance.aggregate_id[order], np.arange(instance.aggregate_count + 1))
    for g in used:
        terms = order[bounds[g]:bounds[g + 1]]
        coefficients = np.rint(instance.aggregate_coefficient[terms] * aggregate_scale).astype(np.int64)
        low, high = int(coefficients[coefficients < 0].sum()), int(coefficients[coefficients > 0].sum())
        variable = model.new_int_var(low, high, f"A{g}")
        model.add(variable == cp_model.LinearExpr.weighted_sum([x[k] for k in instance.aggregate_arc[terms].tolist()], coefficients.tolist()))
        aggregate_var[g] = (variable, low, high)

    row_scale = 10**6
    penalties = [row.penalty for row in instance.rows if row.penalty is not None and row.lower is not None]
    penalty_scale, exact = decimal_scale(np.array(penalties)) if penalties else (1, True)
    if not exact:
        notes.append(f"penalties rounded at 1/{penalty_scale}")
    objective_scale = row_scale * penalty_scale if penalties else decimal_scale(instance.arc_value)[0]
    deviations: list[tuple[cp_model.IntVar, int]] = []
    for row in instance.rows:
        merged: dict[tuple[str, int], float] = {}
        for k, c in zip(row.arcs, row.arc_coefficients):
            merged[("x", k)] = merged.get(("x", k), 0.0) + c
        for g, c in zip(row.aggregates, row.aggregate_coefficients):
            merged[("A", g)] = merged.get(("A", g), 0.0) + c / aggregate_scale
        variables, ranges, scaled = [], [], []
        for (kind, index), c in sorted(merged.items()):
            if kind == "x":
                variables.append(x[index]); ranges.append((0, 1))
            else:
                variable, low, high = aggregate_var[index]
                variables.append(variable); ranges.append((low, high))
            scaled.append(c * row_scale)
        for at_least, limit in ((True, row.lower), (False, row.upper)):
            if limit is None:
                continue
            coefficients = [_round_safe(c, lo, hi, at_least) for c, (lo, hi) in zip(scaled, ranges)]
            expression = cp_model.LinearExpr.weighted_sum(variables, coefficients)
            if at_least:
                bound = math.ceil(limit * row_scale - 1e-6)
                if row.penalty is not None:
                    lowest = sum(min(c * lo, c * hi) for c, (lo, hi) in zip(coefficients, ranges))
                    deviation = model.new_int_var(0, max(0, bound - lowest), "")
                    model.add(expression + deviation >= bound)
                    deviations.append((deviation, round(row.penalty * penalty_scale)))
                else:
                    model.add(expression >= bound)
            else:
                model.add(expression <= math.floor(limit * row_scale + 1e-6))
    values = np.rint(instance.arc_value * objective_scale).astype(np.int64)
    if not np.allclose(values, instance.arc_value * objective_scale, rtol=0, atol=1e-6):
        notes.append(f"values rounded at 1/{objective_scale}")
    model.maximize(cp_model.LinearExpr.weighted_sum(x + [d for d, _ in deviations],
                                                    values.tolist() + [-p for _, p in deviations]))
    solver = cp_model.CpSolver()
    build_seconds = time.perf_counter() - build_start
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = threads
    solver.parameters.relative_gap_limit = gap
    start = time.perf_counter()
    status = solver.solve(model)
    result.solve_seconds = time.perf_counter() - start
    notes.append(f"integer objective scale {objective_scale}, row scale {row_scale}, {threads} workers, model built in {build_seconds:.1f} s")
    result.note = "; ".join(notes)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = np.asarray(solver.boolean_values(x), dtype=bool)
        result.status = "stopped_at_gap" if status == cp_model.OPTIMAL else "time_limit"
        result.bound = solver.best_objective_bound / objective_scale
        return result, chosen
    result.status = {cp_model.INFEASIBLE: "infeasible", cp_model.UNKNOWN: "no_solution"}.get(status, "failed")
    if status == cp_model.MODEL_INVALID:
        result.error = model.validate()
    return result, None


# MARK: - HiGHS

def solve_highs(instance: inst_io.Instance, time_limit: float, gap: float, threads: int) -> tuple[Result, np.ndarray | None]:
    """HiGHS MIP on the model as stated: x binary, one continuous column per aggregate (A - sum a x = 0),
    one continuous deviation column per soft row; rows: items, bins, aggregates, side rows (a soft row
    with an upper bound becomes two rows)."""
    import highspy

    build_start = time.perf_counter()
    result = Result("highs", "failed")
    n, b, k_count, g_count = instance.items, instance.bins, instance.arcs, instance.aggregate_count
    soft = [s for s, row in enumerate(instance.rows) if row.penalty is not None and row.lower is not None]
    deviation_column = {s: k_count + g_count + j for j, s in enumerate(soft)}
    col_count = k_count + g_count + len(soft)
    cost = np.concatenate([instance.arc_value, np.zeros(g_count), [-instance.rows[s].penalty for s in soft]])
    col_lower = np.concatenate([instance.arc_fixed.astype(np.float64), np.full(g_count, -highspy.kHighsInf), np.zeros(len(soft))])
    col_upper = np.concatenate([np.ones(k_count), np.full(g_count + len(soft), highspy.kHighsInf)])
    integrality = np.concatenate([np.ones(k_count, dtype=np.int32), np.zeros(g_count + len(soft), dtype=np.int32)])

    arange = np.arange(k_count)
    row_parts = [instance.arc_item, n + instance.arc_bin, n + b + instance.aggregate_id, n + b + np.arange(g_count)]
    col_parts = [arange, arange, instance.aggregate_arc, k_count + np.arange(g_count)]
    val_parts = [np.ones(k_count), instance.arc_weight, -instance.aggregate_coefficient, np.ones(g_count)]
    row_lower = [np.where(instance.must_assign, 1.0, -highspy.kHighsInf), np.full(b, -highspy.kHighsInf), np.zeros(g_count)]
    row_upper = [np.ones(n), instance.capacity, np.zeros(g_count)]
    side_rows, side_cols, side_vals, side_lower, side_upper = [], [], [], [], []
    next_row = n + b + g_count
    for s, row in enumerate(instance.rows):
        pieces = [(row.lower, row.upper)] if s not in deviation_column else [(row.lower, None)] + ([(None, row.upper)] if row.upper is not None else [])
        for lower, upper in pieces:
            side_rows += [next_row] * (len(row.arcs) + len(row.aggregates))
            side_cols += list(row.arcs) + [k_count + g for g in row.aggregates]
            side_vals += list(row.arc_coefficients) + list(row.aggregate_coefficients)
            if s in deviation_column and lower is not None:
                side_rows.append(next_row); side_cols.append(deviation_column[s]); side_vals.append(1.0)
            side_lower.append(-highspy.kHighsInf if lower is None else lower)
            side_upper.append(highspy.kHighsInf if upper is None else upper)
            next_row += 1
    rows = np.concatenate(row_parts + [np.array(side_rows, dtype=np.int64)])
    cols = np.concatenate(col_parts + [np.array(side_cols, dtype=np.int64)])
    vals = np.concatenate(val_parts + [np.array(side_vals, dtype=np.float64)])
    lower = np.concatenate(row_lower + [np.array(side_lower, dtype=np.float64)])
    upper = np.concatenate(row_upper + [np.array(side_upper, dtype=np.float64)])
    order = np.argsort(rows, kind="stable")
    start = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=next_row))]).astype(np.int32)

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(col_count, next_row, len(vals), int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMaximize), 0.0,
                    cost, col_lower, col_upper, lower, upper, start, cols[order].astype(np.int32), vals[order], integrality)
    build_seconds = time.perf_counter() - build_start
    highs.setOptionValue("time_limit", time_limit)
    highs.setOptionValue("mip_rel_gap", gap)
    highs.setOptionValue("threads", threads)
    solve_start = time.perf_counter()
    highs.run()
    result.solve_seconds = time.perf_counter() - solve_start
    status = highs.getModelStatus()
    info = highs.getInfo()
    result.note = f"HiGHS {highs.version()}: {highs.modelStatusToString(status)}, model built in {build_seconds:.1f} s"
    if info.primal_solution_status == 2:   # kSolutionStatusFeasible
        chosen = np.asarray(highs.getSolution().col_value[:k_count]) > 0.5
        result.status = "stopped_at_gap" if status == highspy.HighsModelStatus.kOptimal else "time_limit"
        result.bound = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None
        return result, chosen
    result.status = "infeasible" if status == highspy.HighsModelStatus.kInfeasible else (
        "no_solution" if status == highspy.HighsModelStatus.kTimeLimit else "failed")
    return result, None


def solve_mcf_relaxed(instance: inst_io.Instance, time_limit: float, gap: float, threads: int) -> tuple[Result, np.ndarray | None]:
    """Min-cost flow with the side rows dropped: its optimum bounds the real one from above (dropping hard
    rows only widens the feasible set; dropping soft ones also drops their penalties), and its answer,
    checked against the real rows, shows whether the rows bind. Needs one weight on every arc."""
    result, x = solve_mcf(dataclasses.replace(instance, rows=[]), time_limit, gap, threads)
    result.solver = "ortools-mcf-relaxed"
    if result.status == "optimal":
        result.status = "relaxed"
        result.note = "side rows dropped; the bound is the optimum without them"
    return result, x


SOLVERS = {"mcf": solve_mcf, "mcf-relaxed": solve_mcf_relaxed, "cpsat": solve_cpsat, "highs": solve_highs}
# Imported before the clock starts: importing a library is not solving.
LIBRARIES = {"mcf": "ortools.graph.python.min_cost_flow", "mcf-relaxed": "ortools.graph.python.min_cost_flow", "cpsat": "ortools.sat.python.cp_model", "highs": "highspy"}


def versions() -> str:
    """The peers' versions, read from package metadata (importing both libraries in one process clashes)."""
    from importlib.metadata import PackageNotFoundError, version

    def known(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "not installed"

    return f"OR-Tools {known('ortools')}, highspy {known('highspy')}, Python {sys.version.split()[0]}"


def main(argv: list[str]) -> int:
    if argv == ["--versions"]:
        print(versions())
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", help="an instance directory written by `BooksBenchmarks export`")
    parser.add_argument("--solver", choices=["ortools", *SOLVERS], required=True)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds for the solver call (building its model comes on top)")
    parser.add_argument("--gap", type=float, default=1e-3, help="relative gap at which MIP solvers may stop (the engine's default)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="HiGHS threads (default: the cores)")
    parser.add_argument("--cpsat-workers", type=int, default=8,
                        help="CP-SAT workers (default 8, the portfolio OR-Tools recommends; they share the cores)")
    parser.add_argument("--json-out", help="also write the JSON line to this file")
    args = parser.parse_args(argv)
    choice = args.solver
    start = time.perf_counter()
    try:
        instance = inst_io.load(args.instance)
    except (OSError, inst_io.InstanceError) as error:
        result = Result(choice, "failed", error=str(error))
    else:
        load_seconds = time.perf_counter() - start
        if choice == "ortools":
            choice = "mcf" if mcf_not_applicable(instance) is None else "cpsat"
        importlib.import_module(LIBRARIES[choice])
        solve_start = time.perf_counter()
        try:
            threads = args.cpsat_workers if choice == "cpsat" else args.threads
            result, x = SOLVERS[choice](instance, args.time_limit, args.gap, threads)
            result.seconds = time.perf_counter() - solve_start
            result = finish(instance, result, x, args.gap)
        except Exception as error:  # a solver library failing must still give the harness a row
            result = Result(choice, "failed", seconds=time.perf_counter() - solve_start, error=f"{type(error).__name__}: {error}")
        result.load_seconds = load_seconds
    result.peakMB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = json.dumps(asdict(result), sort_keys=True)
    if args.json_out:
        with open(args.json_out + ".tmp", "w", encoding="utf-8") as handle:
            handle.write(line + "\n")
        os.replace(args.json_out + ".tmp", args.json_out)
    print(line)
    return 0 if result.status not in ("failed", "invalid") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
