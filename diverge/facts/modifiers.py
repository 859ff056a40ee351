"""The modifier slot of a diff run: which words narrow or widen the noun that follows.

The qualifier check needs to know, for a short run of words dropped, added or swapped before a
shared head word, whether those words are a scope, evidential, status or kind modifier (listed
in `diverge/data/qualifier.toml`), a nationality or place adjective (a NORP/GPE entity), an
adjective-looking word, or something else: a colouring adjective, a noun, a name or a word
another check owns (a number, a negation, a title word). This module sorts them.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from diverge.facts.phrases import (
    SideView,
    Word,
    english,
    is_number,
    is_word,
    iter_words,
    stem,
    words,
)
from diverge.lexicon import Lexicon, fold, load_data
from diverge.model import Severity

NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
ORIGIN = frozenset({"NORP", "GPE", "LOC"})
POSSESSIVE = frozenset({"'s", "’s", "'"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
EXACT_GROUPS = frozenset({"quantifier", "exclusive"})
"""Modifier groups whose words are common enough that only the same word counts as a repeat."""
MAX_MODIFIER_WORDS = 3
"""A longer run is a clause, not a modifier slot."""


@dataclass(frozen=True)
class Vocabulary:
    """The qualifier word lists, read once from `qualifier.toml` `[modifiers]` and `[[groups]]`."""

    glue: frozenset[str]
    role: frozenset[str]
    degree: frozenset[str]
    fixed_phrases: frozenset[str]
    style: frozenset[str]
    emphatic: frozenset[str]
    """Universal quantifiers that only stress a definite noun phrase ("all of his results")."""
    definite: frozenset[str]
    suffixes: tuple[str, ...]
    not_adjectives: frozenset[str]
    demonyms: dict[str, str]
    """Folded place or people name -> the first member of its demonym group."""
    demonym_suffixes: tuple[str, ...]
    sets: dict[str, frozenset[str]]
    """Word -> ids ("group:n") of the equivalence sets holding it."""
    groups: dict[str, tuple[Severity, str]]
    """Group name -> (severity, reason)."""
    on_claims: dict[str, tuple[Severity, str]] = field(default_factory=dict)
    """Group name -> (severity, reason) when its word qualifies a verb's past participle, the
    claim itself ("likely linked", "probably caused"), rather than a noun."""


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = load_data("qualifier")
    mods = data["modifiers"]
    sets: dict[str, set[str]] = {}
    groups = {}
    on_claims = {}
    for group in data["groups"]:
        groups[group["name"]] = (Severity.parse(group["severity"]), group["reason"])
        if "claim_severity" in group:
            on_claims[group["name"]] = (
                Severity.parse(group["claim_severity"]),
                group["claim_reason"],
            )
        for n, members in enumerate(group["sets"]):
            for word in members:
                sets.setdefault(word.casefold(), set()).add(f"{group['name']}:{n}")
    return Vocabulary(
        glue=frozenset(mods["glue"]),
        role=frozenset(mods["role"]),
        degree=frozenset(mods["degree"]),
        fixed_phrases=frozenset(mods["fixed_phrases"]),
        style=frozenset(mods["style"]),
        emphatic=frozenset(mods["emphatic_before_definite"]),
        definite=frozenset(mods["definite"]),
        suffixes=tuple(mods["adjective_suffixes"]),
        not_adjectives=frozenset(mods["not_adjectives"]),
        demonyms={fold(name): group[0] for group in mods["demonyms"] for name in group},
        demonym_suffixes=tuple(mods["demonym_suffixes"]),
        sets={word: frozenset(ids) for word, ids in sets.items()},
        groups=groups,
        on_claims=on_claims,
    )


@dataclass(frozen=True)
class Modifier:
    """A qualifier word (or a people/place name) in a run, with what makes two equivalent."""

    first: int
    last: int
    text: str
    group: str
    """A data group name, "origin" (nationality or place) or "descriptive" (by its suffix)."""
    keys: frozenset[str]
    severity: Severity
    reason: str


@dataclass
class Zone:
    """The words of one side's run, sorted out: the modifier slot before the head word."""

    start: int
    """Token index where the zone begins (where the run would be, when the run is empty)."""
    modifiers: list[Modifier] = field(default_factory=list)
    content: bool = False
    """Holds some other meaningful word (a noun, an unlisted word): not a pure modifier slot."""
    style: bool = False
    """Holds a colouring adjective ("key", "deadly") that changes no scope."""
    names: bool = False
    """Holds a name or possessive that another check owns."""
    pointer: bool = False
    """Holds a demonstrative ("this framework"): it points back to a thing named before."""

    def neutral_for(self, mod: Modifier) -> bool:
        """Nothing here could say what `mod` says: only glue, rivals of its group, or unlisted
        adjectives ("medical" against "military"). A colouring word may be a loose synonym
        ("initial" for "preliminary") and anything else is re-wording."""
        if self.content or self.names or self.style:
            return False
        return all(o.group in (mod.group, "descriptive") for o in self.modifiers)


def zone_of(view: SideView, start: int, end: int, lexicon: Lexicon) -> Zone | None:
    """Sort the words of a run; None when the run is not a modifier slot (too long, a clause)
    or holds a word another check owns (a number, a negation, a role word, a quotation)."""
    vocab, eng = vocabulary(), english()
    found = []
    for word in iter_words(view, start, end):  # long runs stop at their first function word
        if _boundary(word):
            return None
        found.append(word)
    if sum(w.key not in vocab.glue for w in found) > MAX_MODIFIER_WORDS:
        return None
    zone = Zone(found[0].first if found else end)
    entity = -1
    for word in found:
        key = word.key
        span = range(word.first, word.last + 1)
        if any(
            view.quoted[t] or is_number(view.keys[t]) or view.labels[t] in NUMERIC for t in span
        ):
            return None
        parts = key.split("-")
        if key in eng.negation or parts[0] in eng.negation or parts[-1] in eng.negation:
            return None  # "non-binding", "nuclear-free": the polarity check's
        if key in vocab.role or parts[0] in vocab.role:
            return None  # "former", "acting", "ex-": the role check's
        label = _people_label(view, word)
        if key in POSSESSIVE or (label and label not in ORIGIN):
            zone.names = True
        elif label in ORIGIN:
            if word.last + 1 < len(view) and view.keys[word.last + 1] in POSSESSIVE:
                zone.names = True  # "Russia's demands": an owner, the entity check's
            elif view.entity_ids[word.first] == entity and zone.modifiers:
                first = zone.modifiers[-1].first
                zone.modifiers[-1] = origin_modifier(view, first, word.last, lexicon)
            else:
                zone.modifiers.append(origin_modifier(view, word.first, word.last, lexicon))
            entity = view.entity_ids[word.first]
        elif key in vocab.glue:
            zone.pointer = zone.pointer or key in DEMONSTRATIVES
        elif key in vocab.sets:
            group = min(vocab.sets[key]).split(":")[0]
            severity, reason = vocab.groups[group]
            text = view.phrase(word.first, word.last)
            mod = Modifier(word.first, word.last, text, group, vocab.sets[key], severity, reason)
            zone.modifiers.append(mod)
        elif key in vocab.style:
            zone.style = True
        elif view.is_proper(word.first):
            zone.names = True
        elif adjective_like(key):
            zone.modifiers.append(
                Modifier(
                    word.first,
                    word.last,
                    view.phrase(word.first, word.last),
                    "descriptive",
                    frozenset({stem(key)}),
                    Severity.MINOR,
                    "narrows which are meant",
                )
            )
        else:
            zone.content = True
    return zone


def _people_label(view: SideView, word: Word) -> str:
    """The word's entity label, with a lone capitalised demonym ("Tigrayan") read as NORP
    whatever the recogniser made of it."""
    label = view.labels[word.first]
    if label in ORIGIN or word.first != word.last or not view.is_proper(word.first):
        return label
    entity = view.entity_ids[word.first]
    neighbours = [n for n in (word.first - 1, word.first + 1) if 0 <= n < len(view)]
    alone = entity < 0 or all(view.entity_ids[n] != entity for n in neighbours)
    key = word.key
    if alone and key.isalpha() and len(key) > 4 and key.endswith(vocabulary().demonym_suffixes):
        return "NORP"
    return label


def _boundary(word: Word) -> bool:
    """A word no modifier slot holds: punctuation, or a function word that is not glue."""
    key = word.key
    vocab = vocabulary()
    if key in vocab.glue or key in vocab.sets or key in POSSESSIVE:
        return False
    return not is_word(key) or key in english().function


def adjective_like(key: str) -> bool:
    """An unlisted word with an adjective ending ("agricultural", "injured")."""
    vocab = vocabulary()
    return (
        len(key) >= 5
        and key.isalpha()
        and key not in vocab.not_adjectives
        and key.endswith(vocab.suffixes)
    )


def origin_modifier(view: SideView, first: int, last: int, lexicon: Lexicon) -> Modifier:
    text = view.phrase(first, last)
    return Modifier(
        first,
        last,
        text,
        "origin",
        origin_keys(text, lexicon),
        Severity.MAJOR,
        "narrows it to one people or place",
    )


def origin_keys(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Keys under which a place and the adjective for its people meet ("Iran" = "Iranian",
    "France" = "French", "U.S." = "United States"): canonical name, demonym group, and the
    first four letters."""
    folded = fold(text)
    keys = {lexicon.canonical(text), "@" + folded[:4]}
    demonyms = vocabulary().demonyms
    group = demonyms.get(folded) or demonyms.get(lexicon.canonical(text))
    if group:
        keys.add("=" + group)
    return frozenset(keys)


class Inventory:
    """How often each word, stem, modifier set and people or place occurs on one side.

    A modifier that the other side uses as often, somewhere else, was moved rather than dropped
    ("suspected militants" / "militants suspected of ..."). Counting once per side keeps that
    test linear in the sentence length; the counts are built on first use, so pairs without a
    candidate modifier pay nothing.
    """

    def __init__(self, view: SideView, lexicon: Lexicon) -> None:
        self.view = view
        self.lexicon = lexicon

    @functools.cached_property
    def _words(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        keys: Counter[str] = Counter()
        stems: Counter[str] = Counter()
        sets: Counter[str] = Counter()
        table = vocabulary().sets
        view = self.view
        for w in words(view, 0, len(view)):
            if view.labels[w.first] and view.labels[w.first] not in ORIGIN:
                continue  # "Foreign" in "Council on Foreign Relations" is a name
            keys[w.key] += 1
            stems[stem(w.key)] += 1
            sets.update(table.get(w.key, ()))
        return keys, stems, sets

    @functools.cached_property
    def _origins(self) -> tuple[frozenset[str], ...]:
        view, found = self.view, []
        n = 0
        while n < len(view):
            if view.labels[n] not in ORIGIN:
                n += 1
                continue
            last = n
            while last + 1 < len(view) and view.entity_ids[last + 1] == view.entity_ids[n]:
                last += 1
            found.append(origin_keys(view.phrase(n, last), self.lexicon))
            n = last + 1
        return tuple(found)

    def uses(self, mod: Modifier, exact: bool) -> int:
        """How often the modifier's word occurs here; unless `exact`, also its other forms
        (same stem) or equivalents (same set: "eastern" / "eastward")."""
        keys, stems, sets = self._words
        word = mod.text.casefold()
        if exact:
            return keys[word]
        return max(keys[word], stems[stem(word)], *(sets[k] for k in mod.keys))

    def names(self, keys: frozenset[str]) -> int:
        """How many people or place names here match one of `keys`."""
        return sum(1 for found in self._origins if found & keys)
