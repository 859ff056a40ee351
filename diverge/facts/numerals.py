"""Numbers written in digits or words, and the value ranges and records they are read into.

"3" and "three", "1.5 million" and "1,500,000", "twenty-five" and "25" must compare equal before
any check can say two outlets disagree on a number. This is the reusable core of the number
reader (the quantity check, the time check and a drift injector all need it): the `Range` and
`Quantity` records, number parsing, approximators and message formatting. No I/O, no spaCy;
vocabulary from `diverge/data/quantity.toml`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from diverge.facts.number_vocab import VOCAB, Token, tokenize

__all__ = [
    "Numeral",
    "Quantity",
    "Range",
    "approximate",
    "describe",
    "fmt_number",
    "is_number_word",
    "parse_number",
    "parse_ordinal",
    "read_number",
]

INF = math.inf
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
_ROUNDED_SCALE = 1_000_000
"""An integer times a scale of at least this ("3 million") is taken as rounded to that scale."""


@dataclass(frozen=True)
class Range:
    """A set of values a stated quantity allows; `low_open`/`high_open` exclude the ends."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, value: float) -> Range:
        return cls(value, value)

    def overlaps(self, other: Range) -> bool:
        """True when some value satisfies both ranges: the two statements can both be true."""
        if _less(self.high, other.low) or _less(other.high, self.low):
            return False
        if math.isclose(self.high, other.low, rel_tol=1e-9):
            return not (self.high_open or other.low_open)
        if math.isclose(other.high, self.low, rel_tol=1e-9):
            return not (other.high_open or self.low_open)
        return True

    def scaled(self, factor: float) -> Range:
        return Range(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def widened(self, margin: float) -> Range:
        """The range grown by a relative margin each way, for conversions that are not exact."""
        return Range(
            self.low * (1 - margin), self.high * (1 + margin), self.low_open, self.high_open
        )

    @property
    def is_point(self) -> bool:
        return math.isclose(self.low, self.high, rel_tol=1e-9)


@dataclass(frozen=True)
class Quantity:
    """One stated quantity: where it is, what it counts and which values it allows."""

    start: int
    end: int
    text: str
    """The number as written, with its approximator and unit ("at least 12", "$3 million")."""
    kind: str
    """count, percent, money, duration, measure, ordinal or age."""
    unit: str
    """ISO currency code, percent unit, measure unit, or the duration scale ("day"/"month")."""
    range: Range
    """The allowed values, normalised (durations in days, money in currency units)."""
    label: str
    """The normalised value as messages show it ("21 days", "10^3..10^4")."""
    vague: bool = False
    """A magnitude word ("thousands"), not a stated number."""
    implicit: bool = False
    """"one", "both": a count too weak to report as dropped."""
    approximate: bool = False
    """Stated as a range ("at least 12", "10-15", "thousands"), not as one value."""
    bound: str = ""
    """What its approximator makes of the figure: "lower" ("at least", "more than"), "upper"
    ("up to", "nearly") or "about"; empty without one."""
    figure: Range | None = None
    """The figure before its approximator widened it: "at least 12" and "at least 19" can both
    be true, yet the figure reported changed."""
    noun: tuple[str, ...] = ()
    """Keys of the words counted (singular, synonyms merged): ("troop",)."""
    noun_text: str = ""
    """Those words as written ("Russian troops")."""
    context: tuple[str, ...] = ()
    """Keys of up to two words just before the number ("killed", "toll")."""
    counted: tuple[str, ...] = ()
    """Words (`word_key`) that must still be on the other side for the number to count as
    dropped: the lower-case noun words ("troop"), or the unit of a duration ("week")."""

    @property
    def group(self) -> tuple[str, str]:
        """Quantities are compared only within a group: money by currency, measures by unit;
        an age ("18 months old") is a duration."""
        if self.kind in {"money", "measure", "percent"}:
            return (self.kind, self.unit)
        return ("duration" if self.kind == "age" else self.kind, "")


def _less(x: float, y: float) -> bool:
    """x < y beyond floating-point noise (so that 3 x 7 days equals 21 days)."""
    return x < y and not math.isclose(x, y, rel_tol=1e-9)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("1,200", "twenty-five", "1.5 million",
    "a hundred"); None when the whole text is not one number."""
    toks = tokenize(text)
    found = read_number(toks, 0) if toks else None
    if found is None or found.end != len(toks):
        return None
    return found.value


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal ("third", "3rd", "twenty-first"); None otherwise."""
    words = [t.low for t in tokenize(text)]
    if len(words) == 2 and words[0].isdigit() and words[1] in ORDINAL_SUFFIXES:
        return int(words[0])
    if words and words[-1] in VOCAB.ordinals:
        head = [w for w in words[:-1] if w != "-"]
        tens = sum(VOCAB.tens.get(w, INF) for w in head) if head else 0
        return None if tens == INF else int(tens + VOCAB.ordinals[words[-1]])
    return None


@dataclass(frozen=True)
class Numeral:
    """A number read from tokens: its value and where it ends."""

    value: float
    end: int
    """Index of the first token after the number."""
    half: float = 0.0
    """Half the rounding step of the last stated digit ("3.2" -> 0.05)."""
    words: bool = False
    scale: float = 1.0
    """The scale word or suffix that ended it ("million" -> 1e6), for "2 to 3 million"."""


def read_number(toks: Sequence[Token], i: int) -> Numeral | None:
    """A number starting at token i: digits or words, with scale words or suffixes after."""
    t = toks[i]
    half = 0.0
    if t.low[0].isdigit():
        if not _DIGITS.fullmatch(t.low):
            return None
        value = float(t.low.replace(",", ""))
        decimals = len(t.low.partition(".")[2])
        if decimals:
            half = 0.5 * 10.0**-decimals
        j = i + 1
        if j < len(toks) and toks[j].start == t.end and toks[j].low in VOCAB.suffixes:
            scale = VOCAB.suffixes[toks[j].low]
            return Numeral(value * scale, j + 1, _rounded(half, scale), scale=scale)
        scale, j = read_scales(toks, j)
        return Numeral(value * scale, j, _rounded(half, scale), scale=scale)
    if t.low in {"a", "an"} and i + 1 < len(toks) and toks[i + 1].low in VOCAB.scales:
        scale, j = read_scales(toks, i + 1)
        return Numeral(scale, j, words=True, scale=scale)
    if t.low == "half" and i + 2 < len(toks) and toks[i + 1].low in {"a", "an"}:
        scale, j = read_scales(toks, i + 2)
        return Numeral(0.5 * scale, j, words=True, scale=scale) if j > i + 2 else None
    return _number_words(toks, i)


def _rounded(half: float, scale: float) -> float:
    if half:
        return half * scale
    return 0.5 * scale if scale >= _ROUNDED_SCALE else 0.0


def read_scales(toks: Sequence[Token], j: int) -> tuple[float, int]:
    """The product of the scale words from token j ("million", "hundred thousand")."""
    scale = 1.0
    while j < len(toks) and toks[j].low in VOCAB.scales:
        scale *= VOCAB.scales[toks[j].low]
        j += 1
    return scale, j


def _number_words(toks: Sequence[Token], i: int) -> Numeral | None:
    """A number in words: "three", "twenty-five", "one hundred and twenty", "two million".

    Two units in a row ("two three-day meetings") are two numbers, not five: each word must be
    allowed after the one before it.
    """
    total = current = 0.0
    j, last = i, ""
    while j < len(toks):
        w = toks[j].low
        if w in VOCAB.units and last in _MAY_PRECEDE["teen" if VOCAB.units[w] >= 10 else "unit"]:
            current += VOCAB.units[w]
            last = "teen" if VOCAB.units[w] >= 10 else "unit"
        elif w in VOCAB.tens and last in _MAY_PRECEDE["tens"]:
            current += VOCAB.tens[w]
            last = "tens"
        elif w == "hundred" and last in {"unit", "teen", "tens"}:
            current *= 100
            last = "hundred"
        elif w in VOCAB.scales and last and last != "scale":
            total += current * VOCAB.scales[w]
            current, last = 0, "scale"
        elif w in {"-", "and"} and last and j + 1 < len(toks) and is_number_word(toks[j + 1]):
            if w == "and" and last not in {"scale", "hundred"}:
                break
        else:
            break
        j += 1
    if not last:
        return None
    value = total + current
    scale = next(
        (VOCAB.scales[toks[k].low] for k in range(j - 1, i - 1, -1) if toks[k].low in VOCAB.scales),
        1,
    )
    half = 0.5 * scale if scale >= _ROUNDED_SCALE else 0.0
    return Numeral(value, j, half, words=True, scale=scale)


_MAY_PRECEDE = {
    "unit": {"", "tens", "hundred", "scale"},
    "teen": {"", "hundred", "scale"},
    "tens": {"", "hundred", "scale"},
}
"""Which word class may come before a unit ("five"), a teen ("twelve") or a tens word."""


def is_number_word(t: Token) -> bool:
    return t.low in VOCAB.units or t.low in VOCAB.tens or t.low in VOCAB.scales


def approximate(r: Range, mode: str, stated: Range) -> Range:
    """The range an approximator allows around a value ("at least 2" -> [2, inf))."""
    low, high = stated.low, stated.high
    if mode == "at_least":
        return Range(low, INF)
    if mode == "more_than":
        return Range(low, INF, low_open=True)
    if mode == "less_than":
        return Range(0, high, high_open=True)
    if mode == "up_to":
        return Range(0, high)
    if mode == "about":
        return Range(r.low * 0.85, r.high * 1.15)
    if mode == "nearly":
        return Range(r.low * 0.85, high)
    if mode == "just_over":
        return Range(low, r.high * 1.15, low_open=True)
    return r


_DURATION_DISPLAY = (
    (365.25, "years"),
    (30.4375, "months"),
    (1.0, "days"),
    (1 / 24, "hours"),
    (1 / 1440, "minutes"),
    (1 / 86400, "seconds"),
)


def describe(r: Range, kind: str, unit: str, unit_days: float) -> str:
    """How a message shows a normalised range: "21 days", "12 or more", "3 million USD"."""
    suffix = ""
    if kind in {"duration", "age"}:
        # The unit the text used, or a smaller one where that would show a fraction of one
        # ("three quarters of an hour" is 45 minutes, not 0.75 hours).
        fitting = [(s, w) for s, w in _DURATION_DISPLAY if unit_days >= s * 0.99]
        fitting = fitting or [_DURATION_DISPLAY[-1]]
        shown = r.low if r.low > 0 else r.high
        size, name = next(((s, w) for s, w in fitting if shown >= s * 0.99), fitting[-1])
        r = r.scaled(1 / size)
        one = (r.is_point and r.low == 1) or (r.low == 0 and r.high == 1)
        suffix = " " + (name[:-1] if one else name)
    elif kind == "percent":
        suffix = "%" if unit == "%" else " " + unit
    elif kind in {"money", "measure"}:
        suffix = " " + unit
    low, high = fmt_number(r.low), fmt_number(r.high)
    if r.is_point:
        core = low
    elif r.high == INF:
        core = f"more than {low}" if r.low_open else f"{low} or more"
    elif r.low == 0:
        core = f"less than {high}" if r.high_open else f"up to {high}"
    else:
        core = f"{low}..{high}"
    return core + suffix


def fmt_number(value: float) -> str:
    """A value as messages show it: "1,200", "3.5 million", "0.25"."""
    value = float(f"{value:.9g}")
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{round(value / size, 3):g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{round(value, 2):,}"
