"""The aligner at scale: long documents must still get the globally right answer.

A document of 2000 distinct sentences against a shuffle of itself: blocking drops common keys
and the assignment is solved per connected component, and still every sentence must align with
its twin and nothing else. Speed is measured by `make bench`, never asserted here.
"""

from __future__ import annotations

import random

from diverge.align import align, components
from diverge.lexicon import default_lexicon
from diverge.model import Document, Sentence
from tests.conftest import SEEDS

SIZE = 2000


def _seed_sentences() -> list[str]:
    text = " ".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    pieces = [s.strip() for s in text.replace("\n", " ").split(". ")]
    return [s for s in pieces if len(s.split()) >= 5]


def _document(name: str, lines: list[str]) -> Document:
    text, sentences = "", []
    for index, line in enumerate(lines):
        start = len(text)
        text += line + "\n"
        sentences.append(Sentence(index, start, start + len(line), line))
    return Document(name, f"{name}.txt", text, tuple(sentences))


def _twins(size: int) -> tuple[Document, Document]:
    """A document of `size` distinct sentences (seed prose, each with its own serial number
    and date) and the same sentences shuffled."""
    pool = _seed_sentences()
    lines = [f"Item {k} of March {k % 28 + 1}: {pool[k % len(pool)]}." for k in range(size)]
    shuffled = lines[:]
    random.Random(6).shuffle(shuffled)
    return _document("ordered", lines), _document("shuffled", shuffled)


def test_every_sentence_of_a_long_document_aligns_with_its_twin():
    doc_a, doc_b = _twins(SIZE)
    assert len(doc_a.sentences) * len(doc_b.sentences) > components.DENSE_LIMIT
    alignments = align(doc_a, doc_b, default_lexicon())
    assert len(alignments) == SIZE
    for al in alignments:
        assert len(al.a) == len(al.b) == 1
        assert doc_a.sentences[al.a[0]].text == doc_b.sentences[al.b[0]].text


def test_per_component_assignment_matches_the_single_matrix(monkeypatch):
    """Solving each connected component alone gives the same assignment as one big matrix."""
    doc_a, doc_b = _twins(300)
    whole = align(doc_a, doc_b, default_lexicon())
    monkeypatch.setattr(components, "DENSE_LIMIT", 0)
    assert align(doc_a, doc_b, default_lexicon()) == whole
