"""Word-level differences between aligned sentences, as spans into each document.

difflib's opcodes over token keys (case- and quote-mark-insensitive) give the changed runs; the
terminal view highlights them and the wording rule reports those no typed check explains.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from diverge.model import Span

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def token_key(text: str) -> str:
    """The form under which two tokens count as the same word."""
    return text.translate(_QUOTES).casefold()


@dataclass(frozen=True)
class Change:
    """One run of differing tokens: `op` is "replace", "delete" (only in A) or "insert"."""

    op: str
    a: tuple[Span, ...]
    b: tuple[Span, ...]


def changes(tokens_a: Sequence[Span], tokens_b: Sequence[Span]) -> list[Change]:
    """The differing runs between two token sequences, in order of A then B."""
    keys_a = [token_key(t.text) for t in tokens_a]
    keys_b = [token_key(t.text) for t in tokens_b]
    if keys_b < keys_a:
        # difflib's matching is not symmetric; always diffing in one order makes A-B the exact
        # mirror of B-A.
        return [
            Change(_MIRROR[c.op], c.b, c.a) for c in _changes(tokens_b, tokens_a, keys_b, keys_a)
        ]
    return _changes(tokens_a, tokens_b, keys_a, keys_b)


_MIRROR = {"replace": "replace", "delete": "insert", "insert": "delete"}


def _changes(
    tokens_a: Sequence[Span], tokens_b: Sequence[Span], keys_a: list[str], keys_b: list[str]
) -> list[Change]:
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    result = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            result.append(Change(op, tuple(tokens_a[i1:i2]), tuple(tokens_b[j1:j2])))
    return result


def merge_run(text: str, tokens: Sequence[Span]) -> Span | None:
    """One span from the first to the last of adjacent tokens (None when there are none)."""
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    return Span(start, end, text[start:end])
