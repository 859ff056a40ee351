"""Findings on loosely aligned pairs: marked as such and one severity lower, never hidden.

Two sentences left over on each side can align on little more than a shared name; a date that
"changed" between them is more likely two different events. The same date change between
sentences that clearly tell the same thing stays at its rule's severity.
"""

from __future__ import annotations

import pytest

from diverge.align import MIN_SIMILARITY
from diverge.compare import LOOSE_ALIGNMENT, compare
from diverge.config import Settings
from diverge.lexicon import default_lexicon
from diverge.model import Severity

LOOSE_A = "The effort failed when Russia attacked on February 24."
LOOSE_B = "Russia and the US met in Riyadh on February 18."
CLOSE_A = "Officials from Russia and the United States met in Riyadh on February 24."
CLOSE_B = "Russian and U.S. officials met in Riyadh on February 18."


def _dates(make_docs, text_a, text_b, settings=None):
    doc_a, doc_b = make_docs(text_a, text_b)
    comparison = compare(doc_a, doc_b, default_lexicon(), settings or Settings())
    (alignment,) = comparison.alignments
    return alignment.similarity, [f for f in comparison.findings if f.code == "DV201"]


def test_a_date_change_between_loosely_aligned_sentences_is_minor_and_says_why(make_docs):
    similarity, (finding,) = _dates(make_docs, LOOSE_A, LOOSE_B)
    assert MIN_SIMILARITY <= similarity < LOOSE_ALIGNMENT, "the premise: these align, loosely"
    assert finding.severity == Severity.MINOR
    assert finding.message.endswith(f"loosely aligned (similarity {similarity:.2f})")


def test_the_same_change_between_well_aligned_sentences_keeps_its_severity(make_docs):
    similarity, (finding,) = _dates(make_docs, CLOSE_A, CLOSE_B)
    assert similarity >= LOOSE_ALIGNMENT
    assert finding.severity == Severity.MAJOR
    assert "loosely" not in finding.message


@pytest.mark.parametrize("override", [Severity.CRITICAL, Severity.INFO])
def test_a_severity_the_user_configures_wins(make_docs, override):
    settings = Settings(severity={"DV201": override})
    _, (finding,) = _dates(make_docs, LOOSE_A, LOOSE_B, settings)
    assert finding.severity == override
