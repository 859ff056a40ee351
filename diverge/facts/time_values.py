"""The values a date or time expression is read into, and the record of one found in a text.

`diverge.facts.dates` reads text into these values and the `time` check compares them; they are
kept apart from the regular expressions that produce them because they are the contract between
the two: what each field means ("days" is a range, "months" may be a set, a relative time counts
days from publication) is what decides whether two expressions contradict.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CalendarDate:
    """A date on the calendar, holding only the fields the text states."""

    years: tuple[int, int] | None = None
    """First and last year ("2022" is (2022, 2022), "the 1990s" is (1990, 1999))."""
    months: frozenset[int] | None = None
    """Months it may fall in ("late 2021" is {9..12}); None when no month is stated."""
    days: tuple[int, int] | None = None
    """First and last day of the month ("late February" is (20, 31))."""
    weekday: int | None = None
    """0 (Monday) .. 6 when a weekday is written next to the date."""
    ranged: bool = False
    """True for a stated span ("May 10-12", "2010-2018"): a date inside it loses no detail."""


@dataclass(frozen=True)
class RelativeTime:
    """A time stated against the day of publication ("last week", "on Tuesday", "recently")."""

    first: int
    """First day of the range, counted from publication (-1 is yesterday)."""
    last: int
    precision: int
    """0 vague, 1 a year, 2 a month, 3 a week, 4 a day."""
    weekday: int | None = None
    direction: int = 0
    """-1 for "last Tuesday", +1 for "next Tuesday", 0 when unstated."""


@dataclass(frozen=True)
class ClockTime:
    """A time of day in minutes after midnight, local to its zone when one is stated."""

    first: int
    last: int
    zones: frozenset[int] | None = None
    """Possible offsets from UTC in minutes (an abbreviation such as "ET" may have two)."""
    part_of_day: bool = False
    """True for "morning" or "evening", False for a clock reading."""


TimeValue = CalendarDate | RelativeTime | ClockTime


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text, with offsets into that text."""

    start: int
    end: int
    text: str
    value: TimeValue
    preposition: str = ""
    """The word before it ("on", "in", "since"), to pair expressions by their role."""

    @property
    def explicit(self) -> bool:
        """Whether leaving it out loses a stated fact (a date, a weekday, a clock time)."""
        value = self.value
        if isinstance(value, CalendarDate):
            return value.years is None or value.years[0] == value.years[1]
        if isinstance(value, RelativeTime):
            return value.precision > 0
        return not value.part_of_day
