"""compare: coverage, and one finding per edit.

A rewrite writes its own headline, and a wire story its own sub-headings and captions, so a
whole line without sentence-final punctuation that only one side has is reported as info; a
sentence of prose only one side has is coverage (minor). When two checks point at the same
spans, the more specific rule's finding is the one kept.
"""

from __future__ import annotations

from diverge.compare import compare
from diverge.config import Settings
from diverge.lexicon import default_lexicon
from diverge.model import Severity

WIRE = (
    "Floods in the north have killed 14 people, officials said on Thursday.\n"
    "Schools in several provinces will remain closed on Friday.\n"
)
REWRITE = (
    "Italy floods: death toll hits 14 as the region counts the cost\n"
    "Officials said on Thursday that floods in the north have killed 14 people.\n"
)


def _coverage(make_docs, text_a, text_b):
    doc_a, doc_b = make_docs(text_a, text_b)
    findings = compare(doc_a, doc_b, default_lexicon(), Settings()).findings
    return {
        f.a.spans[0].text if f.a.spans else f.b.spans[0].text: f
        for f in findings
        if f.code == "DV901"
    }


def test_a_headline_only_the_rewrite_has_is_info(make_docs):
    found = _coverage(make_docs, WIRE, REWRITE)
    headline = found["Italy floods: death toll hits 14 as the region counts the cost"]
    assert headline.severity == Severity.INFO
    assert headline.message.startswith("a headline, caption or credit line only in doc1")


def test_a_dropped_sentence_of_prose_is_still_minor(make_docs):
    found = _coverage(make_docs, WIRE, REWRITE)
    dropped = found["Schools in several provinces will remain closed on Friday."]
    assert dropped.severity == Severity.MINOR


def test_a_sentence_without_final_punctuation_inside_a_paragraph_is_prose(make_docs):
    """Only a whole line is a heading: the unpunctuated end of a paragraph is still prose."""
    wire = WIRE.replace(
        "Schools in several provinces will remain closed on Friday.\n",
        "Rain fell for two days in the hills. Schools in several provinces will remain closed "
        "on Friday\n",
    )
    found = _coverage(make_docs, wire, REWRITE)
    dropped = found["Schools in several provinces will remain closed on Friday"]
    assert dropped.severity == Severity.MINOR


def test_a_changed_speaker_is_one_finding_not_two(make_docs):
    """The quote check's speaker rule supersedes the entity check's 'different person' when
    both point at the same names: one edit, one finding."""
    doc_a, doc_b = make_docs(
        '"The families waited too long," said attorney Michael Donnelly.',
        '"The families waited too long," said attorney Michael Donovan.',
    )
    findings = compare(doc_a, doc_b, default_lexicon(), Settings()).findings
    codes = [f.code for f in findings if f.severity > Severity.INFO]
    assert codes == ["DV502"]
