"""The number vocabulary (diverge/data/quantity.toml) and the small tokenizer that reads it.

spaCy's tokens split "30 -day" and "30-day" differently and glue "40bn" together, so the number
reader works on its own tokens: digit groups, words, and single punctuation marks, each with its
offsets. The word lists are loaded once and turned into lookup tables and phrase tables here,
keeping the parser in `numbers.py` free of data handling.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from diverge.lexicon import fold, load_data

_TOKEN = re.compile(r"\d{1,2}:\d{2}(?!\d)|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


class Token(NamedTuple):
    """A word, digit group or punctuation mark; offsets into the text given to `tokenize`."""

    start: int
    end: int
    text: str
    low: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into number-reader tokens; offsets are shifted by `offset`."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # a character whose lower case is longer: fold token by token
        return [
            Token(m.start() + offset, m.end() + offset, m.group(), _low(m.group()))
            for m in _TOKEN.finditer(text)
        ]
    return [
        Token(start + offset, end + offset, text[start:end], low[start:end])
        for start, end in (m.span() for m in _TOKEN.finditer(text))
    ]


def _low(word: str) -> str:
    return word.lower().replace("’", "'")


class Phrases:
    """Multi-word phrases ("at", "least") -> a value, indexed by first word for fast lookup."""

    def __init__(self, entries: Mapping[tuple[str, ...], Any]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for key, value in sorted(entries.items(), key=lambda kv: -len(kv[0])):
            self._by_first.setdefault(key[0], []).append((key, value))

    def match(self, toks: Sequence[Token], i: int, glued: bool = False) -> tuple[Any, int] | None:
        """The longest phrase starting at token i: (its value, index of the token after it).
        With `glued`, the words of a phrase must touch ("A$", not "a $")."""
        if i >= len(toks):
            return None
        for key, value in self._by_first.get(toks[i].low, ()):
            end = i + len(key)
            if tuple(t.low for t in toks[i:end]) == key and not (
                glued and any(toks[j].start != toks[j - 1].end for j in range(i + 1, end))
            ):
                return value, end
        return None

    @property
    def first_words(self) -> frozenset[str]:
        """The words a phrase of this table can start with."""
        return frozenset(self._by_first)


def phrases(items: Mapping[str, Any] | Sequence[str], value: Any = None) -> Phrases:
    """A phrase table from a TOML table (phrase -> value) or list (every phrase -> `value`)."""
    if isinstance(items, Mapping):
        return Phrases({_words(k): v for k, v in items.items()})
    return Phrases({_words(k): value for k in items})


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(phrase))


@dataclass(frozen=True)
class Vocabulary:
    """Everything the number reader knows about English, from quantity.toml."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, float]
    suffixes: dict[str, float]
    ordinals: dict[str, int]
    fractions: dict[str, float]
    implicit: Phrases
    vague: Phrases
    vague_prefixes: Phrases
    vague_before_of: frozenset[str]
    approximators: Phrases
    currency_signs: Phrases
    currency_words: Phrases
    percent: Phrases
    durations: dict[str, tuple[float, str]]
    """Unit word -> (length in days, scale)."""
    units_of_measure: Phrases
    time_suffix: re.Pattern[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    point_words: frozenset[str]
    labels: frozenset[str]
    stopwords: frozenset[str]
    modifiers: frozenset[str]
    noun_groups: dict[str, str]
    irregular: dict[str, str]
    one_after: frozenset[str]
    one_before: frozenset[str]
    rate_before: frozenset[str]
    range_joiners: frozenset[str]
    starters: frozenset[str] = frozenset()
    """Words a quantity can start with; other words are passed over without a closer look."""
    numeric: frozenset[str] = frozenset()
    """Number words: a text without a digit and without one of them holds no quantity, and is
    passed over without tokenizing (see `may_hold_quantity`)."""


def _load() -> Vocabulary:
    data = load_data("quantity")
    words = data["words"]
    approx = {
        _words(phrase): mode for mode, items in data["approximators"].items() for phrase in items
    }
    calendar = data["calendar"]
    suffixes = "|".join(re.escape(s) for s in sorted(calendar["time_suffixes"], key=len)[::-1])
    irregular = dict(data["nouns"]["irregular"])
    groups: dict[str, str] = {}
    for group in data["nouns"]["groups"]:
        head = _singular(fold(group[0]), irregular)
        for member in group:
            groups[_singular(fold(member), irregular)] = head
    return Vocabulary(
        units=dict(words["units"]),
        tens=dict(words["tens"]),
        scales={k: float(v) for k, v in words["scales"].items()},
        suffixes={k: float(v) for k, v in words["suffixes"].items()},
        ordinals=dict(words["ordinals"]),
        fractions={k: float(v) for k, v in words["fractions"].items()},
        implicit=phrases(words["implicit"]),
        vague=phrases(data["vague"]),
        vague_prefixes=phrases(data["vague_prefixes"]),
        vague_before_of=frozenset(data["vague_before_of"]["words"]),
        approximators=Phrases(approx),
        currency_signs=phrases(data["currency"]["signs"]),
        currency_words=phrases(data["currency"]["words"]),
        percent=phrases(data["percent"]),
        durations={k: (v[0] / 86_400, str(v[1])) for k, v in data["durations"].items()},
        units_of_measure=phrases(data["units"]),
        time_suffix=re.compile(rf"\s*(?:{suffixes})(?![a-z])", re.IGNORECASE),
        months=frozenset(calendar["months"]),
        weekdays=frozenset(calendar["weekdays"]),
        point_words=frozenset(calendar["point_words"]),
        labels=frozenset(calendar["labels"]),
        stopwords=frozenset(data["stopwords"]["words"]),
        modifiers=frozenset(data["stopwords"]["modifiers"]),
        noun_groups=groups,
        irregular=irregular,
        one_after=frozenset(words["pronoun"]["one_after"]),
        one_before=frozenset(words["pronoun"]["one_before"]),
        rate_before=frozenset(words["rate"]["before"]),
        range_joiners=frozenset(words["range"]["joiners"]),
    )


def _singular(word: str, irregular: Mapping[str, str]) -> str:
    if word in irregular:
        return irregular[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def word_key(word: str) -> str:
    """A word folded and made singular ("Troops" -> "troop"), synonyms kept apart."""
    return _singular(fold(word), VOCAB.irregular)


@functools.lru_cache(maxsize=4096)
def noun_key(word: str) -> str:
    """The key under which two counted nouns are the same: folded, singular, synonyms merged
    ("Soldiers" -> "troop", "fatalities" -> "dead")."""
    singular = word_key(word)
    return VOCAB.noun_groups.get(singular, singular)


_DIGIT_OR_WORD = re.compile(r"\d|[^\W\d_]+")


def may_hold_quantity(text: str) -> bool:
    """A cheap first look: False for a text with no digit and no number word."""
    return any(w[0].isdigit() or w in VOCAB.numeric for w in _DIGIT_OR_WORD.findall(text.lower()))


def _with_starters(v: Vocabulary) -> Vocabulary:
    tables = (v.approximators, v.currency_signs, v.vague, v.vague_prefixes, v.implicit)
    words = set().union(*(t.first_words for t in tables))
    words |= set(v.units) | set(v.tens) | set(v.ordinals) | {"a", "an", "half"}
    numeric = {w for t in (v.vague, v.implicit) for w in t.first_words}
    numeric |= set(v.units) | set(v.tens) | set(v.ordinals) | set(v.fractions) | set(v.durations)
    numeric |= set(v.scales)
    return dataclasses.replace(v, starters=frozenset(words), numeric=frozenset(numeric))


VOCAB = _with_starters(_load())
"""Loaded once at import: the data file ships with the package and never changes in a run."""
