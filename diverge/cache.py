"""cache: the parse cache, so that spaCy never parses the same text twice.

Parsing is most of what diverge costs (loading the model alone takes about two seconds), and
newsroom CI re-reads the same wire copy on every push. An entry holds one segmented document as
plain JSON (sentence offsets, token offsets, entities); it is keyed by a hash of the text, the
model (name and version read from its package metadata, so a warm run never imports spaCy), the
diverge version and the lexicon parts that change segmentation (abbreviations and boilerplate
patterns). Entries are written atomically (temporary file, then rename) so concurrent runs never
see half an entry, and an entry that cannot be read or does not fit its text is a miss: it is
rebuilt, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diverge import __version__
from diverge.lexicon import Lexicon
from diverge.model import Article, Document, Entity, Sentence, Span

ENV_VAR = "DIVERGE_CACHE_DIR"
FORMAT = "parse-2"
"""Bumped whenever the entry layout or the segmentation code changes what an entry means."""


def cache_dir() -> Path:
    """`DIVERGE_CACHE_DIR` when set, else the user cache directory (~/.cache/diverge on Linux)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("diverge", appauthor=False))


def lexicon_signature(lexicon: Lexicon) -> str:
    """A hash of what in the lexicon changes segmentation: abbreviations and boilerplate."""
    parts = sorted(lexicon.abbreviations)
    parts.append("\x1e")
    parts += [f"{p.flags}:{p.pattern}" for p in lexicon.boilerplate]
    return _digest("\x1f".join(parts))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ParseCache:
    """Segmented documents on disk, one JSON file per distinct text."""

    def __init__(self, directory: Path, signature: str) -> None:
        self.directory = directory / FORMAT
        self.signature = signature

    def key(self, text: str) -> str:
        return _digest(f"{self.signature}\x00{text}")

    def path(self, text: str) -> Path:
        key = self.key(text)
        return self.directory / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Document | None:
        """The cached Document of this article, or None when absent or unreadable."""
        try:
            data = json.loads(self.path(article.text).read_bytes())
            return decode(article, data)
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None

    def put(self, article: Article, document: Document) -> None:
        """Store a document; a cache that cannot be written is silently skipped."""
        target = self.path(article.text)
        payload = json.dumps(encode(document), separators=(",", ":")).encode("utf-8")
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, target)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def open_cache(lexicon: Lexicon, directory: Path | None = None) -> ParseCache:
    """The parse cache for this model, diverge version and lexicon."""
    from diverge.nlp import model_signature

    signature = "\x1f".join([FORMAT, __version__, model_signature(), lexicon_signature(lexicon)])
    return ParseCache(directory or cache_dir(), _digest(signature))


def encode(document: Document) -> dict[str, Any]:
    """A document as compact JSON data; texts are kept only where they differ from the slice."""
    text = document.text
    sentences = []
    for s in document.sentences:
        tokens = [n for t in s.tokens for n in (t.start, t.end)]
        odd = {str(k): t.text for k, t in enumerate(s.tokens) if text[t.start : t.end] != t.text}
        ents = [
            [e.start, e.end, e.label] + ([e.text] if text[e.start : e.end] != e.text else [])
            for e in s.entities
        ]
        entry: dict[str, Any] = {"r": [s.start, s.end, int(s.boilerplate)], "t": tokens, "e": ents}
        if odd:
            entry["x"] = odd
        sentences.append(entry)
    return {"n": len(text), "s": sentences}


def decode(article: Article, data: dict[str, Any]) -> Document:
    """Rebuild the Document of `article` from an entry; ValueError when it does not fit."""
    text = article.text
    if data["n"] != len(text):
        raise ValueError("entry is for another text")
    sentences = []
    for index, entry in enumerate(data["s"]):
        start, end, boilerplate = entry["r"]
        _check(start, end, len(text))
        flat: Sequence[int] = entry["t"]
        odd: dict[str, str] = entry.get("x", {})
        tokens = []
        for k in range(len(flat) // 2):
            ts, te = flat[2 * k], flat[2 * k + 1]
            _check(ts, te, len(text))
            tokens.append(Span(ts, te, odd.get(str(k), text[ts:te])))
        entities = []
        for e in entry["e"]:
            _check(e[0], e[1], len(text))
            if not isinstance(e[2], str):
                raise ValueError("entity label is not a string")
            entities.append(Entity(e[0], e[1], e[3] if len(e) > 3 else text[e[0] : e[1]], e[2]))
        sentences.append(
            Sentence(
                index,
                start,
                end,
                text[start:end],
                bool(boilerplate),
                tuple(tokens),
                tuple(entities),
            )
        )
    return Document(article.id, article.path, text, tuple(sentences))


def _check(start: object, end: object, length: int) -> None:
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
        raise ValueError("offsets out of range")
