"""Phrase-level views of an aligned pair, shared by the qualifier and claim checks.

Both checks reason about the word diff between two aligned sentences: which run of words was
dropped, added or swapped, what stands right before and after it on both sides, and whether a
word is a function word, a number, a negation, part of a named entity or inside a quotation
(those belong to other checks). Without a parser these facts come from tokens, entities and the
word classes in `diverge/data/qualifier.toml`; this module computes them once per side (for
every pair and check that side is in) so that each check stays a short list of decisions. Its
second half sorts the words of a run into modifiers (scope, evidential, origin, ...), glue and
other content, for the qualifier check.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from diverge.diff import Change, Opcode, changes, token_key
from diverge.facts.memo import remember, side_facts, side_key
from diverge.lexicon import load_data
from diverge.model import Document, Entity, Sentence, Span

_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_STEM_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "s",
    "ly",
    "al",
)
_OPEN = "“«"
_CLOSE = "”»"
_QUOTE_MARK = re.compile('[“«”»"]')


@dataclass(frozen=True)
class English:
    """Word classes of plain English, read from `qualifier.toml` `[english]`."""

    function: frozenset[str]
    noun_openers: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    negation: frozenset[str]
    number_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def english() -> English:
    """The shared word classes (cached: the data file is read once)."""
    data = load_data("qualifier")["english"]
    return English(**{name: frozenset(data[name]) for name in English.__dataclass_fields__})


@dataclass(frozen=True)
class Run:
    """One differing run of the word diff, by token index, with the equal context around it.

    `op` is "replace", "delete" (words only in A) or "insert" (only in B); A's words are
    `tokens_a[i1:i2]` and B's `tokens_b[j1:j2]`. `before` and `after` count the identical tokens
    that precede and follow the run on both sides: long equal context means the two sentences
    are parallel here, so the run fills the same slot.
    """

    op: str
    i1: int
    i2: int
    j1: int
    j2: int
    before: int
    after: int


def runs(
    tokens_a: Sequence[Span], tokens_b: Sequence[Span], found: Sequence[Change] | None = None
) -> tuple[Run, ...]:
    """The runs of `diverge.diff.changes` with their token indices.

    `found` is the pair's `changes` when the caller has them (a check asks its pair for the
    runs once, and the pair keeps them for the other checks).
    """
    found = changes(tokens_a, tokens_b) if found is None else found
    if not found:
        return ()
    index_a = {t.start: i for i, t in enumerate(tokens_a)}
    index_b = {t.start: j for j, t in enumerate(tokens_b)}
    raw: list[tuple[str, int, int, int, int, int]] = []
    pos_a = pos_b = 0
    for change in found:
        if change.a:
            i1 = index_a[change.a[0].start]
            j1 = pos_b + (i1 - pos_a)
        else:
            j1 = index_b[change.b[0].start]
            i1 = pos_a + (j1 - pos_b)
        i2, j2 = i1 + len(change.a), j1 + len(change.b)
        raw.append((change.op, i1, i2, j1, j2, i1 - pos_a))
        pos_a, pos_b = i2, j2
    result = []
    for n, (op, i1, i2, j1, j2, before) in enumerate(raw):
        after = raw[n + 1][5] if n + 1 < len(raw) else len(tokens_a) - i2
        result.append(Run(op, i1, i2, j1, j2, before, after))
    return tuple(result)


def opcode_runs(opcodes: Sequence[Opcode], size_a: int) -> tuple[Run, ...]:
    """The runs of the diff's non-equal opcodes (`diverge.diff.differing`), which carry the
    token indices `runs` otherwise recovers from the changes' first tokens: no per-pair
    index of either side's tokens is needed. `size_a` is the number of tokens of A."""
    result = []
    pos_a = 0
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        after = opcodes[n + 1][1] - i2 if n + 1 < len(opcodes) else size_a - i2
        result.append(Run(op, i1, i2, j1, j2, i1 - pos_a, after))
        pos_a = i2
    return tuple(result)


@dataclass(frozen=True)
class SideView:
    """One side of a pair as parallel per-token facts."""

    text: str
    """The document text: every token offset indexes it."""
    tokens: tuple[Span, ...]
    keys: tuple[str, ...]
    """Case- and quote-insensitive token forms, as the diff compares them."""
    labels: tuple[str, ...]
    """The entity label covering each token, or ""."""
    entity_ids: tuple[int, ...]
    """Which entity covers each token (its position in the side's entities), or -1."""
    quoted: tuple[bool, ...]
    """Whether each token sits inside quotation marks (the quote check's territory)."""
    initial: frozenset[int]
    """Indices of the tokens that open a sentence (capitalised for grammar, not for a name)."""

    def __len__(self) -> int:
        return len(self.tokens)

    def span(self, first: int, last: int) -> Span:
        """The document span from token `first` to token `last` (inclusive)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        return Span(start, end, self.text[start:end])

    def phrase(self, first: int, last: int) -> str:
        """The text from token `first` to `last`, for messages (empty when first > last)."""
        return self.span(first, last).text if first <= last else ""

    def is_proper(self, index: int) -> bool:
        """A capitalised word that does not open a sentence: a name or a title."""
        text = self.tokens[index].text
        return text[:1].isupper() and index not in self.initial


def side_view(document: Document, sentences: Sequence[Sentence]) -> SideView:
    """The per-token facts of one side of a pair, built once per side for all the pairs and
    checks that ask (see `diverge.facts.memo`)."""
    facts = side_facts(side_key(document.text, sentences))
    return remember(facts, "side-view", None, lambda: _build_view(document.text, sentences))


def _build_view(text: str, sentences: Sequence[Sentence]) -> SideView:
    tokens = tuple(t for s in sentences for t in s.tokens)
    entities = tuple(e for s in sentences for e in s.entities)
    ids = entity_index(tokens, entities)
    ranges = [r for s in sentences for r in quoted_ranges(s.text, s.start)]
    openers = {s.tokens[0].start for s in sentences if s.tokens}
    initial = frozenset(n for n, t in enumerate(tokens) if t.start in openers)
    return SideView(
        text=text,
        tokens=tokens,
        keys=tuple(token_key(t.text) for t in tokens),
        labels=tuple(entities[k].label if k >= 0 else "" for k in ids),
        entity_ids=ids,
        quoted=tuple(any(lo <= t.start and t.end <= hi for lo, hi in ranges) for t in tokens)
        if ranges
        else (False,) * len(tokens),
        initial=initial,
    )


def entity_index(tokens: Sequence[Span], entities: Sequence[Entity]) -> tuple[int, ...]:
    """For each token, the index in `entities` of the entity overlapping it, or -1.

    spaCy's entities never overlap each other, so the last entity starting before a token's
    end is the only candidate (a binary search, whatever the order of the sentences).
    """
    order = sorted(range(len(entities)), key=lambda k: entities[k].start)
    starts = [entities[k].start for k in order]
    result = []
    for token in tokens:
        n = bisect.bisect_left(starts, token.end) - 1
        hit = n >= 0 and entities[order[n]].end > token.start
        result.append(order[n] if hit else -1)
    return tuple(result)


def quoted_ranges(sentence: str, offset: int = 0) -> list[tuple[int, int]]:
    """Character ranges (shifted by `offset`) inside quotation marks in one sentence.

    Curly and guillemet quotes pair by direction, straight double quotes alternate. A quote
    left open runs to the end of the sentence and a closing mark with no opener runs from its
    start, because quotations often span sentences.
    """
    ranges = []
    opened: int | None = None
    straight: int | None = None
    for mark in _QUOTE_MARK.finditer(sentence):
        n, ch = mark.start(), mark.group()
        if ch in _OPEN:
            opened = n if opened is None else opened
        elif ch in _CLOSE:
            ranges.append((0 if opened is None else opened, n + 1))
            opened = None
        elif straight is None:
            straight = n
        else:
            ranges.append((straight, n + 1))
            straight = None
    for start in (opened, straight):
        if start is not None:
            ranges.append((start, len(sentence)))
    return [(lo + offset, hi + offset) for lo, hi in ranges]


@functools.lru_cache(maxsize=1 << 14)
def is_word(text: str) -> bool:
    """Has a letter and no digit. (This and the next two are cached: the qualifier and claim
    checks ask about the words around every run of every pair.)"""
    return bool(_LETTER.search(text)) and not _DIGIT.search(text)


@functools.lru_cache(maxsize=1 << 14)
def is_number(key: str) -> bool:
    """A numeral or a number word: the quantity check's."""
    return bool(_DIGIT.search(key)) or key in english().number_words


@functools.lru_cache(maxsize=1 << 14)
def is_content(key: str) -> bool:
    """A word that carries meaning: lettered, not a function word, not a number."""
    return is_word(key) and key not in english().function and not is_number(key)


@dataclass(frozen=True)
class Word:
    """A word of a run: one token, or a hyphenated compound ("so-called", "full-scale")."""

    first: int
    last: int
    key: str


def words(view: SideView, start: int, end: int) -> list[Word]:
    """The words of tokens[start:end], joining hyphen compounds written without spaces."""
    return list(iter_words(view, start, end))


def iter_words(view: SideView, start: int, end: int) -> Iterator[Word]:
    """`words` one at a time, for a caller that may stop at the first word it cannot use."""
    n = start
    while n < end:
        first = last = n
        while (
            last + 2 < end
            and view.keys[last + 1] == "-"
            and view.tokens[last].end == view.tokens[last + 1].start
            and view.tokens[last + 1].end == view.tokens[last + 2].start
        ):
            last += 2
        key = "".join(view.keys[first : last + 1])
        yield Word(first, last, key)
        n = last + 1


def stem(word: str) -> str:
    """A crude stem: one suffix stripped, cut to five letters (demand = demands = demanded)."""
    word = word.split("'")[0].split("’")[0]
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:5]


def related(a: str, b: str) -> bool:
    """Two word keys with the same stem, or one the start of the other (inflection, clipping)."""
    if a == b or stem(a) == stem(b):
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)
