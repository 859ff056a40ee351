"""polarity: a negation, privative or opposite word that turns a sentence's claim around.

"The bill was never passed" and "the bill was passed" share all their content words, so
similarity-based alignment pairs them happily; only the polarity differs. Without a parser this
check reads polarity from tokens: each content word is asserted or denied, denied when a
negation ("not", "never", "no", "without", "failed to", "stopped ...ing") reaches it, when it is
privative ("nuclear-free", "non-aligned"), or when it is the negative member of a listed pair
("unlikely", "banned" = "not allowed"). A word denied on one side and asserted on the other is a
flip. Paraphrase that moves a negation ("did not immediately respond" / "did not respond
immediately") or swaps it for an opposite ("rejected" / "did not accept") gives the same
polarity per word, and a flip is only believed when the two sides also differ in how many
denials they carry, so a negation that merely moved to another word is not reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from diverge.checks.base import Check, Pair, Rule, span_of
from diverge.facts.polarity_words import Word, may_deny, vocabulary, words_of
from diverge.facts.quotes import word_stem
from diverge.model import Finding, Severity, Span

__all__ = ["RULES", "Occurrence", "PolarityCheck", "polarities", "words_of"]

FLIPPED = Rule(
    "DV601",
    "polarity",
    Severity.MAJOR,
    "A negation, privative or opposite word flips a claim between outlets.",
)
RULES = (FLIPPED,)

SHADOW = 3
"""Words after an opposite word ("banned", "rejected") whose own polarity is left unknown."""
RESTRICTION = "only"
"""The concept of "only", "just" and "merely"."""
NEIGHBOURS = 3
"""Content words either side of a flipped word, some of which the other side must share."""


class Occurrence(NamedTuple):
    """One content word (by concept) and whether the sentence asserts (+1) or denies (-1) it."""

    concept: str
    sign: int
    start: int
    end: int
    """The span that shows the polarity: the negation through the word it negates."""
    how: str
    """"plain", "negation", "privative" or "opposite": what gave the word its polarity."""
    position: int = 0
    """Index of the word among the sentence's words, to find its neighbours."""
    shadowed: bool = False
    """Just after an opposite word ("a ban on X joining"): its polarity is unknown."""


def polarities(tokens: Sequence[Span]) -> list[Occurrence]:
    """Every content word of a sentence with its polarity (see the module docstring)."""
    vocab = vocabulary()
    lexical, phrases = vocab.lexical, vocab.phrases
    words = words_of(tokens)
    keys = [w.key if w else "" for w in words]
    found: list[Occurrence] = []
    negated_at: int | None = None
    carry_at: int | None = None
    shadow_until = -1
    neither_at: int | None = None
    i = 0
    while i < len(words):
        word = words[i]
        if word is None:
            negated_at = carry_at = None
            shadow_until = -1
            i += 1
            continue
        key = word.key
        phrase = None
        if key in phrases:
            phrase = next((p for p in phrases[key] if tuple(keys[i : i + len(p)]) == p), None)
        if phrase:
            restricted = words[i + 1] if len(phrase) == 2 else None
            if restricted and phrase[-1] in vocab.restrictive and negated_at is None:
                lifted = Word(key, word.start, restricted.end)
                found.append(_occurrence(RESTRICTION, 1, lifted, word.start, i))
            negated_at = carry_at = None
            i += len(phrase)
            if phrase in vocab.partial:
                shadow_until = i + SHADOW
            continue
        if key in vocab.restrictive:
            found.append(_occurrence(RESTRICTION, 1, word, negated_at, i))
            i += 1
            continue
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        negates = (
            (key in vocab.negators and not (key == "no" and (nxt.isdigit() or not nxt)))
            or (key in vocab.negating_to and nxt == "to")
            or (key in vocab.negating_ing and nxt.endswith("ing"))
        )
        if negates:
            for concept, sign in lexical.get(key, ()):
                found.append(_occurrence(concept, sign, word, negated_at, i))
            if key == "neither":
                neither_at = word.start
            if key == "nor" and neither_at is not None:
                # "neither X nor Y" is one denial, whichever word it falls on
                negated_at = neither_at
            else:
                negated_at = word.start if negated_at is None else None
            carry_at = None
            i += 1
            continue
        if key in vocab.transparent:
            i += 1
            continue
        # A preposition that ends its clause is the predicate ("the war is not over"): it is
        # compared like a content word. One with an object lets a negation reach across it.
        stranded = key in vocab.prepositions and _ends_clause(words, i + 1)
        after_negation = negated_at is not None and keys[i - 1] in vocab.negators
        if after_negation and key in vocab.prepositions and not stranded:
            i += 1
            continue
        if (key in vocab.stops and not stranded) or key.isdigit():
            negated_at = carry_at if key in {"or", "nor"} else None
            carry_at = None
            i += 1
            continue
        meanings = lexical.get(key)
        if not meanings:  # a plain word: asserted, by its stem
            found.append(_occurrence(word_stem(key), 1, word, negated_at, i, i <= shadow_until))
        else:
            for concept, sign in meanings:
                found.append(_occurrence(concept, sign, word, negated_at, i, i <= shadow_until))
            if any(sign < 0 for _, sign in meanings):
                shadow_until = i + SHADOW
        carry_at, negated_at = negated_at, None
        i += 1
    return found


def _ends_clause(words: Sequence[Word | None], i: int) -> bool:
    """Whether a preposition just before position i has no object: a punctuation mark, the end
    of the sentence, a word that starts the next clause or another preposition ("over by the
    time") comes next, after nothing but transparent words ("yet", "already")."""
    vocab = vocabulary()
    for word in words[i:]:
        if word is None or word.key in vocab.clause_starts or word.key in vocab.prepositions:
            return True
        if word.key not in vocab.transparent:
            return False
    return True


def _occurrence(
    concept: str,
    sign: int,
    word: Word,
    negated_at: int | None,
    position: int,
    shadowed: bool = False,
) -> Occurrence:
    how = "opposite" if sign < 0 else "plain"
    if word.privative:
        sign, how = -sign, "privative"
    if negated_at is not None:
        sign, how = -sign, "negation"
    start = word.start if negated_at is None else negated_at
    return Occurrence(concept, sign, start, word.end, how, position, shadowed)


class PolarityCheck(Check):
    RULES = RULES

    def run(self, pair: Pair) -> Iterator[Finding]:
        # Two sides without a word that can deny both make no denial: nothing to read.
        if not pair.memo("a", "may-deny", lambda: may_deny(pair.tokens_a)) and not pair.memo(
            "b", "may-deny", lambda: may_deny(pair.tokens_b)
        ):
            return
        found_a = pair.memo("a", "polarities", lambda: polarities(pair.tokens_a))
        found_b = pair.memo("b", "polarities", lambda: polarities(pair.tokens_b))
        if _denials(found_a) == _denials(found_b):
            return
        by_a = _by_concept([o for o in found_a if not o.shadowed])
        by_b = _by_concept([o for o in found_b if not o.shadowed])
        shared = by_a.keys() & by_b.keys()
        if _denials(o for c in shared for o in by_a[c]) == _denials(
            o for c in shared for o in by_b[c]
        ):
            return
        used_a: list[Span] = []
        used_b: list[Span] = []
        for concept, occ_a in by_a.items():
            occ_b = by_b.get(concept)
            if not occ_b:
                continue
            flip = _flip(occ_a, occ_b, found_a, found_b)
            if flip is None:
                continue
            a, b = flip
            span_a = span_of(pair.doc_a.text, a.start, a.end)
            span_b = span_of(pair.doc_b.text, b.start, b.end)
            if any(_overlaps(span_a, s) for s in used_a) or any(
                _overlaps(span_b, s) for s in used_b
            ):
                continue
            used_a.append(span_a)
            used_b.append(span_b)
            message = _message(a, b, span_a, span_b)
            yield self.finding(pair, FLIPPED.code, message, [span_a], [span_b])


def _flip(
    occ_a: Sequence[Occurrence],
    occ_b: Sequence[Occurrence],
    found_a: Sequence[Occurrence],
    found_b: Sequence[Occurrence],
) -> tuple[Occurrence, Occurrence] | None:
    """The pair of occurrences of one concept whose polarity differs, or None.

    A flip is a side carrying more denials of the concept and fewer assertions than the other
    (a denial that turned into an assertion). Of the denials and assertions that could pair,
    the two sharing the most neighbouring words are reported; none sharing any, no flip (the
    negation is about something the other side does not say).
    """
    neg_a = [o for o in occ_a if o.sign < 0]
    neg_b = [o for o in occ_b if o.sign < 0]
    pos_a = [o for o in occ_a if o.sign > 0]
    pos_b = [o for o in occ_b if o.sign > 0]
    if len(neg_a) > len(neg_b) and len(pos_a) < len(pos_b):
        candidates = [(x, y) for x in neg_a for y in pos_b]
    elif len(neg_b) > len(neg_a) and len(pos_b) < len(pos_a):
        candidates = [(x, y) for x in pos_a for y in neg_b]
    else:
        return None
    best, best_shared = None, 0
    for x, y in candidates:
        shared = len(_neighbours(found_a, x) & _neighbours(found_b, y))
        if shared > best_shared:
            best, best_shared = (x, y), shared
    return best


def _denials(found: Iterable[Occurrence]) -> int:
    """How many separate denials a sentence makes ("refused to sign" is one, not two)."""
    return len({o.start for o in found if o.sign < 0})


def _neighbours(found: Sequence[Occurrence], occurrence: Occurrence) -> set[str]:
    """The concepts of the content words near an occurrence: a flip is only believed when the
    negated word keeps some of its company on the other side (the same claim, not another)."""
    positions = sorted({o.position for o in found})
    rank = positions.index(occurrence.position)
    near = set(positions[max(0, rank - NEIGHBOURS) : rank + NEIGHBOURS + 1])
    return {o.concept for o in found if o.position in near and o.concept != occurrence.concept}


def _by_concept(found: Sequence[Occurrence]) -> dict[str, list[Occurrence]]:
    grouped: dict[str, list[Occurrence]] = {}
    for occurrence in found:
        grouped.setdefault(occurrence.concept, []).append(occurrence)
    return grouped


def _overlaps(x: Span, y: Span) -> bool:
    return x.start < y.end and y.start < x.end


def _message(a: Occurrence, b: Occurrence, span_a: Span, span_b: Span) -> str:
    negative, positive = (a, b) if a.sign < 0 else (b, a)
    what = {
        "negation": "negation",
        "privative": "privative",
        "opposite": "opposite word",
        "plain": "negation",
    }[negative.how]
    if positive.how == "opposite" or negative.how == "opposite":
        head = "opposite meaning"
    else:
        head = f"{what} {'dropped' if negative is a else 'added'}"
    who = "A denies what B asserts" if a.sign < 0 else "A asserts what B denies"
    return f"{head}: '{span_a.text}' vs '{span_b.text}' ({who})"
