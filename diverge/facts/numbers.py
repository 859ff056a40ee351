"""Quantities in news prose, read into comparable value ranges (the quantity check's facts).

Outlets write the same fact as "3" or "three", "at least 12" or "a dozen or more", "three weeks"
or "21 days", "26%" or "26 per cent". Before two sentences can be said to disagree on a number,
both are read into one normal form: a value range (approximators and vague magnitudes widen it),
a kind (count, percent, money, duration, measure, ordinal, age), a unit and the noun counted.
Regexes and word lists only (the pipeline has no part-of-speech tags); no I/O. Calendar dates
and clock times belong to the `time` check and numbers inside names to nobody, so both are
recognised here and left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from diverge.facts.number_vocab import VOCAB, may_hold_quantity, noun_key, tokenize, word_key
from diverge.facts.numerals import Quantity, Range, parse_number, parse_ordinal
from diverge.facts.quantity_reader import Reader

__all__ = [
    "Quantity",
    "Range",
    "extract_quantities",
    "is_point_in_time",
    "noun_key",
    "parse_number",
    "parse_ordinal",
    "word_key",
]


def is_point_in_time(text: str) -> bool:
    """True for a date or time expression naming a moment ("February 24, 2022", "in 2022",
    "three weeks ago", "10 a.m."): the `time` check's, unlike a duration ("two decades")."""
    toks = tokenize(text)
    for t in toks:
        if t.low in VOCAB.months or t.low in VOCAB.weekdays or t.low in VOCAB.point_words:
            return True
        if ":" in t.low or (t.low.isdigit() and len(t.low) == 4 and 1000 <= int(t.low) <= 2100):
            return True
        if t.low[0].isdigit() and VOCAB.time_suffix.match(text, t.end):
            return True
    return any(t.low == "s" and i and toks[i - 1].low.isdigit() for i, t in enumerate(toks))


def extract_quantities(
    text: str,
    offset: int = 0,
    skip: Sequence[tuple[int, int]] = (),
    counts: Sequence[tuple[int, int]] = (),
) -> list[Quantity]:
    """Every quantity stated in `text` (one sentence), with offsets shifted by `offset`.

    Numbers inside a `skip` span (a name or a calendar date found by the entity recogniser) are
    not read; calendar dates, clock times, years and numbers glued to names ("G7", "COVID-19")
    are recognised here too and left out. A four-digit number from 1000 to 2100 is taken for a
    year unless it lies in one of the `counts` spans (the entity recogniser's cardinals and
    quantities: "hired 1500 workers", "2000 people").
    """
    if not may_hold_quantity(text):
        return []
    toks = tokenize(text, offset)
    words = [t for t in toks if t.low[0].isalpha() and len(t.low) > 3]
    capitals = sum(1 for t in words if t.text[0].isupper())
    title_case = len(words) >= 3 and capitals >= 0.7 * len(words)
    reader = Reader(text, offset, toks, skip, title_case, counts)
    found: list[Quantity] = []
    i = floor = 0
    while i < len(toks):
        if toks[i].low not in VOCAB.starters and not toks[i].low[0].isdigit():
            i += 1
            continue
        quantity, after = reader.read(i, floor)
        if quantity is not None:
            found.append(quantity)
            floor = after
        i = max(after, i + 1)
    return found
