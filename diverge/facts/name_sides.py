"""Where one side of a pair names things: its names, and its words searched for names untagged.

The entity check asks of each side how often it names a person, a body or a place, by any of
its names and whether or not spaCy tagged the mention, and which of its names the other side
accounts for less often. A side takes part in every pair of its story, so `NameSide` keeps its
answers by name signature; how two names compare lives in `diverge.facts.names`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

from diverge.diff import token_key
from diverge.facts.names import (
    Name,
    canonical_words,
    name_words,
    place_word,
    related,
    vocabulary,
)
from diverge.facts.word_runs import has_run, place_runs
from diverge.lexicon import Lexicon
from diverge.model import Span


class TextIndex:
    """The words and word sequences of one side, for asking whether (and how often) a name is
    mentioned there even where spaCy did not tag it, or tagged it differently."""

    def __init__(self, tokens: Sequence[Span], lexicon: Lexicon) -> None:
        raw = [w for t in tokens for w in name_words(t.text)]
        words = canonical_words(raw, lexicon)
        vocab = vocabulary()
        self.words = Counter(words)
        self.words.update(p for w in words if (p := place_word(w, vocab)) != w)
        self._sequences = (raw, words)
        self._said: dict[str, bool] = {}
        self._counted: dict[tuple[int, str], int] = {}
        self.places = place_runs(vocab.places, lexicon).count(raw)
        """Mentions of each place group, longest run first so "new delhi" counts once."""

    def says(self, phrase: str) -> bool:
        """True when the phrase is one to four consecutive words of the text, as written or with
        known variants replaced (a name's key). Searched in the words when asked rather than
        kept as a set of every n-gram: only a few phrases are ever asked for."""
        found = self._said.get(phrase)
        if found is None:
            found = self._said[phrase] = any(has_run(s, phrase) for s in self._sequences)
        return found

    def mentions(self, name: Name) -> bool:
        """True when the name, a variant of it, its surname or its place appears in the text."""
        return self.occurrences(name) > 0 or self.says(name.key)

    def occurrences(self, name: Name) -> int:
        """How many times the text names it: by its place (any name of the country), by its
        surname (a person) or by all of its words (anything else). Remembered by signature and
        group: each pair holding this side asks about the same names again."""
        key = (name.ident, name.group)
        found = self._counted.get(key)
        if found is None:
            found = self._counted[key] = self._occurrences(name)
        return found

    def _occurrences(self, name: Name) -> int:
        if name.places:
            return max(self.places[g] for g in name.places)
        content = [w for w in name.words if w not in vocabulary().stopwords]
        if not content:
            return 0
        if name.group == "person":
            return self.words[content[-1]]
        return min(self.words[w] for w in content)


class NameSide:
    """One side of an aligned pair as the name checks see it: tokens, names, neighbours."""

    def __init__(self, text: str, tokens: Sequence[Span], names: list[Name], lexicon: Lexicon):
        self.text = text
        self.tokens = tokens
        self.keys = [token_key(t.text) for t in tokens]
        self.starts = [t.start for t in tokens]
        self.names = names
        self.index = TextIndex(tokens, lexicon)
        self._counts: dict[int, int] = {}
        self._theirs: dict[tuple[int, str], int] = {}
        self._own: list[int] | None = None

    def first_token(self, name: Name) -> int:
        return bisect.bisect_left(self.starts, name.span.start)

    def last_token(self, name: Name) -> int:
        return max(self.first_token(name), bisect.bisect_left(self.starts, name.span.end) - 1)

    def before(self, name: Name) -> str:
        """The word before a name, determiners skipped ("" at the start)."""
        skip = vocabulary().determiners
        i = self.first_token(name) - 1
        while i >= 0 and self.keys[i] in skip:
            i -= 1
        return self.keys[i] if i >= 0 else ""

    def after(self, name: Name) -> str:
        """The word after a name ("" at the end)."""
        i = self.last_token(name) + 1
        return self.keys[i] if i < len(self.keys) else ""

    def count(self, name: Name) -> int:
        """How many names of this side denote the name or a related one (remembered by the
        name's signature: a side is asked about the same names by every pair it is in)."""
        found = self._counts.get(name.ident)
        if found is None:
            found = self._counts[name.ident] = sum(1 for n in self.names if related(name, n))
        return found

    def own_mentions(self) -> list[int]:
        """How often this side names each of its own names (tagged or in its words), read once
        per side: `unaccounted` compares them with every other side it is paired with."""
        if self._own is None:
            self._own = [max(self.count(n), self.index.occurrences(n)) for n in self.names]
        return self._own

    def mentions_of(self, name: Name) -> int:
        """How often this side names another side's name: by related tagged names, by its
        words, or once where its key is said untagged (remembered by signature and group)."""
        key = (name.ident, name.group)
        found = self._theirs.get(key)
        if found is None:
            found = max(self.count(name), self.index.occurrences(name))
            if not found and self.index.says(name.key):
                found = 1
            self._theirs[key] = found
        return found

    def has(self, name: Name) -> bool:
        """True when this side names it anywhere, tagged or not."""
        return self.count(name) > 0 or self.index.mentions(name)


def unaccounted(own: NameSide, other: NameSide) -> list[Name]:
    """Names one side mentions more often than the other does (by any related name, or by the
    words of the text where spaCy tagged nothing): the names that may have been swapped or
    dropped. A name said twice on one side and once on the other counts, so that a swap of one
    of two mentions ("Moscow ... Russia" / "Ankara ... Russia") is still seen."""
    theirs = other.mentions_of
    return [n for n, mine in zip(own.names, own.own_mentions(), strict=True) if mine > theirs(n)]
