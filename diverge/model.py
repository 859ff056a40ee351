"""The records that flow through diverge: read -> segment -> align -> compare -> report.

Every stage takes and returns these frozen dataclasses, so a stage can be tested alone and the
reporters build every format from the same sorted records. This module imports nothing else
from the package.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that `>=` means "at least as serious"."""

    INFO = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Read a severity from its lower-case name ("major"); ValueError when unknown."""
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (choose from {choices})") from None


class ExitCode(enum.IntEnum):
    """The process exit codes, computed in one place (the CLI)."""

    CLEAN = 0
    DRIFT = 1
    ERROR = 2
    INTERRUPTED = 130


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of a document's decoded text; `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A named entity found by spaCy, with its label (PERSON, ORG, GPE, DATE, ...)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Sentence:
    """One sentence (or headline, byline, dateline line) of a document."""

    index: int
    start: int
    end: int
    text: str
    boilerplate: bool = False
    tokens: tuple[Span, ...] = ()
    """Word tokens, offsets into the document text (not into the sentence)."""
    entities: tuple[Entity, ...] = ()
    """Named entities, offsets into the document text."""


@dataclass(frozen=True)
class Article:
    """A decoded input text before any analysis."""

    id: str
    """File name without extension (compare) or path relative to the audit root (audit)."""
    path: str
    """As given by the user; "-" for standard input."""
    text: str
    """Decoded text, BOM dropped, line endings kept: every offset indexes this string."""


@dataclass(frozen=True)
class Document:
    """An article split into sentences with its tokens and entities."""

    id: str
    path: str
    text: str
    sentences: tuple[Sentence, ...]

    def sentence_spans(self, indices: tuple[int, ...] | list[int]) -> list[Sentence]:
        return [self.sentences[i] for i in indices]


@dataclass(frozen=True)
class Alignment:
    """Sentences of A and of B that tell the same thing (1-1, 1-2 or 2-1)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float


@dataclass(frozen=True)
class Side:
    """Where a finding sits in one document; empty for the missing side of a coverage finding."""

    sentences: tuple[int, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One difference between two documents, typed and explained."""

    code: str
    kind: str
    severity: Severity
    message: str
    a: Side
    b: Side
    id: str = ""
    """Stable across runs: a hash of code, documents and span texts (see `with_id`)."""

    def sort_key(self) -> tuple[int, int, int, str, str]:
        first_a = self.a.sentences[0] if self.a.sentences else -1
        first_b = self.b.sentences[0] if self.b.sentences else -1
        start = (
            self.a.spans[0].start
            if self.a.spans
            else (self.b.spans[0].start if self.b.spans else -1)
        )
        return (first_a if first_a >= 0 else first_b, first_b, start, self.code, self.message)

    def with_id(self, doc_a: str, doc_b: str, occurrence: int = 0) -> Finding:
        """Give the finding its stable id.

        The id names the code, both documents and the texts of the spans (whitespace squeezed),
        not their offsets, so that an edit elsewhere in a file or a re-wrap leaves it unchanged;
        `occurrence` tells apart identical findings within one comparison.
        """
        parts = [self.code, doc_a, doc_b]
        parts += ["a:" + " ".join(s.text.split()) for s in self.a.spans] or ["a:-"]
        parts += ["b:" + " ".join(s.text.split()) for s in self.b.spans] or ["b:-"]
        if not self.a.spans and not self.b.spans:
            parts.append(self.message)
        parts.append(str(occurrence))
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
        return Finding(self.code, self.kind, self.severity, self.message, self.a, self.b, digest)


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two documents."""

    a: str
    b: str
    alignments: tuple[Alignment, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Report:
    """Everything a reporter renders."""

    documents: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    extras: dict[str, object] = field(default_factory=dict, compare=False)
    """Command-specific additions (audit's consensus and baseline status)."""
