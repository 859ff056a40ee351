"""Who a sentence says its claim comes from: a named source, an anonymous one, or none.

The `entity` check reports a named source one side drops ("according to Reuters" / "according
to sources"), and to tell a lost source from a reworded claim it must read how each side
attributes what it says and how much wording the two sides share. That reading is a fact about
one sentence, not a rule about a pair, so it lives here, apart from the swap and list logic of
`diverge.checks.entity`. The source phrases come from the `[sources]` table of
`diverge/data/entity.toml`.
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass

from diverge.diff import token_key
from diverge.facts.name_sides import NameSide
from diverge.facts.names import Name
from diverge.lexicon import load_data
from diverge.model import Span

_FILLER = 4
"""Words read next to a verb of saying for its source."""
_POSSESSIVE = {"'s", "’s"}
_QUOTES = {'"', "“", "”"}


@dataclass(frozen=True)
class EntityWords:
    """The word lists of entity.toml as sets: the context words the `entity` check reads
    around names, and the source phrases read here. One loader serves both."""

    determiners: frozenset[str]
    function_words: frozenset[str]
    prepositions: frozenset[str]
    locatives: frozenset[str]
    joiners: frozenset[str]
    before: tuple[tuple[str, ...], ...]
    after: frozenset[str]
    anonymous: frozenset[str]
    references: frozenset[str]


@functools.lru_cache(maxsize=1)
def entity_words() -> EntityWords:
    data = load_data("entity")
    context, sources = data["context"], data["sources"]
    return EntityWords(
        determiners=frozenset(context["determiners"]),
        function_words=frozenset(token_key(w) for w in context["function_words"]),
        prepositions=frozenset(context["prepositions"]),
        locatives=frozenset(context["locatives"]),
        joiners=frozenset(context["list_joiners"]),
        before=tuple(tuple(p.split()) for p in sources["before"]),
        after=frozenset(sources["after"]),
        anonymous=frozenset(sources["anonymous"]),
        references=frozenset(sources["references"]),
    )


def is_source(side: NameSide, name: Name) -> bool:
    """True when the name is the source of a claim: "according to X", "X said", "X told"."""
    words = entity_words()
    i = side.first_token(name) - 1
    while i >= 0 and side.keys[i] in words.determiners:
        i -= 1
    for phrase in words.before:
        n = len(phrase)
        if i - n + 1 >= 0 and tuple(side.keys[i - n + 1 : i + 1]) == phrase:
            return True
    j = side.last_token(name) + 1
    if j < len(side.keys) and side.keys[j] in _POSSESSIVE:
        j += 1
    return j < len(side.keys) and side.keys[j] in words.after


def attribution(side: NameSide, skip: Name | None = None) -> tuple[str, Span | None]:
    """How a side attributes its claim: "named" (a name, or a pronoun or definite description
    that refers back to one), "anonymous" (sources, officials: the filler span is returned) or
    "none" (no verb of saying, no "according to"). A quotation counts as attributed. `skip`
    leaves out the frame of one name, to ask whether anything else attributes the claim."""
    words = entity_words()
    keys = side.keys
    fillers: list[tuple[int, int, int]] = []  # (start, end, verb): "X said", "according to X"
    if skip is None and any(k in _QUOTES for k in keys):
        return "named", None
    for i, key in enumerate(keys):
        if key == "reportedly":
            return "anonymous", side.tokens[i]
        if key in words.after:
            start = i
            while start > 0 and i - start < _FILLER and any(c.isalnum() for c in keys[start - 1]):
                start -= 1
            if start < i:
                fillers.append((start, i, i))
        for phrase in words.before:
            n = len(phrase)
            if tuple(keys[i : i + n]) != phrase:
                continue
            end = i + n
            while end < len(keys) and end - i - n < _FILLER and any(c.isalnum() for c in keys[end]):
                end += 1
            if end == i + n:
                continue
            if phrase[0] in {"said", "says"}:  # "..., said the minister." but not "said on"
                closes = end == len(keys) or not any(c.isalnum() for c in keys[end])
                if not closes or keys[i + n] in words.function_words:
                    continue
            fillers.append((i + n, end, i))
    if skip is not None:  # leave out the frame of the name itself
        first, last = side.first_token(skip), side.last_token(skip)
        fillers = [f for f in fillers if not first - 3 <= f[2] <= last + 2]
    if not fillers:
        return "none", None
    if any(_holds_name(side, s, e) for s, e, _ in fillers):
        return "named", None
    for s, e, _ in fillers:
        filler = keys[s:e]
        if any(w in words.references - words.determiners for w in filler):
            continue
        head = next((w for w in filler if w in words.anonymous), None)
        if head is None:
            continue
        if any(w in {"the", "this", "that"} for w in filler) and not head.endswith("s"):
            continue  # "the official said": someone named earlier
        start, end = side.tokens[s].start, side.tokens[e - 1].end
        return "anonymous", Span(start, end, side.text[start:end])
    return "named", None


_CONTENT: weakref.WeakKeyDictionary[NameSide, set[str]] = weakref.WeakKeyDictionary()
"""Each side's content words, kept while the side is (a side is compared with several others)."""


def _content(side: NameSide, skip: Name | None = None) -> set[str]:
    """The side's content words (no function words, punctuation or names)."""
    if skip is None:
        found = _CONTENT.get(side)
        if found is None:
            found = _CONTENT[side] = _read_content(side)
        return found
    return _read_content(side, skip)


def _read_content(side: NameSide, skip: Name | None = None) -> set[str]:
    words = entity_words()
    function = words.function_words | words.determiners
    names = side.names if skip is None else [*side.names, skip]
    return {
        k
        for k, t in zip(side.keys, side.tokens, strict=True)
        if k.isalpha()
        and k not in function
        and not any(n.span.start <= t.start < n.span.end for n in names)
    }


def overlap(own: NameSide, other: NameSide, skip: Name | None = None) -> float:
    """How much of the shorter side's wording the other shares (names left out): aligned
    sentences that tell the same claim share most of it."""
    mine, theirs = _content(own, skip), _content(other)
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / min(len(mine), len(theirs))


def _holds_name(side: NameSide, start: int, end: int) -> bool:
    first, last = side.tokens[start].start, side.tokens[end - 1].end
    return any(n.span.start < last and first < n.span.end for n in side.names)
