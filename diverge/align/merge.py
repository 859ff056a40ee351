"""After the assignment: leftover sentences that join a pair (1-2 and 2-1), and leftovers whose
content the other side merged into one of its sentences (absorbed, so not dropped facts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diverge.align.profiles import Profile, joined
from diverge.align.scoring import Scorer, Scores

MERGE_CONTAINMENT = 0.4
"""A leftover sentence joins a pair when this share of its weight is found in the partner."""
MERGE_MIN_STEMS = 3
"""A leftover needs this many content stems to join a pair: "Sources said" is contained anywhere."""
ABSORBED_CONTAINMENT = 0.6
"""An unmatched sentence this much contained in one sentence of the other side was merged into
it by the rewrite (which already pairs with something else): its facts were not dropped."""

Pairs = list[tuple[list[int], list[int]]]


def merge(
    pairs: Pairs,
    left: Sequence[Profile],
    right: Sequence[Profile],
    scores: Scores,
    scorer: Scorer,
) -> Pairs:
    """Attach leftover sentences to a pair whose partner contains them (1-2 and 2-1).

    A leftover B sentence j joins the pair of A sentence i when most of j's weight appears in
    i and the joined pair scores better than the pair alone; the same for leftover A sentences.
    Each pair grows by at most one sentence on one side.
    """
    used_a = {i for a, _ in pairs for i in a}
    used_b = {j for _, b in pairs for j in b}
    by_a = {a[0]: n for n, (a, _) in enumerate(pairs)}
    by_b = {b[0]: n for n, (_, b) in enumerate(pairs)}
    grown: set[int] = set()
    proposals = [
        *_proposals("b", right, left, used_b, by_a, scores.in_col, scorer),
        *_proposals("a", left, right, used_a, by_b, scores.in_row, scorer),
    ]
    for c, _, side, k, n in sorted(proposals, key=lambda p: (-p[0], -p[1], p[2], p[3], p[4])):
        leftover = right[k] if side == "b" else left[k]
        if c < MERGE_CONTAINMENT or n in grown or len(leftover.stems) < MERGE_MIN_STEMS:
            continue
        if (side == "b" and k in used_b) or (side == "a" and k in used_a):
            continue
        a_side, b_side = pairs[n]
        before = group_score(a_side, b_side, left, right, scorer)
        after_a = a_side + [k] if side == "a" else a_side
        after_b = b_side + [k] if side == "b" else b_side
        if group_score(after_a, after_b, left, right, scorer) > before:
            pairs[n] = (after_a, after_b)
            grown.add(n)
            (used_a if side == "a" else used_b).add(k)
    return pairs


def _proposals(
    side: str,
    own: Sequence[Profile],
    other: Sequence[Profile],
    used: set[int],
    pair_of: dict[int, int],
    partners: Callable[[int], list[tuple[int, float]]],
    scorer: Scorer,
) -> list[tuple[float, float, str, int, int]]:
    """Each leftover sentence of one side with each pair whose first sentence on the other side
    was scored against it: (containment, score, side, leftover, pair). `partners(k)` lists
    the other side's sentences scored against leftover k, with their scores."""
    found = []
    for k in range(len(own)):
        if k in used:
            continue
        for m, score in partners(k):
            n = pair_of.get(m)
            if n is not None:
                found.append((scorer.containment(own[k], other[m]), score, side, k, n))
    return found


def group_score(
    a_side: Sequence[int],
    b_side: Sequence[int],
    left: Sequence[Profile],
    right: Sequence[Profile],
    scorer: Scorer,
) -> float:
    """The similarity of a pair's two sides, each read as one sentence."""
    joined_a = joined([left[i] for i in sorted(a_side)])
    return scorer.score(joined_a, joined([right[j] for j in sorted(b_side)]))


def absorbed(
    own: Sequence[Profile], other: Sequence[Profile], matched: set[int], scorer: Scorer
) -> dict[int, int]:
    """Unmatched sentences whose content sits inside one sentence of the other side."""
    found = {}
    for i, p in enumerate(own):
        if i in matched or len(p.stems) < MERGE_MIN_STEMS:
            continue
        best = max(other, key=lambda q: (scorer.containment(p, q), -q.index))
        if scorer.containment(p, best) >= ABSORBED_CONTAINMENT:
            found[p.index] = best.index
    return found
