"""Reading dates and times into values (diverge.facts.dates) and comparing them (checks.time)."""

from __future__ import annotations

import pytest

from diverge.checks.time import Relation, TimeCheck, compare
from diverge.facts.dates import CalendarDate, ClockTime, RelativeTime, find_times
from diverge.model import Severity


def values(text: str, **kwargs) -> list:
    return [x.value for x in find_times(text, **kwargs)]


def texts(text: str, **kwargs) -> list[str]:
    return [x.text for x in find_times(text, **kwargs)]


def one(text: str):
    found = values(text)
    assert len(found) == 1, found
    return found[0]


FEB_24_2022 = CalendarDate((2022, 2022), frozenset({2}), (24, 24))


@pytest.mark.parametrize(
    "text",
    [
        "It began on Feb. 24, 2022.",
        "It began on February 24, 2022.",
        "It began on 24 February 2022.",
        "It began on the 24th of February, 2022.",
        "It began on February 24th 2022.",
        "It began on 2022-02-24.",
    ],
)
def test_spellings_of_one_date_are_one_value(text):
    assert one(text) == FEB_24_2022


def test_parts_of_a_year_cover_their_months():
    late, early, mid = values("Talks in late 2021, early 2022 and mid-2023 failed.")
    assert late == CalendarDate((2021, 2021), frozenset({9, 10, 11, 12}))
    assert early == CalendarDate((2022, 2022), frozenset({1, 2, 3, 4}))
    assert mid.months == frozenset({5, 6, 7, 8})


def test_parts_of_a_month_cover_their_days():
    assert one("It ended in late February.").days == (20, 31)
    assert one("It ends by the end of 2021.") == CalendarDate((2021, 2021), frozenset({10, 11, 12}))


def test_seasons_and_decades():
    assert one("It happened in the summer of 2016.").months == frozenset({6, 7, 8})
    assert one("It grew in the 1990s.") == CalendarDate((1990, 1999))


def test_bare_year_needs_a_preposition_or_a_date_entity():
    assert one("Relations soured since 1945.") == CalendarDate((1945, 1945))
    assert values("Police counted 2022 protesters.") == []
    assert values("Police counted 2022 protesters.", date_entities=[(14, 18)]) != []
    assert values("Sales rose 2020% to $2021.") == []
    assert texts("It is due no later than 2025, with more than 2000 staff.") == ["2025"]


def test_year_ranges_are_one_ranged_value():
    assert one("He was mayor from 2010-2018.") == CalendarDate((2010, 2018), ranged=True)
    assert values("The 2021-22 season ended.", date_entities=[(4, 11)]) == [
        CalendarDate((2021, 2022), ranged=True)
    ]
    assert one("In 2021-22 it grew.").years == (2021, 2022)


def test_durations_are_not_dates():
    assert values("The strike lasted three weeks under a 30-day plan after two decades.") == []


def test_ambiguous_month_names_need_context():
    assert values("May I ask? Troops march on.") == []
    assert one("The vote is in May.") == CalendarDate(None, frozenset({5}))
    assert texts("Theresa May spoke.", names=[(0, 11)]) == []
    assert texts("Spokeswoman April Carter said it would close in June.") == ["June"]


def test_number_words_in_clock_times_and_days():
    assert one("Polls close at eight p.m. ET.") == one("Polls close at 8 p.m. ET.")
    assert one("It was signed on four July 2019.") == one("It was signed on 4 July 2019.")


def test_weekday_inside_a_name_is_skipped():
    assert texts("The Sunday Times reported it.", names=[(0, 16)]) == []
    assert texts("Sun Valley and Wed are not days; Sun. is.") == ["Sun."]
    assert values("He works on Mondays.") == []


def test_weekday_is_a_relative_day_with_its_number():
    said = one("Zelenskiy said on Tuesday.")
    assert isinstance(said, RelativeTime)
    assert (said.weekday, said.precision, said.direction) == (1, 4, 0)
    assert one("They meet next Monday.").direction == 1


def test_relative_expressions_and_ago():
    last_week, last_month = values("It rose last week after falling last month.")
    assert last_week.last < last_month.first or last_month.last < last_week.first
    assert one("It happened a week ago.") == last_week
    assert one("It happened recently.").precision == 0
    assert one("It happened a few weeks ago.").precision == 0


def test_clock_times_with_zones():
    est = one("The vote opens at 10 a.m. EST.")
    assert est == ClockTime(600, 600, frozenset({-300}))
    assert one("It starts at 1400 GMT.") == ClockTime(840, 840, frozenset({0}))
    assert one("It starts at noon.") == one("It starts at 12 p.m.")
    approximate = one("It starts at about 9:15 a.m.")
    assert (approximate.first, approximate.last) == (495, 615)


def test_day_parts_need_an_anchor():
    assert texts("It happened on Tuesday morning.") == ["Tuesday", "morning"]
    assert one("It happened in the evening.").part_of_day
    assert values("Good morning, readers.") == []


def test_spans_are_exact_and_drop_leading_and_trailing_words():
    text = "Troops marched in March. They left on the 24th of February."
    for x in find_times(text):
        assert text[x.start : x.end] == x.text
    assert texts(text) == ["March", "24th of February"]
    assert find_times(text)[1].preposition == "on"


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("on February 24, 2022", "in February 2022", Relation.LESS_PRECISE),
        ("in 2022", "on February 24, 2022", Relation.MORE_PRECISE),
        ("on Feb. 24, 2022", "on February 25, 2022", Relation.CONFLICT),
        ("in late 2021", "in December 2021", Relation.MORE_PRECISE),
        ("in late 2021", "in early 2022", Relation.CONFLICT),
        ("on February 24", "in February 2022", Relation.COMPATIBLE),
        ("from May 10-12", "on May 11", Relation.COMPATIBLE),
        ("from 2010-2018", "in 2010", Relation.COMPATIBLE),
        ("in 2010-2018", "in 2019", Relation.CONFLICT),
        ("on Monday", "on Tuesday", Relation.CONFLICT),
        ("on Tuesday", "Tuesday", Relation.SAME),
        ("last Tuesday", "next Tuesday", Relation.CONFLICT),
        ("last month", "last week", Relation.CONFLICT),
        ("last month", "this week", Relation.CONFLICT),
        ("last month", "recently", Relation.LESS_PRECISE),
        ("in recent weeks", "recently", Relation.SAME),
        ("in recent weeks", "in recent years", Relation.CONFLICT),
        ("on Monday", "this week", Relation.LESS_PRECISE),
        ("yesterday", "on Tuesday", Relation.SAME),
        ("yesterday", "this week", Relation.LESS_PRECISE),
        ("on February 24", "yesterday", Relation.UNRELATED),
        ("at 10 a.m. EST", "at 1500 GMT", Relation.SAME),
        ("at 10 a.m. EST", "at 14:00 GMT", Relation.CONFLICT),
        ("at 8 p.m. ET", "at 9 p.m. ET", Relation.CONFLICT),
        ("at 10 a.m.", "in the morning", Relation.LESS_PRECISE),
        ("at 10 a.m.", "in the evening", Relation.CONFLICT),
    ],
)
def test_compare(a, b, relation):
    assert compare(one(f"It was {a}."), one(f"It was {b}."))[0] is relation


def findings(make_pair, a, b):
    return [(f.code, f.severity, f.message) for f in TimeCheck().run(make_pair(a, b))]


def test_must_flag(make_pair):
    assert findings(
        make_pair, "Russia invaded on February 24, 2022.", "Russia invaded in February 2022."
    ) == [("DV202", Severity.MINOR, "date less precise: 'February 24, 2022' vs 'February 2022'")]
    assert findings(make_pair, "He spoke on Monday.", "He spoke on Tuesday.")[0][:2] == (
        "DV201",
        Severity.MAJOR,
    )
    [(code, severity, message)] = findings(make_pair, "It rose last month.", "It rose last week.")
    assert code == "DV201" and "'last month' vs 'last week'" in message


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia invaded on Feb. 24, 2022.", "Russia invaded on February 24, 2022."),
        ("He said on Tuesday that he agreed.", "He said Tuesday that he agreed."),
        ("The talks were held in 2022.", "The talks were held in 2022."),
        ("The strike lasted three weeks.", "The strike lasted 3 weeks."),
        ("He said yesterday that it failed.", "He said on Tuesday that it failed."),
    ],
)
def test_must_not_flag(make_pair, a, b):
    assert findings(make_pair, a, b) == []


def test_two_dates_per_side_pair_by_role_not_across(make_pair):
    a = "Talks in late 2021 and early 2022 failed."
    assert findings(make_pair, a, "Talks in late 2021 and early 2022 ended without a deal.") == []
    [(code, _, message)] = findings(make_pair, a, "Talks in late 2021 and early 2023 failed.")
    assert code == "DV201" and "'early 2022' vs 'early 2023'" in message


def test_dropped_and_added_dates(make_pair):
    [(code, severity, message)] = findings(
        make_pair, "She said on Friday it was over.", "She said it was over."
    )
    assert (code, severity, message) == (
        "DV203",
        Severity.MINOR,
        "date dropped: 'Friday' vs nothing",
    )
    [(_, _, message)] = findings(
        make_pair, "She said it was over.", "She said on Friday it was over."
    )
    assert message == "date added: nothing vs 'Friday'"
    assert findings(make_pair, "She said recently it was over.", "She said it was over.") == []


def test_reworded_date_is_not_a_drop(make_pair):
    assert findings(make_pair, "It ended on February 24.", "It ended yesterday.") == []


def test_finding_spans_are_exact(make_pair):
    pair = make_pair(
        "Officials met at 10 a.m. EST on Monday.", "Officials met at 14:00 GMT on Monday."
    )
    [finding] = TimeCheck().run(pair)
    assert finding.code == "DV201"
    assert [s.text for s in finding.a.spans] == ["10 a.m. EST"]
    assert [s.text for s in finding.b.spans] == ["14:00 GMT"]
    for side, doc in ((finding.a, pair.doc_a), (finding.b, pair.doc_b)):
        for span in side.spans:
            assert doc.text[span.start : span.end] == span.text


def test_two_sentences_against_one(make_pair):
    pair = make_pair(
        "The firm was founded in 1998. It went public on Monday.",
        "The firm, founded in 1998, went public on Tuesday.",
    )
    [finding] = TimeCheck().run(pair)
    assert finding.code == "DV201"
    assert finding.a.sentences == (1,)
    assert "'Monday' vs 'Tuesday'" in finding.message


def test_no_drop_between_sentences_that_tell_different_things(make_pair):
    a = "Analysts say the central bank is unlikely to change course."
    b = "Retired officials addressed a conference in Geneva last week about trade."
    assert findings(make_pair, a, b) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ROME, May 18 (Reuters) - Floods killed 14 people on Thursday.", ["Thursday"]),
        (
            "SAN FRANCISCO, Feb 6 (Reuters) - The firm said on Tuesday it would cut jobs.",
            ["Tuesday"],
        ),
        ("KYIV, Ukraine, March 3, 2024 (AFP) - Talks resumed on March 4.", ["March 4"]),
        ("On May 18 (a Thursday) - the rain fell.", ["May 18", "Thursday"]),
    ],
)
def test_a_wire_dateline_is_not_read_for_dates(text, found):
    """The dateline dates the filing; the dates of the story after it are still read."""
    assert [x.text for x in find_times(text)] == found
