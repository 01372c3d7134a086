"""solve.py against brute force on tiny instances in the neutral format.

Run with `run.sh test` (each solver runs in its own process, as the harness runs it).
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

import numpy as np

import instance as inst_io

HERE = os.path.dirname(os.path.abspath(__file__))


def write_instance(directory: str, capacities, must, arcs, aggregates=(), rows=(), terms=()) -> str:
    """arcs: (item, bin, value, weight, fixed); aggregates: (aggregate, arc, coefficient);
    rows: (lower, upper, penalty, name) with None for absent; terms: (row, kind, index, coefficient)."""
    os.makedirs(directory, exist_ok=True)

    def table(name, header, lines):
        with open(os.path.join(directory, name), "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(lines)

    blank = lambda v: "" if v is None else repr(float(v))  # noqa: E731
    table("bins.csv", ["bin", "capacity"], enumerate(capacities))
    table("items.csv", ["item", "must_assign"], [(i, int(m)) for i, m in enumerate(must)])
    table("arcs.csv", ["item", "bin", "value", "weight", "fixed"], [(i, b, repr(v), repr(w), int(f)) for i, b, v, w, f in arcs])
    table("aggregates.csv", ["aggregate", "arc", "coefficient"], [(g, k, repr(c)) for g, k, c in aggregates])
    table("rows.csv", ["row", "lower", "upper", "deviation_penalty", "name"],
          [(s, blank(lo), blank(hi), blank(p), name) for s, (lo, hi, p, name) in enumerate(rows)])
    table("row_terms.csv", ["row", "kind", "index", "coefficient"], [(s, kind, k, repr(c)) for s, kind, k, c in terms])
    return directory


def brute_force(directory: str) -> float | None:
    """The best objective over every assignment, or None when none is feasible."""
    instance = inst_io.load(directory)
    choices = [[None] + [k for k in range(instance.arcs) if instance.arc_item[k] == i] for i in range(instance.items)]
    best = None
    for pick in itertools.product(*choices):
        x = np.zeros(instance.arcs, dtype=bool)
        for k in pick:
            if k is not None:
                x[k] = True
        evaluation = inst_io.evaluate(instance, x)
        if not evaluation.violations and (best is None or evaluation.objective > best):
            best = evaluation.objective
    return best


def solve(directory: str, solver: str) -> dict:
    completed = subprocess.run([sys.executable, os.path.join(HERE, "solve.py"), directory, "--solver", solver,
                                "--time-limit", "20", "--gap", "0", "--threads", "1"],
                               capture_output=True, text=True, check=False)
    return json.loads(completed.stdout.strip().splitlines()[-1])


LEMON = os.path.join(HERE, ".bin", "lemon_transport")


def lemon(directory: str) -> dict:
    completed = subprocess.run([LEMON, directory], capture_output=True, text=True, check=False)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def fairness_instance(directory: str, seed: int, penalty: float | None) -> str:
    """5 items x 3 bins, weights 1 or 2, one aggregate per bin (its book's score) and fairness rows on
    each bin's share of the total, as the engine's generator builds them (soft floors, or hard floors
    and ceilings)."""
    rng = random.Random(seed)
    capacities = [rng.choice([2, 3, 4]) for _ in range(3)]
    scores = [rng.randint(1, 100) for _ in range(5)]
    arcs, aggregates = [], []
    for i in range(5):
        weight = rng.choice([1.0, 2.0])
        for b in range(3):
            arcs.append((i, b, round(scores[i] * rng.uniform(0.8, 1.2), 2), weight, False))
            aggregates.append((b, len(arcs) - 1, float(scores[i])))
    rows, terms = [], []
    total = sum(capacities)
    for b in range(3):
        share = capacities[b] / total
        for factor, is_floor in ((0.7, True), (1.3, False)):
            if not is_floor and penalty is not None:
                continue
            s = len(rows)
            rows.append((0.0, None, penalty, f"floor of bin {b}") if is_floor else (None, 0.0, None, f"ceiling of bin {b}"))
            terms += [(s, "aggregate", g, (1.0 if g == b else 0.0) - factor * share) for g in range(3)]
    # A row over arcs too: item 0 and item 1 not both in bin 0.
    rows.append((None, 1.0, None, "items 0 and 1 apart in bin 0"))
    terms += [(len(rows) - 1, "arc", 0, 1.0), (len(rows) - 1, "arc", 3, 1.0)]
    return write_instance(directory, capacities, [i == 4 for i in range(5)], arcs, aggregates, rows, terms)


class SolveTests(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.addCleanup(self.scratch.cleanup)

    def path(self, name: str) -> str:
        return os.path.join(self.scratch.name, name)

    def test_transportation_instance_every_solver_finds_the_brute_force_optimum(self):
        # Weight 2: bin 0 has 2 slots, bin 1 one. Item 0 must be assigned although its arcs are poor;
        # item 3 is fixed to bin 1; item 2's arc to bin 1 loses value.
        directory = write_instance(self.path("transport"), [4.5, 3.0], [True, False, False, False], [
            (0, 0, 1.0, 2.0, False), (0, 1, 1.5, 2.0, False),
            (1, 0, 40.25, 2.0, False), (1, 1, 50.0, 2.0, False),
            (2, 0, 30.0, 2.0, False), (2, 1, -5.0, 2.0, False),
            (3, 0, 60.0, 2.0, False), (3, 1, 10.0, 2.0, True),
        ])
        optimum = brute_force(directory)
        self.assertAlmostEqual(optimum, 51.25)
        for solver in ("mcf", "cpsat", "highs", "ortools"):
            result = solve(directory, solver)
            self.assertEqual(result["status"], "optimal", (solver, result))
            self.assertTrue(result["verified"])
            self.assertAlmostEqual(result["objective"], optimum, places=6)
            self.assertAlmostEqual(result["bound"], optimum, places=5)
        self.assertEqual(solve(directory, "ortools")["solver"], "ortools-mcf")

    @unittest.skipUnless(os.access(LEMON, os.X_OK), "LEMON driver not built (run.sh lemon)")
    def test_lemon_network_simplex_matches_brute_force_on_transportation_instances(self):
        # The hand-made instance above (must-assign, fixed arc, weight 2, a negative value), then random
        # ones: one weight per instance, some must-assign items, some fixed arcs.
        directory = write_instance(self.path("transport"), [4.5, 3.0], [True, False, False, False], [
            (0, 0, 1.0, 2.0, False), (0, 1, 1.5, 2.0, False),
            (1, 0, 40.25, 2.0, False), (1, 1, 50.0, 2.0, False),
            (2, 0, 30.0, 2.0, False), (2, 1, -5.0, 2.0, False),
            (3, 0, 60.0, 2.0, False), (3, 1, 10.0, 2.0, True),
        ])
        result = lemon(directory)
        self.assertEqual(result["status"], "optimal", result)
        self.assertTrue(result["verified"])
        self.assertAlmostEqual(result["objective"], 51.25, places=6)
        rng = random.Random(7)
        for case in range(25):
            weight = rng.choice([1.0, 2.0, 0.5])
            capacities = [rng.choice([0.0, 1.0, 2.0, 3.0]) for _ in range(rng.randint(1, 3))]
            items = rng.randint(1, 5)
            must = [rng.random() < 0.2 for _ in range(items)]
            arcs = []
            for i in range(items):
                bins = sorted(rng.sample(range(len(capacities)), rng.randint(1, len(capacities))))
                fixed = rng.choice(bins) if rng.random() < 0.15 else None
                for b in bins:
                    arcs.append((i, b, round(rng.uniform(-5, 100), 2), weight, b == fixed))
            directory = write_instance(self.path(f"random-{case}"), capacities, must, arcs)
            optimum = brute_force(directory)
            result = lemon(directory)
            if optimum is None:
                self.assertEqual(result["status"], "infeasible", (case, result))
            else:
                self.assertEqual(result["status"], "optimal", (case, result))
                self.assertTrue(result["verified"], (case, result))
                self.assertAlmostEqual(result["objective"], optimum, places=6, msg=case)

    @unittest.skipUnless(os.access(LEMON, os.X_OK), "LEMON driver not built (run.sh lemon)")
    def test_lemon_declines_instances_with_rows_or_differing_weights(self):
        self.assertEqual(lemon(fairness_instance(self.path("fair"), seed=1, penalty=1.0))["status"], "not_applicable")
        directory = write_instance(self.path("weights"), [3.0], [False, False],
                                   [(0, 0, 1.0, 1.0, False), (1, 0, 2.0, 2.0, False)])
        self.assertEqual(lemon(directory)["status"], "not_applicable")

    def test_must_assign_items_that_cannot_all_fit_are_infeasible_for_every_solver(self):
        directory = write_instance(self.path("crowded"), [2.0], [True, True, True],
                                   [(i, 0, 10.0, 1.0, False) for i in range(3)])
        self.assertIsNone(brute_force(directory))
        for solver in ("mcf", "cpsat", "highs"):
            self.assertEqual(solve(directory, solver)["status"], "infeasible", solver)

    def test_min_cost_flow_declines_instances_with_rows_or_differing_weights(self):
        directory = fairness_instance(self.path("fair"), seed=1, penalty=1.0)
        result = solve(directory, "mcf")
        self.assertEqual(result["status"], "not_applicable")
        self.assertIn("side rows", result["error"])
        self.assertEqual(solve(directory, "ortools")["solver"], "ortools-cpsat")

    def test_soft_and_hard_fairness_rows_match_brute_force(self):
        for seed in (1, 2, 3):
            for penalty in (1.0, 0.5, None):
                directory = fairness_instance(self.path(f"fair-{seed}-{penalty}"), seed, penalty)
                optimum = brute_force(directory)
                for solver in ("cpsat", "highs"):
                    result = solve(directory, solver)
                    if optimum is None:
                        self.assertEqual(result["status"], "infeasible", (seed, penalty, solver, result))
                        continue
                    self.assertIn(result["status"], ("optimal", "within_gap"), (seed, penalty, solver, result))
                    self.assertTrue(result["verified"])
                    # CP-SAT's rows are rounded to imply the real ones: it may lose at most a hair.
                    self.assertAlmostEqual(result["objective"], optimum, delta=1e-4 * max(1, abs(optimum)), msg=(seed, penalty, solver))
                    self.assertGreaterEqual(result["bound"], optimum - 1e-4 * max(1, abs(optimum)))

    def test_min_cost_flow_without_rows_bounds_the_optimum_and_its_answer_is_checked_against_the_rows(self):
        for seed, penalty in ((1, 1.0), (2, None)):
            directory = self.path(f"relaxed-{seed}")
            fairness_instance(directory, seed, penalty)
            # One weight everywhere, so that the relaxation is a transportation problem.
            with open(os.path.join(directory, "arcs.csv"), encoding="utf-8") as handle:
                lines = handle.read().splitlines()
            with open(os.path.join(directory, "arcs.csv"), "w", encoding="utf-8") as handle:
                handle.write("\n".join([lines[0]] + [",".join(line.split(",")[:3] + ["1.0", "0"]) for line in lines[1:]]) + "\n")
            optimum = brute_force(directory)
            result = solve(directory, "mcf-relaxed")
            self.assertGreaterEqual(result["bound"], optimum - 1e-6, seed)
            if result["status"] == "rows_violated":
                self.assertFalse(result["verified"])
            else:
                self.assertIn(result["status"], ("optimal", "heuristic"))
                self.assertLessEqual(result["objective"], optimum + 1e-6)

    def test_evaluate_reports_an_overfull_bin_and_a_broken_hard_row(self):
        directory = fairness_instance(self.path("check"), seed=4, penalty=None)
        instance = inst_io.load(directory)
        everything_in_bin_0 = instance.arc_bin == 0
        violations = inst_io.evaluate(instance, everything_in_bin_0).violations
        self.assertTrue(any(v.startswith("bin 0 holds") for v in violations), violations)
        self.assertTrue(any("ceiling of bin 0" in v for v in violations), violations)

    def test_a_malformed_file_is_reported_with_file_line_and_rule(self):
        directory = write_instance(self.path("bad"), [2.0], [False], [(0, 0, 1.0, 1.0, False)])
        with open(os.path.join(directory, "arcs.csv"), "a", encoding="utf-8") as handle:
            handle.write("0,7,1.0,1.0,0\n")
        result = solve(directory, "highs")
        self.assertEqual(result["status"], "failed")
        self.assertIn("arcs.csv:3", result["error"])
        self.assertIn("there are 1 bins", result["error"])


if __name__ == "__main__":
    unittest.main()
