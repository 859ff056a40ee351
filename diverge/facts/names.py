"""Name matching shared by the entity and role checks: when do two mentions name the same thing?

Outlets spell, shorten and transliterate names ("Kiev" / "Kyiv", "Putin" / "Vladimir Putin",
"the State Department" / "the Department of State", "IAEA" / "International Atomic Energy
Agency"), and news writing names a country by its capital or its people ("Moscow said",
"Russian officials"). None of that is drift, so every comparison of names goes through
`same_name` and `related` here. spaCy's labels on news are noisy ("Kiev" as PERSON), so names
are compared whatever their labels; the label only decides which names may stand in for each
other when a swap is sought. Where one side names things, tagged or not, is
`diverge.facts.name_sides`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from diverge.facts.memo import lexicon_table
from diverge.facts.number_vocab import VOCAB
from diverge.facts.numerals import parse_ordinal
from diverge.facts.word_runs import MAX_NGRAM
from diverge.lexicon import Lexicon, fold, load_data
from diverge.model import Entity, Span

_SPLIT = re.compile(r"[\s\-–—/]+")
_NOT_LETTER = re.compile(r"[^A-Za-z]")
_WORD = re.compile(r"\S+")
_FUZZY_MIN_LEN = 5


@dataclass(frozen=True)
class Vocabulary:
    """The word lists the name helpers need, folded once."""

    groups: dict[str, str]
    """spaCy label -> comparison group ("GPE" -> "place"); labels absent here are not names."""
    stopwords: frozenset[str]
    honorifics: frozenset[str]
    role_words: frozenset[str]
    """Titles, status and rank words (role.toml): stripped from the front of a PERSON name."""
    office_words: frozenset[str]
    """Role words plus office words ("defence", "foreign"): a "name" of nothing but these
    ("Defence" tagged ORG inside "Defence Minister") is no name."""
    places: dict[str, frozenset[int]]
    """Folded place name, demonym or seat of government -> the place groups it belongs to."""
    place_heads: dict[int, str]
    """Place group -> its folded first member (the country or region itself)."""
    fuzzy_ratio: float
    generic_words: frozenset[str]
    """Words many names share ("ministry", "council"): sharing one proves no kinship."""
    determiners: frozenset[str]


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The entity and role data, folded for lookups (cached: loaded once per process)."""
    entity = load_data("entity")
    role = load_data("role")
    role_words = {fold(w) for w in role["titles"]} | {fold(w) for w in role["rank"]}
    role_words |= {fold(w) for words in role["status"].values() for w in words}
    role_words |= {fold(w) for w in role["seniority"]}
    places: dict[str, set[int]] = {}
    heads: dict[int, str] = {}
    for number, group in enumerate(entity["names"]["places"]):
        heads[number] = fold(group[0])
        for member in group:
            places.setdefault(fold(member), set()).add(number)
    return Vocabulary(
        groups=dict(entity["groups"]),
        stopwords=frozenset(fold(w) for w in entity["names"]["stopwords"]),
        honorifics=frozenset(fold(w) for w in entity["names"]["honorifics"]),
        role_words=frozenset(w for w in role_words if w),
        office_words=frozenset(w for w in role_words | {fold(d) for d in role["domains"]} if w),
        places={k: frozenset(v) for k, v in places.items()},
        place_heads=heads,
        fuzzy_ratio=float(entity["names"]["fuzzy_ratio"]),
        generic_words=frozenset(fold(w) for w in entity["names"]["generic_words"]),
        determiners=frozenset(entity["context"]["determiners"]),
    )


@dataclass(frozen=True)
class Name:
    """A named entity ready for comparison: its span, label and normalised forms."""

    span: Span
    """The name proper in the document (a PERSON's leading title words cut off)."""
    label: str
    group: str
    """Comparison group of the label: person, organisation, place, group, event, ..."""
    key: str
    """Canonical folded form: lexicon variants replaced ("kiev" -> "kyiv")."""
    words: tuple[str, ...]
    """Content words of `key`, demonyms and capitals replaced by their place ("russian" ->
    "russia")."""
    initials: tuple[str, ...]
    """Acronyms the name could be written as ("iaea"), with and without its small words."""
    acronym: bool
    """The name as written is itself an acronym ("IAEA", "U.N.")."""
    places: frozenset[int]
    """Place groups the whole name belongs to ("moscow" -> the Russia group)."""

    @functools.cached_property
    def signature(self) -> tuple[object, ...]:
        """Everything `same_name` reads of the name: names with equal signatures match the same
        names, so its answers can be remembered by signature (a story names few people often)."""
        return self.key, self.words, self.initials, self.acronym, self.places

    @functools.cached_property
    def ident(self) -> int:
        """A small number standing for the signature: memo tables keyed by it hash one int
        instead of the signature's nested tuples, which are hashed afresh on every lookup."""
        signature = self.signature
        found = _IDENTS.get(signature)
        if found is None:
            if len(_IDENTS) >= _IDENTS_KEPT:
                _IDENTS.clear()  # numbers are never reused, so older names only miss the memo
            found = _IDENTS[signature] = next(_NUMBERS)
        return found


_IDENTS: dict[tuple[object, ...], int] = {}
_IDENTS_KEPT = 1 << 16
"""Signatures numbered before the table starts afresh (with new numbers)."""
_NUMBERS = itertools.count()


@functools.lru_cache(maxsize=1 << 12)
def _ordinal_form(word: str) -> str:
    """One spelling for an ordinal inside a name: "sixth" and "6th" are both "6th" ("the 6th
    Circuit" is "the Sixth Circuit"); any other word as it is."""
    if not (word[:1].isdigit() or word in VOCAB.ordinals):
        return word
    value = parse_ordinal(word)
    return word if value is None else f"{value}th"


def canonical_words(words: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Folded words with every known variant inside them replaced by its canonical spelling.

    Greedy longest match over n-grams, so "kiev city council" -> "kyiv city council" and
    "volodymyr zelensky" -> "volodymyr zelenskiy". An n-gram grows only while it is the start
    of some variant (`Lexicon.variant_prefixes`), which most single words are not.
    """
    variants, prefixes = lexicon.canonical_names, lexicon.variant_prefixes
    result: list[str] = []
    i = 0
    while i < len(words):
        gram, n, longest, canonical = words[i], 1, 0, None
        while True:
            found = variants.get(gram)
            if found is not None:
                longest, canonical = n, found
            if n == MAX_NGRAM or i + n >= len(words) or gram not in prefixes:
                break
            gram = f"{gram} {words[i + n]}"
            n += 1
        if canonical is not None:
            result.extend(fold(canonical).split())
            i += longest
        else:
            result.append(_ordinal_form(words[i]))
            i += 1
    return result


def split_words(text: str) -> list[str]:
    """Folded words of a name; hyphens and slashes separate words ("Al-Qaeda" -> al qaeda)."""
    return list(name_words(text))


@functools.lru_cache(maxsize=1 << 16)
def name_words(text: str) -> tuple[str, ...]:
    """`split_words` as a tuple, remembered: every token of every side is split (and news
    repeats its words)."""
    return tuple(w for w in (fold(part) for part in _SPLIT.split(text)) if w)


def name_of(entity: Entity, doc_text: str, lexicon: Lexicon) -> Name | None:
    """The comparable Name of an entity, or None when it is not a name (a date, a number) or is
    nothing but role words ("Defence" tagged ORG inside "Defence Minister")."""
    text = doc_text[entity.start : entity.end]
    forms: dict[tuple[str, str], _Form | None] = lexicon_table("name-forms", lexicon, dict)
    try:
        form = forms[text, entity.label]
    except KeyError:
        if len(forms) >= _FORMS_KEPT:
            forms.clear()
        form = forms[text, entity.label] = _read_name(text, entity.label, lexicon)
    if form is None:
        return None
    skip, fields = form
    return Name(Span(entity.start + skip, entity.end, text[skip:]), entity.label, *fields)


_Form = tuple[int, tuple[Any, ...]]
"""What `name_of` reads of an entity's text: where the name starts, and the fields of its
Name after span and label."""
_FORMS_KEPT = 1 << 16
"""Entity texts whose reading `name_of` remembers: a story names the same few entities often,
and a name's reading depends on its text and label alone."""


def _read_name(text: str, label: str, lexicon: Lexicon) -> _Form | None:
    """The `_Form` of an entity's text and label (a PERSON's name starts after its titles);
    None when it is no name."""
    vocab = vocabulary()
    group = vocab.groups.get(label)
    if group is None:
        return None
    skip = _after_titles(text, 0, len(text), vocab) if label == "PERSON" else 0
    text = text[skip:]
    raw = split_words(text)
    if not raw or all(w in vocab.office_words or w in vocab.stopwords for w in raw):
        return None
    words = canonical_words(raw, lexicon)
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    key = " ".join(words)
    content = [w for w in words if w not in vocab.stopwords] or words
    mapped = tuple(place_word(w, vocab) for w in content)
    full = [w for w in words if w]
    initials = {"".join(w[0] for w in content)}
    if len(full) > 1:
        initials.add("".join(w[0] for w in full))
    letters = _NOT_LETTER.sub("", text)
    acronym = len(raw) == 1 and len(letters) >= 2 and letters.isupper()
    places = vocab.places.get(key, frozenset()) | vocab.places.get(" ".join(raw), frozenset())
    initials_kept = tuple(sorted(i for i in initials if len(i) >= 2))
    return skip, (group, key, mapped, initials_kept, acronym, places)


def names_of(entities: Iterable[Entity], doc_text: str, lexicon: Lexicon) -> list[Name]:
    """The comparable names among a side's entities, in document order."""
    return [n for e in entities if (n := name_of(e, doc_text, lexicon)) is not None]


def _after_titles(doc_text: str, start: int, end: int, vocab: Vocabulary) -> int:
    """Where a PERSON's name begins once leading titles and honorifics ("President", "Mr.",
    "Queen") are skipped; never past the last word."""
    text = doc_text[start:end]
    position = 0
    for match in _WORD.finditer(text):
        word = fold(match.group())
        rest = text[match.end() :].strip()
        if not rest or not (word in vocab.role_words or word in vocab.honorifics):
            position = match.start()
            break
        position = match.end()
    while position < len(text) and text[position].isspace():
        position += 1
    return start + position


def classify_role(word: str) -> bool:
    """True for a title, status or rank word ("president", "former", "deputy")."""
    return fold(word) in vocabulary().role_words


def place_word(word: str, vocab: Vocabulary) -> str:
    """A demonym or capital as the place it stands for ("russian" -> "russia"); other words as
    they are. Only unambiguous one-group words are replaced."""
    groups = vocab.places.get(word)
    if groups and len(groups) == 1:
        return vocab.place_heads[next(iter(groups))]
    return word


def _fuzzy_word(a: str, b: str, ratio: float) -> bool:
    """Two spellings of one word: equal, or long, near-identical and with the same initial."""
    if a == b:
        return True
    if len(a) < _FUZZY_MIN_LEN or len(b) < _FUZZY_MIN_LEN or a[0] != b[0]:
        return False
    vocab = vocabulary()
    if a in vocab.places or b in vocab.places:
        return False  # "austria" / "australia": known places never match by spelling
    return fuzz.ratio(a, b) >= ratio


_SAME: dict[tuple[int, int], bool] = {}
_RELATED: dict[tuple[int, int], bool] = {}
_SAME_KEPT = 1 << 18
"""Answers of `same_name` (and of `related`) remembered before the table starts afresh."""


def same_name(x: Name, y: Name) -> bool:
    """True when two names denote the same entity as far as spelling can tell (remembered by
    the names' signatures: the entity check asks about every pair of names of every pair)."""
    key = (x.ident, y.ident)
    found = _SAME.get(key)
    if found is None:
        if len(_SAME) >= _SAME_KEPT:
            _SAME.clear()
        found = _SAME[key] = _same_name(x, y)
    return found


def _same_name(x: Name, y: Name) -> bool:
    """True when two names denote the same entity as far as spelling can tell.

    Same canonical form; one name's words all found (allowing near-identical spellings) among
    the other's ("Putin" ~ "Vladimir Putin", "State Department" ~ "Department of State"); an
    acronym of the other ("IAEA"); or near-identical spelling of the whole name.
    """
    if x.key == y.key:
        return True
    ratio = vocabulary().fuzzy_ratio
    short, long_ = (x, y) if len(x.words) <= len(y.words) else (y, x)
    if short.words and all(any(_fuzzy_word(w, v, ratio) for v in long_.words) for w in short.words):
        return True
    if x.acronym and x.key in y.initials or y.acronym and y.key in x.initials:
        return True
    if _abbreviated_within(short.words, long_.words) or _abbreviated_within(
        long_.words, short.words
    ):
        return True
    return (
        len(x.key) >= _FUZZY_MIN_LEN
        and len(y.key) >= _FUZZY_MIN_LEN
        and x.key[0] == y.key[0]
        and not (x.places or y.places)
        and fuzz.ratio(x.key, y.key) >= ratio
    )


def _abbreviated_within(words: Sequence[str], other: Sequence[str]) -> bool:
    """Whether `words` are `other` with a run of two to four words written as its initials
    ("statistics nz" ~ "statistics new zealand", "us steel" ~ "united states steel")."""
    if not 1 < len(other) <= 8 or len(words) >= len(other):
        return False
    for size in range(2, 5):
        for i in range(len(other) - size + 1):
            initials = "".join(w[0] for w in other[i : i + size])
            if initials in words and [*other[:i], initials, *other[i + size :]] == list(words):
                return True
    return False


def related(x: Name, y: Name) -> bool:
    """Same name, or two names of one country or region ("Moscow" ~ "Russia" ~ "Russian");
    remembered like `same_name` (a side counts its related names for every name it is asked)."""
    key = (x.ident, y.ident)
    found = _RELATED.get(key)
    if found is None:
        if len(_RELATED) >= _SAME_KEPT:
            _RELATED.clear()
        found = _RELATED[key] = same_name(x, y) or bool(x.places & y.places)
    return found


def kindred(x: Name, y: Name) -> bool:
    """True when two different names share a distinctive word ("Council on Foreign Relations" /
    "Foreign Relations Committee", "Joe Biden" / "Hunter Biden"): a confusion of two similar
    names, which is how one entity gets swapped for another in a rewrite."""
    vocab = vocabulary()
    shared = set(x.words) & set(y.words)
    return any(w not in vocab.stopwords and w not in vocab.generic_words for w in shared)


def is_country(name: Name) -> bool:
    """True when the name is a country or region itself, not a city or a demonym."""
    heads = vocabulary().place_heads
    return any(heads[g] == name.key for g in name.places)
