"""The quantity reader: one left-to-right pass over a sentence's tokens.

Split from `numbers.py` (the public API) because it is the long part: at each token it tries an
approximator, a currency sign, a number (digits, words, a vague magnitude, a fraction, an
ordinal), a range, a unit, and the counted noun after it, and it knows what is not a quantity
(a calendar date, a clock time, a year, a number inside a name, the pronoun "one"; those
guards are in `quantity_guards.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from diverge.facts.number_vocab import VOCAB, Phrases, Token, noun_key, word_key
from diverge.facts.numerals import (
    ORDINAL_SUFFIXES,
    Numeral,
    Quantity,
    Range,
    approximate,
    describe,
    fmt_number,
    is_number_word,
    read_number,
    read_scales,
)
from diverge.facts.quantity_guards import calendar_or_name, is_rate, month_near, pronoun_one


@dataclass(frozen=True)
class _Core:
    """The number part of a quantity, before its unit: stated values and rounding-widened ones."""

    stated: Range
    rounded: Range
    end: int
    kind: str = ""
    """"ordinal" or "percent" (a fraction such as "a third of") when the words decide it."""
    vague: str = ""
    """The magnitude label ("10^3..10^4") of a vague quantity."""
    implicit: bool = False
    decimals: bool = False


_BOUNDS = {
    "at_least": "lower",
    "more_than": "lower",
    "just_over": "lower",
    "less_than": "upper",
    "up_to": "upper",
    "nearly": "upper",
    "about": "about",
}
_HALF_PERCENT = 0.5
"""An integer percentage is taken as rounded: "26%" also allows 26.4%."""
_OF_A_WHOLE = frozenset({"of", "the", "their", "its", "his", "her", "our", "your", "my"})
"""Words after a fraction that make it a share of a whole ("half of", "half their value")."""
_FRACTION_MARGIN = 0.1
""""A third" against "33%" or "35%": fractions are approximate."""


class Reader:
    """Reads quantities from the tokens of one sentence, left to right (see `extract_quantities`
    in `numbers.py`, the entry point)."""

    def __init__(
        self,
        text: str,
        offset: int,
        toks: list[Token],
        skip: Sequence[tuple[int, int]],
        title_case: bool,
        counts: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text, self.offset, self.toks = text, offset, toks
        self.skip, self.title_case, self.counts = skip, title_case, counts

    def read(self, i: int, floor: int) -> tuple[Quantity | None, int]:
        """The quantity starting at token i (or None) and the token index to continue from;
        tokens before `floor` belong to the previous quantity."""
        toks = self.toks
        approx = VOCAB.approximators.match(toks, i)
        mode, k = approx if approx else ("", i)
        sign = VOCAB.currency_signs.match(toks, k, glued=True)
        currency, k = sign if sign else ("", k)
        if k >= len(toks) or self._skipped(toks[k]):
            return None, i + 1
        core = self._core(i, k, mode, bool(currency))
        if not isinstance(core, _Core):
            return None, (core or i + 1)
        j, kind, unit, unit_days = core.end, core.kind or "count", "", 1.0
        if core.kind == "":
            pct = VOCAB.percent.match(toks, j) or self._hyphenated(VOCAB.percent, j)
            money = VOCAB.currency_words.match(toks, j)
            if money is None and j < len(toks) and toks[j].low == "of" and core.vague:
                money = VOCAB.currency_words.match(toks, j + 1)
            if pct:
                (kind, unit), j = ("percent", pct[0]), pct[1]
            elif money:
                currency, j = currency or money[0], money[1]
            elif not currency:
                core, j = self._and_a_half(core, j)
                found = self._unit(j) or self._shared_unit(j)
                if isinstance(found, int):
                    return None, found
                if found:
                    kind, unit, unit_days, j = found
                    if kind in {"duration", "age"}:
                        core, j = self._and_a_half(core, j)
        if currency:
            kind, unit = "money", currency
        elif core.kind == "percent":
            unit = "%"
        stated, rounded = core.stated, core.rounded
        single = stated == Range.point(1) and not mode
        if kind == "percent" and not (core.decimals or core.vague or core.kind):
            rounded = Range(stated.low - _HALF_PERCENT, stated.high + _HALF_PERCENT, high_open=True)
        figure = rounded
        stated, rounded = approximate(stated, mode, stated), approximate(rounded, mode, stated)
        if kind in {"duration", "age"}:
            stated, rounded = stated.scaled(unit_days), rounded.scaled(unit_days)
            figure = figure.scaled(unit_days)
        label = describe(stated, kind, unit, unit_days)
        if core.vague and not mode:
            label = core.vague + ("" if kind == "count" else " " + unit)
        noun, noun_text, counted = self._noun(j)
        if kind in {"duration", "age"}:
            unit_word = next(t for t in reversed(toks[i:j]) if t.low in VOCAB.durations)
            counted = (word_key(unit_word.text),)
        start, end = toks[i].start, toks[j - 1].end
        quantity = Quantity(
            start,
            end,
            self.text[start - self.offset : end - self.offset],
            kind,
            unit,
            rounded,
            label,
            vague=bool(core.vague),
            implicit=core.implicit or single,
            approximate=not stated.is_point,
            bound=_BOUNDS.get(mode, ""),
            figure=figure,
            noun=noun,
            noun_text=noun_text,
            context=self._context(i, floor),
            counted=counted,
        )
        return quantity, j

    def _hyphenated(self, table: Phrases, j: int) -> tuple[Any, int] | None:
        """A phrase of `table` joined to the number by a hyphen ("25-basis-point cut")."""
        toks = self.toks
        if 0 < j < len(toks) and toks[j].low == "-" and toks[j].start == toks[j - 1].end:
            return table.match(toks, j + 1, glued=True)
        return None

    def _skipped(self, t: Token) -> bool:
        return any(s < t.end and t.start < e for s, e in self.skip)

    def _counted(self, t: Token) -> bool:
        return any(s <= t.start and t.end <= e for s, e in self.counts)

    def _core(self, i: int, k: int, mode: str, currency: bool) -> _Core | int | None:
        """The number at token k: a _Core, or the index to skip to past a date/name, or None."""
        toks, n = self.toks, len(self.toks)
        prefix = VOCAB.vague_prefixes.match(toks, k)
        if prefix and prefix[1] < n and toks[prefix[1]].low in VOCAB.scales:
            scale, end = read_scales(toks, prefix[1])
            r = Range(prefix[0][0] * scale, prefix[0][1] * scale, high_open=True)
            return _Core(r, r, end, vague=f"{fmt_number(r.low)}..{fmt_number(r.high)}")
        vague = VOCAB.vague.match(toks, k)
        if vague and toks[k].low in VOCAB.vague_before_of:
            vague = vague if vague[1] < n and toks[vague[1]].low == "of" else None
        if vague:
            r = Range(vague[0][0], vague[0][1], high_open=True)
            return _Core(r, r, vague[1], vague=vague[0][2])
        implicit = VOCAB.implicit.match(toks, k)
        if implicit and implicit[1] < n and toks[implicit[1]].low[0].isalpha():
            r = Range.point(implicit[0])
            return _Core(r, r, implicit[1], implicit=True)
        special = self._fraction(k) or self._ordinal(k)
        if special is not None:
            return special
        if (
            toks[k].low == "half"
            and k + 2 < n
            and toks[k + 1].low in {"a", "an"}
            and (toks[k + 2].low in VOCAB.durations)
        ):
            return _Core(Range.point(0.5), Range.point(0.5), k + 2)
        if toks[k].low in {"a", "an"} and k + 1 < n and toks[k + 1].low in VOCAB.durations:
            if toks[k + 1].low == "second" or (k and is_rate(toks[k - 1])):
                return None
            return _Core(Range.point(1), Range.point(1), k + 1, implicit=True)
        num = read_number(toks, k)
        if num is None:
            return None
        if not num.words and calendar_or_name(
            toks,
            k,
            num,
            text=self.text,
            offset=self.offset,
            first=k == i,
            currency=currency,
            title_case=self.title_case,
            counted=self._counted(toks[k]),
        ):
            return num.end
        if (
            num.words
            and toks[k].low == "one"
            and num.end == k + 1
            and pronoun_one(toks, k)
            and (tuple(t.low for t in toks[k + 1 : k + 4]) != ("and", "a", "half"))
        ):
            return None
        stated = Range.point(num.value)
        end, second = num.end, self._range_end(k, num, mode)
        if second is not None:
            first = num.value * (second.scale if num.scale == 1 else 1)
            stated, end = Range(first, second.value), second.end
            rounded = Range(first - num.half, second.value + second.half)
        else:
            rounded = Range(num.value - num.half, num.value + num.half, high_open=bool(num.half))
        return _Core(stated, rounded, end, decimals="." in toks[k].low)

    def _and_a_half(self, core: _Core, j: int) -> tuple[_Core, int]:
        """ "two and a half (years)", "a year and a half": half a unit more than the number."""
        if core.vague or not core.stated.is_point:
            return core, j
        if tuple(t.low for t in self.toks[j : j + 3]) != ("and", "a", "half"):
            return core, j
        value = Range.point(core.stated.low + 0.5)
        return _Core(value, value, core.end + 3, core.kind, implicit=False), j + 3

    def _fraction(self, k: int) -> _Core | None:
        """ "half of", "a third of the", "two-thirds of", "half their value": a percentage of a
        whole; "a quarter of a million" and "a quarter of a century" a share of the scale or
        unit."""
        toks, n = self.toks, len(self.toks)
        count, m = 1.0, k
        if toks[k].low != "half" or (k + 1 < n and toks[k + 1].low in {"a", "an"}):
            low = toks[k].low
            digits = low.isascii() and low.isdigit()  # "3 quarters"; never a superscript "¹"
            if low not in {"a", "an", "one"} and low not in VOCAB.units and not digits:
                return None
            count = float(low) if digits else float(VOCAB.units.get(low, 1))
            m = k + 1
            m += int(m < n and toks[m].low == "-")
        if m + 1 >= n or toks[m].low not in VOCAB.fractions or toks[m + 1].low not in _OF_A_WHOLE:
            return None
        share = count * VOCAB.fractions[toks[m].low]
        if m + 3 < n and toks[m + 2].low in {"a", "an"} and toks[m + 3].low in VOCAB.scales:
            scale, end = read_scales(toks, m + 3)
            value = Range.point(share / 100 * scale)
            return _Core(value, value, end)
        if m + 3 < n and toks[m + 2].low in {"a", "an"} and toks[m + 3].low in VOCAB.durations:
            # "a quarter of a century", "three quarters of an hour": a share of one unit
            value = Range.point(share / 100)
            return _Core(value, value, m + 3)
        stated = Range.point(share)
        return _Core(stated, stated.widened(_FRACTION_MARGIN), m + 1, kind="percent")

    def _ordinal(self, k: int) -> _Core | int | None:
        """ "third", "3rd", "twenty-first"; an ordinal next to a month is a date (skipped)."""
        toks, n = self.toks, len(self.toks)
        t = toks[k]
        if (
            t.low.isdigit()
            and k + 1 < n
            and toks[k + 1].start == t.end
            and (toks[k + 1].low in ORDINAL_SUFFIXES)
        ):
            value, end = int(t.low), k + 2
        elif (
            t.low in VOCAB.tens
            and k + 2 < n
            and toks[k + 1].low == "-"
            and (toks[k + 2].low in VOCAB.ordinals)
        ):
            value, end = VOCAB.tens[t.low] + VOCAB.ordinals[toks[k + 2].low], k + 3
        elif t.low in VOCAB.ordinals:
            value, end = VOCAB.ordinals[t.low], k + 1
        else:
            return None
        if month_near(toks, k, end):
            return end
        r = Range.point(value)
        return _Core(r, r, end, kind="ordinal")

    def _range_end(self, k: int, num: Numeral, mode: str) -> Numeral | None:
        """The upper end of "10-15", "two or three", "5 to 7", "between 2 and 3 million"."""
        toks, j = self.toks, num.end
        if j + 1 >= len(toks):
            return None
        joiner = toks[j].low
        if mode == "between":
            if joiner != "and":
                return None
        elif joiner not in VOCAB.range_joiners or (
            joiner == "to" and any(t.low == "from" for t in toks[max(0, k - 3) : k])
        ):
            return None
        second = read_number(toks, j + 1)
        if second is None or second.words != num.words:
            return None
        first = num.value * (second.scale if num.scale == 1 else 1)
        return second if second.value > first else None

    def _unit(self, j: int) -> tuple[str, str, float, int] | int | None:
        """A duration or measure unit at token j ("-day", "weeks", "km"): (kind, unit,
        days per unit, index after); the index to skip to for "three weeks ago"; or None."""
        toks, n = self.toks, len(self.toks)
        m = j + int(j < n and toks[j].low in {"-", "–"})
        if m < n and toks[m].low in VOCAB.durations:
            days, scale = VOCAB.durations[toks[m].low]
            m += 1
            if m < n and toks[m].low == "ago":
                return m + 1
            kind = "duration"
            old = m + int(m < n and toks[m].low == "-")
            if old < n and toks[old].low == "old":
                kind, m = "age", old + 1
            elif m + 1 < n and toks[m].low == "-" and toks[m + 1].low == "long":
                m += 2
            return kind, scale, days, m
        measure = VOCAB.units_of_measure.match(toks, m) if m < n else None
        if measure:
            return "measure", measure[0], 1.0, measure[1]
        return None

    def _shared_unit(self, j: int) -> tuple[str, str, float, int] | None:
        """The unit of a number that shares it with the next one: "from 5 to 7 percent" makes
        the 5 a percentage too (the span stays on the 5)."""
        toks = self.toks
        if j + 1 >= len(toks) or toks[j].low not in VOCAB.range_joiners | {"and"}:
            return None
        second = read_number(toks, j + 1)
        if second is None:
            return None
        pct = VOCAB.percent.match(toks, second.end)
        if pct:
            return "percent", pct[0], 1.0, j
        found = self._unit(second.end)
        return (found[0], found[1], found[2], j) if isinstance(found, tuple) else None

    def _noun(self, j: int) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
        """The words counted after token j: their keys, their text, and the keys of the
        lower-case ones ("of Russian troops massed" -> ("russian", "troop"), "Russian troops",
        ("troop",)). A verb form after the first word ends the phrase."""
        toks, n = self.toks, len(self.toks)
        m = j
        while m < n and toks[m].low in VOCAB.modifiers:
            m += 1
        words: list[Token] = []
        while m < n and len(words) < 3:
            t = toks[m]
            if (
                not t.low[0].isalpha()
                or t.low in VOCAB.stopwords
                or t.low in VOCAB.modifiers
                or is_number_word(t)
            ):
                break
            if words and (
                (t.text[0].isupper() and words[-1].text[0].islower())
                or (len(t.low) > 3 and t.low.endswith(("ed", "ing")))
            ):
                break
            words.append(t)
            m += 1
        if not words:
            return (), "", ()
        span = self.text[words[0].start - self.offset : words[-1].end - self.offset]
        lower = [w for w in words if self.title_case or not w.text[0].isupper()]
        keys = tuple(noun_key(w.text) for w in words)
        return keys, span, tuple(word_key(w.text) for w in lower)

    def _context(self, i: int, floor: int) -> tuple[str, ...]:
        """Keys of up to two content words just before token i ("killed", "toll")."""
        keys: list[str] = []
        for t in reversed(self.toks[max(floor, i - 4) : i]):
            if not t.low[0].isalpha() or len(keys) == 2 or is_number_word(t):
                break
            if t.low not in VOCAB.stopwords and t.low not in VOCAB.modifiers:
                keys.append(noun_key(t.text))
        return tuple(keys)
