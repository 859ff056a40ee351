"""Fuzzing read, segment and fact extraction with arbitrary Unicode: no exception, exact spans.

The normal suite runs a bounded number of examples; `make fuzz` runs the `slow` versions for a
few minutes. Fact extraction means running every check (`all_checks()`) over aligned pairs of
fuzzed documents. Crashes found here are pinned as explicit examples at the bottom.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diverge.checks import Pair, all_checks
from diverge.compare import compare
from diverge.config import Settings
from diverge.errors import InputError
from diverge.lexicon import default_lexicon
from diverge.model import Article, Document, Finding
from diverge.read import decode
from diverge.segment import parse_blocks, segment
from tests.strategies import fuzz_text

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(
    max_examples=4000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _segmented(nlp, *texts: str) -> list[Document]:
    articles = [Article(f"f{i}", f"f{i}.txt", t) for i, t in enumerate(texts)]
    return segment(articles, nlp, default_lexicon())


def _assert_exact(doc: Document) -> None:
    previous_end = 0
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert doc.text[s.start : s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= previous_end, "sentences overlap or go backwards"
        previous_end = s.end
        for t in s.tokens:
            assert s.start <= t.start < t.end <= s.end and doc.text[t.start : t.end] == t.text
        for e in s.entities:
            assert s.start <= e.start < e.end <= s.end and doc.text[e.start : e.end] == e.text


def _assert_spans(finding: Finding, doc_a: Document, doc_b: Document) -> None:
    for side, doc in ((finding.a, doc_a), (finding.b, doc_b)):
        for span in side.spans:
            assert doc.text[span.start : span.end] == span.text, finding
        assert all(0 <= i < len(doc.sentences) for i in side.sentences), finding


def check_read(raw: bytes) -> None:
    try:
        text = decode(raw, "fuzz")
    except InputError:
        return
    assert text.strip() and not text.startswith("\ufeff")


def check_segment(nlp, text: str) -> None:
    (doc,) = _segmented(nlp, text)
    _assert_exact(doc)


def check_extract(nlp, text_a: str, text_b: str) -> None:
    """Every check over every sentence pair (not only aligned ones), then the full compare."""
    lexicon = default_lexicon()
    doc_a, doc_b = _segmented(nlp, text_a, text_b)
    for sa in doc_a.sentences[:6]:
        for sb in doc_b.sentences[:6]:
            pair = Pair(doc_a, doc_b, (sa,), (sb,), lexicon)
            for check in all_checks():
                for finding in check.run(pair):
                    _assert_spans(finding, doc_a, doc_b)
    for finding in compare(doc_a, doc_b, lexicon, Settings()).findings:
        _assert_spans(finding, doc_a, doc_b)


# --- bounded, in `make test` -----------------------------------------------------------------


@BOUNDED
@given(
    st.one_of(
        st.binary(max_size=300),
        fuzz_text().map(lambda t: t.encode("utf-8")),
        fuzz_text().map(lambda t: t.encode("utf-16")),
    )
)
def test_fuzz_read(raw):
    check_read(raw)


@BOUNDED
@given(fuzz_text())
@example("1e308 999999999999999999999 troops\u202e”\n\r\n‘")
@example("e\u0301\u0301 👩‍👩‍👧 U.S. Mr. \x00 \u2028 a.m.")
@example("000000000000000010\r0000000000000000000\n0")  # found by `make fuzz`
@example(  # an entity across a hard-wrapped line break: its text must keep the break
    "Talks between officials were held in New\nYork on Monday by the United Nations and\n"
    "the European Union, the people familiar said\nafter the meeting.\n"
)
def test_fuzz_segment(nlp, text):
    check_segment(nlp, text)


@BOUNDED
@given(fuzz_text(), fuzz_text())
@example(
    "Officials said 999999999999999999999 troops arrived.", "Officials said 1e308 troops arrived."
)
@example("“He said “yes.", "He said ”no”.")
@example("10^400 people, ½ of them, on February 30, 2022.", "٣٤٥ people on 24:61.")
def test_fuzz_fact_extraction(nlp, text_a, text_b):
    check_extract(nlp, text_a, text_b)


def test_long_runs_of_symbols_reach_spacy_in_short_pieces(nlp):
    """Regression: spaCy's tokenizer is quadratic in a run of prefix/suffix characters with no
    space ("=" * 4000 took 50 s, a 100k-character line of emoji or "====" hours). The text
    handed to spaCy must break such runs so a pasted separator or emoji row cannot hang a run."""
    seen: list[str] = []

    class Recorder:
        def pipe(self, texts, **kwargs):
            texts = list(texts)
            seen.extend(texts)
            return nlp.pipe(["x"] * len(texts), **kwargs)

    text = "A line.\n" + "=" * 5000 + "\n" + "😀" * 3000 + "!?" * 2000 + "\nEnd.\n"
    parse_blocks([text], Recorder())  # type: ignore[arg-type]
    longest = max(len(m.group()) for s in seen for m in re.finditer(r"[^\w\s]+", s))
    assert longest <= 200, f"a run of {longest} symbols reaches the tokenizer"


# --- the long run: `make fuzz` ---------------------------------------------------------------


@pytest.mark.slow
@LONG
@given(st.one_of(st.binary(max_size=2000), fuzz_text(40).map(lambda t: t.encode("utf-8"))))
def test_fuzz_read_long(raw):
    check_read(raw)


@pytest.mark.slow
@LONG
@given(fuzz_text(40))
def test_fuzz_segment_long(nlp, text):
    check_segment(nlp, text)


@pytest.mark.slow
@LONG
@given(fuzz_text(30), fuzz_text(30))
def test_fuzz_fact_extraction_long(nlp, text_a, text_b):
    check_extract(nlp, text_a, text_b)
