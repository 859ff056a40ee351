"""quote: the words inside quotation marks, and the person they are attributed to.

A paraphrase may reword a sentence freely, but not what it puts between quotation marks: the
marks promise the speaker's own words. This check pairs the quotations of two aligned sentences
by the words they share, then compares each pair word by word, so that "convincing and
substantive" quoted as "cogent and substantive" is drift even when the sentence around it was
rewritten. A quotation one outlet trims (fewer words at either end) or shortens with an ellipsis
is not drift; a quotation one side drops altogether is coverage, not this check.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from rapidfuzz.distance import LCSseq

from diverge.checks.base import Check, Pair, Rule, span_of
from diverge.facts.quotes import (
    Quote,
    has_ellipsis,
    quotes_of,
    same_speaker,
    speaker,
    word_keys,
    word_stem,
)
from diverge.model import Finding, Severity, Span

CHANGED = Rule(
    "DV501", "quote", Severity.MAJOR, "The words inside a quotation changed between outlets."
)
SPEAKER = Rule(
    "DV502",
    "quote",
    Severity.MAJOR,
    "A quotation is attributed to a different speaker.",
    supersedes=("DV301",),
)
RULES = (CHANGED, SPEAKER)

MIN_SHARED = 0.5
"""Share of the shorter quotation's words the two must have in common to be the same quote."""
MIN_UNQUOTED_WORDS = 4
"""A quotation this long whose words appear unquoted on the other side lost its marks."""
MAX_CHANGES = 3
"""More separate changes than this in one quotation are reported as one rewrite."""
CONTEXT_WORDS = 5
"""Words of the quotation shown either side of a change in the message."""

Words = list[tuple[str, Span]]


class QuoteCheck(Check):
    RULES = RULES

    def run(self, pair: Pair) -> Iterator[Finding]:
        quotes_a = pair.memo("a", "quotes", lambda: quotes_of(pair.doc_a, pair.a))
        quotes_b = pair.memo("b", "quotes", lambda: quotes_of(pair.doc_b, pair.b))
        if not quotes_a and not quotes_b:
            return
        words_a = pair.memo("a", "quote-words", lambda: _keys(pair.doc_a.text, quotes_a))
        words_b = pair.memo("b", "quote-words", lambda: _keys(pair.doc_b.text, quotes_b))
        links = _links(words_a, words_b)
        links |= _short_links(pair, quotes_a, quotes_b, links)
        for i, j in sorted(links):
            yield from self._compare(pair, quotes_a[i], quotes_b[j], words_a[i], words_b[j])
            yield from self._speakers(pair, quotes_a[i], quotes_b[j])
        yield from self._unquoted(pair, words_a, {i for i, _ in links}, "a")
        yield from self._unquoted(pair, words_b, {j for _, j in links}, "b")

    def _compare(self, pair: Pair, qa: Quote, qb: Quote, wa: Words, wb: Words) -> Iterator[Finding]:
        text_a, text_b = pair.doc_a.text, pair.doc_b.text
        stems_a = [word_stem(k) for k, _ in wa]
        stems_b = [word_stem(k) for k, _ in wb]
        opcodes = difflib.SequenceMatcher(None, stems_a, stems_b, autojunk=False).get_opcodes()
        matched = sum(i2 - i1 for op, i1, i2, _, _ in opcodes if op == "equal")
        found = [(op, _change(op, wa, wb, text_a, text_b, *r)) for op, *r in opcodes]
        ops = [op for op, c in found if c]
        changes = [c for _, c in found if c]
        changed = sum(
            max(i2 - i1, j2 - j1) - (2 if op != "replace" else 0)
            for op, (i1, i2, j1, j2) in zip(ops, changes, strict=True)
        )
        rewritten = changed > matched or len(changes) > MAX_CHANGES
        if changes and rewritten and min(len(wa), len(wb)) > 3:
            a, b = _run(text_a, [s for _, s in wa]), _run(text_b, [s for _, s in wb])
            yield self.finding(
                pair, CHANGED.code, f"quotation rewritten: “{a.text}” vs “{b.text}”", [a], [b]
            )
            return
        for i1, i2, j1, j2 in changes:
            a = _run(text_a, [s for _, s in wa[i1:i2]])
            b = _run(text_b, [s for _, s in wb[j1:j2]])
            context = _context(text_a, wa, i1, i2)
            where = f" in “{context}”" if context != "..." else ""
            yield self.finding(
                pair, CHANGED.code, f"quotation changed: '{a.text}' -> '{b.text}'{where}", [a], [b]
            )
        for op, i1, i2, j1, j2 in opcodes:
            if op != "equal":
                continue
            for offset, ((ka, sa), (kb, sb)) in enumerate(zip(wa[i1:i2], wb[j1:j2], strict=True)):
                if ka != kb:
                    context = _context(text_a, wa, i1 + offset, i1 + offset + 1)
                    yield self.finding(
                        pair,
                        CHANGED.code,
                        f"quotation changed: '{sa.text}' -> '{sb.text}' (another form of the "
                        f"word) in “{context}”",
                        [sa],
                        [sb],
                        severity=Severity.MINOR,
                    )

    def _speakers(self, pair: Pair, qa: Quote, qb: Quote) -> Iterator[Finding]:
        who_a = speaker(pair.doc_a.text, pair.tokens_a, pair.entities_a, qa)
        who_b = speaker(pair.doc_b.text, pair.tokens_b, pair.entities_b, qb)
        if who_a is None or who_b is None or same_speaker(who_a.text, who_b.text, pair.lexicon):
            return
        a = span_of(pair.doc_a.text, who_a.start, who_a.end)
        b = span_of(pair.doc_b.text, who_b.start, who_b.end)
        yield self.finding(
            pair,
            SPEAKER.code,
            f"quotation attributed to a different speaker: '{a.text}' vs '{b.text}'",
            [a],
            [b],
        )

    def _unquoted(
        self, pair: Pair, words: list[Words], linked: set[int], which: str
    ) -> Iterator[Finding]:
        """A long quotation whose words the other side carries without quotation marks."""
        other = pair.tokens_b if which == "a" else pair.tokens_a
        other_stems = [word_stem(t.text.lower()) for t in other if any(c.isalnum() for c in t.text)]
        text = pair.doc_a.text if which == "a" else pair.doc_b.text
        for index, quote in enumerate(words):
            if index in linked or len(quote) < MIN_UNQUOTED_WORDS:
                continue
            stems = [word_stem(k) for k, _ in quote]
            if LCSseq.similarity(stems, other_stems) < 0.9 * len(stems):
                continue
            span = _run(text, [s for _, s in quote])
            verb = "dropped" if which == "a" else "added"
            message = f"quotation marks {verb}: “{span.text}” quoted in {which.upper()} only"
            yield self.finding(
                pair,
                CHANGED.code,
                message,
                [span] if which == "a" else [],
                [span] if which == "b" else [],
                severity=Severity.MINOR,
            )


def _keys(text: str, quotes: Sequence[Quote]) -> list[Words]:
    """The word keys of each quotation of one side (read once per side)."""
    return [word_keys(text, q) for q in quotes]


def _links(words_a: list[Words], words_b: list[Words]) -> set[tuple[int, int]]:
    """Which quotations of A and B are the same quotation: each side's best match by shared
    words, so one quotation may pair with two (an outlet that split or merged it)."""
    stems_a = [[word_stem(k) for k, _ in w] for w in words_a]
    stems_b = [[word_stem(k) for k, _ in w] for w in words_b]
    scores: dict[tuple[int, int], float] = {}
    for i, sa in enumerate(stems_a):
        for j, sb in enumerate(stems_b):
            shared = LCSseq.similarity(sa, sb)
            shortest = min(len(sa), len(sb))
            if shortest and shared / shortest >= MIN_SHARED and (shortest < 3 or shared >= 2):
                scores[(i, j)] = shared + shared / max(len(sa), len(sb))
    links = set()
    for i in range(len(stems_a)):
        candidates = [(s, j) for (x, j), s in scores.items() if x == i]
        if candidates:
            links.add((i, max(candidates)[1]))
    for j in range(len(stems_b)):
        candidates = [(s, i) for (i, y), s in scores.items() if y == j]
        if candidates:
            links.add((max(candidates)[1], j))
    return links


def _short_links(
    pair: Pair, quotes_a: Sequence[Quote], quotes_b: Sequence[Quote], links: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """A lone short quotation on each side, with no words in common but the same word right
    before or after the marks ("called the talks “productive”" / "“useful”"), is one quote."""
    left_a = [i for i in range(len(quotes_a)) if all(i != x for x, _ in links)]
    left_b = [j for j in range(len(quotes_b)) if all(j != y for _, y in links)]
    if len(left_a) != 1 or len(left_b) != 1:
        return set()
    qa, qb = quotes_a[left_a[0]], quotes_b[left_b[0]]
    if len(qa.words) > 3 or len(qb.words) > 3:
        return set()
    before_a, after_a = _neighbours(pair.tokens_a, qa)
    before_b, after_b = _neighbours(pair.tokens_b, qb)
    if (before_a and before_a == before_b) or (after_a and after_a == after_b):
        return {(left_a[0], left_b[0])}
    return set()


def _neighbours(tokens: Sequence[Span], quote: Quote) -> tuple[str, str]:
    """The words just before the opening mark and just after the closing mark (folded)."""
    words = [t for t in tokens if any(c.isalnum() for c in t.text)]
    before = [t for t in words if t.end <= quote.opened]
    after = [t for t in words if quote.closed is not None and t.start > quote.closed]
    return (
        before[-1].text.lower() if before else "",
        after[0].text.lower() if after else "",
    )


def _change(
    op: str, wa: Words, wb: Words, text_a: str, text_b: str, i1: int, i2: int, j1: int, j2: int
) -> tuple[int, int, int, int] | None:
    """The word ranges of one difference that counts as a changed quotation, or None.

    Words missing at either end are a trimmed quotation, not a changed one; a gap marked by an
    ellipsis is an omission the writer owned up to. A word added or dropped inside the quote
    is reported with its neighbours, so both sides name a value ("will not go" / "will go").
    """
    if op == "equal":
        return None
    if op == "replace":
        size_a, size_b = i2 - i1, j2 - j1
        if i1 == 0 and j1 > 0 and size_b > size_a:
            j1 = j2 - size_a
        elif j1 == 0 and i1 > 0 and size_a > size_b:
            i1 = i2 - size_b
        if i2 == len(wa) and j2 < len(wb) and size_b > size_a:
            j2 = j1 + size_a
        elif j2 == len(wb) and i2 < len(wa) and size_a > size_b:
            i2 = i1 + size_b
        return i1, i2, j1, j2
    inside_a = i1 > 0 and i2 < len(wa)
    inside_b = j1 > 0 and j2 < len(wb)
    if not (inside_a and inside_b):
        return None
    if op == "delete" and has_ellipsis(text_b, wb[j1 - 1][1].end, wb[j1][1].start):
        return None
    if op == "insert" and has_ellipsis(text_a, wa[i1 - 1][1].end, wa[i1][1].start):
        return None
    return i1 - 1, i2 + 1, j1 - 1, j2 + 1


def _run(text: str, spans: Sequence[Span]) -> Span:
    return span_of(text, spans[0].start, spans[-1].end)


def _context(text: str, words: Words, i1: int, i2: int) -> str:
    """The quotation around a change, the changed words shown as "..." (they are named
    already), cut to a few words either side."""
    lo, hi = max(0, i1 - CONTEXT_WORDS), min(len(words), i2 + CONTEXT_WORDS)
    left = text[words[lo][1].start : words[i1 - 1][1].end] if i1 > lo else ""
    right = text[words[i2][1].start : words[hi - 1][1].end] if hi > i2 else ""
    parts = ["..." if lo > 0 else "", left, "...", right, "..." if hi < len(words) else ""]
    return " ".join(p for p in parts if p).replace("... ...", "...")
