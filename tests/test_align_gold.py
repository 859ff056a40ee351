"""The aligner measured against a hand-made alignment of two seed articles.

The gold file names sentences by unique substrings so it survives small segmentation changes.
Precision and recall are over aligned sentence links (a 1-2 pair counts as two links); the test
prints both and fails below 90% recall.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diverge.align import align
from diverge.lexicon import default_lexicon
from diverge.read import read_article
from diverge.segment import segment

GOLD = Path(__file__).parent / "data" / "alignment-reuters-yodel--defence-talks.yml"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MIN_RECALL = 0.90


def _locate(doc, key: str) -> int:
    hits = [s.index for s in doc.sentences if key in s.text]
    assert len(hits) == 1, f"gold key {key!r} matches sentences {hits} of {doc.id}"
    return hits[0]


@pytest.fixture(scope="module")
def gold_and_docs(nlp):
    gold = yaml.safe_load(GOLD.read_text("utf-8"))
    articles = [read_article(str(SEEDS / f"{gold[side]}.txt")) for side in ("a", "b")]
    doc_a, doc_b = segment(articles, nlp, default_lexicon())
    links = {
        (_locate(doc_a, ka), _locate(doc_b, kb))
        for pair in gold["pairs"]
        for ka in pair["a"]
        for kb in pair["b"]
    }
    return links, doc_a, doc_b


def test_aligner_recall_and_precision_on_hand_made_gold(gold_and_docs):
    gold, doc_a, doc_b = gold_and_docs
    found = {(i, j) for al in align(doc_a, doc_b, default_lexicon()) for i in al.a for j in al.b}
    true = found & gold
    precision = len(true) / len(found)
    recall = len(true) / len(gold)
    print(
        f"\nalignment vs gold: precision {precision:.1%}, recall {recall:.1%} "
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
    assert recall >= MIN_RECALL


def test_gold_names_every_sentence_once(gold_and_docs):
    gold_file = yaml.safe_load(GOLD.read_text("utf-8"))
    _, doc_a, doc_b = gold_and_docs
    for side, doc in (("a", doc_a), ("b", doc_b)):
        named = [_locate(doc, k) for p in gold_file["pairs"] for k in p[side]]
        named += [_locate(doc, k) for k in gold_file[f"unmatched_{side}"]]
        content = [s.index for s in doc.sentences if not s.boilerplate]
        assert sorted(named) == content
