"""Runs of up to four folded words: whether a phrase is one, and which runs name places.

The entity check asks whether a side says a name's words anywhere (tagged or not), and how often
it names each country or region, by any of its names, capitals or demonyms. Every run of one to
four words of every side could be a place; looking each one up (with its lexicon variant,
folded) was most of the cost of reading a side's names. `PlaceRuns` keeps that exact reading
but skips runs that cannot be a place: a run of plain ASCII words is a place only if it is one
of a known set of candidates, and it can only grow into one while it is the start of a
candidate, which almost no single word is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from diverge.facts.memo import lexicon_table
from diverge.lexicon import Lexicon, fold

MAX_NGRAM = 4
"""Longest run of words read as one name."""
_NOWHERE: frozenset[int] = frozenset()
_KEPT_RUNS = 1 << 17
"""Runs whose place groups are remembered before the table starts afresh."""


def has_run(words: Sequence[str], phrase: str) -> bool:
    """True when `phrase` is " ".join(words[i : i + n]) for some i and n <= MAX_NGRAM, found by
    growing runs only while they start the phrase (no set of all runs is built)."""
    for i, run in enumerate(words):
        n = 1
        while phrase.startswith(run):
            if run == phrase:
                return True
            if n == MAX_NGRAM or i + n >= len(words) or len(run) >= len(phrase):
                break
            run = f"{run} {words[i + n]}"
            n += 1
    return False


class PlaceRuns:
    """The place groups of runs of folded words, under one lexicon and place table.

    A run's groups are those of the run itself and of its canonical spelling, folded. For a run
    of ASCII words (folded words, joined by single spaces) folding changes nothing but a
    leading "the ", so only these runs can have groups: the places, the places after "the",
    and the lexicon variants whose canonical spelling folds to a place (`candidates`).
    """

    def __init__(self, places: dict[str, frozenset[int]], lexicon: Lexicon) -> None:
        self.places = places
        self.lexicon = lexicon
        candidates = set(places) | {"the " + p for p in places}
        candidates |= {k for k, v in lexicon.canonical_names.items() if fold(v) in places}
        self.candidates = frozenset(candidates)
        self.prefixes = frozenset(c[:n] for c in candidates for n, ch in enumerate(c) if ch == " ")
        """Each candidate's leading words: a run that is none of these cannot grow into one."""
        self._known: dict[str, frozenset[int]] = {}

    def groups(self, run: str) -> frozenset[int]:
        """The place groups a run of words names (none for most runs); remembered."""
        found = self._known.get(run)
        if found is None:
            if len(self._known) >= _KEPT_RUNS:
                self._known.clear()
            canonical = fold(self.lexicon.canonical_names.get(run, run))
            found = self.places.get(run, _NOWHERE) | self.places.get(canonical, _NOWHERE)
            self._known[run] = found
        return found

    def count(self, words: Sequence[str]) -> Counter[int]:
        """Mentions of each place group among folded words, longest run first so that "new
        delhi" counts once."""
        counts: Counter[int] = Counter()
        plain = [w.isascii() for w in words]
        i = 0
        while i < len(words):
            reach = min(MAX_NGRAM, len(words) - i)
            if all(plain[i : i + reach]):
                n, groups = self._longest_plain(words, i, reach)
            else:
                n, groups = self._longest(words, i, reach)
            if n:
                counts.update(groups)
                i += n
            else:
                i += 1
        return counts

    def _longest(self, words: Sequence[str], i: int, reach: int) -> tuple[int, frozenset[int]]:
        """The longest run from `words[i]` (at most `reach` words) that names a place."""
        for n in range(reach, 0, -1):
            groups = self.groups(" ".join(words[i : i + n]))
            if groups:
                return n, groups
        return 0, _NOWHERE

    def _longest_plain(
        self, words: Sequence[str], i: int, reach: int
    ) -> tuple[int, frozenset[int]]:
        """`_longest` for ASCII words: runs grow while they start a candidate, and only
        candidates are looked up."""
        best, best_groups = 0, _NOWHERE
        run, n = words[i], 1
        while True:
            if run in self.candidates:
                groups = self.groups(run)
                if groups:
                    best, best_groups = n, groups
            if n == reach or run not in self.prefixes:
                return best, best_groups
            run = f"{run} {words[i + n]}"
            n += 1


def place_runs(places: dict[str, frozenset[int]], lexicon: Lexicon) -> PlaceRuns:
    """The `PlaceRuns` of the lexicon (with the one place table of `diverge.facts.names`)."""
    return lexicon_table("place-runs", lexicon, lambda: PlaceRuns(places, lexicon))
