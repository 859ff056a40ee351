"""The pure-Python assignment must give exactly scipy's answer, ties included.

The aligner may swap scipy for the port on small matrices only if the tool's output cannot
change, so every random matrix here is compared with scipy index for index, not just by total
cost. Matrices with many equal cells (mostly-zero score matrices, small integers, duplicated
rows and columns) are the ones where the two could pick different optima; they are most of
the cases. Seeds are fixed, so a failure names a matrix that can be rebuilt.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment as scipy_assignment

from diverge import assignment
from diverge.align import align
from diverge.assignment import linear_sum_assignment
from diverge.lexicon import default_lexicon
from diverge.read import read_article
from diverge.segment import segment

Matrix = list[list[float]]
CASES = 150
"""Random matrices per kind and direction (x 2 directions x 7 kinds)."""


def _dense(rng: random.Random, rows: int, cols: int) -> Matrix:
    return [[rng.random() for _ in range(cols)] for _ in range(rows)]


def _signed(rng: random.Random, rows: int, cols: int) -> Matrix:
    scale = rng.choice([1e-3, 1.0, 1e6])
    return [[rng.gauss(0.0, scale) for _ in range(cols)] for _ in range(rows)]


def _scores(rng: random.Random, rows: int, cols: int) -> Matrix:
    """The aligner's case: similarity in [0, 1], most pairs absent (0.0)."""
    share = rng.choice([0.0, 0.02, 0.05, 0.1, 0.3])
    return [
        [rng.random() if rng.random() < share else 0.0 for _ in range(cols)] for _ in range(rows)
    ]


def _rounded_scores(rng: random.Random, rows: int, cols: int) -> Matrix:
    """Sparse scores on a coarse grid: ties among the present pairs too."""
    share = rng.choice([0.05, 0.2, 0.5])
    step = rng.choice([0.5, 0.1, 0.01])
    return [
        [round(rng.random() / step) * step if rng.random() < share else 0.0 for _ in range(cols)]
        for _ in range(rows)
    ]


def _integers(rng: random.Random, rows: int, cols: int) -> Matrix:
    top = rng.choice([0, 1, 2, 3, 9])
    return [[float(rng.randint(0, top)) for _ in range(cols)] for _ in range(rows)]


def _duplicated(rng: random.Random, rows: int, cols: int) -> Matrix:
    """Repeated rows and columns: whole families of interchangeable optima."""
    base = rng.choice([_dense, _scores, _integers])(rng, max(1, rows // 3), max(1, cols // 3))
    row_pick = [rng.randrange(len(base)) for _ in range(rows)]
    col_pick = [rng.randrange(len(base[0])) for _ in range(cols)]
    return [[base[r][c] for c in col_pick] for r in row_pick]


def _forbidden(rng: random.Random, rows: int, cols: int) -> Matrix:
    """Some pairs +inf (forbidden): scipy either solves around them or finds none."""
    return [
        [math.inf if rng.random() < 0.15 else float(rng.randint(0, 5)) for _ in range(cols)]
        for _ in range(rows)
    ]


KINDS: dict[str, Callable[[random.Random, int, int], Matrix]] = {
    "dense": _dense,
    "signed": _signed,
    "scores": _scores,
    "rounded_scores": _rounded_scores,
    "integers": _integers,
    "duplicated": _duplicated,
    "forbidden": _forbidden,
}


def _shape(rng: random.Random) -> tuple[int, int]:
    """Square, wide and tall, from empty to 60, often small (where hand-checks are rare)."""
    top = rng.choice([3, 10, 25, 60])
    rows = rng.randint(0, top)
    form = rng.choice(["square", "free", "skinny"])
    if form == "square":
        return rows, rows
    if form == "skinny":
        return (rows, 1) if rng.random() < 0.5 else (1, rows)
    return rows, rng.randint(0, top)


def _scipy(matrix: Matrix, rows: int, cols: int, maximize: bool) -> tuple[list[int], list[int]]:
    found = scipy_assignment(np.array(matrix, dtype=float).reshape(rows, cols), maximize=maximize)
    return found[0].tolist(), found[1].tolist()


@pytest.mark.parametrize("maximize", [False, True], ids=["min", "max"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_same_assignment_as_scipy(kind: str, maximize: bool) -> None:
    rng = random.Random(f"{kind}-{maximize}")
    for case in range(CASES):
        rows, cols = _shape(rng)
        matrix = KINDS[kind](rng, rows, cols)
        where = f"{kind} case {case}, {rows}x{cols}, maximize={maximize}"
        try:
            expected = _scipy(matrix, rows, cols, maximize)
        except ValueError as error:  # infeasible, or +inf negated to -inf
            with pytest.raises(ValueError):
                linear_sum_assignment(matrix, maximize=maximize)
            assert kind == "forbidden", f"{where}: scipy raised {error}"
            continue
        assert linear_sum_assignment(matrix, maximize=maximize) == expected, where


def test_scipy_documentation_example() -> None:
    cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
    assert linear_sum_assignment(cost) == ([0, 1, 2], [1, 0, 2])
    assert linear_sum_assignment(cost, maximize=True) == ([0, 1, 2], [0, 2, 1])


def test_constant_matrix_gives_the_identity() -> None:
    """scipy's reverse scan order exists for this (scipy #11602)."""
    assert linear_sum_assignment([[0.0] * 5] * 5) == ([0, 1, 2, 3, 4], [0, 1, 2, 3, 4])
    assert linear_sum_assignment([[1.0] * 4] * 4, maximize=True) == ([0, 1, 2, 3], [0, 1, 2, 3])


def test_rectangular_assigns_the_shorter_side() -> None:
    tall = [[0.1, 0.0], [0.0, 0.0], [0.0, 0.9], [0.8, 0.0]]
    assert linear_sum_assignment(tall, maximize=True) == ([2, 3], [1, 0])
    wide = [list(column) for column in zip(*tall, strict=True)]
    assert linear_sum_assignment(wide, maximize=True) == ([0, 1], [3, 2])


def test_empty_matrices() -> None:
    assert linear_sum_assignment([]) == ([], [])
    assert linear_sum_assignment([[], [], []], maximize=True) == ([], [])
    assert _scipy([[], [], []], 3, 0, True) == ([], [])


def test_numpy_rows_are_accepted() -> None:
    """The aligner may hand over an array it already has (rows of numpy floats)."""
    matrix = np.random.default_rng(5).random((7, 9))
    rows = cast(Sequence[Sequence[float]], matrix)
    assert linear_sum_assignment(rows) == linear_sum_assignment(matrix.tolist())


def test_invalid_entries_raise_like_scipy() -> None:
    with pytest.raises(ValueError, match="invalid"):
        linear_sum_assignment([[0.0, math.nan], [1.0, 2.0]])
    with pytest.raises(ValueError, match="invalid"):
        linear_sum_assignment([[0.0, math.inf], [1.0, 2.0]], maximize=True)
    with pytest.raises(ValueError, match="infeasible"):
        linear_sum_assignment([[math.inf, math.inf], [1.0, 2.0]])
    with pytest.raises(ValueError, match="rows"):
        linear_sum_assignment([[0.0, 1.0], [1.0]])


@pytest.fixture(scope="module")
def seed_documents(nlp):
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    articles = [read_article(str(p)) for p in sorted(seeds.glob("*.txt"))]
    return segment(articles, nlp, default_lexicon())


def test_seed_alignments_are_the_same_whichever_solver_runs(seed_documents, monkeypatch):
    """End to end: every pair of seed articles aligns identically with the port and with scipy
    (the choice between them depends on what the process has imported, never on the answer)."""
    pairs = list(itertools.combinations(seed_documents, 2))
    by_solver = {}
    for use_scipy in (True, False):
        monkeypatch.setattr(assignment, "_scipy_is_cheaper", lambda work, s=use_scipy: s)
        by_solver[use_scipy] = [align(a, b, default_lexicon()) for a, b in pairs]
    assert by_solver[True] == by_solver[False]
    assert all(by_solver[True]), "every seed pair has alignments"
