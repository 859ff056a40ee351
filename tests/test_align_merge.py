"""The aligner's merge step: two sentences of one outlet told as one by the other (2-1).

A sentence that joins a pair must be mostly contained in the partner; a figure that changed on
the way ("27.5%" told as "25.7%") must not keep it out, or the change is reported as a dropped
sentence instead of a changed number.
"""

from __future__ import annotations

from diverge.align import align
from diverge.compare import compare
from diverge.config import Settings
from diverge.lexicon import default_lexicon

WIRE = (
    "Ocampo won the presidential election with 43.1% of the vote on Sunday.\n"
    "His main rival, opposition leader Lucía Benítez, received 27.5%.\n"
    "A third candidate, the populist senator Rubén Cáceres, came in with 22.9%, a stronger "
    "showing than polls had predicted.\n"
)
REWRITE = (
    "Ocampo won Sunday's presidential election with 43.1% of the vote.\n"
    "Opposition leader Lucía Benítez finished second with 25.7%, while populist senator Rubén "
    "Cáceres surprised pollsters by taking 22.9%.\n"
)


def test_a_merged_sentence_whose_figure_changed_still_joins_the_pair(make_docs):
    doc_a, doc_b = make_docs(WIRE, REWRITE)
    pairs = {(al.a, al.b) for al in align(doc_a, doc_b, default_lexicon())}
    assert ((1, 2), (1,)) in pairs


def test_the_changed_figure_is_reported_as_a_change_not_a_dropped_sentence(make_docs):
    doc_a, doc_b = make_docs(WIRE, REWRITE)
    findings = compare(doc_a, doc_b, default_lexicon(), Settings()).findings
    codes = {f.code for f in findings if f.severity.label != "info"}
    assert "DV101" in codes
    assert "DV901" not in codes
