"""Properties diverge's answers must have whatever the text: layout never makes drift.

Over generated news-like text and paragraphs of the seed articles, with the real spaCy model
(so few examples and no deadline). Byte-identical output across runs and hash seeds is in
test_json_contract.py.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diverge.config import Settings
from diverge.model import Article, Comparison, Severity
from diverge.pipeline import compare_articles
from tests import strategies as gen

PROPERTY = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def compare_texts(text_a: str, text_b: str) -> Comparison:
    articles = [Article("a", "a.txt", text_a), Article("b", "b.txt", text_b)]
    return compare_articles(articles, Settings(), use_cache=False).comparisons[0]


def above_info(comparison: Comparison, *, swap: bool = False) -> Counter:
    """Findings above info as (code, span texts of A, span texts of B); A and B swapped on
    request, so that `compare B A` can be held against `compare A B`. Span texts are compared
    with whitespace squeezed: a re-spaced sentence is still the same finding (and keeps its id)."""
    keys: Counter = Counter()
    for f in comparison.findings:
        if f.severity <= Severity.INFO:
            continue
        a = tuple(" ".join(s.text.split()) for s in f.a.spans)
        b = tuple(" ".join(s.text.split()) for s in f.b.spans)
        keys[(f.code, b, a) if swap else (f.code, a, b)] += 1
    return keys


def all_findings(comparison: Comparison, *, swap: bool = False) -> Counter:
    keys: Counter = Counter()
    for f in comparison.findings:
        a = tuple(s.text for s in f.a.spans)
        b = tuple(s.text for s in f.b.spans)
        keys[(f.code, f.severity, b, a) if swap else (f.code, f.severity, a, b)] += 1
    return keys


@PROPERTY
@given(gen.articles)
def test_an_article_compared_with_itself_has_nothing_above_info(nlp, text):
    assert above_info(compare_texts(text, text)) == Counter()


@PROPERTY
@given(st.data())
def test_whitespace_changes_add_nothing_above_info(nlp, data):
    text = data.draw(gen.articles, label="text")
    changed = data.draw(gen.whitespace_change(text), label="changed")
    assert above_info(compare_texts(text, changed)) == Counter()


@PROPERTY
@given(st.data())
def test_whitespace_changes_of_b_leave_the_findings_of_a_pair_unchanged(nlp, data):
    a, b = data.draw(gen.seed_pair(), label="pair")
    changed = data.draw(gen.whitespace_change(b), label="changed b")
    assert above_info(compare_texts(a, changed)) == above_info(compare_texts(a, b))


@PROPERTY
@given(st.one_of(gen.seed_pair(), st.tuples(gen.generated_article(), gen.generated_article())))
def test_compare_a_b_mirrors_compare_b_a(nlp, pair):
    a, b = pair
    forward = compare_texts(a, b)
    backward = compare_texts(b, a)
    assert all_findings(backward, swap=True) == all_findings(forward)


@PROPERTY
@given(gen.seed_pair(), st.randoms(use_true_random=False))
def test_moving_paragraphs_of_b_changes_no_drift_finding(nlp, pair, rng: random.Random):
    a, b = pair
    paragraphs = gen.paragraphs_of(b)
    moved = paragraphs[:]
    rng.shuffle(moved)
    reordered = "\n\n".join(moved) + "\n"
    assert above_info(compare_texts(a, reordered)) == above_info(compare_texts(a, b))


@PROPERTY
@given(gen.seed_pair(), st.sampled_from(gen.BOILERPLATE_LINES), st.integers(0, 10))
def test_a_boilerplate_line_adds_no_finding(nlp, pair, line, where):
    a, b = pair
    paragraphs = gen.paragraphs_of(b)
    at = where % (len(paragraphs) + 1)
    with_line = "\n\n".join([*paragraphs[:at], line, *paragraphs[at:]]) + "\n"
    assert above_info(compare_texts(a, with_line)) == above_info(compare_texts(a, b))


def test_boilerplate_with_doubled_spaces_is_still_boilerplate():
    """Regression (found by the whitespace property): patterns are written with single spaces,
    so "in  your inbox" escaped them and became a coverage finding."""
    from diverge.lexicon import default_lexicon

    lexicon = default_lexicon()
    assert lexicon.is_boilerplate("Trusted news and daily joy are in your inbox")
    assert lexicon.is_boilerplate("Trusted news and  daily joy are in  your inbox ")
    assert lexicon.is_boilerplate("Sign  up for our  daily newsletter")
