"""Quotations in a sentence: where they are, their words, and who is said to have spoken them.

The `quote` check compares what two outlets put inside quotation marks. Finding those marks is
harder than a regex: straight quotes do not say whether they open or close, a quotation may run
over several sentences (or reopen with a fresh mark), an apostrophe looks like a closing single
quote, and a sentence may start inside a quotation opened earlier in the paragraph. This module
scans each paragraph once, clips what it finds to the aligned sentences, and reduces the words
to comparison keys so that house style ("don't" / "do not", "defence" / "defense") is not drift.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from diverge.lexicon import Lexicon, fold, load_data
from diverge.model import Document, Entity, Sentence, Span

MAX_LOOKBACK = 3000
"""Characters scanned before a sentence for a quotation opened earlier in its paragraph."""
MAX_SINGLE_QUOTE = 200
"""A single-quoted stretch longer than this is taken for apostrophes, not a quotation."""

_OPENERS_BEFORE = set(" \t\r\n([{—–-/")
_BREAKS = re.compile("[\r\n]")
_MARKS = re.compile("[\r\n“«\"”»‘'’]")
"""The characters `scan` acts on: line breaks and quotation marks."""
_SINGLE_SKIP = re.compile(r"(?:s|t|d|m|n|em|ll|re|ve|tis|cause|til|bout)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    """A quoted stretch of one side of a pair, clipped to that side's sentences."""

    start: int
    """Offset of the first character inside the marks (document text)."""
    end: int
    """Offset just after the last character inside the marks (document text)."""
    words: tuple[Span, ...]
    """The word tokens inside the marks, in order (punctuation left out)."""
    opened: int
    """Offset of the opening mark (or of the clip point when opened before the sentence)."""
    closed: int | None
    """Offset of the closing mark; None when the quotation runs on past the sentence."""


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of diverge/data/quote.toml, ready for lookup."""

    speech: frozenset[str]
    pronouns: frozenset[str]
    titles: frozenset[str]
    equivalents: dict[tuple[str, ...], str]
    """Lower-case word sequence -> the one key all its house-style variants share."""
    longest: int
    """Words in the longest equivalent variant ("per cent" is two)."""
    ellipses: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _data() -> Vocabulary:
    data = load_data("quote")
    equivalents: dict[tuple[str, ...], str] = {}
    for group in data["equivalent_words"]:
        for variant in group:
            equivalents[tuple(variant.lower().split())] = group[0]
    return Vocabulary(
        speech=frozenset(data["speech_verbs"]),
        pronouns=frozenset(data["pronouns"]),
        titles=frozenset(data["titles"]),
        equivalents=equivalents,
        longest=max(len(k) for k in equivalents),
        ellipses=tuple(data["ellipses"]),
    )


@functools.lru_cache(maxsize=64)
def _soft_breaks(text: str) -> frozenset[int]:
    """Line breaks inside a hard-wrapped paragraph (one parse block): they are spaces, and a
    quotation runs on across them, exactly as it would if the paragraph were one line."""
    from diverge.lexicon import default_lexicon
    from diverge.segment import blocks

    return frozenset(
        m.start()
        for block in blocks(text, default_lexicon())
        for m in _BREAKS.finditer(text, block.start, block.end)
    )


def _paragraph_start(text: str, position: int) -> int:
    """Where the line or wrapped paragraph holding `position` starts."""
    soft = _soft_breaks(text)
    start = text.rfind("\n", 0, position) + 1
    while start > 0 and start - 1 in soft:
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def scan(text: str, start: int, end: int) -> list[tuple[int, int, int, int | None]]:
    """Quoted stretches in `text[start:end]` as (opened, inner_start, inner_end, closed).

    Double marks (straight, curly, guillemets) nest single ones; a new opening mark inside an
    open quotation closes it and starts another (writers reopen after a sentence); a line break
    ends any open quotation (a multi-paragraph quotation reopens on the next line). Single
    marks count only as a pair around words, never as apostrophes. Only line breaks and
    quotation marks change what is open, so the scan visits those characters alone.
    """
    found: list[tuple[int, int, int, int | None]] = []
    open_at: int | None = None
    single_at: int | None = None
    soft = _soft_breaks(text)
    for mark in _MARKS.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in "\r\n" and i not in soft:
            if open_at is not None:
                found.append((open_at, open_at + 1, i, None))
            open_at = single_at = None
        elif ch in "“«" or (ch == '"' and _opens(before, after)):
            if open_at is not None:
                found.append((open_at, open_at + 1, i, None))
            open_at, single_at = i, None
        elif ch in "”»" or ch == '"':
            if open_at is not None:
                found.append((open_at, open_at + 1, i, i))
                open_at = None
            single_at = None
        elif open_at is None and ch in "‘'" and single_at is None:
            if (
                before in _OPENERS_BEFORE
                and after.isalpha()
                and not (ch == "'" and _SINGLE_SKIP.match(text, i + 1))
            ):
                single_at = i
        elif (
            open_at is None
            and single_at is not None
            and ch in "’'"
            and not after.isalnum()
            and before != " "
        ):
            if i - single_at <= MAX_SINGLE_QUOTE:
                found.append((single_at, single_at + 1, i, i))
            single_at = None
    if open_at is not None:
        found.append((open_at, open_at + 1, end, None))
    return found


def _opens(before: str, after: str) -> bool:
    """A straight double quote opens when a space (or start) precedes it and a word follows."""
    return before in _OPENERS_BEFORE and not after.isspace()


def quotes_of(doc: Document, sentences: Sequence[Sentence]) -> list[Quote]:
    """The quotations inside the given sentences, each clipped to them.

    Each sentence's paragraph is scanned from its start so that a sentence that begins inside
    a quotation knows it; consecutive sentences of the side that share a quotation give one
    Quote (a quotation may span sentences).
    """
    text = doc.text
    pieces: dict[int, list[tuple[int, int, int | None]]] = {}
    for sentence in sentences:
        line_start = _paragraph_start(text, sentence.start)
        lo = max(line_start, sentence.start - MAX_LOOKBACK)
        for opened, inner_start, inner_end, closed in scan(text, lo, sentence.end):
            s, e = max(inner_start, sentence.start), min(inner_end, sentence.end)
            if e <= s:
                continue
            kept = closed if closed is not None and e == inner_end else None
            pieces.setdefault(opened, []).append((s, e, kept))
    tokens = [t for s in sentences for t in s.tokens]
    result = []
    for opened in sorted(pieces):
        parts = pieces[opened]
        s, e = min(p[0] for p in parts), max(p[1] for p in parts)
        closed = next((p[2] for p in parts if p[1] == e), None)
        words = tuple(t for t in tokens if s <= t.start and t.end <= e and _is_word(t.text))
        if words:
            result.append(Quote(s, e, words, max(opened, s - 1), closed))
    return result


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token) or token == "%"


def word_keys(text: str, quote: Quote) -> list[tuple[str, Span]]:
    """A quotation's words as (comparison key, span): folded, house-style variants merged.

    A multi-word variant ("per cent") becomes one key whose span covers its words.
    """
    equivalents, longest = _data().equivalents, _data().longest
    words = quote.words
    raw = [w.text.replace("’", "'").lower() for w in words]
    keys: list[tuple[str, Span]] = []
    i = 0
    while i < len(raw):
        for size in range(min(longest, len(raw) - i), 0, -1):
            canon = equivalents.get(tuple(raw[i : i + size]))
            if canon is not None:
                start, end = words[i].start, words[i + size - 1].end
                keys.append((canon, Span(start, end, text[start:end])))
                i += size
                break
        else:
            keys.append((_spelling(fold(raw[i]) or raw[i]), words[i]))
            i += 1
    return keys


_ISE = re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$")
_OUR = re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|able)?$")
_TRE = re.compile(r"(?<=\w{3})tre(s)?$")


def _spelling(word: str) -> str:
    """British spellings folded to American ones ("organise", "labour", "centre")."""
    word = _ISE.sub(r"iz\1", word)
    word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    return _TRE.sub(lambda m: "ter" + (m.group(1) or ""), word)


@functools.lru_cache(maxsize=1 << 16)
def word_stem(word: str) -> str:
    """A crude stem ("passed", "passes", "passing" -> "pass") for matching word forms.

    No lemmatizer runs in the pipeline; a light suffix-stripper is enough to tell an
    inflection change from a different word and to pair words across sentences. Cached: the
    polarity check stems every plain word of every side.
    """
    w = word.lower()
    if len(w) <= 3:
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif (w.endswith("ed") and len(w) > 4) or (
        w.endswith("es") and len(w) > 4 and (w[-3] in "sxz" or w[-4:-2] in ("ch", "sh"))
    ):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouyls":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def has_ellipsis(text: str, start: int, end: int) -> bool:
    """True when the text between two words marks an omission ("...", "…", "[...]")."""
    gap = text[start:end]
    return any(e in gap for e in _data().ellipses)


def speaker(
    text: str, tokens: Sequence[Span], entities: Sequence[Entity], quote: Quote
) -> Entity | None:
    """The person a quotation is attributed to, or None when unknown.

    Looks after the closing mark ("“…,” said Smith", "“…,” Smith said") and before the opening
    mark ("Smith said: “…”", "Smith described it as “…”") for a speech verb, then for the
    PERSON entity next to it. A pronoun ("he said") gives None: the check cannot resolve it.
    """
    speech, pronouns = _data().speech, _data().pronouns
    people = [e for e in entities if e.label == "PERSON"]
    if quote.closed is not None:
        window = _until_break([t for t in tokens if t.start > quote.closed][:10])
        verb = next((i for i, t in enumerate(window) if t.text.lower() in speech), None)
        if verb is not None:
            between, rest = window[:verb], _until_break(window[verb + 1 :], comma=True)
            if any(t.text.lower() in pronouns for t in between):
                return None
            found = (
                _person_in(people, between)
                or _person_in(people, rest)
                or _name_run(text, between, entities)
                or _name_run(text, rest, entities)
            )
            if found or (rest and rest[0].text.lower() in pronouns):
                return found
    before = [t for t in tokens if t.end <= quote.opened]
    cut = max((i for i, t in enumerate(before) if t.text in _TERMINATORS), default=-1)
    before = before[cut + 1 :]
    verb = next(
        (
            i
            for i in range(len(before) - 1, max(-1, len(before) - 10), -1)
            if before[i].text.lower() in speech
        ),
        None,
    )
    if verb is None or not before:
        return None
    if before[verb].text.lower() == "according":
        return _person_in(people, before[verb + 1 :])
    if any(t.text.lower() in pronouns for t in before[max(0, verb - 2) : verb]):
        return None
    candidates = [p for p in people if p.start >= before[0].start and p.end <= before[verb].start]
    return candidates[-1] if candidates else _name_run(text, before[:verb], entities, last=True)


_TERMINATORS = frozenset({".", "!", "?", "”", '"', "»", ";"})


def _until_break(tokens: Sequence[Span], comma: bool = False) -> list[Span]:
    """Tokens up to the next sentence end or quotation mark (or comma, when asked)."""
    out = []
    for t in tokens:
        if t.text in {".", "!", "?", "“", '"', "«", ";"} or (comma and t.text == ","):
            break
        out.append(t)
    return out


def _person_in(people: Sequence[Entity], window: Sequence[Span]) -> Entity | None:
    if not window:
        return None
    lo, hi = window[0].start, window[-1].end
    return next((p for p in people if lo <= p.start and p.end <= hi), None)


def _name_run(
    text: str, window: Sequence[Span], entities: Sequence[Entity], last: bool = False
) -> Entity | None:
    """A run of two or more capitalised words that no entity claims for an organisation or a
    place: a name the statistical tagger missed ("said Thandiwe Mokoena")."""
    titles = _data().titles
    others = [e for e in entities if e.label != "PERSON"]
    runs: list[list[Span]] = [[]]
    for t in window:
        word = t.text
        if (
            word[:1].isupper()
            and word.replace("-", "").replace("'", "").isalpha()
            and word.lower().rstrip(".") not in titles
            and not any(e.start < t.end and t.start < e.end for e in others)
        ):
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    names = [r for r in runs if len(r) >= 2]
    if not names:
        return None
    run = names[-1] if last else names[0]
    return Entity(run[0].start, run[-1].end, text[run[0].start : run[-1].end], "PERSON")


def same_speaker(a: str, b: str, lexicon: Lexicon) -> bool:
    """Two names for one person: equal canonically, or one's words within the other's
    ("Smith" and "John Smith", "Mr. Smith" and "Smith")."""
    titles = _data().titles
    ca, cb = lexicon.canonical(a), lexicon.canonical(b)
    if ca == cb:
        return True
    wa = [w for w in ca.split() if w not in titles]
    wb = [w for w in cb.split() if w not in titles]
    if not wa or not wb:
        return True
    return wa[-1] == wb[-1] or set(wa) <= set(wb) or set(wb) <= set(wa)
