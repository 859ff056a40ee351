"""read: turn a path (or `-` for stdin) into an Article with decoded text.

This is the only stage that touches input files. Decoding is deliberately restricted: UTF-8
first, UTF-16 only with a BOM, then cp1252, because news text is nearly always one of those and
a wider guesser mistakes binary for some exotic codec. Line endings are kept so that offsets
index what the user sees in their editor.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

from diverge.errors import InputError
from diverge.model import Article

MAX_BYTES = 50 * 1024 * 1024
"""Larger inputs are refused: no news article is 50 MB, and parsing one would exhaust memory."""

_CONTROL_ALLOWED = {"\t", "\n", "\r", "\f", "\v"}


def decode(data: bytes, name: str) -> str:
    """Decode bytes as article text, or raise InputError naming `name`."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", name)
    elif b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1252", name)
    if text.startswith("\ufeff"):
        text = text[1:]
    _reject_binary(text, name)
    if not text.strip():
        what = "empty" if not text else "blank (only whitespace)"
        raise InputError(f"{name}: file is {what}; nothing to compare")
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid text (tried UTF-8, UTF-16, cp1252)") from None


def _reject_binary(text: str, name: str) -> None:
    """Refuse text where control characters are common: a renamed image or archive."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_ALLOWED)
    controls += sample.count("\x7f") + sample.count("\ufffd")
    if controls and controls > max(2, len(sample) // 200):
        raise InputError(f"{name}: looks like a binary file, not text")


def article_id(path: str) -> str:
    """The id of a compared document: its file name without extension ("stdin" for `-`)."""
    if path == "-":
        return "stdin"
    return Path(path).stem or Path(path).name


def read_bytes(path: str) -> bytes:
    """Read raw bytes from `path` or stdin, turning OS errors into one-line InputErrors."""
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(f"{path}: broken symbolic link")
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a text file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        with p.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({os.strerror(exc.errno or 0)})") from None


def read_article(path: str, doc_id: str | None = None) -> Article:
    """Read and decode one input into an Article."""
    data = read_bytes(path)
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: input is larger than {MAX_BYTES // (1024 * 1024)} MB")
    name = "standard input" if path == "-" else path
    return Article(id=doc_id or article_id(path), path=path, text=decode(data, name))
