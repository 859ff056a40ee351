"""The number reader (diverge.facts.numbers) and the quantity check's pairing, one behaviour each.

Most tests are pure (no spaCy): the reader works on plain text. The last ones build real pairs
to check what only the full pipeline shows: calendar entities left to the time check, exact
spans, and messages that name both values.
"""

from __future__ import annotations

import math

import pytest

from diverge.checks.quantity import QuantityCheck, compatible, match
from diverge.facts.numbers import Range, extract_quantities, parse_number, parse_ordinal
from diverge.model import Severity


def one(text: str):
    """The single quantity read from `text`."""
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("three", 3),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("1,200", 1200),
        ("1.5 million", 1_500_000),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("two million three hundred thousand", 2_300_000),
        ("half a million", 500_000),
        ("two dozen", 24),
        ("40bn", 40e9),
    ],
)
def test_parse_number_reads_digits_and_words(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["two three", "troops", "", "3 people"])
def test_parse_number_refuses_what_is_not_one_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("third", 3), ("3rd", 3), ("twenty-first", 21), ("21st", 21)]
)
def test_parse_ordinal(text, value):
    assert parse_ordinal(text) == value


def test_range_overlap_respects_open_ends():
    assert Range(0, 10, high_open=True).overlaps(Range(10, 20)) is False
    assert Range(0, 10).overlaps(Range(10, 20)) is True
    assert Range(2, math.inf).overlaps(Range.point(5)) is True
    assert Range.point(21).overlaps(Range.point(3 * 7)) is True


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("three weeks", "21 days"),
        ("two decades", "twenty years"),
        ("30-day", "30 -day"),
        ("30-day", "30 day"),
        ("26%", "26 per cent"),
        ("26%", "26 percent"),
        ("$3 million", "3 million dollars"),
        ("€40bn", "40 billion euros"),
        ("a dozen", "12"),
        ("six months", "half a year"),
        ("48 hours", "two days"),
        ("a year and a half", "18 months"),
        ("two-thirds of", "66% of"),
        ("30 days", "a month"),
    ],
)
def test_equivalent_spellings_are_compatible(a, b):
    qa, qb = one(a), one(b)
    assert qa.group == qb.group
    assert compatible(qa, qb)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("thousands", "tens of thousands"),
        ("dozens", "hundreds"),
        ("a dozen", "dozens"),
        ("59", "50"),
        ("26%", "19%"),
        ("$3 million", "$3 billion"),
        ("30-day", "60-day"),
        ("at least 12", "at least 19"),
        ("more than 50", "about 30"),
    ],
)
def test_changed_values_are_incompatible(a, b):
    assert not compatible(one(a), one(b))


def test_approximators_widen_the_value():
    assert one("at least 2 dead").range == Range(2, math.inf)
    assert one("more than 50 people").range == Range(50, math.inf, low_open=True)
    assert one("up to 10 people").range == Range(0, 10)
    about = one("about 100 people").range
    assert (about.low, about.high) == pytest.approx((85, 115))
    assert compatible(one("at least two dead"), one("five dead"))
    assert compatible(one("nearly 60 people"), one("59 people"))


def test_decimals_are_rounded_not_exact():
    assert compatible(one("3.24 percent"), one("3.2 percent"))
    assert not compatible(one("3.5 percent"), one("3.2 percent"))


def test_vague_magnitude_carries_its_label_and_noun():
    q = one("Tens of thousands of Russian troops massed near the border")
    assert q.vague and q.label == "10^4..10^5"
    assert q.text == "Tens of thousands"
    assert q.noun_text == "Russian troops"
    assert q.counted == ("troop",)


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("a 30-day ceasefire", "duration", "day"),
        ("over the past two decades", "duration", "month"),
        ("86% of the territory", "percent", "%"),
        ("$3 million in aid", "money", "USD"),
        ("a 5-year-old boy", "age", "month"),
        ("500 km away", "measure", "km"),
        ("the third attack", "ordinal", ""),
        ("12 people", "count", ""),
    ],
)
def test_kinds_and_units(text, kind, unit):
    q = one(text)
    assert (q.kind, q.unit) == (kind, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The war began on February 24, 2022.",
        "The treaty was signed in 1945.",
        "The meeting starts at 10 a.m.",
        "Prices soared in the 1990s.",
        "The G7 met with COVID-19 experts.",
        "The Boeing 737 was grounded.",
        "He ranked No. 5 in the world.",
        "It happened three weeks ago.",
        "One of them left.",
        "No one was hurt.",
    ],
)
def test_dates_times_names_and_pronouns_are_not_quantities(text):
    assert extract_quantities(text) == []


def test_offsets_index_the_given_text_and_shift():
    text = "Officials said at least 12 people died."
    q = one(text)
    assert text[q.start : q.end] == q.text == "at least 12"
    shifted = extract_quantities(text, offset=100)[0]
    assert (shifted.start, shifted.end) == (q.start + 100, q.end + 100)


def test_skip_spans_hide_numbers():
    text = "Article 5 covers 30 members."
    start = text.index("Article 5")
    found = extract_quantities(text, skip=[(start, start + len("Article 5"))])
    assert [q.text for q in found] == ["30"]


def test_shared_unit_in_a_change_from_to():
    kinds = [(q.text, q.kind) for q in extract_quantities("It fell from 5 to 4 percent.")]
    assert kinds == [("5", "percent"), ("4 percent", "percent")]


def test_match_pairs_by_counted_noun_not_by_order():
    qa = extract_quantities("Russia fired 40 missiles and 60 drones.")
    qb = extract_quantities("Russia launched 60 drones and 40 missiles.")
    pairs, left_a, left_b = match(qa, qb)
    assert not left_a and not left_b
    assert all(compatible(a, b) for a, b in pairs)


def test_match_prefers_the_same_noun_over_an_equal_value():
    qa = extract_quantities("5 soldiers and 3 civilians died.")
    qb = extract_quantities("3 soldiers and 5 civilians died.")
    pairs, _, _ = match(qa, qb)
    assert {(a.noun_text, b.noun_text) for a, b in pairs} == {
        ("soldiers", "soldiers"),
        ("civilians", "civilians"),
    }
    assert not any(compatible(a, b) for a, b in pairs)


# --- with the real pipeline -------------------------------------------------------------------


def _serious(pair):
    return [f for f in QuantityCheck().run(pair) if f.severity >= Severity.MINOR]


def test_magnitude_finding_names_both_ranges_with_exact_spans(make_pair):
    pair = make_pair("Thousands of troops massed.", "Tens of thousands of troops massed.")
    (finding,) = _serious(pair)
    assert finding.code == "DV102"
    assert finding.message.startswith(
        "magnitude changed: 'Thousands' (10^3..10^4) vs 'Tens of thousands' (10^4..10^5)"
    )
    (span_a,), (span_b,) = finding.a.spans, finding.b.spans
    assert pair.doc_a.text[span_a.start : span_a.end] == span_a.text == "Thousands"
    assert pair.doc_b.text[span_b.start : span_b.end] == span_b.text == "Tens of thousands"


def test_dropped_count_points_at_the_noun_on_the_other_side(make_pair):
    pair = make_pair("The strike killed 12 people.", "The strike killed people.")
    (finding,) = _serious(pair)
    assert finding.code == "DV103" and finding.severity == Severity.MINOR
    assert [s.text for s in finding.a.spans] == ["12"]
    assert [s.text for s in finding.b.spans] == ["people"]


def test_calendar_dates_are_left_to_the_time_check(make_pair):
    pair = make_pair("Russia invaded on February 24, 2022.", "Russia invaded on February 22, 2022.")
    assert _serious(pair) == []


def test_durations_in_date_entities_are_compared(make_pair):
    pair = make_pair(
        "Talks went on over the past three weeks.", "Talks went on over the past five weeks."
    )
    assert [f.code for f in _serious(pair)] == ["DV101"]


def test_self_comparison_is_clean(make_pair):
    text = (
        "Tens of thousands of troops, at least 12 dead, 26% of voters, $3 million in aid "
        "and a 30-day ceasefire over the past two decades."
    )
    assert _serious(make_pair(text, text)) == []
