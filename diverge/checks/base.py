"""What every drift check is: rules with stable codes, run over one aligned pair of sentences.

A check module declares its `RULES` (code, kind, default severity, description) and a `Check`
subclass whose `run` yields findings for a `Pair`. Examples live as YAML cases beside the
checks (`checks/cases/<kind>.yml`); the tests run them and `diverge rules` prints them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar, TypeVar

from diverge.diff import Change, changes, token_key
from diverge.facts.memo import remember, side_facts, side_key
from diverge.lexicon import Lexicon
from diverge.model import Document, Entity, Finding, Sentence, Severity, Side, Span

T = TypeVar("T")


@dataclass(frozen=True)
class Rule:
    """One finding type: its stable code, kind, default severity and one-line description."""

    code: str
    kind: str
    severity: Severity
    description: str
    supersedes: tuple[str, ...] = ()
    """Codes of more general rules that say less about the same spans: when a finding of this
    rule and one of those cover exactly the same text on both sides, only this one is kept
    (a quote's speaker that changed is also a different person in the same slot)."""


@dataclass(frozen=True)
class Pair:
    """Aligned sentences of two documents (1-1, 1-2 or 2-1), handed to each check."""

    doc_a: Document
    doc_b: Document
    a: tuple[Sentence, ...]
    b: tuple[Sentence, ...]
    lexicon: Lexicon

    @functools.cached_property
    def text_a(self) -> str:
        return " ".join(s.text for s in self.a)

    @functools.cached_property
    def text_b(self) -> str:
        return " ".join(s.text for s in self.b)

    @functools.cached_property
    def tokens_a(self) -> tuple[Span, ...]:
        return _joined([s.tokens for s in self.a])

    @functools.cached_property
    def tokens_b(self) -> tuple[Span, ...]:
        return _joined([s.tokens for s in self.b])

    @functools.cached_property
    def entities_a(self) -> tuple[Entity, ...]:
        return _joined([s.entities for s in self.a])

    @functools.cached_property
    def entities_b(self) -> tuple[Entity, ...]:
        return _joined([s.entities for s in self.b])

    @functools.cached_property
    def keys_a(self) -> tuple[str, ...]:
        """`token_key` of each token of A, read once per side."""
        return self.memo("a", "token-keys", lambda: tuple(token_key(t.text) for t in self.tokens_a))

    @functools.cached_property
    def keys_b(self) -> tuple[str, ...]:
        return self.memo("b", "token-keys", lambda: tuple(token_key(t.text) for t in self.tokens_b))

    @functools.cached_property
    def changes(self) -> list[Change]:
        """The word-level differences of the pair, computed once for every check (and the diff
        itself once per pair of wordings, see `diverge.diff`)."""
        return changes(self.tokens_a, self.tokens_b, self.keys_a, self.keys_b)

    @functools.cached_property
    def _facts_a(self) -> dict[Hashable, Any]:
        return side_facts(side_key(self.doc_a.text, self.a))

    @functools.cached_property
    def _facts_b(self) -> dict[Hashable, Any]:
        return side_facts(side_key(self.doc_b.text, self.b))

    @functools.cached_property
    def _shared(self) -> dict[str, Any]:
        return {}

    def memo(self, which: str, name: str, compute: Callable[[], T]) -> T:
        """What `compute` derives from one side alone, computed once per side and lexicon.

        In a story of N outlets each sentence takes part in N-1 comparisons; facts read from
        one side (names, negations, quotes) need not be read again. Sides are keyed by the
        document text and the sentences' bounds (see `diverge.facts.memo`), so equal sides share
        an entry; the side's dict is looked up once per pair.
        """
        facts = self._facts_a if which == "a" else self._facts_b
        return remember(facts, name, self.lexicon, compute)

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """What `compute` derives from both sides, computed once for all the checks that ask
        (the diff runs with their token indices, say)."""
        try:
            return self._shared[name]  # type: ignore[no-any-return]
        except KeyError:
            value = self._shared[name] = compute()
            return value

    def side(self, which: str, spans: Sequence[Span]) -> Side:
        """A finding side: the given spans and the sentences of this pair that hold them."""
        sentences = self.a if which == "a" else self.b
        if len(sentences) == 1:  # the one sentence, whether or not it holds the spans
            return Side((sentences[0].index,), tuple(sorted(spans)))
        holding = tuple(
            s.index for s in sentences if any(s.start <= x.start and x.end <= s.end for x in spans)
        )
        return Side(holding or tuple(s.index for s in sentences), tuple(sorted(spans)))


def _joined(parts: Sequence[tuple[T, ...]]) -> tuple[T, ...]:
    """The parts end to end; a lone part as it is (most pairs are one sentence each)."""
    return parts[0] if len(parts) == 1 else tuple(x for part in parts for x in part)


class Check:
    """Base of every drift check: subclasses set RULES and implement `run`."""

    RULES: ClassVar[tuple[Rule, ...]] = ()
    _BY_CODE: ClassVar[dict[str, Rule]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._BY_CODE = {r.code: r for r in cls.RULES}

    def run(self, pair: Pair) -> Iterator[Finding]:
        raise NotImplementedError

    def rule(self, code: str) -> Rule:
        """This check's rule with the code, by one lookup (every finding asks)."""
        return self._BY_CODE[code]

    def finding(
        self,
        pair: Pair,
        code: str,
        message: str,
        a_spans: Iterable[Span],
        b_spans: Iterable[Span],
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of one of this check's rules, located by its spans on each side."""
        rule = self.rule(code)
        return Finding(
            code=rule.code,
            kind=rule.kind,
            severity=rule.severity if severity is None else severity,
            message=message,
            a=pair.side("a", list(a_spans)),
            b=pair.side("b", list(b_spans)),
        )


def span_of(text: str, start: int, end: int) -> Span:
    """A Span over `text[start:end]` of a document."""
    return Span(start, end, text[start:end])


@functools.cache
def load_cases(kind: str) -> list[dict[str, Any]]:
    """The YAML cases of one kind: dicts with `a`, `b`, `drift` (a code, or false) and `note`.

    PyYAML is imported here, not at the top: only `diverge rules` and the evaluation read the
    cases, and the import costs every compare about 25 ms.
    """
    import yaml

    path = resources.files("diverge").joinpath("checks", "cases", f"{kind}.yml")
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return list(data.get("cases", []))
