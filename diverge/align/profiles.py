"""What the aligner knows of each sentence: its content stems, its facts and its folded words.

A profile is built once per sentence and document (in a story of N outlets each document is
aligned N-1 times), with a memo of each word's stem and folded form shared across documents.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from diverge.facts.memo import lexicon_table, remember, side_facts, side_key
from diverge.lexicon import Lexicon, fold, load_data
from diverge.model import Document, Sentence

WORDS_KEPT = 1 << 17
"""Words (and entity names) whose stem and folded form the aligner remembers."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
_NUMERIC = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"}
_DIGIT = re.compile(r"\d")
_NOT_NUMBER = re.compile(r"[^\d.]")


def stem(word: str) -> str:
    """A crude stem (suffix stripped, cut to six letters): enough to match demand/demands."""
    word = word.casefold().replace("’", "'")
    word = word.split("'")[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


@dataclass(frozen=True)
class Profile:
    """What the aligner knows of a sentence."""

    index: int
    stems: frozenset[str]
    facts: frozenset[str]
    """Numbers and canonical names: strong evidence that two sentences tell the same thing."""
    plain: str
    ordered: str = ""
    """`plain` with its words sorted: token_sort_ratio's first step, done once per sentence."""


def _ordered(plain: str) -> str:
    return " ".join(sorted(plain.split()))


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_data("lexicon")["align"]["stopwords"])


def profile(
    sentence: Sentence,
    lexicon: Lexicon,
    stopwords: frozenset[str],
    memo: dict[str, tuple[str | None, str]] | None = None,
) -> Profile:
    """The sentence's profile. `memo` remembers, across sentences, each word's stem (None for a
    stopword) and folded form, and each entity's canonical name: it holds for one lexicon and
    one set of stopwords."""
    memo = {} if memo is None else memo
    words = _WORD.findall(sentence.text)
    stems = set()
    folded = []
    for w in words:
        known = memo.get(w)
        if known is None:
            known = memo[w] = (None if w.casefold() in stopwords else stem(w), fold(w))
        if known[0] is not None:
            stems.add(known[0])
        folded.append(known[1])
    facts = {_NOT_NUMBER.sub("", w) for w in words if not w.isalpha() and _DIGIT.search(w)}
    for e in sentence.entities:
        if e.label not in _NUMERIC:
            key = "\x00" + e.text
            name = memo.get(key)
            if name is None:
                name = memo[key] = (None, lexicon.canonical(e.text))
            facts.add(name[1])
    plain = " ".join(folded)
    return Profile(
        sentence.index, frozenset(stems), frozenset(f for f in facts if f), plain, _ordered(plain)
    )


def document_profiles(doc: Document, lexicon: Lexicon) -> list[Profile]:
    """The profiles of a document's sentences (boilerplate left out), computed once per
    document and lexicon: in a story of N outlets each document is aligned N-1 times."""

    def compute() -> list[Profile]:
        stopwords = _stopwords()
        memo: dict[str, tuple[str | None, str]] = lexicon_table("align-words", lexicon, dict)
        if len(memo) >= WORDS_KEPT:
            memo.clear()
        return [profile(s, lexicon, stopwords, memo) for s in doc.sentences if not s.boilerplate]

    return remember(side_facts(side_key(doc.text, doc.sentences)), "align", lexicon, compute)


def joined(profiles: Sequence[Profile]) -> Profile:
    """One profile for sentences read together (the two sides of a 1-2 or 2-1 pair)."""
    if len(profiles) == 1:
        return profiles[0]
    plain = " ".join(p.plain for p in profiles)
    return Profile(
        profiles[0].index,
        frozenset().union(*(p.stems for p in profiles)),
        frozenset().union(*(p.facts for p in profiles)),
        plain,
        _ordered(plain),
    )
