"""entity: a different person, organisation or place in the same slot, or a named source lost.

Outlets respell and shorten names all the time ("Kiev" / "Kyiv", "Putin" / "Vladimir Putin",
"Moscow said" / "Russia said"), so names are first matched across the pair with the lenient
rules of `diverge.facts.names`; only names one side mentions more often than the other can be
drift. Two such names are a swap (DV301) when the word diff shows one replaced by the other, or
when they sit in the same slot (the same words around them, used the same way: "talks in Geneva
ended" / "talks in Vienna ended"), or when they are confusable ("Council on Foreign Relations" /
"Foreign Relations Committee"). A name on one side only is reported (DV302) only where it
clearly carries a fact: a named source against an anonymous or missing one ("according to
Reuters" / "according to sources"), or a member dropped from a list whose other members
survive. Any other name one side omits is usually a shorter paraphrase, left to `wording`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence

from diverge.checks.base import Check, Pair, Rule
from diverge.diff import Change, token_key
from diverge.facts.name_sides import NameSide, unaccounted
from diverge.facts.names import (
    Name,
    classify_role,
    is_country,
    kindred,
    name_of,
    names_of,
    related,
)
from diverge.facts.sources import attribution, entity_words, is_source, overlap
from diverge.lexicon import Lexicon
from diverge.model import Entity, Finding, Severity, Span

SWAPPED = Rule(
    "DV301",
    "entity",
    Severity.MAJOR,
    "A different person, organisation or place stands in the same place in the sentence.",
)
DROPPED = Rule(
    "DV302",
    "entity",
    Severity.MINOR,
    "A named source or listed entity one side carries and the other omits.",
)

_MAX_NAMES = 40
"""Names per side beyond which a pair is skipped: matching is quadratic in the names."""
_RUN = 6
"""Longest word-diff run (tokens per side) read as an in-place swap of one name."""
_SIMILAR = 0.4
"""Share of wording two sides need before a name in the same slot counts as swapped: loosely
aligned sentences about different things have names in like slots by chance."""
_SAME = 0.6
"""Share of wording the claim must keep for a lost source to be reported."""
_DROPPABLE = {"person", "organisation"}
_LISTABLE = {"person", "organisation", "place"}
_POSSESSIVE = {"'s", "’s"}


class EntityCheck(Check):
    RULES = (SWAPPED, DROPPED)

    def run(self, pair: Pair) -> Iterator[Finding]:
        lexicon = pair.lexicon
        names_a = pair.memo(
            "a", "names", lambda: names_of(pair.entities_a, pair.doc_a.text, lexicon)
        )
        names_b = pair.memo(
            "b", "names", lambda: names_of(pair.entities_b, pair.doc_b.text, lexicon)
        )
        if not (names_a or names_b) or len(names_a) > _MAX_NAMES or len(names_b) > _MAX_NAMES:
            return
        side_a = pair.memo(
            "a", "name-side", lambda: NameSide(pair.doc_a.text, pair.tokens_a, names_a, lexicon)
        )
        side_b = pair.memo(
            "b", "name-side", lambda: NameSide(pair.doc_b.text, pair.tokens_b, names_b, lexicon)
        )
        left_a, left_b = unaccounted(side_a, side_b), unaccounted(side_b, side_a)
        if not (left_a or left_b):
            return  # every name is matched on the other side: no swap, no drop
        swaps = _in_place(side_a, left_a, side_b, left_b, lexicon, pair.changes)
        swaps += _by_slot(side_a, left_a, side_b, left_b, swaps)
        for x, y in sorted(swaps, key=lambda p: p[0].span.start):
            yield self.finding(
                pair,
                SWAPPED.code,
                f"different {_noun(x, y)}: '{x.span.text}' vs '{y.span.text}' in the same "
                f"slot{_where(side_a, x)}",
                [x.span],
                [y.span],
            )
        swapped = {x.span for x, _ in swaps} | {y.span for _, y in swaps}
        sides = (("a", side_a, side_b, left_a), ("b", side_b, side_a, left_b))
        for which, own, other, left in sides:
            for name in left:
                if name.span not in swapped and not other.has(name):
                    yield from self._dropped(pair, which, own, name, other)

    def _dropped(
        self, pair: Pair, which: str, own: NameSide, name: Name, other: NameSide
    ) -> Iterator[Finding]:
        """DV302 for a name only one side has, where it is a named source or a list member."""
        present, absent = ("A", "B") if which == "a" else ("B", "A")

        def build(message: str, other_spans: list[Span]) -> Finding:
            a, b = ([name.span], other_spans) if which == "a" else (other_spans, [name.span])
            return self.finding(pair, DROPPED.code, message, a, b)

        if name.group in _DROPPABLE and is_source(own, name):
            if attribution(own, skip=name)[0] != "none" or overlap(own, other, name) < _SAME:
                return  # a second layer ("Experts say ..., according to Reuters") or a
                # different claim: the other side did not merely lose the source
            status, filler = attribution(other)
            if status == "anonymous" and filler is not None:
                head = next(w for w in _keys(other, filler) if w in entity_words().anonymous)
                if head not in own.keys:  # "Experts say ..., according to Reuters": a layer
                    yield build(
                        f"named source '{name.span.text}' ({present}) vs anonymous "
                        f"'{filler.text}' ({absent}): who said it is lost",
                        [filler],
                    )
            elif status == "none":
                yield build(
                    f"named source '{name.span.text}' ({present}) vs no source ({absent}): "
                    f"{absent} does not say who said it",
                    [],
                )
            return
        if name.group in _LISTABLE and name.label != "NORP" and _list_survives(own, name, other):
            yield build(
                f"'{name.span.text}' is listed in {present} but missing from the same list "
                f"in {absent}",
                [],
            )


def _kind(word: str) -> str:
    """How a neighbouring word ties a name to its sentence: "edge" (start, end, punctuation or
    a function word) or "content" (a word the name modifies or is modified by)."""
    if not word or not any(ch.isalnum() for ch in word) or word in entity_words().function_words:
        return "edge"
    return "content"


def _slot_score(side_a: NameSide, x: Name, side_b: NameSide, y: Name) -> int:
    """How surely two names fill the same slot: 2 when the words on both sides of them agree;
    1 when one neighbour agrees and is a real anchor (a content word or a preposition, not a
    title many people share) and the other neighbour is used the same way, or when the names
    are confusable; else 0."""
    before_a, before_b = side_a.before(x), side_b.before(y)
    after_a, after_b = side_a.after(x), side_b.after(y)
    same_before = before_a == before_b and before_a != ""
    same_after = after_a == after_b and after_a != ""
    if same_before and same_after:
        return 2
    if kindred(x, y):
        return 1
    anchor = (_kind(before_a) == "content" or before_a in entity_words().prepositions) and not (
        classify_role(before_a)
    )
    if same_before and anchor and _kind(after_a) == _kind(after_b):
        return 1
    if (
        same_after
        and _kind(after_a) == "content"
        and not classify_role(after_a)  # "Ukrainian President" / "Russian President"
        and _kind(before_a) == _kind(before_b)
    ):
        return 1
    return 0


def _comparable_places(side_a: NameSide, x: Name, y: Name) -> bool:
    """False for a country against an unknown place after a locative preposition ("talks in
    Saudi Arabia" / "talks in Jeddah"): likely a place inside it, more or less precise but not
    contradictory. As an actor ("Russia insisted"), a country stands only for itself."""
    if x.group != "place" or side_a.before(x) not in entity_words().locatives:
        return True
    return not (is_country(x) and not y.places or is_country(y) and not x.places)


def _in_place(
    side_a: NameSide,
    left_a: list[Name],
    side_b: NameSide,
    left_b: list[Name],
    lexicon: Lexicon,
    diff: Sequence[Change],
) -> list[tuple[Name, Name]]:
    """Swaps seen in the word diff: a short run of A holding one unaccounted name replaced by a
    run of B holding one ("Putin's willingness" / "Medvedev's willingness"). Where spaCy tagged
    nothing on one side, a run of capitalised words that are no common word stands in."""
    found = []
    for change in diff:
        if change.op != "replace" or len(change.a) > _RUN or len(change.b) > _RUN:
            continue
        xs = _within(side_a, left_a, change.a, lexicon)
        ys = _within(side_b, left_b, change.b, lexicon)
        if len(xs) == 1 and not ys:
            ys = _pseudo(side_b, change.b, xs[0].label, lexicon, side_a)
        elif len(ys) == 1 and not xs:
            xs = _pseudo(side_a, change.a, ys[0].label, lexicon, side_b)
        if len(xs) != 1 or len(ys) != 1:
            continue
        x, y = xs[0], ys[0]
        extra = _extra(change.a, x) + _extra(change.b, y)
        alike = x.group == y.group and extra <= 1 or extra == 0
        if alike and not related(x, y) and _comparable_places(side_a, x, y):
            found.append((x, y))
    return found


def _within(side: NameSide, names: list[Name], run: Sequence[Span], lexicon: Lexicon) -> list[Name]:
    """The names inside a run; names with only spaces between them are one name that spaCy
    split ("Lockheed" ORG + "Martin" PRODUCT)."""
    start, end = run[0].start, run[-1].end
    inside = [n for n in names if start <= n.span.start and n.span.end <= end]
    gaps = [side.text[p.span.end : q.span.start] for p, q in zip(inside, inside[1:], strict=False)]
    if len(inside) > 1 and not any(gap.strip() for gap in gaps):
        first, last = inside[0].span, inside[-1].span
        whole = Entity(first.start, last.end, side.text[first.start : last.end], inside[0].label)
        merged = name_of(whole, side.text, lexicon)
        return [merged] if merged is not None else inside
    return inside


def _extra(run: Sequence[Span], name: Name) -> int:
    """Words of the run outside the name (determiners and punctuation aside): 0 when one name
    simply replaced another ("The Kremlin's" / "The CNN's"), more when the run rewords around
    it ("in Ukraine belong to" / "as Russian territory")."""
    skip = entity_words().determiners | _POSSESSIVE
    return sum(
        1
        for token in run
        if not (name.span.start <= token.start and token.end <= name.span.end)
        and (key := token_key(token.text)) not in skip
        and any(ch.isalnum() for ch in key)
    )


def _pseudo(
    side: NameSide, run: Sequence[Span], label: str, lexicon: Lexicon, other: NameSide
) -> list[Name]:
    """The run as a name when every word is capitalised and none is a common word spaCy's
    tagger would have left alone ("It", "Officials", "President"), else []."""
    words = entity_words()
    common = words.function_words | words.references | words.anonymous | words.determiners
    for token in run:
        key = token_key(token.text)
        if not token.text[:1].isupper() or key in common or classify_role(key):
            return []
    start, end = run[0].start, run[-1].end
    name = name_of(Entity(start, end, side.text[start:end], label), side.text, lexicon)
    if name is None or other.has(name):
        return []
    return [name]


def _by_slot(
    side_a: NameSide,
    left_a: list[Name],
    side_b: NameSide,
    left_b: list[Name],
    taken: list[tuple[Name, Name]],
) -> list[tuple[Name, Name]]:
    """Swaps of unaccounted names of one group in the same slot, best-anchored pairs first;
    for rewrites whose word diff does not line up."""
    used = {x.span for x, _ in taken} | {y.span for _, y in taken}
    free_a = [x for x in left_a if x.span not in used]
    free_b = [y for y in left_b if y.span not in used]
    candidates = []
    similar: bool | None = None  # measured once a pair of names needs it
    for i, x in enumerate(free_a):
        for j, y in enumerate(free_b):
            if x.group != y.group or related(x, y) or not _comparable_places(side_a, x, y):
                continue
            score = _slot_score(side_a, x, side_b, y)
            if not score:
                continue
            if similar is None:
                similar = overlap(side_a, side_b) >= _SIMILAR
            if similar or kindred(x, y):
                candidates.append((-score, abs(i - j), i, j))
    chosen, seen_a, seen_b = [], set(), set()
    for _, _, i, j in sorted(candidates):
        if i not in seen_a and j not in seen_b:
            seen_a.add(i)
            seen_b.add(j)
            chosen.append((free_a[i], free_b[j]))
    return chosen


def _noun(x: Name, y: Name) -> str:
    """What kind of name changed, for the message."""
    if "NORP" in (x.label, y.label) and x.group == "place":
        return "nationality or group"
    return x.group


def _where(side: NameSide, name: Name) -> str:
    """Where the name sits, for the message: the word before it, else the word after it."""
    before, after = side.before(name), side.after(name)
    if before.isalpha():
        return f" (after '{before}')"
    if after.isalpha():
        return f" (before '{after}')"
    return ""


def _keys(side: NameSide, span: Span) -> list[str]:
    pairs = zip(side.keys, side.tokens, strict=True)
    return [k for k, t in pairs if span.start <= t.start < span.end]


def _list_survives(own: NameSide, name: Name, other: NameSide) -> bool:
    """True when the name is in a list ("sanctions on Iran and Venezuela") whose other member
    the other side keeps in the same slot ("sanctions on Iran"): the list lost a member."""
    members = _list_of(own, name)
    if len(members) < 2:
        return False
    first = min(members, key=lambda n: n.span.start)
    slot = own.before(first)
    return slot != "" and any(
        related(m, y) and other.before(y) == slot
        for m in members
        if m is not name
        for y in other.names
    )


_LISTS: weakref.WeakKeyDictionary[NameSide, dict[int, tuple[Name, list[Name]]]] = (
    weakref.WeakKeyDictionary()
)


def _list_of(own: NameSide, name: Name) -> list[Name]:
    """The name and the names listed with it on its side, remembered per side and name (a
    side's names are asked about again by every pair it is in)."""
    lists = _LISTS.setdefault(own, {})
    hit = lists.get(id(name))
    if hit is None or hit[0] is not name:
        hit = lists[id(name)] = (name, _grow_list(own, name))
    return hit[1]


def _grow_list(own: NameSide, name: Name) -> list[Name]:
    """The list holding `name`, grown outwards over joiners ("X, Y and Z")."""
    joiners = entity_words().joiners
    members = [name]
    changed = True
    while changed:
        changed = False
        for n in own.names:
            if n in members or n.group not in _LISTABLE:
                continue
            if any(_joined(own.text, n, m, joiners) for m in members):
                members.append(n)
                changed = True
    return members


def _joined(text: str, x: Name, y: Name, joiners: frozenset[str]) -> bool:
    """True when only a list joiner (",", "and", ", and the") separates two names."""
    left, right = (x, y) if x.span.end <= y.span.start else (y, x)
    if left.span.end > right.span.start:
        return False
    gap = " ".join(text[left.span.end : right.span.start].split()).replace(" ,", ",")
    gap = gap.removesuffix(" the").removesuffix(" the").strip()
    return gap in joiners
