"""The name helpers (diverge/facts/names.py) and the title reader of the role check.

These pin the decisions the entity and role checks rest on: which spellings name one thing,
which names stand for one country, and which words of a title are compared.
"""

from __future__ import annotations

import pytest

from diverge.checks.role import RoleCheck, classify, compare, titles_of
from diverge.checks.role import _Side as RoleSide
from diverge.facts.name_sides import NameSide, TextIndex, unaccounted
from diverge.facts.names import (
    canonical_words,
    kindred,
    name_of,
    names_of,
    related,
    same_name,
    split_words,
)
from diverge.lexicon import default_lexicon
from diverge.model import Entity, Span


def name(text: str, label: str = "PERSON"):
    result = name_of(Entity(0, len(text), text, label), text, default_lexicon())
    assert result is not None
    return result


@pytest.mark.parametrize(
    ("a", "b", "la", "lb"),
    [
        ("Kiev", "Kyiv", "PERSON", "GPE"),  # spaCy's label disagrees; the lexicon does not
        ("Zelensky", "Volodymyr Zelenskiy", "PERSON", "PERSON"),
        ("Putin", "Vladimir Putin", "PERSON", "PERSON"),
        ("the U.S.", "the United States", "GPE", "GPE"),
        ("IAEA", "the International Atomic Energy Agency", "ORG", "ORG"),
        ("State Department", "the Department of State", "ORG", "ORG"),
        ("Sergei Lavrov", "Sergey Lavrov", "PERSON", "PERSON"),
        ("President Putin", "Putin", "PERSON", "PERSON"),
        ("the 6th Circuit", "the Sixth Circuit", "ORG", "ORG"),  # an ordinal in digits or words
        ("the 6th U.S. Circuit Court of Appeals", "the Sixth Circuit", "ORG", "ORG"),
        ("Statistics NZ", "Statistics New Zealand", "ORG", "ORG"),  # a run told by its initials
    ],
)
def test_same_name_accepts_variants(a, b, la, lb):
    assert same_name(name(a, la), name(b, lb))
    assert same_name(name(b, lb), name(a, la))


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("the Council on Foreign Relations", "the Foreign Relations Committee", "ORG"),
        ("Smith", "Jones", "PERSON"),
        ("Geneva", "Vienna", "GPE"),
        ("Joe Biden", "Hunter Biden", "PERSON"),
        ("Austrian", "Australian", "NORP"),  # near-identical spelling, different country
        ("Iran", "Iraq", "GPE"),
        ("the 3rd Brigade", "the Fifth Brigade", "ORG"),
        ("Statistics NZ", "Statistics Canada", "ORG"),
    ],
)
def test_same_name_rejects_different_entities(a, b, label):
    assert not same_name(name(a, label), name(b, label))
    assert not related(name(a, label), name(b, label))


def test_related_joins_a_country_its_capital_and_its_people():
    assert related(name("Moscow", "GPE"), name("Russia", "GPE"))
    assert related(name("Russian", "NORP"), name("Russia", "GPE"))
    assert related(name("Washington", "GPE"), name("the United States", "GPE"))
    assert not related(name("Russian", "NORP"), name("Ukrainian", "NORP"))


def test_kindred_needs_a_distinctive_shared_word():
    council = name("the Council on Foreign Relations", "ORG")
    assert kindred(council, name("the Foreign Relations Committee", "ORG"))
    biden = name("the Biden administration", "ORG")
    assert not kindred(biden, name("the Trump administration", "ORG"))


def test_person_titles_are_cut_from_the_name():
    queen = name("Queen Elizabeth")
    assert queen.span.text == "Elizabeth"
    assert name_of(Entity(0, 9, "President", "PERSON"), "President", default_lexicon()) is None


def test_role_words_alone_are_not_names():
    assert name_of(Entity(0, 7, "Defence", "ORG"), "Defence", default_lexicon()) is None
    assert name_of(Entity(0, 6, "Monday", "DATE"), "Monday", default_lexicon()) is None


def test_canonical_words_replace_variants_inside_longer_names():
    words = canonical_words(split_words("Kiev city council"), default_lexicon())
    assert words == ["kyiv", "city", "council"]
    assert split_words("Al-Qaeda") == ["al", "qaeda"]


def _tokens(text: str) -> list[Span]:
    spans, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        spans.append(Span(start, start + len(word), word))
        start += len(word)
    return spans


def test_text_index_counts_mentions_of_a_country_by_any_of_its_names():
    index = TextIndex(_tokens("Moscow said Russia would talk to U.S. envoys"), default_lexicon())
    assert index.occurrences(name("Russia", "GPE")) == 2
    assert index.occurrences(name("the United States", "GPE")) == 1
    assert not index.mentions(name("Vienna", "GPE"))


def test_unaccounted_sees_one_of_two_mentions_swapped():
    lexicon = default_lexicon()
    text_a, text_b = "Moscow said Russia would talk", "Ankara said Russia would talk"
    ents_a = [Entity(0, 6, "Moscow", "GPE"), Entity(12, 18, "Russia", "GPE")]
    ents_b = [Entity(0, 6, "Ankara", "GPE"), Entity(12, 18, "Russia", "GPE")]
    side_a = NameSide(text_a, _tokens(text_a), names_of(ents_a, text_a, lexicon), lexicon)
    side_b = NameSide(text_b, _tokens(text_b), names_of(ents_b, text_b, lexicon), lexicon)
    assert [n.span.text for n in unaccounted(side_b, side_a)] == ["Ankara"]
    assert [n.span.text for n in unaccounted(side_a, side_b)] == ["Moscow", "Russia"]


def test_classify_sorts_title_words():
    assert classify("former") == ("status", "past")
    assert classify("ex") == ("status", "past")
    assert classify("acting") == ("status", "temporary")
    assert classify("deputy") == ("rank", "deputy")
    assert classify("sen.") == ("title", "senator")
    assert classify("spokesman") == ("title", "spokesperson")
    assert classify("defense") == ("domain", "defence")
    assert classify("banana") is None


def _titles(make_pair, text: str, who: str):
    pair = make_pair(text, text)
    side = RoleSide(pair.doc_a.text, pair.tokens_a, pair.entities_a)
    person = next(
        n for n in names_of(pair.entities_a, pair.doc_a.text, pair.lexicon) if who in n.span.text
    )
    return titles_of(side, person)


def test_title_before_the_name_keeps_status_and_drops_nationality(make_pair):
    (title,) = _titles(make_pair, "Former U.S. President Donald Trump spoke.", "Trump")
    assert title.status == {"past"}
    assert title.heads == {"president"}
    assert title.span.text == "Former U.S. President"


def test_title_in_an_appositive_stops_at_the_description(make_pair):
    text = "Kori Smith, a former Pentagon official and now a director of studies, said so."
    (title,) = _titles(make_pair, text, "Smith")
    assert title.status == {"past"}
    assert title.heads == {"official"}


def test_possessive_in_an_appositive_hands_the_title_on(make_pair):
    text = "John Smith, the president's lawyer, said the plan would fail."
    assert _titles(make_pair, text, "Smith") == []  # "lawyer" is his; "president" is not


def test_compare_reports_status_but_not_nationality(make_pair):
    (former,) = _titles(make_pair, "Former U.S. President Donald Trump spoke.", "Trump")
    (current,) = _titles(make_pair, "President Donald Trump spoke.", "Trump")
    (russian,) = _titles(make_pair, "Russian President Donald Trump spoke.", "Trump")
    severity, reasons = compare(current, former)
    assert severity.label == "major" and reasons == ["status 'former' added"]
    assert compare(current, russian) is None


def test_role_check_ignores_a_dropped_title(make_pair):
    pair = make_pair("President Joe Biden signed the bill.", "Biden signed the bill.")
    assert list(RoleCheck().run(pair)) == []
