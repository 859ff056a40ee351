"""Word-level differences between aligned sentences, as spans into each document.

difflib's opcodes over token keys (case- and quote-mark-insensitive) give the changed runs; the
terminal view highlights them and the wording rule reports those no typed check explains.

Both halves are remembered. Every check reads tokens through `token_key`, a quarter of a
million times in an audit of 400 comparisons. And the diff depends on the two key sequences
alone, which recur: outlets that carry the same wire sentence pair it with the same sentence of
every other outlet, so the opcodes are kept by content and only re-attached to each pair's
tokens.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from diverge.model import Span

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

Opcode = tuple[str, int, int, int, int]
"""A differing run by token index: (op, i1, i2, j1, j2), as difflib gives it."""


@functools.lru_cache(maxsize=1 << 16)
def token_key(text: str) -> str:
    """The form under which two tokens count as the same word (cached: news reuses its words)."""
    return text.translate(_QUOTES).casefold()


@dataclass(frozen=True)
class Change:
    """One run of differing tokens: `op` is "replace", "delete" (only in A) or "insert"."""

    op: str
    a: tuple[Span, ...]
    b: tuple[Span, ...]


def changes(
    tokens_a: Sequence[Span],
    tokens_b: Sequence[Span],
    keys_a: Sequence[str] | None = None,
    keys_b: Sequence[str] | None = None,
) -> list[Change]:
    """The differing runs between two token sequences, in order of A then B.

    `keys_a` and `keys_b` are the tokens' `token_key`s when the caller has them already.
    """
    keys_a = tuple(token_key(t.text) for t in tokens_a) if keys_a is None else tuple(keys_a)
    keys_b = tuple(token_key(t.text) for t in tokens_b) if keys_b is None else tuple(keys_b)
    return [
        Change(op, tuple(tokens_a[i1:i2]), tuple(tokens_b[j1:j2]))
        for op, i1, i2, j1, j2 in differing(keys_a, keys_b)
    ]


@functools.lru_cache(maxsize=1 << 14)
def differing(keys_a: tuple[str, ...], keys_b: tuple[str, ...]) -> tuple[Opcode, ...]:
    """The non-equal opcodes between two key sequences (remembered by content)."""
    if keys_a == keys_b:
        return ()  # identical wording: nothing for difflib to find
    if keys_b < keys_a:
        # difflib's matching is not symmetric; always diffing in one order makes A-B the exact
        # mirror of B-A.
        return tuple(
            (_MIRROR[op], j1, j2, i1, i2) for op, i1, i2, j1, j2 in _opcodes(keys_b, keys_a)
        )
    return _opcodes(keys_a, keys_b)


_MIRROR = {"replace": "replace", "delete": "insert", "insert": "delete"}


def _opcodes(keys_a: tuple[str, ...], keys_b: tuple[str, ...]) -> tuple[Opcode, ...]:
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    return tuple(code for code in matcher.get_opcodes() if code[0] != "equal")


def merge_run(text: str, tokens: Sequence[Span]) -> Span | None:
    """One span from the first to the last of adjacent tokens (None when there are none)."""
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    return Span(start, end, text[start:end])
