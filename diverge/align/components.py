"""The maximum-weight assignment of the scored pairs, split by connected component when large.

Pairs that are not candidates score zero, so the assignment of each connected component of the
candidate graph, solved alone, is still part of one global optimum; a 2000x2000 matrix (most of
it zeros) becomes many small ones.
"""

from __future__ import annotations

from collections import defaultdict

from diverge.align.scoring import Scores
from diverge.assignment import maximum_assignment

DENSE_LIMIT = 250_000
"""Up to this many cells (500x500) the assignment runs on one matrix; above, per component."""


def assign(scores: Scores, n_left: int, n_right: int) -> list[tuple[int, int]]:
    """A maximum-weight assignment: one matrix when small, else one per connected component."""
    if n_left * n_right <= DENSE_LIMIT:
        matrix = [[0.0] * n_right for _ in range(n_left)]
        for (i, j), value in scores.cells.items():
            matrix[i][j] = value
        return maximum_assignment(matrix)
    parent = list(range(n_left + n_right))  # union-find: left i is node i, right j is n_left + j

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in scores.cells:
        parent[root(n_left + j)] = root(i)
    members: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in sorted(scores.rows):
        members[root(i)][0].append(i)
    for j in sorted(scores.cols):
        members[root(n_left + j)][1].append(j)
    result = []
    for rows_of, cols_of in members.values():
        sub = [[scores.get(i, j) for j in cols_of] for i in rows_of]
        result += [(rows_of[r], cols_of[c]) for r, c in maximum_assignment(sub)]
    return result
