"""assignment: the maximum-weight sentence assignment, by scipy or by a pure-Python port of it.

A warm `diverge compare` spends a fifth of its second importing numpy and scipy for one call to
linear_sum_assignment, on matrices of 20x20 to 80x80 sentences that pure Python solves in a few
milliseconds. This is a step-by-step port of scipy's solver (rectangular_lsap.cpp: the shortest
augmenting path method of DF Crouse, "On implementing 2D rectangular assignment algorithms",
IEEE TAES 52(4), 2016, as written by PM Larsen), so it gives the same answer as scipy, down to
which of several equally good assignments it picks: same visiting order, same comparisons, same
floating-point operations in the same order. Ties are the common case here (most sentence pairs
are not candidates and score 0.0), so a different optimum would change the tool's output.

`maximum_assignment` picks the solver: the port while its work stays below what the import
would cost, scipy for large matrices, once the port has spent that much, or once numpy is loaded
anyway (spaCy loads it on any cold run). Either way the answer is the same.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

_INF = math.inf

PURE_PYTHON_BUDGET = 16_000_000
"""Work units (rows x columns x the smaller side) the port may spend in one process before
scipy takes over: about 0.2 s here, what importing numpy and scipy's solver costs. An 80x80
matrix is 512,000 units (about 6 ms); 2000x2000 sentences go straight to scipy."""

_spent = 0


def maximum_assignment(matrix: list[list[float]]) -> list[tuple[int, int]]:
    """The (row, column) pairs of a maximum-weight assignment of a rectangular score matrix."""
    global _spent
    n_rows = len(matrix)
    n_cols = len(matrix[0]) if matrix else 0
    work = n_rows * n_cols * min(n_rows, n_cols)
    if _scipy_is_cheaper(work):
        import numpy as np

        array = np.array(matrix, dtype=float).reshape(n_rows, n_cols)
        rows, cols = _scipy_solver()(array, maximize=True)
        return list(zip(rows.tolist(), cols.tolist(), strict=True))
    _spent += work
    rows_, cols_ = linear_sum_assignment(matrix, maximize=True)
    return list(zip(rows_, cols_, strict=True))


def _scipy_is_cheaper(work: int) -> bool:
    """Whether scipy should solve a matrix of this much work: numpy is loaded already, or the
    port would go over its budget."""
    return "numpy" in sys.modules or _spent + work > PURE_PYTHON_BUDGET


@functools.lru_cache(maxsize=1)
def _scipy_solver() -> Callable[..., Any]:
    """scipy's linear_sum_assignment, loaded from its compiled module alone.

    `import scipy.optimize` pulls in all of scipy's optimisers and linear algebra (half a
    second, more than a warm `diverge compare` takes otherwise); the assignment lives in one
    self-contained extension module, loaded here directly. Any surprise (another scipy layout)
    falls back to the public import, which gives the same function.
    """
    try:
        import importlib.machinery
        import importlib.util
        from pathlib import Path

        import scipy

        folder = Path(scipy.__file__).parent / "optimize"
        suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
        path = next(
            p for p in folder.iterdir() if p.name.startswith("_lsap.") and p.name.endswith(suffixes)
        )
        name = "scipy.optimize._lsap"
        loader = importlib.machinery.ExtensionFileLoader(name, str(path))
        spec = importlib.util.spec_from_file_location(name, str(path), loader=loader)
        if spec is None:
            raise ImportError(name)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        return module.linear_sum_assignment  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any failure: use the public, slower import
        from scipy.optimize import linear_sum_assignment as solver

        return solver


def linear_sum_assignment(
    matrix: Sequence[Sequence[float]], maximize: bool = False
) -> tuple[list[int], list[int]]:
    """Rows and their columns in a minimum-cost (or maximum-weight) assignment, as scipy gives.

    Row indices come back sorted ascending, with the matching column indices. When there are
    more rows than columns only as many rows as columns are assigned (and vice versa). An empty
    matrix (no rows, or rows of no columns) has an empty assignment. NaN, and -inf after the
    negation for `maximize`, raise ValueError like scipy; +inf marks a forbidden pair, and
    ValueError says when no complete assignment avoids them.
    """
    cost, transposed = _cost_matrix(matrix, maximize)
    if not cost:  # no rows, or rows of no columns
        return [], []
    col4row = _solve(cost)
    if transposed:  # scipy's argsort of col4row: its values are distinct, so order is unique
        order = sorted(range(len(col4row)), key=col4row.__getitem__)
        return [col4row[k] for k in order], order
    return list(range(len(col4row))), col4row


def _cost_matrix(
    matrix: Sequence[Sequence[float]], maximize: bool
) -> tuple[list[list[float]], bool]:
    """The matrix scipy solves: float copy, transposed when tall, negated to maximize.

    The solver needs at least as many columns as rows. Steps and their order follow scipy
    (transpose, then negate, then test for invalid entries).
    """
    cost = [list(map(float, row)) for row in matrix]
    width = len(cost[0]) if cost else 0
    if any(len(row) != width for row in cost):
        raise ValueError("expected a matrix (2-D array), got rows of different lengths")
    if not width:
        return [], False
    transposed = width < len(cost)
    if transposed:
        cost = [list(column) for column in zip(*cost, strict=True)]
    if maximize:
        cost = [[-x for x in row] for row in cost]
    for row in cost:
        total = sum(row)  # NaN or -inf whenever the row holds one: a cheap screen
        if (total != total or total == -_INF) and any(x != x or x == -_INF for x in row):
            raise ValueError("matrix contains invalid numeric entries")
    return cost, transposed


def _solve(cost: list[list[float]]) -> list[int]:
    """The column of each row: one shortest augmenting path per row, in row order (scipy's
    `solve`). Needs no more rows than columns."""
    nr, nc = len(cost), len(cost[0])
    u = [0.0] * nr  # dual variables of rows and columns
    v = [0.0] * nc
    shortest = [_INF] * nc  # shortestPathCosts
    path = [-1] * nc
    col4row = [-1] * nr
    row4col = [-1] * nc
    for cur_row in range(nr):
        sink, min_val, visited = _augmenting_path(cost, u, v, path, row4col, shortest, cur_row)

        # update dual variables. scipy loops over its SR and SC flags; the rows in SR (other
        # than cur_row) are exactly those matched to the visited columns other than the sink,
        # and each u[i], v[j] gets the same single update, so the values are the same.
        u[cur_row] += min_val
        for j in visited:
            if j != sink:
                u[row4col[j]] += min_val - shortest[j]
            v[j] -= min_val - shortest[j]

        # augment previous solution
        j = sink
        while True:
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == cur_row:
                break
    return col4row


def _augmenting_path(
    cost: list[list[float]],
    u: list[float],
    v: list[float],
    path: list[int],
    row4col: list[int],
    shortest: list[float],
    i: int,
) -> tuple[int, float, list[int]]:
    """The sink of the shortest augmenting path from row i, its length, and the columns it
    visited (in order); fills `shortest` and `path` for them (scipy's `augmenting_path`).

    Which column is taken among equals decides which optimum comes out, so the scan keeps
    scipy's order exactly: `remaining` starts in reverse (a constant matrix gives the identity,
    scipy #11602), a taken column is replaced by the last one, and a tie goes to a column that
    ends the path (is unassigned), else stays with the first seen.
    """
    nc = len(v)
    remaining = list(range(nc - 1, -1, -1))
    shortest[:] = [_INF] * nc
    visited: list[int] = []
    min_val = 0.0
    while True:
        cost_i = cost[i]
        u_i = u[i]
        index = -1
        lowest = _INF
        for it, j in enumerate(remaining):
            r = min_val + cost_i[j] - u_i - v[j]
            s = shortest[j]
            if r < s:
                path[j] = i
                shortest[j] = s = r
            # scipy: s < lowest or (s == lowest and row4col[j] == -1)
            if s <= lowest and (s < lowest or row4col[j] == -1):
                lowest = s
                index = it

        min_val = lowest
        if min_val == _INF:
            raise ValueError("cost matrix is infeasible")
        j = remaining[index]
        visited.append(j)
        remaining[index] = remaining[-1]
        remaining.pop()
        if row4col[j] == -1:
            return j, min_val, visited
        i = row4col[j]
