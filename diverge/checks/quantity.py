"""quantity: a number, a magnitude or a count that changes between two tellings of a story.

Rewrites spell numbers many ways ("three weeks" / "21 days", "26%" / "26 per cent", "two
decades" / "twenty years") and widen them with approximators ("at least two", "nearly 60"), so
the values are read into ranges first (`diverge.facts.numbers`) and only ranges that cannot both
be true are drift. The quantities of the two sides are paired by what they count (the noun after
them, the words before them, and their kind: percent with percent, money in one currency with
money in the same currency, duration with duration) before they are compared; a number one side
states about a thing the other side names without a number is a dropped detail.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from diverge.checks.base import Check, Pair, Rule, span_of
from diverge.facts.memo import remember, side_facts, side_key
from diverge.facts.numbers import Quantity, extract_quantities, is_point_in_time, word_key
from diverge.model import Finding, Sentence, Severity, Span

NUMBER = Rule(
    "DV101",
    "quantity",
    Severity.MAJOR,
    "A number changed ('59 dead' vs '50 dead', '26%' vs '19%', '30-day' vs '60-day').",
)
MAGNITUDE = Rule(
    "DV102",
    "quantity",
    Severity.MAJOR,
    "A magnitude changed: vague ranges that cannot both be true ('thousands' vs 'tens of "
    "thousands').",
)
DROPPED = Rule(
    "DV103",
    "quantity",
    Severity.MINOR,
    "A number one side states and the other drops ('killed 12 people' vs 'killed people').",
)
BOUND = Rule(
    "DV104",
    "quantity",
    Severity.MINOR,
    "A number one side states as a bound and the other as the figure ('at least 16 weeks' vs "
    "'16 weeks', 'up to 30' vs '30').",
)

NAME_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "FAC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "NORP",
        "LANGUAGE",
    }
)
"""spaCy labels whose numbers belong to a name ("Boeing 737", "Article 5"), never compared."""
_CROSS_SCALE_MARGIN = 0.04
"""Months and years against weeks and days ("six months" vs "180 days") convert only roughly."""
_KIND_NAMES = {
    "count": "number",
    "percent": "percentage",
    "money": "amount",
    "duration": "duration",
    "measure": "measurement",
    "ordinal": "ordinal",
    "age": "age",
}
_COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
"""Entity labels of numbers that count or measure: such a number is not a year."""
_ALONE_KINDS = frozenset({"percent", "money"})
"""Kinds specific enough that the one left on each side is the same fact whatever follows it."""


def sentence_quantities(sentence: Sentence) -> tuple[Quantity, ...]:
    """The quantities of one sentence, leaving out numbers inside names and calendar dates."""
    skip = [
        (e.start, e.end)
        for e in sentence.entities
        if e.label in NAME_LABELS or (e.label in {"DATE", "TIME"} and is_point_in_time(e.text))
    ]
    counts = [(e.start, e.end) for e in sentence.entities if e.label in _COUNT_LABELS]
    return tuple(extract_quantities(sentence.text, sentence.start, skip, counts))


def _side_quantities(text: str, sentences: Sequence[Sentence]) -> list[Quantity]:
    """The quantities of a side's sentences, each sentence read once for every side it is in
    (remembered under the one-sentence side of the document with this text: hashing the
    sentence itself, tokens and all, cost more than the lookup saved)."""
    found: list[Quantity] = []
    for sentence in sentences:
        facts = side_facts(side_key(text, (sentence,)))
        read = functools.partial(sentence_quantities, sentence)
        found.extend(remember(facts, "sentence-quantities", None, read))
    return found


def compatible(a: Quantity, b: Quantity) -> bool:
    """True when both quantities can be true at once (their ranges overlap) and, when both use
    the same kind of approximator ("at least 12" / "at least 19"), report the same figure."""
    ra, rb = a.range, b.range
    if a.bound and a.bound == b.bound and a.figure and b.figure:
        ra, rb = a.figure, b.figure
    if a.kind in {"duration", "age"} and a.unit != b.unit:
        ra, rb = ra.widened(_CROSS_SCALE_MARGIN), rb.widened(_CROSS_SCALE_MARGIN)
    return ra.overlaps(rb)


_BOUNDS = frozenset({"lower", "upper"})
"""Approximators that make a figure a bound ("at least", "up to"); "about" only rounds it."""


def _bounded_once(a: Quantity, b: Quantity) -> bool:
    """Whether one side bounds the very figure the other states plainly: "at least 16 weeks"
    and "16 weeks" can both be true, but only one says the true figure may be larger."""
    if (a.bound in _BOUNDS) == (b.bound in _BOUNDS):
        return False
    bounded, plain = (a, b) if a.bound in _BOUNDS else (b, a)
    if plain.approximate or plain.vague or bounded.vague or bounded.figure is None:
        return False
    return bounded.figure.overlaps(plain.range)


def affinity(a: Quantity, b: Quantity) -> int:
    """How surely two quantities count the same thing: shared counted nouns weigh most, then
    shared words around them; 0 when both name a counted noun and the nouns differ."""
    shared = len(set(a.noun) & set(b.noun))
    if shared:
        return 2 * shared + len(set(a.context) & set(b.context))
    if a.noun and b.noun:
        return 0
    return len((set(a.noun) | set(a.context)) & (set(b.noun) | set(b.context)))


def match(
    qa: Sequence[Quantity], qb: Sequence[Quantity]
) -> tuple[list[tuple[Quantity, Quantity]], list[Quantity], list[Quantity]]:
    """Pair the quantities of A and B that state the same fact; return the pairs and the
    leftovers of each side.

    Pairs that agree and count the same thing go first, then pairs that disagree about the same
    counted noun, then pairs that merely agree, then pairs that only share the words before them;
    finally the one quantity left of a kind on each side is paired when nothing says they count
    different things.
    """
    ranked = []
    for ia, a in enumerate(qa):
        for ib, b in enumerate(qb):
            if a.group != b.group:
                continue
            score, agree = affinity(a, b), compatible(a, b)
            same_noun = bool(set(a.noun) & set(b.noun))
            tier = 4 if agree and score else 3 if same_noun else 2 if agree else int(score > 0)
            if tier:
                ranked.append((-tier, -score, abs(ia - ib), ia, ib))
    pairs: list[tuple[int, int]] = []
    for _, _, _, ia, ib in sorted(ranked):
        if all(ia != x and ib != y for x, y in pairs):
            pairs.append((ia, ib))
    for group in dict.fromkeys(q.group for q in qa):
        left_a = [i for i, q in enumerate(qa) if q.group == group and _free(i, pairs, 0)]
        left_b = [i for i, q in enumerate(qb) if q.group == group and _free(i, pairs, 1)]
        if len(left_a) == len(left_b) == 1 and _alone_pair(qa[left_a[0]], qb[left_b[0]]):
            pairs.append((left_a[0], left_b[0]))
    return (
        [(qa[ia], qb[ib]) for ia, ib in pairs],
        [q for i, q in enumerate(qa) if _free(i, pairs, 0)],
        [q for i, q in enumerate(qb) if _free(i, pairs, 1)],
    )


def _free(index: int, pairs: Sequence[tuple[int, int]], side: int) -> bool:
    return all(p[side] != index for p in pairs)


def _alone_pair(a: Quantity, b: Quantity) -> bool:
    if a.kind == "ordinal":
        return False
    return a.kind in _ALONE_KINDS or not (a.noun and b.noun and not set(a.noun) & set(b.noun))


class QuantityCheck(Check):
    """Compare the numbers of two aligned sentences as value ranges, paired by what they count."""

    RULES = (NUMBER, MAGNITUDE, DROPPED, BOUND)

    def run(self, pair: Pair) -> Iterator[Finding]:
        qa = pair.memo("a", "quantities", lambda: _side_quantities(pair.doc_a.text, pair.a))
        qb = pair.memo("b", "quantities", lambda: _side_quantities(pair.doc_b.text, pair.b))
        if not qa and not qb:
            return
        pairs, left_a, left_b = match(qa, qb)
        for a, b in pairs:
            if not compatible(a, b):
                yield self._changed(pair, a, b)
            elif _bounded_once(a, b):
                yield self._bound(pair, a, b)
        yield from self._dropped(pair, left_a, qb, "a")
        yield from self._dropped(pair, left_b, qa, "b")

    def _changed(self, pair: Pair, a: Quantity, b: Quantity) -> Finding:
        vague = a.vague or b.vague
        what = "magnitude" if vague else _KIND_NAMES[a.kind]
        noun = a.noun_text or b.noun_text
        message = f"{what} changed: {_shown(a)} vs {_shown(b)}"
        if noun:
            message += f" for '{noun}'"
        if a.bound and a.bound == b.bound:
            message += ": the figures differ"
        elif a.approximate or b.approximate:
            message += ": the ranges do not overlap"
        spans_a = [span_of(pair.doc_a.text, a.start, a.end)]
        spans_b = [span_of(pair.doc_b.text, b.start, b.end)]
        return self.finding(pair, (MAGNITUDE if vague else NUMBER).code, message, spans_a, spans_b)

    def _bound(self, pair: Pair, a: Quantity, b: Quantity) -> Finding:
        bounded = a if a.bound in _BOUNDS else b
        which = "A" if bounded is a else "B"
        how = "a lower" if bounded.bound == "lower" else "an upper"
        message = f"bound {'dropped' if bounded is a else 'added'}: {_shown(a)} vs {_shown(b)}"
        if a.noun_text or b.noun_text:
            message += f" for '{a.noun_text or b.noun_text}'"
        message += f": {which} gives the figure as {how} bound"
        spans_a = [span_of(pair.doc_a.text, a.start, a.end)]
        spans_b = [span_of(pair.doc_b.text, b.start, b.end)]
        return self.finding(pair, BOUND.code, message, spans_a, spans_b)

    def _dropped(
        self, pair: Pair, leftovers: Sequence[Quantity], others: Sequence[Quantity], side: str
    ) -> Iterator[Finding]:
        """A leftover number whose counted words the other side names without any number."""
        if not leftovers:
            return
        other, other_doc = ("b", pair.doc_b) if side == "a" else ("a", pair.doc_a)
        counted_there = {k for q in others for k in q.counted}
        words = pair.memo(other, "quantity-words", lambda: _words(pair, other))
        for q in leftovers:
            if q.implicit or q.kind == "ordinal" or not q.counted:
                continue
            if any(k not in words or k in counted_there for k in q.counted):
                continue
            found = sorted(words[k] for k in dict.fromkeys(q.counted))
            here = span_of((pair.doc_a if side == "a" else pair.doc_b).text, q.start, q.end)
            there = [span_of(other_doc.text, t.start, t.end) for t in found]
            this, that = ("A", "B") if side == "a" else ("B", "A")
            named = " ".join(t.text for t in found)
            message = (
                f"number {'dropped' if side == 'a' else 'added'}: {this} counts "
                f"'{q.noun_text or named}' as {_shown(q)}; {that} mentions '{named}' without "
                "a number"
            )
            spans_a, spans_b = ([here], there) if side == "a" else (there, [here])
            yield self.finding(pair, DROPPED.code, message, spans_a, spans_b)


def _words(pair: Pair, which: str) -> dict[str, Span]:
    """The first token of each word key on one side: what a dropped number might have counted."""
    words: dict[str, Span] = {}
    for token in pair.tokens_a if which == "a" else pair.tokens_b:
        if token.text[:1].isalpha():
            words.setdefault(word_key(token.text), token)
    return words


def _shown(q: Quantity) -> str:
    """A quantity as written, with its normalised value when that says more."""
    return f"'{q.text}'" if q.label == q.text else f"'{q.text}' ({q.label})"
