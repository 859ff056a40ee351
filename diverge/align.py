"""align: pair the sentences of two documents that tell the same thing.

Outlets reorder paragraphs, split and merge sentences and drop some, so alignment is a global
assignment (scipy's linear_sum_assignment over a similarity matrix) rather than a walk in
order, followed by a merge step for 1-2 and 2-1 pairs. Similarity blends IDF-weighted overlap of
word stems, rapidfuzz's token ratio and the overlap of numbers and names. Only candidate pairs
that share a rare stem, a number or a name are scored. Long documents need two more economies
to align 2000x2000 sentences in well under a second: the most common blocking keys are dropped
until the candidate pairs fit a budget, and the assignment runs on each connected component of
the candidate graph (still a global optimum: pairs that are not candidates score zero). Inputs
the size of news articles never reach either limit.

Similarity only aligns: it never decides drift ("thousands of troops" and "tens of thousands of
troops" should align precisely because they differ in a fact).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from rapidfuzz import fuzz

from diverge.assignment import maximum_assignment
from diverge.facts.memo import lexicon_table, remember, side_facts, side_key
from diverge.lexicon import Lexicon, fold, load_data
from diverge.model import Alignment, Document, Sentence

MIN_SIMILARITY = 0.22
"""Pairs scoring below this stay unmatched: they share too little to be the same statement."""
MERGE_CONTAINMENT = 0.4
"""A leftover sentence joins a pair when this share of its weight is found in the partner."""
MERGE_MIN_STEMS = 3
"""A leftover needs this many content stems to join a pair: "Sources said" is contained anywhere."""
BLOCKING_STEMS = 8
"""Each sentence proposes candidates through its rarest stems (plus all its numbers and names)."""
CANDIDATE_BUDGET = 20_000
"""Below this many candidate pairs every blocking key is used; above, the commonest keys go."""
CANDIDATES_PER_SENTENCE = 4
"""For long documents the budget grows with their length: this many pairs per sentence."""
DENSE_LIMIT = 250_000
"""Up to this many cells (500x500) the assignment runs on one matrix; above, per component."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A crude stem (suffix stripped, cut to six letters): enough to match demand/demands."""
    word = word.casefold().replace("’", "'")
    word = word.split("'")[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


@dataclass(frozen=True)
class Profile:
    """What the aligner knows of a sentence."""

    index: int
    stems: frozenset[str]
    facts: frozenset[str]
    """Numbers and canonical names: strong evidence that two sentences tell the same thing."""
    plain: str
    ordered: str = ""
    """`plain` with its words sorted: token_sort_ratio's first step, done once per sentence."""


def _ordered(plain: str) -> str:
    return " ".join(sorted(plain.split()))


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_data("lexicon")["align"]["stopwords"])


def profile(
    sentence: Sentence,
    lexicon: Lexicon,
    stopwords: frozenset[str],
    memo: dict[str, tuple[str | None, str]] | None = None,
) -> Profile:
    """The sentence's profile. `memo` remembers, across sentences, each word's stem (None for a
    stopword) and folded form, and each entity's canonical name: it holds for one lexicon and
    one set of stopwords."""
    memo = {} if memo is None else memo
    words = _WORD.findall(sentence.text)
    stems = set()
    folded = []
    for w in words:
        known = memo.get(w)
        if known is None:
            known = memo[w] = (None if w.casefold() in stopwords else stem(w), fold(w))
        if known[0] is not None:
            stems.add(known[0])
        folded.append(known[1])
    facts = {_NOT_NUMBER.sub("", w) for w in words if not w.isalpha() and _DIGIT.search(w)}
    for e in sentence.entities:
        if e.label not in _NUMERIC:
            key = "\x00" + e.text
            name = memo.get(key)
            if name is None:
                name = memo[key] = (None, lexicon.canonical(e.text))
            facts.add(name[1])
    plain = " ".join(folded)
    return Profile(
        sentence.index, frozenset(stems), frozenset(f for f in facts if f), plain, _ordered(plain)
    )


_NUMERIC = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"}
_DIGIT = re.compile(r"\d")
_NOT_NUMBER = re.compile(r"[^\d.]")


class Scorer:
    """Scores sentence pairs of two documents with IDF weights over both."""

    def __init__(self, left: Sequence[Profile], right: Sequence[Profile]) -> None:
        frequency: dict[str, int] = defaultdict(int)
        for p in (*left, *right):
            for s in p.stems:
                frequency[s] += 1
        total = len(left) + len(right) + 1
        self.idf = {s: math.log(total / n) + 0.5 for s, n in frequency.items()}
        self._weights: dict[frozenset[str], float] = {}
        self._rarity: dict[str, tuple[float, str]] | None = None

    def rarity(self) -> dict[str, tuple[float, str]]:
        """Sort key of each stem, rarest first (ties by spelling), computed once per pair."""
        if self._rarity is None:
            self._rarity = {s: (-w, s) for s, w in self.idf.items()}
        return self._rarity

    def weight(self, stems: frozenset[str]) -> float:
        return sum(map(self.idf.get, stems, repeat(1.0)))

    def _whole(self, stems: frozenset[str]) -> float:
        """The weight of a sentence's stems, remembered (each sentence is scored many times)."""
        found = self._weights.get(stems)
        if found is None:
            found = self._weights[stems] = self.weight(stems)
        return found

    def score(self, a: Profile, b: Profile) -> float:
        shared = self.weight(a.stems & b.stems)
        total = self._whole(a.stems) + self._whole(b.stems)
        lexical = 2 * shared / total if total else 0.0
        ratio = fuzz.ratio(a.ordered, b.ordered) / 100  # = token_sort_ratio(a.plain, b.plain)
        if a.facts or b.facts:
            facts = len(a.facts & b.facts) / len(a.facts | b.facts)
            return 0.55 * lexical + 0.2 * ratio + 0.25 * facts
        return 0.7 * lexical + 0.3 * ratio

    def containment(self, part: Profile, whole: Profile, weight: float | None = None) -> float:
        """Share of `part`'s weight found in `whole`: is `part` a piece of what `whole` says?
        `weight` is `part`'s own weight when the caller measures it against many wholes."""
        weight = self.weight(part.stems) if weight is None else weight
        return self.weight(part.stems & whole.stems) / weight if weight else 0.0


def candidates(
    left: Sequence[Profile], right: Sequence[Profile], scorer: Scorer
) -> set[tuple[int, int]]:
    """Positions (i, j) that share a rare stem or a fact; only these are scored.

    When the documents are too long for every pair to fit the budget, keys are taken rarest
    first and the commonest ones (a name or a word in hundreds of sentences says little about
    which two are the same) are left out once the budget is spent, except that each sentence
    keeps its rarest shared key, so that no sentence loses every candidate.
    """
    index_a: dict[str, list[int]] = defaultdict(list)
    index_b: dict[str, list[int]] = defaultdict(list)
    keys_a = [_keys(p, scorer) for p in left]
    keys_b = [_keys(p, scorer) for p in right]
    for i, keys in enumerate(keys_a):
        for key in keys:
            index_a[key].append(i)
    for j, keys in enumerate(keys_b):
        for key in keys:
            index_b[key].append(j)
    size = {k: len(index_a[k]) * len(index_b[k]) for k in index_a if k in index_b}
    budget = max(CANDIDATE_BUDGET, CANDIDATES_PER_SENTENCE * (len(left) + len(right)))
    pairs: set[tuple[int, int]] = set()
    if len(left) * len(right) <= budget:
        for key in sorted(size):
            pairs.update((i, j) for i in index_a[key] for j in index_b[key])
        return pairs
    kept = {
        min((size[k], k) for k in keys if k in size)[1]
        for keys in (*keys_a, *keys_b)
        if any(k in size for k in keys)
    }
    for proposed, key in sorted((n, k) for k, n in size.items()):
        if key in kept or len(pairs) + proposed <= budget:
            pairs.update((i, j) for i in index_a[key] for j in index_b[key])
    return pairs


def _keys(p: Profile, scorer: Scorer) -> list[str]:
    rarity = scorer.rarity()  # holds every stem of both documents
    rare = sorted(p.stems, key=rarity.__getitem__)[:BLOCKING_STEMS]
    return rare + ["\x00" + f for f in sorted(p.facts)]


ABSORBED_CONTAINMENT = 0.6
"""An unmatched sentence this much contained in one sentence of the other side was merged into
it by the rewrite (which already pairs with something else): its facts were not dropped."""


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


def _profiles(doc: Document, lexicon: Lexicon) -> list[Profile]:
    """The profiles of a document's sentences (boilerplate left out), computed once per
    document and lexicon: in a story of N outlets each document is aligned N-1 times."""

    def compute() -> list[Profile]:
        stopwords = _stopwords()
        memo: dict[str, tuple[str | None, str]] = lexicon_table("align-words", lexicon, dict)
        if len(memo) >= _WORDS_KEPT:
            memo.clear()
        return [profile(s, lexicon, stopwords, memo) for s in doc.sentences if not s.boilerplate]

    return remember(side_facts(side_key(doc.text, doc.sentences)), "align", lexicon, compute)


_WORDS_KEPT = 1 << 17
"""Words (and entity names) whose stem and folded form the aligner remembers."""


def _align_documents(doc_a: Document, doc_b: Document, lexicon: Lexicon) -> Aligned:
    left, right = _profiles(doc_a, lexicon), _profiles(doc_b, lexicon)
    if not left or not right:
        return Aligned([], {}, {})
    scorer = Scorer(left, right)
    scores = Scores()
    for i, j in candidates(left, right, scorer):
        scores.add(i, j, scorer.score(left[i], right[j]))
    assigned = sorted(_assign(scores, len(left), len(right)))
    pairs = [([i], [j]) for i, j in assigned if scores.get(i, j) >= MIN_SIMILARITY]
    pairs = _merge(pairs, left, right, scores, scorer)
    result = [
        Alignment(
            a=tuple(left[i].index for i in sorted(a_side)),
            b=tuple(right[j].index for j in sorted(b_side)),
            similarity=round(_group_score(a_side, b_side, left, right, scorer), 4),
        )
        for a_side, b_side in pairs
    ]
    matched_a = {i for a_side, _ in pairs for i in a_side}
    matched_b = {j for _, b_side in pairs for j in b_side}
    return Aligned(
        sorted(result, key=lambda al: (al.a[0], al.b[0])),
        _absorbed(left, right, matched_a, scorer),
        _absorbed(right, left, matched_b, scorer),
    )


def _absorbed(
    own: Sequence[Profile], other: Sequence[Profile], matched: set[int], scorer: Scorer
) -> dict[int, int]:
    """Unmatched sentences whose content sits inside one sentence of the other side."""
    found = {}
    for i, p in enumerate(own):
        if i in matched or len(p.stems) < MERGE_MIN_STEMS:
            continue
        weight = scorer.weight(p.stems)
        best = max(other, key=lambda q: (scorer.containment(p, q, weight), -q.index))
        if scorer.containment(p, best, weight) >= ABSORBED_CONTAINMENT:
            found[p.index] = best.index
    return found


class Scores:
    """The scored candidate pairs: a sparse matrix (absent pairs score zero)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], float] = {}
        self.rows: dict[int, list[int]] = defaultdict(list)
        self.cols: dict[int, list[int]] = defaultdict(list)

    def add(self, i: int, j: int, score: float) -> None:
        if score:
            self.cells[i, j] = score
            self.rows[i].append(j)
            self.cols[j].append(i)

    def get(self, i: int, j: int) -> float:
        return self.cells.get((i, j), 0.0)

    def in_row(self, i: int) -> list[int]:
        return sorted(self.rows.get(i, ()))

    def in_col(self, j: int) -> list[int]:
        return sorted(self.cols.get(j, ()))


def _assign(scores: Scores, n_left: int, n_right: int) -> list[tuple[int, int]]:
    """A maximum-weight assignment: one matrix when small, else one per connected component."""
    if n_left * n_right <= DENSE_LIMIT:
        matrix = [[0.0] * n_right for _ in range(n_left)]
        for (i, j), value in scores.cells.items():
            matrix[i][j] = value
        return maximum_assignment(matrix)
    parent = list(range(n_left + n_right))  # union-find: left i is node i, right j is n_left + j

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in scores.cells:
        parent[root(n_left + j)] = root(i)
    members: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in sorted(scores.rows):
        members[root(i)][0].append(i)
    for j in sorted(scores.cols):
        members[root(n_left + j)][1].append(j)
    result = []
    for rows_of, cols_of in members.values():
        sub = [[scores.get(i, j) for j in cols_of] for i in rows_of]
        result += [(rows_of[r], cols_of[c]) for r, c in maximum_assignment(sub)]
    return result


def _merge(
    pairs: list[tuple[list[int], list[int]]],
    left: Sequence[Profile],
    right: Sequence[Profile],
    scores: Scores,
    scorer: Scorer,
) -> list[tuple[list[int], list[int]]]:
    """Attach leftover sentences to a pair whose partner contains them (1-2 and 2-1).

    A leftover B sentence j joins the pair of A sentence i when most of j's weight appears in
    i and the joined pair scores better than the pair alone; the same for leftover A sentences.
    Each pair grows by at most one sentence on one side.
    """
    used_a = {i for a, _ in pairs for i in a}
    used_b = {j for _, b in pairs for j in b}
    by_a = {a[0]: n for n, (a, _) in enumerate(pairs)}
    by_b = {b[0]: n for n, (_, b) in enumerate(pairs)}
    grown: set[int] = set()
    proposals = []
    for j in range(len(right)):
        if j in used_b:
            continue
        for i in scores.in_col(j):
            n = by_a.get(i)
            if n is not None:
                c = scorer.containment(right[j], left[i])
                proposals.append((c, scores.get(i, j), "b", j, n))
    for i in range(len(left)):
        if i in used_a:
            continue
        for j in scores.in_row(i):
            n = by_b.get(j)
            if n is not None:
                c = scorer.containment(left[i], right[j])
                proposals.append((c, scores.get(i, j), "a", i, n))
    for c, _, side, k, n in sorted(proposals, key=lambda p: (-p[0], -p[1], p[2], p[3], p[4])):
        leftover = right[k] if side == "b" else left[k]
        if c < MERGE_CONTAINMENT or n in grown or len(leftover.stems) < MERGE_MIN_STEMS:
            continue
        if (side == "b" and k in used_b) or (side == "a" and k in used_a):
            continue
        a_side, b_side = pairs[n]
        before = _group_score(a_side, b_side, left, right, scorer)
        after_a = a_side + [k] if side == "a" else a_side
        after_b = b_side + [k] if side == "b" else b_side
        if _group_score(after_a, after_b, left, right, scorer) > before:
            pairs[n] = (after_a, after_b)
            grown.add(n)
            (used_a if side == "a" else used_b).add(k)
    return pairs


def _group_score(
    a_side: Sequence[int],
    b_side: Sequence[int],
    left: Sequence[Profile],
    right: Sequence[Profile],
    scorer: Scorer,
) -> float:
    joined_a = _join([left[i] for i in sorted(a_side)])
    return scorer.score(joined_a, _join([right[j] for j in sorted(b_side)]))


def _join(profiles: Sequence[Profile]) -> Profile:
    if len(profiles) == 1:
        return profiles[0]
    plain = " ".join(p.plain for p in profiles)
    return Profile(
        profiles[0].index,
        frozenset().union(*(p.stems for p in profiles)),
        frozenset().union(*(p.facts for p in profiles)),
        plain,
        _ordered(plain),
    )
