"""Numbers in a sentence that are not quantities: dates, clock times, years, names, "one".

Most digits and number words in news copy count something, but many do not: "Feb. 24", "the
3rd of May", "5pm", "in 2022", "G7", "No. 5", "Boeing 737", "one of them". The quantity reader
(`quantity_reader.py`) asks these questions before it reads a number. They are kept apart from
its left-to-right pass because they are a different job: each is a guard against a false
quantity, read from the words around the number, not part of reading the quantity itself.
"""

from __future__ import annotations

from diverge.facts.number_vocab import VOCAB, Token
from diverge.facts.numerals import Numeral, is_number_word

_CLAUSE_START = {".", "!", "?", '"', "“", "‘", "'", ":", ";", "(", "—", "–", "-"}


def month_near(toks: list[Token], k: int, end: int) -> bool:
    """True when a capitalised month name sits next to tokens k..end ("24 February", "May 3rd")."""
    before = [t for t in toks[max(0, k - 2) : k] if t.low != "."]
    after = toks[end : end + 2]
    if after and after[0].low == "of":
        after = after[1:]
    near = before[-1:] + after[:1]
    return any(t.low in VOCAB.months and t.text[0].isupper() for t in near)


def calendar_or_name(
    toks: list[Token],
    k: int,
    num: Numeral,
    *,
    text: str,
    offset: int,
    first: bool,
    currency: bool,
    title_case: bool,
    counted: bool = False,
) -> bool:
    """True for digits that are part of a date, a time, a year or a name ("G7", "No. 5").

    `text` is the sentence, `offset` its start in the document; `first` is True when token k
    starts the quantity being read (no approximator or currency sign before it); `counted` when
    the entity recogniser read the number as a count, which no bare year is."""
    n = len(toks)
    t, local = toks[k], toks[k].start - offset
    before = text[local - 1] if local else " "
    if before.isalpha() or (before in "-–" and local > 1 and text[local - 2].isalpha()):
        return True
    glued = toks[k + 1] if k + 1 < n and toks[k + 1].start == t.end else None
    if (
        glued
        and glued.low[0].isalpha()
        and num.end == k + 1
        and (
            glued.low not in VOCAB.durations
            and VOCAB.units_of_measure.match(toks, k + 1) is None
            and VOCAB.percent.match(toks, k + 1) is None
        )
    ):
        return True
    if VOCAB.time_suffix.match(text, toks[num.end - 1].end - offset):
        return True
    if month_near(toks, k, num.end):
        return True
    prev = next((toks[m] for m in range(k - 1, max(-1, k - 3), -1) if toks[m].low != "."), None)
    if prev is not None and prev.low in VOCAB.labels:
        return True
    nxt = toks[num.end] if num.end < n else None
    if (
        t.low.isdigit()
        and len(t.low) == 4
        and 1000 <= num.value <= 2100
        and not currency
        and not counted
        and (nxt is None or VOCAB.percent.match(toks, num.end) is None)
    ):
        return True
    p = toks[k - 1] if k else None
    return (
        first
        and p is not None
        and k >= 2
        and not title_case
        and p.low[0].isalpha()
        and p.text[0].isupper()
        and toks[k - 2].low not in _CLAUSE_START
        and p.low not in VOCAB.stopwords
        and not p.low.endswith("'s")
        and p.low not in VOCAB.months
        and p.low not in VOCAB.weekdays
    )


def pronoun_one(toks: list[Token], k: int) -> bool:
    """True when "one" at token k is a pronoun ("one of them", "no one"), not a count."""
    after = toks[k + 1] if k + 1 < len(toks) else None
    if after is None or not after.low[0].isalpha() or after.low in VOCAB.one_before:
        return True
    return k > 0 and toks[k - 1].low in VOCAB.one_after


def is_rate(t: Token) -> bool:
    """True when the word before "a day" makes it a rate ("twice a day", "5% a year"), not one
    day."""
    return t.low in VOCAB.rate_before or t.low[0].isdigit() or is_number_word(t)
