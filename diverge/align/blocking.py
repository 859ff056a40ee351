"""Which sentence pairs are worth scoring: those that share a rare stem, a number or a name.

Scoring every pair of two 2000-sentence documents takes seconds; pairs that share no rare word
and no fact would score too low to align anyway. Long documents need one more economy: the most
common blocking keys are dropped until the candidate pairs fit a budget. Inputs the size of
news articles never reach it, so every key is used for them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from diverge.align.profiles import Profile
from diverge.align.scoring import Scorer

BLOCKING_STEMS = 8
"""Each sentence proposes candidates through its rarest stems (plus all its numbers and names)."""
CANDIDATE_BUDGET = 20_000
"""Below this many candidate pairs every blocking key is used; above, the commonest keys go."""
CANDIDATES_PER_SENTENCE = 4
"""For long documents the budget grows with their length: this many pairs per sentence."""


def candidates(
    left: Sequence[Profile], right: Sequence[Profile], scorer: Scorer
) -> set[tuple[int, int]]:
    """Positions (i, j) that share a rare stem or a fact; only these are scored.

    When the documents are too long for every pair to fit the budget, keys are taken rarest
    first and the commonest ones (a name or a word in hundreds of sentences says little about
    which two are the same) are left out once the budget is spent, except that each sentence
    keeps its rarest shared key, so that no sentence loses every candidate.
    """
    index_a: dict[str, list[int]] = defaultdict(list)
    index_b: dict[str, list[int]] = defaultdict(list)
    keys_a = [_keys(p, scorer) for p in left]
    keys_b = [_keys(p, scorer) for p in right]
    for i, keys in enumerate(keys_a):
        for key in keys:
            index_a[key].append(i)
    for j, keys in enumerate(keys_b):
        for key in keys:
            index_b[key].append(j)
    size = {k: len(index_a[k]) * len(index_b[k]) for k in index_a if k in index_b}
    budget = max(CANDIDATE_BUDGET, CANDIDATES_PER_SENTENCE * (len(left) + len(right)))
    pairs: set[tuple[int, int]] = set()
    if len(left) * len(right) <= budget:
        for key in sorted(size):
            pairs.update((i, j) for i in index_a[key] for j in index_b[key])
        return pairs
    kept = {
        min((size[k], k) for k in keys if k in size)[1]
        for keys in (*keys_a, *keys_b)
        if any(k in size for k in keys)
    }
    for proposed, key in sorted((n, k) for k, n in size.items()):
        if key in kept or len(pairs) + proposed <= budget:
            pairs.update((i, j) for i in index_a[key] for j in index_b[key])
    return pairs


def _keys(p: Profile, scorer: Scorer) -> list[str]:
    rarity = scorer.rarity()  # holds every stem of both documents
    rare = sorted(p.stems, key=rarity.__getitem__)[:BLOCKING_STEMS]
    return rare + ["\x00" + f for f in sorted(p.facts)]
