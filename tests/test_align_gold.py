"""The aligner measured against hand-made alignments of seed article pairs.

A gold file names sentences by unique substrings so it survives small segmentation changes.
Precision and recall are over aligned sentence links (a 1-2 pair counts as two links); the test
prints both and fails below the pair's bars. One pair is a close rewrite, the other a machine
translation of a shortened version, where a wrong link between two leftovers is the risk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diverge.align import align
from diverge.lexicon import default_lexicon
from diverge.read import read_article
from diverge.segment import segment

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BARS = {
    "alignment-reuters-yodel--defence-talks.yml": (0.90, 0.95),
    "alignment-reuters-yodel--translated-digest.yml": (0.85, 0.95),
}
"""Gold file -> (minimum recall, minimum precision)."""


def _locate(doc, key: str) -> int:
    hits = [s.index for s in doc.sentences if key in s.text]
    assert len(hits) == 1, f"gold key {key!r} matches sentences {hits} of {doc.id}"
    return hits[0]


@pytest.fixture(scope="module", params=sorted(BARS))
def gold_and_docs(request, nlp):
    gold = yaml.safe_load((DATA / request.param).read_text("utf-8"))
    articles = [read_article(str(SEEDS / f"{gold[side]}.txt")) for side in ("a", "b")]
    doc_a, doc_b = segment(articles, nlp, default_lexicon())
    links = {
        (_locate(doc_a, ka), _locate(doc_b, kb))
        for pair in gold["pairs"]
        for ka in pair["a"]
        for kb in pair["b"]
    }
    return request.param, gold, links, doc_a, doc_b


def test_aligner_recall_and_precision_on_hand_made_gold(gold_and_docs):
    name, _, gold, doc_a, doc_b = gold_and_docs
    min_recall, min_precision = BARS[name]
    found = {(i, j) for al in align(doc_a, doc_b, default_lexicon()) for i in al.a for j in al.b}
    true = found & gold
    precision = len(true) / len(found)
    recall = len(true) / len(gold)
    print(
        f"\n{name}: precision {precision:.1%}, recall {recall:.1%} "
        f"({len(true)} of {len(gold)} gold links, {len(found)} found)"
    )
    for i, j in sorted(gold - found):
        print(
            f"  missed {i}-{j}: {doc_a.sentences[i].text[:50]!r} | {doc_b.sentences[j].text[:50]!r}"
        )
    for i, j in sorted(found - gold):
        print(
            f"  wrong  {i}-{j}: {doc_a.sentences[i].text[:50]!r} | {doc_b.sentences[j].text[:50]!r}"
        )
    assert recall >= min_recall
    assert precision >= min_precision


def test_gold_names_every_sentence_once(gold_and_docs):
    _, gold_file, _, doc_a, doc_b = gold_and_docs
    for side, doc in (("a", doc_a), ("b", doc_b)):
        named = [_locate(doc, k) for p in gold_file["pairs"] for k in p[side]]
        named += [_locate(doc, k) for k in gold_file[f"unmatched_{side}"]]
        content = [s.index for s in doc.sentences if not s.boilerplate]
        assert sorted(named) == content
