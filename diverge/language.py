"""A cheap guess whether a text is English, so the CLI can warn before comparing it.

diverge's model, lexicon and checks are English-only: a German or French article still runs
(nothing crashes) but its findings mean little, and the user deserves to be told. A full
language identifier would be a heavy dependency for one warning; the share of common English
function words ("the", "of", "and", ...) among a text's words separates English news from other
languages well, because every English sentence is full of them and almost no other language's is.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = """
    a about after all also an and are as at be been but by for from had has have he her his
    i in into is it its more not of on or our said says she than that the their there they this
    to was we were when which who will with would you
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
"""Frequent English words that are rare (or absent) as words in other languages."""

MIN_SHARE = 0.12
"""English news prose is ~35-45% function words; below this share the text is not English."""
MIN_WORDS = 20
"""Too few words to judge: a headline or a one-liner is never called non-English."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def english_share(text: str) -> float:
    """The share of `text`'s words that are common English function words (0.0 without words)."""
    words = _WORD.findall(text[:200_000])
    if not words:
        return 0.0
    return sum(1 for w in words if w.casefold() in FUNCTION_WORDS) / len(words)


def looks_non_english(text: str) -> bool:
    """True when `text` has enough words to judge and too few English function words."""
    return len(_WORD.findall(text[:200_000])) >= MIN_WORDS and english_share(text) < MIN_SHARE
