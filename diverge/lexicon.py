"""The shipped language data (diverge/data/*.toml), merged with the user's additions.

Equivalences, abbreviations and boilerplate patterns are data, not code, so that a newsroom can
teach diverge its own house spellings from `[tool.diverge]` without touching a check.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from diverge.errors import ConfigError


@functools.cache
def load_data(name: str) -> dict[str, Any]:
    """The parsed TOML file `diverge/data/NAME.toml` shipped in the package."""
    text = resources.files("diverge").joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


_POSSESSIVE = re.compile(r"'s\b")
_PUNCTUATION = re.compile(r"[^\w\s]")
_LEADING_THE = re.compile(r"^the\s+")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for comparing names and words.

    Each step is skipped when it cannot change the text (ASCII has nothing to decompose, no
    apostrophe means no possessive, ...): most words of an English article are plain ASCII, and
    every new word and name passes through here.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("’", "'").replace("‘", "'")
    text = text.casefold()
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if not text.replace(" ", "").isalnum():  # isalnum() accepts what \w does, less "_"
        text = _PUNCTUATION.sub("", text)
    text = text.strip()
    if text.startswith("the"):
        text = _LEADING_THE.sub("", text)
    return " ".join(text.split())  # text is stripped: the same as collapsing each \s+ run


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations, boilerplate patterns and name equivalences in force for a run."""

    abbreviations: frozenset[str]
    boilerplate: tuple[re.Pattern[str], ...]
    canonical_names: dict[str, str]
    """Folded variant -> canonical spelling."""

    @functools.cached_property
    def variant_prefixes(self) -> frozenset[str]:
        """Each variant's leading words ("new" and "new york" of "new york city"): a run of
        words that is none of these cannot grow into a variant, so a search for one stops."""
        return frozenset(
            key[:n] for key in self.canonical_names for n, ch in enumerate(key) if ch == " "
        )

    def canonical(self, name: str) -> str:
        """The canonical form of a name ("Kiev" -> "Kyiv"), folded; unknown names just folded."""
        key = fold(name)
        return fold(self.canonical_names.get(key, key))

    def is_boilerplate(self, line: str) -> bool:
        # Patterns are written with single spaces: a doubled space must not hide boilerplate.
        line = " ".join(line.split())
        return any(p.search(line) for p in self.boilerplate)


def build_lexicon(
    extra_equivalents: Sequence[Sequence[str]] = (), extra_boilerplate: Iterable[str] = ()
) -> Lexicon:
    """The shipped lexicon plus the user's equivalence groups and boilerplate patterns."""
    data = load_data("lexicon")
    groups = [list(g) for g in data["equivalents"]["names"]] + [list(g) for g in extra_equivalents]
    canonical: dict[str, str] = {}
    for group in groups:
        if not group or not all(isinstance(n, str) and n.strip() for n in group):
            raise ConfigError(f"equivalents: each group must be a list of names, got {group!r}")
        for variant in group:
            canonical[fold(variant)] = group[0]
    patterns = []
    for source in list(data["boilerplate"]) + list(extra_boilerplate):
        try:
            patterns.append(re.compile(source, re.IGNORECASE))
        except (re.error, TypeError) as exc:
            raise ConfigError(f"boilerplate: invalid pattern {source!r}: {exc}") from None
    return Lexicon(frozenset(data["abbreviations"]), tuple(patterns), canonical)


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return build_lexicon()
