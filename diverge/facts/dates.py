"""Dates and times in news sentences, read into comparable values.

Outlets write one date many ways ("Feb. 24, 2022", "24 February 2022", "the 24th of February")
and drop or blur parts of it ("February 2022", "recently"). The `time` check can only tell a
changed date from a paraphrase when each expression is a value: a calendar date with the fields
it states, a time relative to publication as a range of days, or a clock time with its zone.
Durations ("three weeks", "30-day") carry no calendar anchor and are left to the quantity check.
Parsing is regular expressions over the sentence text (the pipeline has no parser), built once
from the vocabulary in `diverge/data/time.toml`. The values themselves are defined in
`diverge.facts.time_values`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from diverge.facts.time_values import (
    CalendarDate,
    ClockTime,
    RelativeTime,
    TimeExpression,
    TimeValue,
)
from diverge.lexicon import load_data


@dataclass(frozen=True)
class _Context:
    """The text being read and spaCy's DATE ranges in it."""

    text: str
    date_entities: Sequence[tuple[int, int]]

    def word_before(self, offset: int) -> str:
        found = _LAST_WORD.search(self.text, max(0, offset - 20), offset)
        return found.group(1).lower() if found else ""

    def dated(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.date_entities)


DIGIT = "#"
"""The trigger word standing for "the text holds a digit"."""
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_LAST_WORD = re.compile(r"([A-Za-z]+)[\s-]*$")

Builder = Callable[[re.Match[str], _Context], TimeValue | None]


def _alternation(words: Iterable[str], optional_the: bool = False) -> str:
    """A regex alternation, longest first, with spaces matching any whitespace.

    With `optional_the` a leading "the" is dropped from each phrase (the pattern makes it
    optional), so "the end of 2021" and "end of 2021" both match.
    """
    words = (w.lower().removeprefix("the ") if optional_the else w.lower() for w in words)
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _key(text: str, optional_the: bool = False) -> str:
    """The form under which the data files list a phrase."""
    key = " ".join(text.lower().rstrip(".").split())
    return key.removeprefix("the ") if optional_the else key


def _table(data: dict[str, Any], optional_the: bool = False) -> dict[str, Any]:
    """A data table keyed by `_key`; with `optional_the`, "the end of" is found as "end of"."""
    return {_key(k, optional_the): v for k, v in data.items()}


class _Builders:
    """Turn a pattern's match into a value, or None when the context says it is not a date."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.months = _table(data["months"])
        self.weekdays = _table(data["weekdays"])
        self.year_parts = _table(data["year_parts"], optional_the=True)
        self.month_parts = _table(data["month_parts"], optional_the=True)
        self.seasons = _table(data["seasons"])
        self.relatives = _table(data["relative"])
        self.ago_units = _table(data["ago_units"])
        self.numbers = {k: v for k, v in data["numbers"].items() if k != "vague"}
        self.clock_words = _table(data["clock_words"])
        self.day_parts = _table(data["day_parts"])
        self.zones = {k.lower(): v for k, v in data["zones"].items()}
        self.prepositions = frozenset(data["context"]["prepositions"]) | {"last", "next", "this"}
        self.approximate = re.compile(
            rf"\b(?:{_alternation(data['context']['approximators'])})\s+$", re.IGNORECASE
        )
        self.year_phrase = re.compile(
            rf"\b(?:{_alternation(data['context']['year_phrases'])})\s+$", re.IGNORECASE
        )
        self.ambiguous = frozenset(data["ambiguous"]["months"])
        self.abbreviated = frozenset(data["abbreviated"]["weekdays"])

    def _number(self, text: str) -> int:
        """A day or hour written in digits or as a word ("4", "four")."""
        return int(text) if text.isdigit() else int(self.numbers[_key(text)])

    def _month(self, match: re.Match[str]) -> int | None:
        name = match["month"]
        return int(self.months[_key(name)]) if name[0].isupper() else None

    def _weekday(self, match: re.Match[str]) -> int | None:
        name = match["wd"]
        if name is None or not name[0].isupper():
            return None
        if _key(name) in self.abbreviated and not name.endswith("."):
            return None
        return int(self.weekdays[_key(name)])

    def iso(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return CalendarDate((year, year), frozenset({month}), (day, day))

    def date(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        groups = match.groupdict()
        if groups.get("decade"):
            first = int(groups["decade"])
            return CalendarDate((first, first + 9))
        years = (int(groups["year"]), int(groups["year"])) if groups.get("year") else None
        months: frozenset[int] | None = None
        days: tuple[int, int] | None = None
        if groups.get("month"):
            number = self._month(match)
            if number is None:
                return None
            months = frozenset({number})
        if groups.get("season"):
            months = frozenset(self.seasons[_key(groups["season"])])
        if groups.get("ypart"):
            first, last = self.year_parts[_key(groups["ypart"], True)]
            part = frozenset(range(first, last + 1))
            months = part if months is None else (months & part or months)
        if groups.get("mpart"):
            first, last = self.month_parts[_key(groups["mpart"], True)]
            days = (first, last)
        if groups.get("day"):
            first = self._number(groups["day"])
            last = int(groups["day2"] or first)
            if not 1 <= first <= last <= 31:
                return None
            days = (first, last)
        weekday = self._weekday(match) if "wd" in groups else None
        return CalendarDate(years, months, days, weekday, bool(groups.get("day2")))

    def month(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        number = self._month(match)
        if number is None:
            return None
        ambiguous = _key(match["month"]) in self.ambiguous
        if ambiguous and ctx.word_before(match.start()) not in self.prepositions:
            return None
        return CalendarDate(None, frozenset({number}))

    def year(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        start = match.start()
        if not (
            ctx.word_before(start) in self.prepositions
            or ctx.dated(start)
            or self.year_phrase.search(ctx.text, max(0, start - 25), start)
        ):
            return None
        first = int(match["year"])
        if not match["to"]:
            return CalendarDate((first, first))
        last = int(match["to"]) if len(match["to"]) == 4 else first // 100 * 100 + int(match["to"])
        return CalendarDate((first, last), ranged=True) if last > first else None

    def ago(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        length, precision = self.ago_units[_key(match["unit"])]
        amount = _key(match["n"])
        if amount.isdigit() or amount in self.numbers:
            count = int(amount) if amount.isdigit() else int(self.numbers[amount])
            centre, half = -count * length, length // 2
            return RelativeTime(centre - half, centre + half, precision)
        return RelativeTime(-length * 12, -length, 0)

    def relative(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        first, last, precision = self.relatives[_key(match["rel"])]
        return RelativeTime(first, last, precision)

    def weekday(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        number = self._weekday(match)
        if number is None:
            return None
        direction = {"last": -1, "next": 1}.get((match["dir"] or "").lower(), 0)
        first, last = {-1: (-7, -1), 1: (1, 7)}.get(direction, (-6, 6))
        return RelativeTime(first, last, 4, number, direction)

    def day_part(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        if match["lead"] is None:
            before = ctx.text[max(0, match.start() - 12) : match.start()]
            if not re.search(r"(?:day|tomorrow|\.)\s*$", before, re.IGNORECASE):
                return None
        first, last = self.day_parts[_key(match["part"])]
        return ClockTime(first * 60, last * 60 - 1, None, True)

    def clock(self, match: re.Match[str], ctx: _Context) -> TimeValue | None:
        groups = match.groupdict()
        if groups.get("word"):
            minutes = int(self.clock_words[_key(groups["word"])])
            start = match.start("word")
        else:
            hour, minute = self._number(groups["h"]), int(groups.get("min") or 0)
            if groups.get("ampm"):
                hour = hour % 12 + (12 if groups["ampm"].lower().startswith("p") else 0)
            minutes, start = hour * 60 + minute, match.start("h")
        first = last = minutes
        if self.approximate.search(ctx.text[max(0, start - 20) : start]):
            first, last = minutes - 60, minutes + 60
        zones = None
        if groups.get("zone"):
            offsets = self.zones[groups["zone"].lower()]
            zones = frozenset(offsets if isinstance(offsets, list) else [offsets])
        return ClockTime(first, last, zones)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], Builder, frozenset[str]], ...]:
    """The compiled patterns, in the order in which they claim text (most specific first), each
    with its trigger words: a pattern runs only on a text holding one of them ("#" is any digit),
    which skips most of the regex work on the many sentences that hold no date."""
    data = load_data("time")
    b = _Builders(data)
    digit = frozenset({DIGIT})
    months = frozenset(data["months"])
    weekdays = frozenset(data["weekdays"])
    relatives = frozenset(phrase.split()[-1] for phrase in data["relative"])
    month = rf"(?P<month>{_alternation(data['months'])})\.?"
    weekday = rf"(?P<wd>(?:{_alternation(data['weekdays'])})\.?)"
    lead = rf"(?:{weekday},?\s+)?"
    year = r"(?P<year>1[89]\d\d|20\d\d)(?![\d%-]|\s*percent)"
    small = _alternation(k for k in data["numbers"] if k not in {"vague", "a", "an"})
    day = (
        rf"(?P<day>[0-3]?\d|{small})(?:st|nd|rd|th)?"
        r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)\b(?:st|nd|rd|th)?)?"
    )
    zones = sorted((z.upper() for z in data["zones"]), key=lambda z: (-len(z), z))
    zone = rf"(?-i:(?P<zone>{'|'.join(zones)}))\b"
    ampm = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
    counts = [k for k in data["numbers"] if k != "vague"] + list(data["numbers"]["vague"])
    month_part = rf"(?:the\s+)?(?P<mpart>{_alternation(data['month_parts'], True)})[-\s]+"
    year_part = rf"(?:the\s+)?(?P<ypart>{_alternation(data['year_parts'], True)})[-\s]+"
    specs: list[tuple[str, Builder, frozenset[str]]] = [
        (r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", b.iso, digit),
        (
            rf"\b(?P<h>1[0-2]|0?[1-9]|{small})(?:[:.](?P<min>[0-5]\d))?\s*{ampm}(?:\s+{zone})?",
            b.clock,
            digit | frozenset(data["numbers"]),
        ),
        (
            rf"\b(?P<h>[01]\d|2[0-3]|\d)[:.h]?(?P<min>[0-5]\d)\s*(?:hours?\s+)?{zone}",
            b.clock,
            digit,
        ),
        (
            r"\b(?:at|by|until|from|before|after|around|about)\s+"
            r"(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b(?!:)",
            b.clock,
            digit,
        ),
        (
            rf"\b(?P<word>{_alternation(data['clock_words'])})\b(?:\s+{zone})?",
            b.clock,
            frozenset(data["clock_words"]),
        ),
        (rf"\b{lead}{month}\s+{day}\b(?:,?\s+{year}|(?!\s*(?:%|percent|\d)))", b.date, months),
        (rf"\b{lead}(?:the\s+)?{day}\s+(?:of\s+)?{month}(?![a-z])(?:,?\s+{year})?", b.date, months),
        (rf"\b{month_part}{month}(?![a-z])(?:,?\s+(?:of\s+)?{year})?", b.date, months),
        (
            rf"\b(?:{year_part})?(?P<season>{_alternation(data['seasons'])})\s+(?:of\s+)?{year}",
            b.date,
            frozenset(data["seasons"]),
        ),
        (rf"\b{year_part}{year}", b.date, digit),
        (rf"\b{month}(?![a-z]),?\s+(?:of\s+)?{year}", b.date, months),
        (r"\b(?:the\s+)?(?P<decade>1[89]\d0|20\d0)s\b", b.date, digit),
        (rf"\b{month}(?![a-z])(?!\s*\d)", b.month, months),
        (
            r"(?<![$£€\d,.])\b(?P<year>1[89]\d\d|20\d\d)(?:\s*[-–]\s*(?P<to>\d\d(?:\d\d)?)\b)?"
            r"(?![\d%-]|\s*percent)",
            b.year,
            digit,
        ),
        (
            rf"\b(?P<n>\d+|{_alternation(counts)})\s+(?P<unit>{_alternation(data['ago_units'])})"
            r"s?\s+ago\b",
            b.ago,
            frozenset({"ago"}),
        ),
        (rf"\b(?P<rel>{_alternation(data['relative'])})\b", b.relative, relatives),
        (rf"\b(?:(?P<dir>last|next|this|on)\s+)?{weekday}(?![a-z])", b.weekday, weekdays),
        (
            r"\b(?P<lead>(?:early|late)\s+(?:in\s+the\s+|on\s+)?|(?:in|on)\s+the\s+)?"
            rf"(?P<part>{_alternation(data['day_parts'])})\b",
            b.day_part,
            frozenset(data["day_parts"]),
        ),
    ]
    compiled = ((re.compile(source, re.IGNORECASE), build, words) for source, build, words in specs)
    return tuple(compiled)


def _full_word(text: str) -> bool:
    """Whether a final period after `text` ends the sentence rather than an abbreviation."""
    last = _LAST_WORD.search(text)
    return last is not None and _key(last.group(1)) in _full_names()


@functools.lru_cache(maxsize=1)
def _full_names() -> frozenset[str]:
    """Month and weekday names that are not abbreviations: the longest name of each number."""
    data = load_data("time")
    names = set()
    for table in (data["months"], data["weekdays"]):
        for number in set(table.values()):
            names.add(max((k for k, v in table.items() if v == number), key=len))
    return frozenset(names | {"may"})


@functools.lru_cache(maxsize=1)
def _datelines() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_data("time")["datelines"])


def _dateline_end(text: str) -> int:
    """Where the wire dateline opening `text` ends (0 when there is none)."""
    if not text[:1].isupper():
        return 0
    return max((m.end() for p in _datelines() if (m := p.match(text))), default=0)


_LEAD = re.compile(
    r"(?:(?:on|in|at|the|by|until|from|before|after|around|about)\s+)+", re.IGNORECASE
)


def find_times(
    text: str,
    names: Sequence[tuple[int, int]] = (),
    date_entities: Sequence[tuple[int, int]] = (),
) -> list[TimeExpression]:
    """Every date or time expression in `text`, in order, with offsets into `text`.

    `names` are the ranges of named entities (people, organisations, titles): a month or weekday
    inside one ("April Ryan", "The Sunday Times") is a name, not a date. `date_entities` are
    spaCy's DATE ranges, which make a bare year a date even without a preposition before it.
    """
    ctx = _Context(text, date_entities)
    claimed = bytearray(len(text))  # 1 where an accepted expression sits: text is read once
    dateline = _dateline_end(text)
    claimed[:dateline] = b"\x01" * dateline
    found: list[TimeExpression] = []
    words = set(_WORD.findall(text.lower()))
    if _DIGIT.search(text):
        words.add(DIGIT)
    for pattern, build, triggers in _patterns():
        if triggers.isdisjoint(words):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(claimed[start:end]):
                continue
            value = build(match, ctx)
            if value is None:
                continue
            word = ctx.word_before(start)
            lead = _LEAD.match(text, start, end)
            if lead and lead.end() < end:
                start = lead.end()
                word = next((w for w in lead.group().lower().split() if w != "the"), word)
            if text[end - 1] == "." and _full_word(text[start : end - 1]):
                end -= 1
            if not isinstance(value, ClockTime) and any(s <= start and end <= e for s, e in names):
                continue
            claimed[start:end] = b"\x01" * (end - start)
            found.append(TimeExpression(start, end, text[start:end], value, word))
    return sorted(found, key=lambda x: x.start)
