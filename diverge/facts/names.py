"""Name matching shared by the entity and role checks: when do two mentions name the same thing?

Outlets spell, shorten and transliterate names ("Kiev" / "Kyiv", "Putin" / "Vladimir Putin",
"the State Department" / "the Department of State", "IAEA" / "International Atomic Energy
Agency"), and news writing names a country by its capital or its people ("Moscow said",
"Russian officials"). None of that is drift, so every comparison of names goes through
`same_name` and `related` here. spaCy's labels on news are noisy ("Kiev" as PERSON), so names
are compared whatever their labels; the label only decides which names may stand in for each
other when a swap is sought.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from diverge.diff import token_key
from diverge.lexicon import Lexicon, fold, load_data
from diverge.model import Entity, Span

_SPLIT = re.compile(r"[\s\-–—/]+")
_MAX_NGRAM = 4
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


def canonical_words(words: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Folded words with every known variant inside them replaced by its canonical spelling.

    Greedy longest match over n-grams, so "kiev city council" -> "kyiv city council" and
    "volodymyr zelensky" -> "volodymyr zelenskiy".
    """
    result: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_NGRAM, len(words) - i), 0, -1):
            gram = " ".join(words[i : i + n])
            canonical = lexicon.canonical_names.get(gram)
            if canonical is not None:
                result.extend(fold(canonical).split())
                i += n
                break
        else:
            result.append(words[i])
            i += 1
    return result


def split_words(text: str) -> list[str]:
    """Folded words of a name; hyphens and slashes separate words ("Al-Qaeda" -> al qaeda)."""
    return [w for w in (fold(part) for part in _SPLIT.split(text)) if w]


def name_of(entity: Entity, doc_text: str, lexicon: Lexicon) -> Name | None:
    """The comparable Name of an entity, or None when it is not a name (a date, a number) or is
    nothing but role words ("Defence" tagged ORG inside "Defence Minister")."""
    vocab = vocabulary()
    group = vocab.groups.get(entity.label)
    if group is None:
        return None
    start, end = entity.start, entity.end
    text = doc_text[start:end]
    if entity.label == "PERSON":
        start = _after_titles(doc_text, start, end, vocab)
        text = doc_text[start:end]
    raw = split_words(text)
    if not raw or all(w in vocab.office_words or w in vocab.stopwords for w in raw):
        return None
    words = canonical_words(raw, lexicon)
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    key = " ".join(words)
    content = [w for w in words if w not in vocab.stopwords] or words
    mapped = tuple(_place_word(w, vocab) for w in content)
    full = [w for w in words if w]
    initials = {"".join(w[0] for w in content)}
    if len(full) > 1:
        initials.add("".join(w[0] for w in full))
    letters = re.sub(r"[^A-Za-z]", "", text)
    acronym = len(raw) == 1 and len(letters) >= 2 and letters.isupper()
    places = vocab.places.get(key, frozenset()) | vocab.places.get(" ".join(raw), frozenset())
    return Name(
        span=Span(start, end, text),
        label=entity.label,
        group=group,
        key=key,
        words=mapped,
        initials=tuple(sorted(i for i in initials if len(i) >= 2)),
        acronym=acronym,
        places=places,
    )


def names_of(entities: Iterable[Entity], doc_text: str, lexicon: Lexicon) -> list[Name]:
    """The comparable names among a side's entities, in document order."""
    return [n for e in entities if (n := name_of(e, doc_text, lexicon)) is not None]


def _after_titles(doc_text: str, start: int, end: int, vocab: Vocabulary) -> int:
    """Where a PERSON's name begins once leading titles and honorifics ("President", "Mr.",
    "Queen") are skipped; never past the last word."""
    text = doc_text[start:end]
    position = 0
    for match in re.finditer(r"\S+", text):
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


def _place_word(word: str, vocab: Vocabulary) -> str:
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


def same_name(x: Name, y: Name) -> bool:
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
    return (
        len(x.key) >= _FUZZY_MIN_LEN
        and len(y.key) >= _FUZZY_MIN_LEN
        and x.key[0] == y.key[0]
        and not (x.places or y.places)
        and fuzz.ratio(x.key, y.key) >= ratio
    )


def related(x: Name, y: Name) -> bool:
    """Same name, or two names of one country or region ("Moscow" ~ "Russia" ~ "Russian")."""
    return same_name(x, y) or bool(x.places & y.places)


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


class TextIndex:
    """The words and word sequences of one side, for asking whether (and how often) a name is
    mentioned there even where spaCy did not tag it, or tagged it differently."""

    def __init__(self, tokens: Sequence[Span], lexicon: Lexicon) -> None:
        raw = [w for t in tokens for w in split_words(t.text)]
        words = canonical_words(raw, lexicon)
        vocab = vocabulary()
        self.words = Counter(words)
        self.words.update(p for w in words if (p := _place_word(w, vocab)) != w)
        self.grams: set[str] = set()
        for sequence in (raw, words):
            for i in range(len(sequence)):
                for n in range(1, min(_MAX_NGRAM, len(sequence) - i) + 1):
                    self.grams.add(" ".join(sequence[i : i + n]))
        self.places = _place_counts(raw, lexicon, vocab)

    def mentions(self, name: Name) -> bool:
        """True when the name, a variant of it, its surname or its place appears in the text."""
        return self.occurrences(name) > 0 or name.key in self.grams

    def occurrences(self, name: Name) -> int:
        """How many times the text names it: by its place (any name of the country), by its
        surname (a person) or by all of its words (anything else)."""
        if name.places:
            return max(self.places[g] for g in name.places)
        content = [w for w in name.words if w not in vocabulary().stopwords]
        if not content:
            return 0
        if name.group == "person":
            return self.words[content[-1]]
        return min(self.words[w] for w in content)


def _place_counts(raw: Sequence[str], lexicon: Lexicon, vocab: Vocabulary) -> Counter[int]:
    """Mentions of each place group, longest match first so "new delhi" counts once."""
    counts: Counter[int] = Counter()
    i = 0
    while i < len(raw):
        for n in range(min(_MAX_NGRAM, len(raw) - i), 0, -1):
            gram = " ".join(raw[i : i + n])
            groups = vocab.places.get(gram, frozenset()) | vocab.places.get(
                fold(lexicon.canonical_names.get(gram, gram)), frozenset()
            )
            if groups:
                counts.update(groups)
                i += n
                break
        else:
            i += 1
    return counts


class NameSide:
    """One side of an aligned pair as the name checks see it: tokens, names, neighbours."""

    def __init__(self, text: str, tokens: Sequence[Span], names: list[Name], lexicon: Lexicon):
        self.text = text
        self.tokens = tokens
        self.keys = [token_key(t.text) for t in tokens]
        self.starts = [t.start for t in tokens]
        self.names = names
        self.index = TextIndex(tokens, lexicon)

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
        """How many names of this side denote the name or a related one."""
        return sum(1 for n in self.names if related(name, n))

    def has(self, name: Name) -> bool:
        """True when this side names it anywhere, tagged or not."""
        return self.count(name) > 0 or self.index.mentions(name)


def unaccounted(own: NameSide, other: NameSide) -> list[Name]:
    """Names one side mentions more often than the other does (by any related name, or by the
    words of the text where spaCy tagged nothing): the names that may have been swapped or
    dropped. A name said twice on one side and once on the other counts, so that a swap of one
    of two mentions ("Moscow ... Russia" / "Ankara ... Russia") is still seen."""
    result = []
    for name in own.names:
        theirs = max(other.count(name), other.index.occurrences(name))
        if not theirs and name.key in other.index.grams:
            theirs = 1
        if max(own.count(name), own.index.occurrences(name)) > theirs:
            result.append(name)
    return result
