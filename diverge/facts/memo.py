"""Facts read from one side of an aligned pair, remembered across the pairs that share it.

In a story of N outlets every sentence takes part in N-1 comparisons, and most facts the checks
read (tokens' comparison keys, names, negations, quotations, per-token views) depend on that
side alone. They are kept here in one dict per side, so that a side's second and later pairs
look them up instead of reading the sentence again. (The aligner keeps each document's sentence
profiles the same way, with the whole document as the side.)

A side is identified by its document text and the bounds of its sentences: a document is
segmented the same way wherever it is compared, and equal texts (a re-parsed copy, a document
sent to a worker process) share their entry. The text's hash is cached by the string itself, so
the key costs a tuple of bounds, not a pass over the text, and a pair looks its two sides up
once. Facts that depend on the lexicon are stored with it (`remember`), and kept only while the
same lexicon object asks; `lexicon_table` holds lookup tables built once per lexicon.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from diverge.model import Sentence

T = TypeVar("T")

SideKey = tuple[str, tuple[tuple[int, int], ...]]

SIDE_FACTS: OrderedDict[SideKey, dict[Hashable, Any]] = OrderedDict()
"""Side -> its facts by name, least recently used first."""
SIDES_KEPT = 2048
"""Sides remembered: the sentences and sentence pairs of a story of dozens of outlets. Beyond
that the least recently used side is dropped: the stories before this one are done, and more
remembered objects make every garbage collection slower."""


def side_key(text: str, sentences: Sequence[Sentence]) -> SideKey:
    """The key of the side made of `sentences` of the document with this text."""
    return text, tuple((s.start, s.end) for s in sentences)


def side_facts(key: SideKey) -> dict[Hashable, Any]:
    """The (possibly empty) dict of facts remembered for one side."""
    facts = SIDE_FACTS.get(key)
    if facts is None:
        if len(SIDE_FACTS) >= SIDES_KEPT:
            SIDE_FACTS.popitem(last=False)
        facts = SIDE_FACTS[key] = {}
    else:
        SIDE_FACTS.move_to_end(key)
    return facts


def remember(facts: dict[Hashable, Any], name: str, context: object, compute: Callable[[], T]) -> T:
    """`compute()` for one side, computed once per side and `context` (a lexicon, or None).

    The context object is kept with the value and compared by identity, so a value computed
    with one lexicon is never handed to another (not even one that reuses its id).
    """
    key = (name, id(context))
    hit = facts.get(key)
    if hit is not None and hit[0] is context:
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    facts[key] = (context, value)
    return value


_TABLES: dict[tuple[str, int], tuple[object, Any]] = {}


def lexicon_table(name: str, lexicon: object, build: Callable[[], T]) -> T:
    """A lookup table that depends on the lexicon (name variants, place runs), built once per
    lexicon object and kept with it, so a later lexicon that reuses its id gets its own."""
    hit = _TABLES.get((name, id(lexicon)))
    if hit is None or hit[0] is not lexicon:
        if len(_TABLES) >= 16:
            _TABLES.clear()
        hit = _TABLES[name, id(lexicon)] = (lexicon, build())
    return hit[1]  # type: ignore[no-any-return]
