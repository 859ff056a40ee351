"""certainty: a hedge on a claim was dropped or added ("may face" vs "faces").

"The defendants may face up to 10 years" and "the defendants face up to 10 years" share every
content word, and no noun lost a modifier: the difference is a modal verb, or an "is expected
to", on the verb itself. Outlets drop such hedges when they tighten copy, and the possible then
reads as fact. This check reads hedges from tokens: a modal ("may", "might", "could"), a word
before "to" ("expected to", "likely to", "appears to") or a verb that hedges its clause
("suggested") marks the next content word as hedged. A hedged word that the other side carries
unhedged, in the same company of words, is a dropped hedge; and, as with negations, a drop is
only believed when the side that lost it carries fewer hedge words in all, so a hedge that
moved ("the bank is expected to cut" / "economists expect the bank to cut") is not reported.
Word lists: `diverge/data/certainty.toml`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from diverge.checks.base import Check, Pair, Rule
from diverge.facts.phrases import SideView, is_content, side_view
from diverge.facts.quotes import word_stem
from diverge.lexicon import load_data
from diverge.model import Finding, Severity, Span

HEDGE = Rule(
    "DV702",
    "qualifier",
    Severity.MINOR,
    "A hedge on a claim ('may', 'could', 'is expected to', 'suggested') was dropped or added: "
    "the possible told as fact ('may face' vs 'faces').",
)
RULES = (HEDGE,)

NEIGHBOURS = 3
"""Content words either side of the hedged word, one of which the other side must share."""
REACH = 4
"""How many transparent words a hedge reaches across to the word it hedges."""
HEDGE_REACH = 5
"""Tokens either side of a word within which a hedge of the other side's own covers it."""


@dataclass(frozen=True)
class Words:
    """The lists of diverge/data/certainty.toml, ready for lookup."""

    modals: frozenset[str]
    not_hedges: frozenset[tuple[str, ...]]
    before_to: frozenset[str]
    clause_hedges: frozenset[str]
    transparent: frozenset[str]
    hedge_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def words() -> Words:
    data = load_data("certainty")
    listed = set(data["modals"]) | set(data["before_to"]) | set(data["clause_hedges"])
    return Words(
        modals=frozenset(data["modals"]),
        not_hedges=frozenset(tuple(p.split()) for p in data["not_hedges"]),
        before_to=frozenset(data["before_to"]),
        clause_hedges=frozenset(data["clause_hedges"]),
        transparent=frozenset(data["transparent"]),
        hedge_words=frozenset(data["hedge_words"]) | listed,
    )


@dataclass(frozen=True)
class Hedge:
    """A hedge and the word it hedges, by token index."""

    first: int
    """The hedge's first token ("may", or "expected" of "expected to")."""
    word: int
    """The hedged content word."""
    clause: bool = False
    """A verb that hedges its whole clause ("suggested the fire was caused")."""


def hedges(view: SideView) -> list[Hedge]:
    """Every hedge of a side outside quotations, with the word it hedges."""
    vocab = words()
    keys, found = view.keys, []
    for i, key in enumerate(keys):
        if view.quoted[i]:
            continue
        if key in vocab.modals:
            if key == "may" and view.tokens[i].text != "may":
                continue  # "May" is the month
            if (
                tuple(keys[i : i + 2]) in vocab.not_hedges
                or tuple(keys[i : i + 3]) in vocab.not_hedges
            ):
                continue
            start = i + 1
        elif key in vocab.before_to and i + 1 < len(keys) and keys[i + 1] == "to":
            start = i + 2
        elif key in vocab.clause_hedges:
            start = i + 1
        else:
            continue
        target = _hedged_word(view, start)
        if target is not None:
            found.append(Hedge(i, target, key in vocab.clause_hedges))
    return found


def _hedged_word(view: SideView, start: int) -> int | None:
    """The first content word from `start`, past transparent words, or None."""
    transparent = words().transparent
    for j in range(start, min(len(view), start + REACH + 1)):
        key = view.keys[j]
        if key in transparent:
            continue
        return j if is_content(key) and not view.quoted[j] else None
    return None


def _hedge_count(view: SideView) -> int:
    hedge_words = words().hedge_words
    return sum(1 for key in view.keys if key in hedge_words)


class CertaintyCheck(Check):
    """DV702: a hedged verb on one side stands unhedged on the other."""

    RULES = RULES

    def run(self, pair: Pair) -> Iterator[Finding]:
        hedge_words = words().hedge_words
        if not (hedge_words.intersection(pair.keys_a) or hedge_words.intersection(pair.keys_b)):
            return
        va, vb = side_view(pair.doc_a, pair.a), side_view(pair.doc_b, pair.b)
        count_a, count_b = _hedge_count(va), _hedge_count(vb)
        if count_a == count_b:
            return
        hedged, plain = (va, vb) if count_a > count_b else (vb, va)
        for hedge in hedges(hedged):
            if hedge.clause and min(count_a, count_b):
                continue  # a clause hedge reaches far: only a side with no hedge at all lost it
            match = _unhedged_match(hedged, plain, hedge)
            if match is None:
                continue
            hedge_span = hedged.span(hedge.first, hedge.word)
            plain_span = _plain_span(plain, match)
            if hedged is va:
                message = (
                    f"hedge dropped: '{hedge_span.text}' vs '{plain_span.text}' "
                    "(A marks it as possible or expected; B states it as fact)"
                )
                yield self.finding(pair, HEDGE.code, message, [hedge_span], [plain_span])
            else:
                message = (
                    f"hedge added: '{plain_span.text}' vs '{hedge_span.text}' "
                    "(A states it as fact; B marks it as possible or expected)"
                )
                yield self.finding(pair, HEDGE.code, message, [plain_span], [hedge_span])
            return  # one finding per pair: the first dropped hedge tells the story


def _unhedged_match(hedged: SideView, plain: SideView, hedge: Hedge) -> int | None:
    """The other side's token for the hedged word when no hedge reaches it there and it keeps
    some of the word's neighbours (the same claim, not another use of the word)."""
    stem = word_stem(hedged.keys[hedge.word])
    own = hedges(plain)
    near = _neighbours(hedged, hedge.word)
    for j, key in enumerate(plain.keys):
        if plain.quoted[j] or not is_content(key) or word_stem(key) != stem:
            continue
        if any(abs(h.first - j) <= HEDGE_REACH or h.word == j for h in own):
            continue  # a hedge of its own stands by it ("Russia's demands may be aimed")
        if near & _neighbours(plain, j):
            return j
    return None


def _neighbours(view: SideView, index: int) -> set[str]:
    """The stems of the content words around a token, the token's own left out."""
    content = [j for j, key in enumerate(view.keys) if is_content(key)]
    if index not in content:
        return set()
    rank = content.index(index)
    near = content[max(0, rank - NEIGHBOURS) : rank] + content[rank + 1 : rank + NEIGHBOURS + 1]
    return {word_stem(view.keys[j]) for j in near}


def _plain_span(view: SideView, index: int) -> Span:
    """The unhedged word, with a "will" or "would" right before it ("will cut")."""
    if index > 0 and view.keys[index - 1] in {"will", "would", "'ll"}:
        return view.span(index - 1, index)
    return view.span(index, index)
