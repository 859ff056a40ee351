"""How alike two sentence profiles are, and the sparse matrix of the pairs that were scored.

Similarity blends IDF-weighted overlap of word stems, rapidfuzz's token ratio and the overlap
of numbers and names. It only aligns: it never decides drift ("thousands of troops" and "tens
of thousands of troops" should align precisely because they differ in a fact).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Sequence
from itertools import repeat

from rapidfuzz import fuzz

from diverge.align.profiles import Profile


class Scorer:
    """Scores sentence pairs of two documents with IDF weights over both."""

    def __init__(self, left: Sequence[Profile], right: Sequence[Profile]) -> None:
        frequency: dict[str, int] = defaultdict(int)
        for p in (*left, *right):
            for s in p.stems:
                frequency[s] += 1
        total = len(left) + len(right) + 1
        self.idf = {s: math.log(total / n) + 0.5 for s, n in frequency.items()}
        self._weights: dict[frozenset[str], float] = {}
        self._rarity: dict[str, tuple[float, str]] | None = None

    def rarity(self) -> dict[str, tuple[float, str]]:
        """Sort key of each stem, rarest first (ties by spelling), computed once per pair."""
        if self._rarity is None:
            self._rarity = {s: (-w, s) for s, w in self.idf.items()}
        return self._rarity

    def weight(self, stems: frozenset[str]) -> float:
        return sum(map(self.idf.get, stems, repeat(1.0)))

    def _whole(self, stems: frozenset[str]) -> float:
        """The weight of a sentence's stems, remembered (each sentence is scored many times)."""
        found = self._weights.get(stems)
        if found is None:
            found = self._weights[stems] = self.weight(stems)
        return found

    def score(self, a: Profile, b: Profile) -> float:
        shared = self.weight(a.stems & b.stems)
        total = self._whole(a.stems) + self._whole(b.stems)
        lexical = 2 * shared / total if total else 0.0
        ratio = fuzz.ratio(a.ordered, b.ordered) / 100  # = token_sort_ratio(a.plain, b.plain)
        if a.facts or b.facts:
            facts = len(a.facts & b.facts) / len(a.facts | b.facts)
            return 0.55 * lexical + 0.2 * ratio + 0.25 * facts
        return 0.7 * lexical + 0.3 * ratio

    def containment(self, part: Profile, whole: Profile) -> float:
        """Share of `part`'s weight found in `whole`: is `part` a piece of what `whole` says?
        A number of `part` that `whole` lacks is left out of the measure: a merged sentence
        whose figure changed ("27.5%" told as "25.7%") is still the piece, and the change is
        for the checks to report; a number both share counts like a word."""
        shared = part.stems & whole.stems
        weight = self.weight(_words(part.stems) | shared)
        return self.weight(shared) / weight if weight else 0.0


@functools.lru_cache(maxsize=1 << 14)
def _words(stems: frozenset[str]) -> frozenset[str]:
    """The stems that are words, not numbers."""
    return frozenset(s for s in stems if not any(c.isdigit() for c in s))


class Scores:
    """The scored candidate pairs: a sparse matrix (absent pairs score zero)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], float] = {}
        self.rows: dict[int, list[int]] = defaultdict(list)
        self.cols: dict[int, list[int]] = defaultdict(list)

    def add(self, i: int, j: int, score: float) -> None:
        if score:
            self.cells[i, j] = score
            self.rows[i].append(j)
            self.cols[j].append(i)

    def get(self, i: int, j: int) -> float:
        return self.cells.get((i, j), 0.0)

    def in_row(self, i: int) -> list[tuple[int, float]]:
        """The scored partners of left sentence i, with their scores, in order."""
        return [(j, self.cells[i, j]) for j in sorted(self.rows.get(i, ()))]

    def in_col(self, j: int) -> list[tuple[int, float]]:
        """The scored partners of right sentence j, with their scores, in order."""
        return [(i, self.cells[i, j]) for i in sorted(self.cols.get(j, ()))]
