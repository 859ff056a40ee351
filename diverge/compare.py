"""compare: align two documents, run every check on each aligned pair, and add coverage.

This is the pure core (no I/O): documents in, a Comparison out. Typed checks explain the
differences they recognise; the word differences they leave unexplained become `wording`
(info), and sentences the aligner left alone become `coverage` findings.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from diverge.align import align_documents
from diverge.checks import Check, Pair, all_checks, all_rules
from diverge.checks.wording import COVERAGE, WORDING
from diverge.config import Settings
from diverge.lexicon import Lexicon
from diverge.model import Comparison, Document, Finding, Sentence, Severity, Side, Span

COVERAGE_MIN_TOKENS = 6
"""Shorter unmatched lines (headlines, bylines, kickers) are reported as info, not drift."""
LOOSE_ALIGNMENT = 0.3
"""Pairs aligned below this similarity (and above the aligner's MIN_SIMILARITY) share little
more than a name and a word or two, and are about as often two different statements, each left
over by its outlet, as one (in the seed articles, half were). Their findings say so and are
reported one severity lower, never below minor: a likely false alarm should be seen but not
fail a build."""


def compare(
    doc_a: Document,
    doc_b: Document,
    lexicon: Lexicon,
    settings: Settings,
    checks: Sequence[Check] | None = None,
) -> Comparison:
    """Compare two segmented documents: alignments and findings, sorted and with stable ids."""
    checks = all_checks() if checks is None else checks
    aligned = align_documents(doc_a, doc_b, lexicon)
    alignments = aligned.alignments
    findings: list[Finding] = []
    for alignment in alignments:
        pair = Pair(
            doc_a,
            doc_b,
            tuple(doc_a.sentences[i] for i in alignment.a),
            tuple(doc_b.sentences[j] for j in alignment.b),
            lexicon,
        )
        findings.extend(_loosened(_pair_findings(pair, checks), alignment.similarity))
    matched_a = {i for al in alignments for i in al.a}
    matched_b = {j for al in alignments for j in al.b}
    findings.extend(_coverage(doc_a, matched_a, "a", aligned.absorbed_a, doc_b))
    findings.extend(_coverage(doc_b, matched_b, "b", aligned.absorbed_b, doc_a))
    findings = settings.apply(findings)
    return Comparison(
        doc_a.id, doc_b.id, tuple(alignments), _identify(findings, doc_a.id, doc_b.id)
    )


def _pair_findings(pair: Pair, checks: Sequence[Check]) -> list[Finding]:
    """Typed findings of the pair, plus wording findings for differences none of them covers."""
    typed: list[Finding] = []
    wording: list[Finding] = []
    for check in checks:
        for finding in check.run(pair):
            (wording if finding.code == WORDING.code else typed).append(finding)
    covered_a = [s for f in typed for s in f.a.spans]
    covered_b = [s for f in typed for s in f.b.spans]
    for finding in wording:
        if _overlaps(finding.a.spans, covered_a) or _overlaps(finding.b.spans, covered_b):
            continue
        typed.append(finding)
    return _dedupe(typed)


def _loosened(findings: list[Finding], similarity: float) -> list[Finding]:
    """The findings of a loosely aligned pair marked as such, one severity lower (not below
    minor); those of a well aligned pair as they are."""
    if similarity >= LOOSE_ALIGNMENT:
        return findings
    return [
        f
        if f.severity == Severity.INFO
        else replace(
            f,
            severity=max(Severity(f.severity - 1), Severity.MINOR),
            message=f"{f.message}; the sentences are loosely aligned (similarity {similarity:.2f})",
        )
        for f in findings
    ]


def _overlaps(spans: Iterable[Span], covered: Sequence[Span]) -> bool:
    return any(s.start < c.end and c.start < s.end for s in spans for c in covered)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact repeats (two checks, or one check twice, reporting the same spans and code)
    and findings a more specific rule supersedes on exactly the same spans (`Rule.supersedes`):
    one edit, one finding."""
    superseded = {
        (code, f.a.spans, f.b.spans) for f in findings for code in _supersedes().get(f.code, ())
    }
    seen = set()
    unique = []
    for f in findings:
        key = (f.code, f.a.spans, f.b.spans)
        if key not in seen and key not in superseded:
            seen.add(key)
            unique.append(f)
    return unique


@functools.lru_cache(maxsize=1)
def _supersedes() -> dict[str, tuple[str, ...]]:
    return {r.code: r.supersedes for r in all_rules() if r.supersedes}


def _coverage(
    doc: Document, matched: set[int], side: str, absorbed: dict[int, int], other: Document
) -> Iterable[Finding]:
    """Coverage findings for unmatched sentences; info when the other side absorbed the content
    into a sentence it pairs elsewhere (a merge the 1-2 aligner could not express)."""
    for sentence in doc.sentences:
        if sentence.boilerplate or sentence.index in matched:
            continue
        here = Side((sentence.index,), (Span(sentence.start, sentence.end, sentence.text),))
        missing = "B" if side == "a" else "A"
        severity = _coverage_severity(sentence)
        message = f"only in {doc.id}; {missing} has no matching sentence: '{_clip(sentence.text)}'"
        if is_heading(sentence, doc.text):
            severity = Severity.INFO
            line = _clip(sentence.text)
            message = f"a headline, caption or credit line only in {doc.id}: '{line}'"
        if sentence.index in absorbed:
            severity = Severity.INFO
            message = (
                f"not a sentence of its own in {other.id}: its content is in {missing}'s sentence "
                f"{absorbed[sentence.index]}: '{_clip(sentence.text)}'"
            )
        yield Finding(
            code=COVERAGE.code,
            kind=COVERAGE.kind,
            severity=severity,
            message=message,
            a=here if side == "a" else Side(),
            b=here if side == "b" else Side(),
        )


SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "'", "’", ":", ";")
"""How a line of prose ends; a line that ends otherwise is a headline, sub-heading or caption."""


def is_heading(sentence: Sentence, text: str) -> bool:
    """Whether the sentence is a whole line of `text` (its document) with no sentence-final
    punctuation: a headline, sub-heading or photo caption. Outlets write their own, so one only
    an outlet has is no dropped fact of the story."""
    starts_line = sentence.start == 0 or text[sentence.start - 1] in "\r\n"
    rest_of_line = text[sentence.end :].split("\n", 1)[0]
    return starts_line and not rest_of_line.strip() and not sentence.text.endswith(SENTENCE_ENDS)


def _coverage_severity(sentence: Sentence) -> Severity:
    return COVERAGE.severity if len(sentence.tokens) >= COVERAGE_MIN_TOKENS else Severity.INFO


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _identify(findings: list[Finding], doc_a: str, doc_b: str) -> tuple[Finding, ...]:
    """Sort findings and give each its stable id (an occurrence counter separates twins)."""
    ordered = sorted(findings, key=Finding.sort_key)
    seen: Counter[tuple[object, ...]] = Counter()
    result = []
    for f in ordered:
        key = (
            f.code,
            tuple(s.text for s in f.a.spans),
            tuple(s.text for s in f.b.spans),
            f.message if not (f.a.spans or f.b.spans) else "",
        )
        result.append(f.with_id(doc_a, doc_b, seen[key]))
        seen[key] += 1
    return tuple(result)
