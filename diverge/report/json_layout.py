"""JSON laid out for people and for speed: a container that fits on one line stays on one line.

`json.dumps(indent=2)` puts every number of `"sentences": [17, 18]` on a line of its own, which
makes an audit's report tens of megabytes, and it runs the pure-Python encoder (the C encoder
only serves `indent=None`). Here each container is first encoded compactly by the C encoder; if
that fits the width it is emitted as is, else it is opened and its members laid out the same
way, one level deeper. The result is still plain JSON, deterministic for the same data, and
comes out in chunks so that a large report can be written without being held whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 100
"""Longest line a container is kept on (indentation and a trailing comma included)."""


@dataclass(frozen=True)
class Each:
    """A list whose members are made (by `make`) only when laid out, one at a time: how a
    large report is written without first building all of it as plain data."""

    items: Sequence[Any]
    make: Callable[[Any], Any]


_encode_slow = json.JSONEncoder(ensure_ascii=False).encode


def _unserialisable(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_c_encoder = (
    json.encoder.c_make_encoder(  # type: ignore[attr-defined]
        None, _unserialisable, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    if getattr(json.encoder, "c_make_encoder", None)
    else None
)
"""The C encoder made once: `JSONEncoder.encode` builds a new one per call, and that setup,
not the encoding, was most of the cost of many small containers."""


def _encode(value: Any) -> str:
    """Compact one-line JSON (", " and ": " separators), non-ASCII kept."""
    if _c_encoder is None:  # pragma: no cover - CPython always has the C encoder
        return _encode_slow(value)
    return "".join(_c_encoder(value, 0))


_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
"""A JSON string literal, non-ASCII kept (what `_encode` does for a str, without its overhead)."""


def dumps(value: Any, width: int = WIDTH) -> str:
    """The whole document as one string, with a final newline."""
    return "".join(chunks(value, width))


def chunks(value: Any, width: int = WIDTH) -> Iterator[str]:
    """The document in pieces, in order, with a final newline.

    An `Each` may be the document or a member of the top-level object or list; its members are
    laid out and handed over one at a time."""
    if isinstance(value, Each):
        yield from _each(value, 0, width)
    elif (
        isinstance(value, dict | list)
        and value
        and any(isinstance(v, Each) for v in (value.values() if isinstance(value, dict) else value))
    ):
        members = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        for n, (key, member) in enumerate(members):
            head = "  " if key is None else f"  {_string(str(key))}: "
            yield (",\n" if n else opening + "\n") + head
            if isinstance(member, Each):
                yield from _each(member, 2, width)
            else:
                yield _text(member, 2, len(head), width)
        yield "\n" + closing
    else:
        yield _text(value, 0, 0, width)
    yield "\n"


def _each(value: Each, indent: int, width: int) -> Iterator[str]:
    pad = " " * (indent + 2)
    for n, item in enumerate(value.items):
        yield (",\n" if n else "[\n") + pad + _text(value.make(item), indent + 2, indent + 2, width)
    yield f"\n{' ' * indent}]" if value.items else "[]"


def _text(value: Any, indent: int, column: int, width: int) -> str:
    out: list[str] = []
    _layout(value, indent, column, width, out)
    return "".join(out)


def _layout(value: Any, indent: int, column: int, width: int, out: list[str]) -> None:
    """Append `value` to `out`, its opening at `column` and its members at `indent + 2`.

    Plain recursion that appends to one list: nested generators would cost more than the
    encoding itself."""
    if isinstance(value, str):
        out.append(_string(value))
        return
    if not isinstance(value, dict | list) or not value:
        out.append(_encode(value))
        return
    # Each member takes at least 3 characters ("0, ") in a list, 7 ('"": 0, ') in an object,
    # and a string member its length: a container whose members add up to more than the line
    # cannot fit, so it is not encoded just to find that out (a finding with a long message
    # is opened without a trial encoding).
    members = value.values() if isinstance(value, dict) else value
    smallest = len(value) * (7 if isinstance(value, dict) else 3) + sum(
        len(m) for m in members if isinstance(m, str)
    )
    if column + smallest < width:
        flat = _encode(value)
        if column + len(flat) < width:  # "<": room for a comma after it
            out.append(flat)
            return
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        out.append("{")
        for n, (key, member) in enumerate(value.items()):
            head = f"{pad}{_string(str(key))}: "
            out.append(",\n" + head if n else "\n" + head)
            if isinstance(member, str):  # most members: no call for them
                out.append(_string(member))
            else:
                _layout(member, indent + 2, len(head), width, out)
        out.append(f"\n{' ' * indent}}}")
    else:
        out.append("[")
        for n, member in enumerate(value):
            out.append(",\n" + pad if n else "\n" + pad)
            _layout(member, indent + 2, indent + 2, width, out)
        out.append(f"\n{' ' * indent}]")
