"""time: a date or time of day that changed, blurred or vanished between two outlets.

"February 24, 2022" and "Feb. 24, 2022" are one date; "February 2022" is the same date told less
precisely; "Monday" and "Tuesday" cannot both be right. Each side's expressions are read into
values (diverge.facts.dates) and paired by role before they are compared, because a long
sentence often holds several dates ("talks in late 2021 and early 2022") and crossing them would
invent contradictions. Durations ("three weeks") are not dates and belong to the quantity check.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from diverge.checks.base import Check, Pair, Rule, span_of
from diverge.facts.dates import (
    CalendarDate,
    ClockTime,
    RelativeTime,
    TimeExpression,
    TimeValue,
    find_times,
)
from diverge.facts.memo import remember, side_facts, side_key
from diverge.model import Document, Finding, Sentence, Severity

CHANGED = Rule(
    "DV201",
    "time",
    Severity.MAJOR,
    "A date or time contradicts the other outlet's (another day, month, year, weekday or hour).",
)
PRECISION = Rule(
    "DV202",
    "time",
    Severity.MINOR,
    "A date or time is told less (or more) precisely ('February 24, 2022' vs 'February 2022').",
)
DROPPED = Rule(
    "DV203",
    "time",
    Severity.MINOR,
    "A date, weekday or clock time one outlet states and the other leaves out.",
)

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "FAC", "PRODUCT", "NORP", "GPE", "LOC"}
)
"""Entities whose text is a name even when it holds a month or weekday ("April", "Sunday")."""

KINSHIP = 0.25
"""Least share of content words (Jaccard, words of four letters or more) two sides must have in
common before a date one of them lacks counts as dropped: below it the aligner paired sentences
that tell different things, and the date was never theirs to share."""

NEAR = 0.4
"""Largest gap in relative sentence position at which two conflicting times still pair when
either side holds other candidates: farther apart, they are probably different events."""


class Relation(enum.Enum):
    """How the value of B stands to the value of A."""

    SAME = "same"
    LESS_PRECISE = "less precise"
    MORE_PRECISE = "more precise"
    COMPATIBLE = "compatible"
    """They can both hold but neither contains the other ("February 24" / "February 2022")."""
    CONFLICT = "conflict"
    UNRELATED = "unrelated"
    """Not comparable without a reference date ("February 24" / "yesterday")."""


def compare(a: TimeValue, b: TimeValue) -> tuple[Relation, str]:
    """How B's value relates to A's, with the reason when they conflict."""
    if isinstance(a, CalendarDate) and isinstance(b, CalendarDate):
        return _compare_dates(a, b)
    if isinstance(a, RelativeTime) and isinstance(b, RelativeTime):
        return _compare_relative(a, b)
    if isinstance(a, ClockTime) and isinstance(b, ClockTime):
        return _compare_clock(a, b)
    return Relation.UNRELATED, ""


def _compare_dates(a: CalendarDate, b: CalendarDate) -> tuple[Relation, str]:
    if a.years and b.years and (a.years[1] < b.years[0] or b.years[1] < a.years[0]):
        return Relation.CONFLICT, "different year"
    if a.months is not None and b.months is not None and not a.months & b.months:
        return Relation.CONFLICT, "different month"
    if a.days and b.days and (a.days[1] < b.days[0] or b.days[1] < a.days[0]):
        return Relation.CONFLICT, "different day"
    if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        return Relation.CONFLICT, "different weekday"
    fields_a = (a.years, a.months, a.days)
    fields_b = (b.years, b.months, b.days)
    if fields_a == fields_b and a.ranged == b.ranged:
        return Relation.SAME, ""
    if _contains(fields_b, fields_a) and not b.ranged:
        return Relation.LESS_PRECISE, ""
    if _contains(fields_a, fields_b) and not a.ranged:
        return Relation.MORE_PRECISE, ""
    return Relation.COMPATIBLE, ""


def _contains(outer: tuple[Any, ...], inner: tuple[Any, ...]) -> bool:
    """Whether every field `outer` states also bounds `inner` (a missing field is unbounded)."""
    for big, small in zip(outer, inner, strict=True):
        if big is None:
            continue
        if small is None:
            return False
        if isinstance(big, frozenset):
            if not small <= big:
                return False
        elif not (big[0] <= small[0] and small[1] <= big[1]):
            return False
    return True


def _compare_relative(a: RelativeTime, b: RelativeTime) -> tuple[Relation, str]:
    if a.weekday is not None and b.weekday is not None:
        if a.weekday != b.weekday:
            return Relation.CONFLICT, "different weekday"
        if a.direction and b.direction and a.direction != b.direction:
            return Relation.CONFLICT, "different week"
        return Relation.SAME, ""
    if a.last < b.first or b.last < a.first:
        return Relation.CONFLICT, "relative times that cannot both hold"
    if a.precision == b.precision:
        return Relation.SAME, ""
    return (Relation.LESS_PRECISE if b.precision < a.precision else Relation.MORE_PRECISE), ""


def _compare_clock(a: ClockTime, b: ClockTime) -> tuple[Relation, str]:
    if a.zones and b.zones and a.zones != b.zones:
        ranges_a = [(a.first - z, a.last - z) for z in a.zones]
        ranges_b = [(b.first - z, b.last - z) for z in b.zones]
        reason = "different time once converted to UTC"
    else:
        ranges_a, ranges_b = [(a.first, a.last)], [(b.first, b.last)]
        reason = "different time of day" + ("" if a.zones == b.zones else " (one has no zone)")
    day = 24 * 60
    if not any(
        lo_a <= hi_b + shift and lo_b + shift <= hi_a
        for lo_a, hi_a in ranges_a
        for lo_b, hi_b in ranges_b
        for shift in (-day, 0, day)
    ):
        return Relation.CONFLICT, reason
    if a.part_of_day == b.part_of_day:
        return Relation.SAME, ""
    return (Relation.LESS_PRECISE if b.part_of_day else Relation.MORE_PRECISE), ""


@dataclass(frozen=True)
class PlacedTime:
    """A time expression located in its document, with its relative place in the pair's side."""

    expr: TimeExpression
    position: float

    @property
    def value(self) -> TimeValue:
        return self.expr.value


def _sentence_times(sentence: Sentence) -> tuple[TimeExpression, ...]:
    """The time expressions of one sentence, offsets into the document."""
    base = sentence.start
    names = tuple(
        (e.start - base, e.end - base) for e in sentence.entities if e.label in NAME_LABELS
    )
    dates = tuple((e.start - base, e.end - base) for e in sentence.entities if e.label == "DATE")
    return tuple(
        TimeExpression(x.start + base, x.end + base, x.text, x.value, x.preposition)
        for x in find_times(sentence.text, names, dates)
    )


def _side_times(text: str, sentences: Sequence[Sentence]) -> list[PlacedTime]:
    """Every time on one side of a pair, placed by its relative position across the side's
    sentences (0 at the start, 1 at the end), which is what pairing by role compares.

    Each sentence is read once for every side it is in, remembered under the one-sentence
    side of the document with this text (hashing the sentence itself, tokens and all, cost
    more than the lookup saved)."""
    total = sum(len(s.text) for s in sentences if not s.boilerplate) or 1
    found: list[PlacedTime] = []
    before = 0
    for sentence in sentences:
        if sentence.boilerplate:
            continue
        facts = side_facts(side_key(text, (sentence,)))
        read = functools.partial(_sentence_times, sentence)
        for expr in remember(facts, "sentence-times", None, read):
            found.append(PlacedTime(expr, (before + expr.start - sentence.start) / total))
        before += len(sentence.text)
    return found


def _shape(value: TimeValue) -> tuple[object, ...]:
    """What kind of time it is (which fields it states), to pair like with like."""
    if isinstance(value, CalendarDate):
        return (value.years is None, value.months is None, value.days is None)
    if isinstance(value, RelativeTime):
        return (value.weekday is None, value.precision)
    return (value.part_of_day,)


@dataclass(frozen=True)
class TimePair:
    """Two paired expressions and how B's value stands to A's."""

    a: PlacedTime
    b: PlacedTime
    relation: Relation
    reason: str


def pair_times(
    side_a: list[PlacedTime], side_b: list[PlacedTime]
) -> tuple[list[TimePair], list[PlacedTime], list[PlacedTime]]:
    """Pair A's times with B's by role: equal values first, then values that can both hold,
    then conflicting values of the same kind that sit in the same place of the sentence.

    Returns the pairs and the times of each side left unpaired.
    """
    left_a, left_b = list(side_a), list(side_b)
    matches: list[TimePair] = []

    def take(x: PlacedTime, y: PlacedTime, relation: Relation, reason: str) -> None:
        matches.append(TimePair(x, y, relation, reason))
        left_a.remove(x)
        left_b.remove(y)

    for x in list(left_a):
        equal = [y for y in left_b if y.value == x.value]
        if equal:
            take(x, min(equal, key=lambda y: abs(y.position - x.position)), Relation.SAME, "")

    def greedy(accept: Callable[[Relation], bool], conflicts: bool) -> None:
        scored = []
        for x in left_a:
            for y in left_b:
                relation, reason = compare(x.value, y.value)
                if accept(relation):
                    score = abs(x.position - y.position)
                    score += 0.25 * (x.expr.preposition != y.expr.preposition)
                    score += 0.25 * (_shape(x.value) != _shape(y.value))
                    scored.append((relation is not Relation.SAME, score, x, y, relation, reason))
        scored.sort(key=lambda item: (item[0], item[1], item[2].position, item[3].position))
        for _, score, x, y, relation, reason in scored:
            if not (any(t is x for t in left_a) and any(t is y for t in left_b)):
                continue
            if conflicts and score > NEAR and not _alone(x, y, left_a, left_b):
                continue
            take(x, y, relation, reason)

    greedy(lambda r: r not in (Relation.CONFLICT, Relation.UNRELATED), conflicts=False)
    greedy(lambda r: r is Relation.CONFLICT, conflicts=True)
    return matches, left_a, left_b


def _alone(
    x: PlacedTime, y: PlacedTime, left_a: list[PlacedTime], left_b: list[PlacedTime]
) -> bool:
    """Whether x and y are the only unpaired times of their type on their sides."""
    kind = type(x.value)
    return (
        sum(type(t.value) is kind for t in left_a) == 1
        and sum(type(t.value) is kind for t in left_b) == 1
    )


def _kinship(pair: Pair) -> float:
    """How many content words the two sides share (Jaccard over words of four letters or more)."""
    words_a = {t.text.casefold() for t in pair.tokens_a if len(t.text) > 3 and t.text.isalpha()}
    words_b = {t.text.casefold() for t in pair.tokens_b if len(t.text) > 3 and t.text.isalpha()}
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


def _noun(value: TimeValue) -> str:
    return "time" if isinstance(value, ClockTime) else "date"


def _utc(expr: TimeExpression) -> str:
    """The UTC reading, " (15:00 UTC)", of a zoned clock time with one possible offset."""
    value = expr.value
    if not isinstance(value, ClockTime) or not value.zones or len(value.zones) > 1:
        return ""
    if value.first != value.last:
        return ""
    minutes = (value.first - next(iter(value.zones))) % (24 * 60)
    return f" ({minutes // 60:02d}:{minutes % 60:02d} UTC)"


class TimeCheck(Check):
    """Dates, weekdays, relative times and clock times compared across an aligned pair."""

    RULES = (CHANGED, PRECISION, DROPPED)

    def run(self, pair: Pair) -> Iterator[Finding]:
        side_a = pair.memo("a", "times", lambda: _side_times(pair.doc_a.text, pair.a))
        side_b = pair.memo("b", "times", lambda: _side_times(pair.doc_b.text, pair.b))
        if not side_a and not side_b:
            return
        matches, left_a, left_b = pair_times(side_a, side_b)
        for match in matches:
            yield from self._judge(pair, match)
        yield from self._dropped(pair, left_a, left_b, side_b, "a")
        yield from self._dropped(pair, left_b, left_a, side_a, "b")

    def _judge(self, pair: Pair, match: TimePair) -> Iterator[Finding]:
        a, b = match.a.expr, match.b.expr
        spans_a = [span_of(pair.doc_a.text, a.start, a.end)]
        spans_b = [span_of(pair.doc_b.text, b.start, b.end)]
        noun = _noun(a.value)
        if match.relation is Relation.CONFLICT:
            message = f"{noun} changed: '{a.text}'{_utc(a)} vs '{b.text}'{_utc(b)} ({match.reason})"
            yield self.finding(pair, CHANGED.code, message, spans_a, spans_b)
        elif match.relation in (Relation.LESS_PRECISE, Relation.MORE_PRECISE):
            message = f"{noun} {match.relation.value}: '{a.text}' vs '{b.text}'"
            yield self.finding(pair, PRECISION.code, message, spans_a, spans_b)

    def _dropped(
        self,
        pair: Pair,
        left: list[PlacedTime],
        other_left: list[PlacedTime],
        other: list[PlacedTime],
        side: str,
    ) -> Iterator[Finding]:
        """A stated date the other side lacks entirely; not when the other side keeps a time we
        could not pair (then it was reworded, not dropped) or repeats a compatible one."""
        if other_left or _kinship(pair) < KINSHIP:
            return
        doc: Document = pair.doc_a if side == "a" else pair.doc_b
        for t in left:
            if not t.expr.explicit or any(
                compare(t.value, o.value)[0] not in (Relation.CONFLICT, Relation.UNRELATED)
                for o in other
            ):
                continue
            span = [span_of(doc.text, t.expr.start, t.expr.end)]
            noun = _noun(t.value)
            if side == "a":
                message = f"{noun} dropped: '{t.expr.text}' vs nothing"
                yield self.finding(pair, DROPPED.code, message, span, [])
            else:
                message = f"{noun} added: nothing vs '{t.expr.text}'"
                yield self.finding(pair, DROPPED.code, message, [], span)
