"""qualifier: a modifier that narrows or widens a noun was dropped, added or swapped.

"the African continent" is not "the continent", "occupied provinces" are not all provinces, an
"alleged attack" is not an attack. The word diff shows such a change as a short run of words
right before a head word that both sides share; the run is a qualifier when its words are a
nationality or place adjective (a NORP/GPE entity), a listed scope, evidential, status or kind
modifier (`diverge/data/qualifier.toml`), or an adjective-looking word (a weaker signal).
Adjectives of size, tone or time ("key", "major", "recent") colour a noun without changing what
it refers to and are left to the wording rule. Numbers, negations, titles before names and
quoted words are other checks' business and make this check stand aside.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace

from diverge.checks.base import Check, Pair, Rule
from diverge.diff import differing
from diverge.facts.modifiers import (
    EXACT_GROUPS,
    NUMERIC,
    ORIGIN,
    Inventory,
    Modifier,
    Zone,
    adjective_like,
    vocabulary,
    zone_of,
)
from diverge.facts.phrases import (
    Run,
    SideView,
    english,
    is_content,
    is_number,
    is_word,
    opcode_runs,
    side_view,
)
from diverge.model import Finding, Severity, Span

QUALIFIER = Rule(
    "DV701",
    "qualifier",
    Severity.MAJOR,
    "A modifier that narrows or widens a noun (scope, evidential, status, origin) was dropped, "
    "added or changed.",
)

HEAD_REACH = 4
"""How many shared determiners, names or "and"s may separate the modifier from its head."""
COORDINATORS = frozenset({"and", "or", ",", "&"})


class QualifierCheck(Check):
    """DV701: a scope, evidential, status, kind or origin modifier differs before a shared noun."""

    RULES = (QUALIFIER,)

    def run(self, pair: Pair) -> Iterator[Finding]:
        found = pair.shared("runs", lambda: _runs(pair))
        if not found:
            return
        view_a = side_view(pair.doc_a, pair.a)
        view_b = side_view(pair.doc_b, pair.b)
        counts = (
            pair.memo("a", "inventory", lambda: Inventory(view_a, pair.lexicon)),
            pair.memo("b", "inventory", lambda: Inventory(view_b, pair.lexicon)),
        )
        for run in found:
            finding = self._judge(pair, run, view_a, view_b, counts)
            if finding is not None:
                yield finding

    def _judge(
        self, pair: Pair, run: Run, va: SideView, vb: SideView, counts: tuple[Inventory, Inventory]
    ) -> Finding | None:
        head = _head(run, va, vb)
        if head is None:
            return None
        zone_a = zone_of(va, run.i1, run.i2, pair.lexicon)
        if zone_a is None:
            return None
        zone_b = zone_of(vb, run.j1, run.j2, pair.lexicon)
        if zone_b is None:
            return None
        dropped = _unmatched(zone_a, zone_b, va, counts, run.op)
        added = _unmatched(zone_b, zone_a, vb, counts[::-1], run.op)
        noun = head[2]
        negated = _negated_before(va, run.i1) or _negated_before(vb, run.j1)
        degree = _graded(va, run.i2)
        vocab, head_key = vocabulary(), va.keys[head[0]]
        keep = [
            m
            for m in dropped + added
            if (noun or m.group in EXACT_GROUPS)
            and (not negated or m.group in EXACT_GROUPS)  # "not only" is ours, "not" polarity's
            and not (degree and m.text.casefold() in vocab.degree)
            and f"{m.text.casefold()} {head_key}" not in vocab.fixed_phrases  # "armed forces"
        ]
        dropped = [m for m in dropped if m in keep]
        added = [m for m in added if m in keep]
        if not dropped and not added:
            return None
        if _participle(head_key):
            dropped = [_on_claim(m) for m in dropped]
            added = [_on_claim(m) for m in added]
        one_sided = not (dropped and added)  # "all" against "most" is a change, stressed or not
        if one_sided and (_definite(va, run.i1, head[0]) or _definite(vb, run.j1, head[1])):
            dropped = [_stressing(m) for m in dropped]
            added = [_stressing(m) for m in added]
        return self._report(pair, (va, vb), (zone_a, zone_b), head[:2], dropped, added)

    def _report(
        self,
        pair: Pair,
        views: tuple[SideView, SideView],
        zones: tuple[Zone, Zone],
        head: tuple[int, int],
        dropped: list[Modifier],
        added: list[Modifier],
    ) -> Finding:
        (va, vb), (zone_a, zone_b) = views, zones
        mod_a = max(dropped, key=lambda m: m.severity) if dropped else None
        mod_b = max(added, key=lambda m: m.severity) if added else None
        if mod_a and mod_b:
            verb = "changed"
            if mod_a.group == mod_b.group:
                why = f"'{mod_a.text}' and '{mod_b.text}' differ: each {mod_a.reason}"
            else:
                why = f"'{mod_a.text}' {mod_a.reason}; '{mod_b.text}' {mod_b.reason}"
        else:
            verb = "dropped" if mod_a else "added"
            if (zone_b if mod_a else zone_a).modifiers:
                verb = "changed"  # another, unlisted adjective stands in its place
            mod = mod_a or mod_b
            assert mod is not None
            why = f"'{mod.text}' {mod.reason}"
        (head_a, head_b) = head
        message = (
            f"qualifier {verb}: '{_phrase(va, zone_a.start, head_a)}' vs "
            f"'{_phrase(vb, zone_b.start, head_b)}' ({why})"
        )
        return self.finding(
            pair,
            QUALIFIER.code,
            message,
            [_span(va, mod_a or next(iter(zone_a.modifiers), None), head_a)],
            [_span(vb, mod_b or next(iter(zone_b.modifiers), None), head_b)],
            severity=max(m.severity for m in dropped + added),
        )


def _participle(key: str) -> bool:
    """Whether a head word reads as a verb's past participle ("linked", "caused")."""
    return len(key) > 4 and key.endswith("ed")


def _on_claim(mod: Modifier) -> Modifier:
    """The modifier as it qualifies a claim rather than a noun, when its group says how."""
    found = vocabulary().on_claims.get(mod.group)
    return mod if found is None else replace(mod, severity=found[0], reason=found[1])


def _definite(view: SideView, start: int, head: int) -> bool:
    """Whether a definite determiner or possessive stands right before the run ("the entire
    fleet") or between it and its head ("all of his results")."""
    definite = vocabulary().definite
    return (start > 0 and view.keys[start - 1] in definite) or any(
        key in definite for key in view.keys[start:head]
    )


def _stressing(mod: Modifier) -> Modifier:
    """A universal quantifier before a definite noun phrase stresses it, and is shown as such."""
    if mod.text.casefold() not in vocabulary().emphatic:
        return mod
    return replace(
        mod, severity=Severity.INFO, reason="only stresses the definite noun phrase after it"
    )


def _runs(pair: Pair) -> tuple[Run, ...]:
    """The pair's diff runs, from the opcodes the pair's changes were built from (remembered
    by `diverge.diff.differing`, so this is a lookup, not a second diff)."""
    return opcode_runs(differing(pair.keys_a, pair.keys_b), len(pair.tokens_a))


def _head(run: Run, va: SideView, vb: SideView) -> tuple[int, int, bool] | None:
    """The shared word the run modifies, past shared determiners, names and "and"s.

    The third value says whether it is a noun-like content word. A function word still counts
    as a head for a quantifier used as a pronoun ("some of which", "with some in talks"); a
    name, number, quotation or title before a person's name does not count at all.
    """
    i, j = run.i2, run.j2
    skippable = _skippable()
    partitive = _ends_with_of(va, run.i1, run.i2) or _ends_with_of(vb, run.j1, run.j2)
    for _ in range(HEAD_REACH):
        while partitive and i < len(va) and j < len(vb) and va.keys[i] == vb.keys[j]:
            if va.labels[i] not in NUMERIC or vb.labels[j] not in NUMERIC:
                break
            i, j = i + 1, j + 1  # "most of a $1.6 billion verdict": the figure is no head
        if i >= len(va) or j >= len(vb) or va.keys[i] != vb.keys[j]:
            return None
        key = va.keys[i]
        if key in skippable or (va.labels[i] in ORIGIN and vb.labels[j] in ORIGIN):
            i, j = i + 1, j + 1
            continue
        if va.quoted[i] or vb.quoted[j] or va.labels[i] or vb.labels[j] or is_number(key):
            return None
        if va.is_proper(i) or vb.is_proper(j) or _before_name(va, i) or _before_name(vb, j):
            return None
        if key.endswith("ly") or not is_word(key):
            return None  # "most recently": an adverb is graded, not counted
        return i, j, is_content(key)
    return None


def _ends_with_of(view: SideView, start: int, end: int) -> bool:
    """Whether the run is a partitive ("most of", "part of"): a figure after it is no
    approximator of the quantity check's, and the noun after the figure is what it qualifies."""
    return end > start and view.keys[end - 1] == "of"


@functools.lru_cache(maxsize=1)
def _skippable() -> frozenset[str]:
    """Words `_head` steps over: determiners and coordinators (built once, not per run)."""
    return english().determiners | COORDINATORS


def _before_name(view: SideView, index: int) -> bool:
    """A title right before a person's name ("the president, Joe Smith"): the role check's."""
    return "PERSON" in view.labels[index + 1 : index + 3]


def _negated_before(view: SideView, index: int) -> bool:
    """A negation right before the run: "not" is the polarity check's, "not only" ours."""
    return index > 0 and view.keys[index - 1] in english().negation


def _graded(view: SideView, index: int) -> bool:
    """The run is followed by an adjective ("the most important"): "most" grades, not counts."""
    if index >= len(view):
        return False
    key = view.keys[index]
    return key in vocabulary().style or key in vocabulary().sets or adjective_like(key)


def _unmatched(
    zone: Zone, other: Zone, view: SideView, counts: tuple[Inventory, Inventory], op: str
) -> list[Modifier]:
    """Modifiers of `zone` that the other side neither repeats nor explains.

    In a swapped run only a clean contrast counts: the other side's slot holds nothing but
    glue or a rival of the same group ("partial" vs "full"); anything else there is re-wording
    this check cannot read. A modifier the other side uses as often elsewhere was moved.
    `counts` holds the inventories of this side, then of the other side.
    """
    mine, theirs = counts
    if zone.content or zone.names:
        return []  # the run says more than a modifier: re-wording, or another check's name
    result = []
    for mod in zone.modifiers:
        if any(mod.keys & o.keys for o in other.modifiers):
            continue
        if mod.group == "descriptive":
            if op == "replace" or other.content or other.modifiers or other.names or other.style:
                continue
            if not _opens_slot(view, zone.start) or _moved(mod, mine, theirs):
                continue
        elif op == "replace" and (mod.group == "origin" or not other.neutral_for(mod)):
            continue  # only a clean contrast of one group ("partial" / "full") is readable
        elif mod.group == "origin":
            if any(o.group == "origin" for o in other.modifiers):
                continue  # one people or place for another: the entity check's
            if (
                other.names
                or other.pointer
                or theirs.names(mod.keys) >= max(mine.names(mod.keys), 1)
            ):
                continue  # the other side names them elsewhere ("officials from Iran")
        else:
            if op == "replace" and mod.text.endswith("ed") and not _opens_slot(view, zone.start):
                continue  # likely a verb swapped for another ("captured" vs "attacked")
            if _moved(mod, mine, theirs):
                continue
        result.append(mod)
    return result


def _moved(mod: Modifier, mine: Inventory, theirs: Inventory) -> bool:
    """The other side uses the modifier as often as this side: a reordering, not a drop."""
    exact = mod.group in EXACT_GROUPS
    return theirs.uses(mod, exact) >= max(mine.uses(mod, exact), 1)


def _opens_slot(view: SideView, index: int) -> bool:
    """The token before `index` can stand before a modifier: a determiner, preposition,
    number or punctuation, or nothing (the sentence starts)."""
    if index == 0 or index in view.initial:
        return True
    key = view.keys[index - 1]
    vocab = vocabulary()
    return (
        key in english().noun_openers
        or key in vocab.glue
        or key in vocab.sets
        or key in vocab.style
        or is_number(key)
        or not is_word(key)
    )


def _phrase(view: SideView, start: int, head: int) -> str:
    """The modifier phrase for a message, with one word of left context ("the", "four")."""
    if start > 0:
        key = view.keys[start - 1]
        vocab = vocabulary()
        if key in english().determiners or key in vocab.glue or key in vocab.sets or is_number(key):
            start -= 1
    return view.phrase(start, head)


def _span(view: SideView, mod: Modifier | None, head: int) -> Span:
    """The smallest span naming the fact: the modifier through its head, or the head alone."""
    return view.span(mod.first if mod else head, head)
