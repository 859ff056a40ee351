"""align: pair the sentences of two documents that tell the same thing.

Outlets reorder paragraphs, split and merge sentences and drop some, so alignment is a global
assignment over a similarity matrix rather than a walk in order, followed by a merge step for
1-2 and 2-1 pairs. The stages, one module each, run in this order:

- `profiles`: each sentence's stems, numbers and names, and folded words (once per document);
- `blocking`: the candidate pairs, those sharing a rare stem, a number or a name;
- `scoring`: the similarity of each candidate pair (`Scorer`) kept in a sparse matrix (`Scores`);
- `components`: the maximum-weight assignment, per connected component for long documents;
- `merge`: leftovers joined to pairs (1-2, 2-1), and leftovers absorbed by the other side.

Blocking and components are what align 2000x2000 sentences in well under a second; inputs the
size of news articles never reach either limit. Similarity only aligns: it never decides drift.
"""

from __future__ import annotations

from dataclasses import dataclass

from diverge.align.blocking import candidates
from diverge.align.components import assign
from diverge.align.merge import absorbed, group_score, merge
from diverge.align.profiles import document_profiles
from diverge.align.scoring import Scorer, Scores
from diverge.lexicon import Lexicon
from diverge.model import Alignment, Document

MIN_SIMILARITY = 0.26
"""Pairs scoring below this stay unmatched: they share too little to be the same statement. In
the seed articles 18 of the 21 pairs from 0.22 to 0.26 were two sentences that each outlet
carried alone; aligning them hid that coverage and raised drift between unrelated facts."""


@dataclass(frozen=True)
class Aligned:
    """The alignments of two documents, and where unmatched sentences' content went."""

    alignments: list[Alignment]
    absorbed_a: dict[int, int]
    """Unmatched sentence of A -> the sentence of B that contains most of its content."""
    absorbed_b: dict[int, int]


def align(doc_a: Document, doc_b: Document, lexicon: Lexicon) -> list[Alignment]:
    """The alignments of two documents, ordered by their first sentence in A then B."""
    return align_documents(doc_a, doc_b, lexicon).alignments


def align_documents(doc_a: Document, doc_b: Document, lexicon: Lexicon) -> Aligned:
    """Align two documents and say which unmatched sentences the other side absorbed.

    The work is always done in one order of the two documents (ties in the assignment and the
    merges could otherwise break differently), so aligning B with A mirrors A with B exactly.
    """
    if _orientation(doc_b) < _orientation(doc_a):
        mirrored = _align_documents(doc_b, doc_a, lexicon)
        return Aligned(
            sorted(
                (Alignment(al.b, al.a, al.similarity) for al in mirrored.alignments),
                key=lambda al: (al.a[0], al.b[0]),
            ),
            mirrored.absorbed_b,
            mirrored.absorbed_a,
        )
    return _align_documents(doc_a, doc_b, lexicon)


def _orientation(doc: Document) -> tuple[str, str]:
    """The order key of a document: its words, so that re-spacing a text does not flip it."""
    return " ".join(doc.text.split()), doc.id


def _align_documents(doc_a: Document, doc_b: Document, lexicon: Lexicon) -> Aligned:
    left, right = document_profiles(doc_a, lexicon), document_profiles(doc_b, lexicon)
    if not left or not right:
        return Aligned([], {}, {})
    scorer = Scorer(left, right)
    scores = Scores()
    for i, j in candidates(left, right, scorer):
        scores.add(i, j, scorer.score(left[i], right[j]))
    assigned = sorted(assign(scores, len(left), len(right)))
    pairs = [([i], [j]) for i, j in assigned if scores.get(i, j) >= MIN_SIMILARITY]
    pairs = merge(pairs, left, right, scores, scorer)
    result = [
        Alignment(
            a=tuple(left[i].index for i in sorted(a_side)),
            b=tuple(right[j].index for j in sorted(b_side)),
            similarity=round(group_score(a_side, b_side, left, right, scorer), 4),
        )
        for a_side, b_side in pairs
    ]
    matched_a = {i for a_side, _ in pairs for i in a_side}
    matched_b = {j for _, b_side in pairs for j in b_side}
    return Aligned(
        sorted(result, key=lambda al: (al.a[0], al.b[0])),
        absorbed(left, right, matched_a, scorer),
        absorbed(right, left, matched_b, scorer),
    )
