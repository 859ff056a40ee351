"""The words a polarity reading starts from: the word lists of `diverge/data/polarity.toml`
and a sentence's tokens split into hyphen-separated words with privatives folded in.

Split from `diverge.checks.polarity`, which reads each word's polarity from these. `may_deny`
is the cheap first look: a side none of whose words can deny anything (no negator, privative,
opposite word or negated phrase) makes no denial, so the check need not read it word by word
when the other side makes none either.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from diverge.facts.quotes import word_stem
from diverge.lexicon import load_data
from diverge.model import Span

_DASHES = {"-", "‐", "‑"}
_QUOTE_MARKS = "\"“”‘’'«»"
"""Quotation marks do not end a negation's reach ("could not be “a guide”")."""


class Word(NamedTuple):
    """A word token, hyphen-split, with whether a privative ("non-", "-free") negates it.
    (A named tuple: every word of every side makes one.)"""

    key: str
    start: int
    end: int
    joined: bool = False
    """Attached to the word before it by a hyphen."""
    privative: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of diverge/data/polarity.toml, ready for lookup."""

    lexical: dict[str, list[tuple[str, int]]]
    """Word form -> (concept, +1 or -1) for opposite words and prefixed negatives."""
    phrases: dict[str, list[tuple[str, ...]]]
    """First word -> phrases that start with a negator but are no plain negation."""
    partial: frozenset[tuple[str, ...]]
    negators: frozenset[str]
    negating_to: frozenset[str]
    negating_ing: frozenset[str]
    transparent: frozenset[str]
    stops: frozenset[str]
    prepositions: frozenset[str]
    clause_starts: frozenset[str]
    restrictive: frozenset[str]
    suffix: frozenset[str]
    prefix: frozenset[str]


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = load_data("polarity")
    lexical: dict[str, list[tuple[str, int]]] = {}
    for concept, group in data["antonyms"].items():
        for sign, words in ((1, group["positive"]), (-1, group["negative"])):
            for word in words:
                for form in _forms(word):
                    lexical.setdefault(form, []).append((concept, sign))
    for positive, negative in data["prefixed"]:
        concepts = lexical.get(positive) or [(word_stem(positive), 1)]
        lexical.setdefault(negative, [(c, -s) for c, s in concepts])
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data["not_negations"] + data["partial_negations"]:
        words = tuple(phrase.split())
        phrases.setdefault(words[0], []).append(words)
    return Vocabulary(
        lexical=lexical,
        phrases=phrases,
        partial=frozenset(tuple(p.split()) for p in data["partial_negations"]),
        negators=frozenset(data["negators"]),
        negating_to=frozenset(data["negating_to"]),
        negating_ing=frozenset(data["negating_ing"]),
        transparent=frozenset(data["transparent"]),
        stops=frozenset(data["stops"]),
        prepositions=frozenset(data["negated_prepositions"]),
        clause_starts=frozenset(data["clause_starts"]),
        restrictive=frozenset(data["restrictive"]),
        suffix=frozenset(data["suffix_privatives"]),
        prefix=frozenset(data["prefix_privatives"]),
    )


def _forms(word: str) -> set[str]:
    """A base form with its regular inflections ("ban" -> "bans", "banned", "banning")."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


_DASH, _STOP, _SKIP = "dash", "stop", "skip"


@functools.lru_cache(maxsize=1 << 16)
def _token_parts(text: str) -> tuple[str, tuple[tuple[str, int, int, bool], ...]]:
    """What `words_of` reads of one token text (cached: tokens repeat across sentences).

    Either `_DASH` (a hyphen joining the next word to the last), `_STOP` (punctuation that
    ends a negation's reach), `_SKIP` (quotation marks) or "words" with the token's
    hyphen-separated words as (lower-cased word, offset in the token, length, after a hyphen).
    """
    text = text.replace("’", "'")
    if text in _DASHES:
        return _DASH, ()
    if not any(map(str.isalnum, text)):
        return (_STOP if text.strip(_QUOTE_MARKS) else _SKIP), ()
    parts = []
    offset = 0
    for n, part in enumerate(text.split("-")):
        if part:
            parts.append((part.lower(), offset, len(part), n > 0))
        offset += len(part) + 1
    return "words", tuple(parts)


def words_of(tokens: Sequence[Span]) -> list[Word | None]:
    """Word tokens split at hyphens, with privatives folded into the word they negate;
    None stands for punctuation that ends a negation's reach."""
    vocab = vocabulary()
    raw: list[Word | None] = []
    joined = False
    for token in tokens:
        kind, parts = _token_parts(token.text)
        if kind == _DASH:
            joined = True
            continue
        if kind == _STOP:
            raw.append(None)
        for key, offset, length, hyphened in parts:
            start = token.start + offset
            raw.append(Word(key, start, start + length, joined or hyphened))
        joined = False
    result: list[Word | None] = []
    prefix_at: int | None = None
    for word in raw:
        if word is not None and word.key in vocab.prefix:
            prefix_at = word.start
            continue
        if word is not None and word.key in vocab.suffix and word.joined and result:
            last = result[-1]
            if last is not None:
                result[-1] = Word(last.key, last.start, word.end, last.joined, not last.privative)
                continue
        if word is not None and prefix_at is not None:
            word = Word(word.key, prefix_at, word.end, word.joined, not word.privative)
        prefix_at = None
        result.append(word)
    return result


@functools.lru_cache(maxsize=1)
def denying_words() -> frozenset[str]:
    """Every word that can give a word a negative sign in `polarities`: negators (with "to"
    or "-ing" words after them), privative prefixes and suffixes, opposite words with a
    negative member, and the first words of the listed phrases (which start with a negator)."""
    vocab = vocabulary()
    words = vocab.negators | vocab.negating_to | vocab.negating_ing | vocab.prefix | vocab.suffix
    opposites = {w for w, meanings in vocab.lexical.items() if any(s < 0 for _, s in meanings)}
    return words | opposites | frozenset(vocab.phrases)


@functools.lru_cache(maxsize=1 << 16)
def _token_denies(text: str) -> bool:
    return any(part[0] in denying_words() for part in _token_parts(text)[1])


def may_deny(tokens: Sequence[Span]) -> bool:
    """Whether any token holds a word of `denying_words`: without one, every word of the
    side is asserted and the side makes no denial."""
    return any(_token_denies(t.text) for t in tokens)
