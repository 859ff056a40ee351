"""The qualifier (DV701) and claim (DV801) checks and the phrase helpers they stand on."""

from __future__ import annotations

import pytest

from diverge.checks.claim import ClaimCheck, claim_words
from diverge.checks.qualifier import QualifierCheck
from diverge.facts.modifiers import origin_keys, zone_of
from diverge.facts.phrases import (
    entity_index,
    is_content,
    quoted_ranges,
    related,
    runs,
    side_view,
    words,
)
from diverge.lexicon import default_lexicon
from diverge.model import Entity, Severity, Span


def _findings(make_pair, check, a, b):
    pair = make_pair(a, b)
    return pair, list(check.run(pair))


def _serious(findings):
    return [f for f in findings if f.severity >= Severity.MINOR]


# --- phrase helpers ------------------------------------------------------------------------


def test_runs_carry_indices_and_equal_context(make_pair):
    pair = make_pair(
        "The strike hit a hospital in the city.", "The strike hit a school in the city."
    )
    (run,) = runs(pair.tokens_a, pair.tokens_b)
    assert (run.op, run.i1, run.i2, run.j1, run.j2) == ("replace", 4, 5, 4, 5)
    assert pair.tokens_a[run.i1].text == "hospital"
    assert pair.tokens_b[run.j1].text == "school"
    assert run.before == 4
    assert run.after == 4  # "in the city ."


def test_runs_place_an_insertion_between_equal_blocks(make_pair):
    pair = make_pair("Officials said the talks failed.", "Some officials said the talks failed.")
    (run,) = runs(pair.tokens_a, pair.tokens_b)
    assert (run.op, run.i1, run.i2, run.j1, run.j2) == ("insert", 0, 0, 0, 1)
    assert run.before == 0
    assert run.after == 6


def test_quoted_ranges_pair_curly_and_straight_quotes():
    text = 'He called it “a farce” and "a sham".'
    ranges = quoted_ranges(text, offset=100)
    assert [text[lo - 100 : hi - 100] for lo, hi in ranges] == ["“a farce”", '"a sham"']


def test_quoted_ranges_run_an_open_quote_to_the_end_and_a_lone_close_from_the_start():
    assert quoted_ranges("She said: “We will not stop") == [(10, 27)]
    assert quoted_ranges("we will win,” she said.") == [(0, 13)]


def test_entity_index_maps_tokens_in_any_sentence_order():
    tokens = [Span(20, 25, "Paris"), Span(0, 4, "Anna"), Span(5, 9, "went")]
    entities = [Entity(0, 4, "Anna", "PERSON"), Entity(20, 25, "Paris", "GPE")]
    assert entity_index(tokens, entities) == (1, 0, -1)


def test_words_join_hyphen_compounds_written_without_spaces(make_pair):
    pair = make_pair("A so-called full - scale war.", "x")
    view = side_view(pair.doc_a, pair.a)
    keys = [w.key for w in words(view, 0, len(view))]
    assert keys == ["a", "so-called", "full", "-", "scale", "war", "."]


def test_related_words_share_a_stem_or_a_prefix():
    assert related("negotiations", "negotiating")
    assert related("suspected", "suspect")
    assert not related("hospital", "school")


def test_is_content_rejects_function_words_numbers_and_punctuation():
    assert is_content("hospital")
    assert not is_content("the")
    assert not is_content("three")
    assert not is_content("30")
    assert not is_content(",")


def test_origin_keys_meet_for_a_place_and_its_people():
    lexicon = default_lexicon()
    assert origin_keys("Iranian", lexicon) & origin_keys("Iran", lexicon)
    assert origin_keys("French", lexicon) & origin_keys("France", lexicon)
    assert origin_keys("U.S.", lexicon) & origin_keys("American", lexicon)
    assert not origin_keys("French", lexicon) & origin_keys("Germany", lexicon)


def test_zone_sorts_modifiers_and_stands_aside_for_other_checks(make_pair):
    pair = make_pair("the alleged Russian attack and two non - binding former key votes", "x")
    view = side_view(pair.doc_a, pair.a)
    lexicon = default_lexicon()
    zone = zone_of(view, 1, 3, lexicon)  # "alleged Russian"
    assert zone is not None
    assert [(m.text, m.group) for m in zone.modifiers] == [
        ("alleged", "evidential"),
        ("Russian", "origin"),
    ]
    assert zone_of(view, 5, 6, lexicon) is None  # "two": a number
    assert zone_of(view, 6, 9, lexicon) is None  # "non - binding": a privative
    assert zone_of(view, 9, 10, lexicon) is None  # "former": a role word
    style = zone_of(view, 10, 11, lexicon)  # "key": colour, not scope
    assert style is not None and style.style and not style.modifiers


# --- qualifier -----------------------------------------------------------------------------


def test_dropped_nationality_adjective_is_major_with_both_values(make_pair):
    pair, found = _findings(
        make_pair,
        QualifierCheck(),
        "Putin could extend his influence on the African continent.",
        "Putin could extend his influence across the continent.",
    )
    (f,) = found
    assert (f.code, f.kind, f.severity) == ("DV701", "qualifier", Severity.MAJOR)
    assert f.message.startswith("qualifier dropped: 'the African continent' vs 'the continent'")
    assert [s.text for s in f.a.spans] == ["African continent"]
    assert [s.text for s in f.b.spans] == ["continent"]
    for side, doc in ((f.a, pair.doc_a), (f.b, pair.doc_b)):
        assert all(doc.text[s.start : s.end] == s.text for s in side.spans)


def test_swapped_scope_modifiers_are_a_change(make_pair):
    _, found = _findings(
        make_pair,
        QualifierCheck(),
        "The rebels agreed to a partial ceasefire.",
        "The rebels agreed to a full ceasefire.",
    )
    (f,) = found
    assert f.message.startswith("qualifier changed: 'a partial ceasefire' vs 'a full ceasefire'")
    assert f.severity == Severity.MAJOR


def test_added_quantifier_is_reported_on_the_b_side(make_pair):
    _, found = _findings(
        make_pair,
        QualifierCheck(),
        "Officials said the talks failed.",
        "Some officials said the talks failed.",
    )
    (f,) = found
    assert f.message.startswith("qualifier added: 'Officials' vs 'Some officials'")
    assert [s.text for s in f.b.spans] == ["Some officials"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "U.S. officials said the plan was unworkable.",
            "United States officials said the plan was unworkable.",
        ),
        (
            "Russia wants to end the war with Ukraine.",
            "Russia wants to end the conflict with Ukraine.",
        ),
        (
            "New sanctions hit Iranian officials on Tuesday.",
            "New sanctions hit officials from Iran on Tuesday.",
        ),
        (
            "Suspected militants attacked a police post.",
            "Militants suspected of links to the group attacked a police post.",
        ),
        ("The key talks resumed in Geneva.", "The talks resumed in Geneva."),
        ("The former president left the country.", "The president left the country."),
        ("The court issued a non-binding opinion.", "The court issued a binding opinion."),
        (
            "Protesters rallied outside the Russian embassy.",
            "Protesters rallied outside Russia's embassy.",
        ),
        ("He described the “so-called deal” as a trap.", "He described the “deal” as a trap."),
        ("The most important talks begin today.", "The important talks begin today."),
    ],
)
def test_paraphrase_and_other_checks_territory_raise_nothing_serious(make_pair, a, b):
    _, found = _findings(make_pair, QualifierCheck(), a, b)
    assert not _serious(found), [f.message for f in found]


def test_hedges_are_shown_as_info_only(make_pair):
    _, found = _findings(
        make_pair,
        QualifierCheck(),
        "Experts warned of a possible recession.",
        "Experts warned of a recession.",
    )
    assert [f.severity for f in found] == [Severity.INFO]


def test_adjective_looking_words_are_a_minor_loss(make_pair):
    _, found = _findings(
        make_pair,
        QualifierCheck(),
        "The floods destroyed several agricultural districts.",
        "The floods destroyed several districts.",
    )
    (f,) = found
    assert f.severity == Severity.MINOR


def test_not_only_and_pronoun_quantifiers_are_qualifiers(make_pair):
    check = QualifierCheck()
    _, found = _findings(
        make_pair,
        check,
        "The court has not only upheld the ruling.",
        "The court has not upheld the ruling.",
    )
    assert [f.code for f in _serious(found)] == ["DV701"]
    _, found = _findings(
        make_pair,
        check,
        "Moscow repeated its demands, some of which were rejected.",
        "Moscow repeated its demands, of which were rejected.",
    )
    assert [f.code for f in _serious(found)] == ["DV701"]


def test_a_people_named_less_often_is_a_dropped_qualifier(make_pair):
    _, found = _findings(
        make_pair,
        QualifierCheck(),
        "Russian officials met Russian counterparts before the Russian invasion.",
        "Russian officials met counterparts before the Russian invasion.",
    )
    assert [f.code for f in _serious(found)] == ["DV701"]


# --- claim ---------------------------------------------------------------------------------


def test_different_things_in_an_anchored_slot_are_a_major_claim(make_pair):
    pair, found = _findings(
        make_pair,
        ClaimCheck(),
        "The ministry said the strike hit a hospital in the city.",
        "The ministry said the strike hit a school in the city.",
    )
    (f,) = found
    assert (f.code, f.kind, f.severity) == ("DV801", "claim", Severity.MAJOR)
    assert f.message.startswith("claim changed: 'hospital' vs 'school'")
    assert [s.text for s in f.a.spans] == ["hospital"]
    assert pair.doc_b.text[f.b.spans[0].start : f.b.spans[0].end] == "school"


def test_one_listed_thing_is_minor_and_unknown_words_are_info(make_pair):
    check = ClaimCheck()
    _, found = _findings(
        make_pair,
        check,
        "Police said the suspect was carrying a knife at the time.",
        "Police said the suspect was carrying a scroll at the time.",
    )
    assert [f.severity for f in found] == [Severity.MINOR]
    _, found = _findings(
        make_pair,
        check,
        "The museum returned the artifacts to their owners.",
        "The museum returned the relics to their owners.",
    )
    assert [f.severity for f in found] == [Severity.INFO]
    assert found[0].message.startswith("claim may differ: 'artifacts' vs 'relics'")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Russia wants to end the war with its neighbour.",
            "Russia wants to end the conflict with its neighbour.",
        ),
        (
            "The army deployed more troops to the border region.",
            "The army deployed more soldiers to the border region.",
        ),
        (
            "The storm damaged the roof of the school, officials said.",
            "The storm damaged the roof of the building, officials said.",
        ),
        (
            "The ministry said the strike hit a hospital in the city.",
            "The ministry said the strike struck a hospital in the city.",
        ),
        (
            "Analysts said the sanctions would hurt the economy.",
            "Analysts said the sanctions would damage the economy.",
        ),
        (
            "Officials said the talks in Geneva had failed.",
            "Officials said the talks in Vienna had failed.",
        ),
        (
            "Officials said the strike hit “a hospital” on Monday.",
            "Officials said the strike hit “a school” on Monday.",
        ),
        (
            "Officials said the blast killed three people at the market.",
            "Officials said the blast killed five people at the market.",
        ),
        (
            "Talks collapsed over the issue of border security.",
            "Talks collapsed over the question of border security.",
        ),
    ],
)
def test_synonyms_and_other_checks_territory_raise_no_claim(make_pair, a, b):
    _, found = _findings(make_pair, ClaimCheck(), a, b)
    assert not _serious(found), [f.message for f in found]


def test_synonym_groups_match_inflected_forms_but_not_deeper_stems():
    table = claim_words()
    assert table.of("negotiation") & table.of("talks")
    assert not table.of("faulty") & table.of("attack")
