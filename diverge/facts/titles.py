"""Titles next to a person's name, read into status, rank, title and office.

The `role` check compares what two outlets call the same person ("former U.S. President" /
"U.S. President"). Finding those words is the long part: they sit before the name ("acting
director Jane Doe"), in an appositive ("Jane Doe, the acting director,") or before a comma at
the start of a clause, mixed with places, organisations and capitalised words, and each word
must be sorted by what it says. That reading is a fact about one sentence, so it lives here,
apart from the comparison and the rule in `diverge.checks.role`. The vocabulary comes from
`diverge/data/role.toml`.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from diverge.diff import token_key
from diverge.facts.names import Name
from diverge.lexicon import fold, load_data
from diverge.model import Entity, Span

_MAX_WALK = 10
"""Title words read on either side of a name; titles are short, sentences are not."""
_ENTITY_CONTEXT = {"GPE", "NORP", "ORG", "LOC", "FAC"}
"""Entities that may sit inside a title ("U.S. President", "Pentagon spokesman")."""
_OFFICE_ENTITIES = {"ORG", "FAC"}
"""Entities inside a title that say which office it is, as a domain word would."""
_POSSESSIVE = {"'s", "’s"}
_CLOSERS = {",", ".", ";", ":", ")", "(", '"', "“", "”", "—", "–", "!", "?"}


@dataclass(frozen=True)
class TitleVocab:
    """The title vocabulary of `diverge/data/role.toml`, as lookup tables."""

    status: dict[str, str]
    """Word -> status class ("ex" -> "past")."""
    rank: dict[str, str]
    seniority: frozenset[str]
    titles: dict[str, str]
    """Word -> canonical title ("sen." -> "senator")."""
    generic: frozenset[str]
    domains: dict[str, str]
    weak: frozenset[str]
    connectors: frozenset[str]
    needs_hyphen: frozenset[str]
    stops_walk: frozenset[str]
    openers: frozenset[str]
    appositive_stops: frozenset[str]


@functools.lru_cache(maxsize=1)
def title_vocab() -> TitleVocab:
    """The title vocabulary, read once."""
    data = load_data("role")
    status = {w: cls for cls, words in data["status"].items() for w in words}
    return TitleVocab(
        status=status,
        rank=dict(data["rank"]),
        seniority=frozenset(data["seniority"]),
        titles=dict(data["titles"]),
        generic=frozenset(data["generic_titles"]),
        domains=dict(data["domains"]),
        weak=frozenset(data["weak_domains"]),
        connectors=frozenset(data["connectors"]),
        needs_hyphen=frozenset(data["needs_hyphen"]),
        stops_walk=frozenset(data["stop_before"]),
        openers=frozenset(data["appositive_openers"]),
        appositive_stops=frozenset(data["appositive_stops"]),
    )


@dataclass(frozen=True)
class Title:
    """The role words attached to one mention of a person, sorted by what they say."""

    span: Span
    status: frozenset[str]
    rank: frozenset[str]
    seniority: frozenset[str]
    heads: frozenset[str]
    domains: frozenset[str]
    written: tuple[tuple[str, str], ...] = ()
    """Each canonical value with the word that stands for it in the text ("past" -> "Ex")."""
    organisation: bool = False
    """An organisation inside the title names the office ("Pentagon spokesman")."""

    @property
    def holds_title(self) -> bool:
        return bool(self.status or self.rank or self.heads)

    def say(self, values: frozenset[str]) -> str:
        """The values as written, quoted, for a message ("'former'"); "none" when empty."""
        written = dict(self.written)
        words = sorted({written.get(v, v).lower() for v in values})
        return ", ".join(f"'{w}'" for w in words) or "none"


def classify(word: str, vocab: TitleVocab | None = None) -> tuple[str, str] | None:
    """What a (lower-cased) word is inside a title: ("status", "past"), ("title", "senator"),
    ("domain", "defence"), ("weak", ...), ("connector", ...) ... or None for any other word."""
    if vocab is None or vocab is title_vocab():
        return _classify(word)  # the shipped vocabulary: answers remembered per word
    return _read_word(word, vocab)


@functools.lru_cache(maxsize=1 << 14)
def _classify(word: str) -> tuple[str, str] | None:
    """`classify` with the shipped vocabulary, remembered: the walks around each name classify
    the same few words again and again."""
    return _read_word(word, title_vocab())


def _read_word(word: str, vocab: TitleVocab) -> tuple[str, str] | None:
    """`classify` computed: the word, without its final dot, folded, or with a dot added."""
    for form in dict.fromkeys((word, word.rstrip("."), fold(word), word + ".")):
        if form in vocab.status:
            return "status", vocab.status[form]
        if form in vocab.rank:
            return "rank", vocab.rank[form]
        if form in vocab.seniority:
            return "seniority", form
        if form in vocab.titles:
            return "title", vocab.titles[form]
        if form in vocab.weak:
            return "weak", form
        if form in vocab.domains:
            return "domain", vocab.domains[form]
        if form in vocab.connectors:
            return "connector", form
    return None


class TitleSide:
    """One side's tokens with the entity (if any) each token belongs to."""

    def __init__(self, text: str, tokens: Sequence[Span], entities: Sequence[Entity]):
        self.text = text
        self.tokens = tokens
        self.keys = [token_key(t.text) for t in tokens]
        self.starts = [t.start for t in tokens]
        ordered = sorted(entities, key=lambda e: e.start)
        self._entity_starts = [e.start for e in ordered]
        self._entities = ordered

    def label(self, i: int) -> str:
        """The label of the entity holding token i ("" for none)."""
        token = self.tokens[i]
        k = bisect.bisect_right(self._entity_starts, token.start) - 1
        if k >= 0 and self._entities[k].end >= token.end:
            return self._entities[k].label
        return ""

    def first(self, name: Name) -> int:
        return bisect.bisect_left(self.starts, name.span.start)

    def last(self, name: Name) -> int:
        return max(self.first(name), bisect.bisect_left(self.starts, name.span.end) - 1)


def _ranks_next(
    kind: tuple[str, str], following: tuple[str, str] | None, vocab: TitleVocab
) -> bool:
    """Whether a generic title word ranks the specific title right after it ("Chief Judge",
    "Head Coach"): then it is a rank, and "Judge" against "Chief Judge" is a change of rank."""
    return (
        kind[0] == "title"
        and kind[1] in vocab.generic
        and following is not None
        and following[0] == "title"
        and not set(following[1].split()) & vocab.generic
    )


def _read(side: TitleSide, indices: Sequence[int]) -> Title | None:
    """Sort the words at the given token indices into a Title (None if it holds no title)."""
    vocab = title_vocab()
    parts: dict[str, set[str]] = {k: set() for k in ("status", "rank", "seniority")}
    heads: set[str] = set()
    domains: set[str] = set()
    written: dict[str, str] = {}
    kinds = [classify(side.keys[i], vocab) for i in indices]
    for n, i in enumerate(indices):
        kind = kinds[n]
        if kind is None:
            continue
        text = side.tokens[i].text
        if _ranks_next(kind, kinds[n + 1] if n + 1 < len(kinds) else None, vocab):
            parts["rank"].add(kind[1])  # "Chief Judge": a chief among judges, not a chief
            written.setdefault(kind[1], text)
        elif kind[0] == "domain":
            domains.add(kind[1])
            written.setdefault(kind[1], text)
        elif kind[0] == "title":
            for word in kind[1].split():  # "premier" -> "prime minister" -> office + title
                if word in vocab.domains:
                    domains.add(vocab.domains[word])
                else:
                    heads.add(word)
                written.setdefault(word, text)
        elif kind[0] in parts:
            parts[kind[0]].add(kind[1])
            written.setdefault(kind[1], text)
    while indices and side.keys[indices[0]] in vocab.openers | vocab.connectors:
        indices = indices[1:]  # the span names the title, not "the"
    if not indices:
        return None
    start, end = side.tokens[indices[0]].start, side.tokens[indices[-1]].end
    title = Title(
        span=Span(start, end, side.text[start:end]),
        status=frozenset(parts["status"]),
        rank=frozenset(parts["rank"]),
        seniority=frozenset(parts["seniority"]),
        heads=frozenset(heads),
        domains=frozenset(domains),
        written=tuple(sorted(written.items())),
        organisation=any(side.label(i) in _OFFICE_ENTITIES for i in indices),
    )
    return title if title.holds_title else None


def _walk_back(side: TitleSide, start: int) -> list[int]:
    """Indices of the title words that end just before token `start`, leftmost first."""
    vocab = title_vocab()
    taken: list[int] = []
    i = start - 1
    while i >= 0 and len(taken) < _MAX_WALK:
        key = side.keys[i]
        label = side.label(i)
        kind = classify(key, vocab)
        if label == "PERSON" and kind is None or key in vocab.stops_walk:
            break
        if key in vocab.needs_hyphen and (i + 1 >= len(side.keys) or side.keys[i + 1] != "-"):
            break
        if key in _POSSESSIVE and not (i > 0 and side.label(i - 1) in _ENTITY_CONTEXT):
            break
        if key == "." and i > 0 and classify(side.keys[i - 1] + ".", vocab) is not None:
            kind = ("connector", key)  # "Lt" "." split off an abbreviated title
        capitalised = side.tokens[i].text[:1].isupper() and i > 0
        if kind is None and label not in _ENTITY_CONTEXT and not capitalised:
            break  # capitalised words stay in: "Middle East envoy", "Senate Majority Leader"
        taken.append(i)
        i -= 1
    taken.reverse()
    while (
        taken
        and side.label(taken[0]) not in _ENTITY_CONTEXT
        and (classify(side.keys[taken[0]], vocab) or ("", ""))[0] == "connector"
    ):
        taken.pop(0)
    return taken


def _appositive(side: TitleSide, last: int) -> list[int]:
    """Indices of an appositive after a name ("Jane Doe, the acting director,"), or [].

    It is read up to its first title and the office words that follow ("deputy chief of
    staff"); the description after that ("and current director of ...") is not a title. A
    possessive starts over: in "the former president's lawyer" the title is "lawyer".
    """
    vocab = title_vocab()
    i = last + 1
    if i >= len(side.keys) or side.keys[i] != ",":
        return []
    i += 1
    if i >= len(side.keys):
        return []
    opener = side.keys[i]
    if (
        opener not in vocab.openers
        and classify(opener, vocab) is None
        and side.label(i) not in _ENTITY_CONTEXT
    ):
        return []
    taken: list[int] = []
    head = False
    while i < len(side.keys) and i - last <= 2 * _MAX_WALK:
        key = side.keys[i]
        if key in _CLOSERS or key in vocab.appositive_stops or side.label(i) == "PERSON":
            break
        kind = classify(key, vocab)
        if key in _POSSESSIVE:
            if any(_qualifies(side.keys[k], vocab) for k in taken):
                return []  # "the retired X's envoy": whose status is it?
            taken, head = [], False
        elif head:
            if kind is None or kind[0] in {"status", "rank", "seniority"}:
                break
            taken.append(i)
        else:
            taken.append(i)
            head = kind is not None and kind[0] == "title"
        i += 1
    while taken and (classify(side.keys[taken[-1]], vocab) or ("", ""))[0] == "connector":
        taken.pop()
    return (
        taken
        if head or any((classify(side.keys[k], vocab) or ("", ""))[0] == "title" for k in taken)
        else []
    )


def _qualifies(key: str, vocab: TitleVocab) -> bool:
    kind = classify(key, vocab)
    return kind is not None and kind[0] in {"status", "rank"}


def _before_comma(side: TitleSide, first: int) -> list[int]:
    """A title set off before the name at the start of a clause ("The president of the United
    States, Donald Trump, said"), or []."""
    if first < 2 or side.keys[first - 1] != ",":
        return []
    taken = _walk_back(side, first - 1)
    if not taken:
        return []
    opener = taken[0] - 1
    if opener >= 0 and side.keys[opener] in title_vocab().openers:
        opener -= 1
    at_clause_start = opener < 0 or not any(c.isalnum() for c in side.keys[opener])
    return taken if at_clause_start else []


def titles_of(side: TitleSide, name: Name) -> list[Title]:
    """The titles attached to one mention of a name: before it, and in an appositive."""
    first, last = side.first(name), side.last(name)
    found = []
    for indices in (_walk_back(side, first), _appositive(side, last)):
        if indices and (title := _read(side, indices)) is not None:
            found.append(title)
    if not found and (indices := _before_comma(side, first)):
        title = _read(side, indices)
        if title is not None:
            found.append(title)
    if found and name.group != "person" and not any(t.heads - title_vocab().generic for t in found):
        return []  # an ORG or GPE with a title in front must be a person spaCy mislabelled
    return found
