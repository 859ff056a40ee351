"""Consensus: for a story told by many outlets, which outlet is the outlier on each fact.

Pairwise findings say "A and B differ"; a reader of five outlets wants "four say X, one says
Y". Sentences that tell the same thing are clustered across all outlets (union-find over every
pair's alignments); findings of one kind in one cluster are grouped when they share a value
(the "thousands" that one outlet has against every other); within a group, outlets with the
same value agree, and so do two outlets compared without a finding in that group. Info findings
take no part: they are wording, not facts.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from diverge.model import Comparison, Finding, Severity, Side, Span

NOTHING = "nothing"
"""The value of an outlet that lacks the fact (the empty side of a finding)."""


class UnionFind:
    """Disjoint sets over hashable items, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, item: Any) -> Any:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root, so clusters are named the same on every run.
            low, high = sorted((ra, rb))
            self.parent[high] = low


_MARKS = str.maketrans("“”„‘’‚`´–—", "\"\"\"'''''--")


@functools.lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """A value as compared across outlets: case, quote marks, dashes and spacing ignored.

    Memoised: a story's consensus normalises the same span texts for every group it tries."""
    return " ".join(text.translate(_MARKS).split()).casefold()


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def story_consensus(
    outlets: Sequence[str], comparisons: Sequence[Comparison], short: dict[str, str]
) -> list[dict[str, Any]]:
    """The consensus groups of one story, most severe first; plain data for the JSON report."""
    clusters = UnionFind()
    for c in comparisons:
        for al in c.alignments:
            nodes = [(c.a, i) for i in al.a] + [(c.b, j) for j in al.b]
            for node in nodes[1:]:
                clusters.union(nodes[0], node)
    present: dict[Any, set[str]] = defaultdict(set)
    """cluster -> outlets that carry a sentence of it."""
    for node in list(clusters.parent):
        present[clusters.find(node)].add(node[0])

    groups = UnionFind()
    members: dict[Any, list[tuple[Comparison, Finding]]] = defaultdict(list)
    differ: dict[tuple[str, Any], set[tuple[str, str]]] = defaultdict(set)
    """(kind, cluster) -> pairs of outlets with a finding of that kind there."""
    hints: dict[Any, list[tuple[Comparison, Finding]]] = defaultdict(list)
    """cluster -> info findings there: wording that may show which value an outlet has."""
    for c in comparisons:
        for f in c.findings:
            cluster = _cluster_of(f, c, clusters)
            if f.severity < Severity.MINOR:
                hints[cluster].append((c, f))
                continue
            key_a, key_b = _value_key(f.a, f.b, f.kind), _value_key(f.b, f.a, f.kind)
            node_a, node_b = (f.kind, cluster, key_a), (f.kind, cluster, key_b)
            groups.union(node_a, node_b)
            members[node_a].append((c, f))
            differ[f.kind, cluster].update({(c.a, c.b), (c.b, c.a)})
    by_group: dict[Any, list[tuple[Comparison, Finding]]] = defaultdict(list)
    for node, items in members.items():
        by_group[groups.find(node)].extend(items)

    compared = {(c.a, c.b) for c in comparisons} | {(c.b, c.a) for c in comparisons}
    wording: dict[Any, Wording] = {}
    """cluster -> its info findings indexed by word, built when a group there first asks."""
    result = []
    for key, items in by_group.items():
        cluster = key[1]
        if cluster not in wording:
            wording[cluster] = Wording(hints[cluster])
        extra, blocked = _hints(items, wording[cluster])
        result.append(
            _group_record(
                items + extra,
                outlets,
                present.get(cluster, set()),
                compared - differ[key[0], cluster] - blocked,
                short,
            )
        )
    result.sort(
        key=lambda g: (
            -Severity.parse(g["severity"]),
            g["majority"] is None,
            g["kind"],
            g["summary"],
        )
    )
    return result


_WORD = re.compile(r"\w+")


class Wording:
    """The info findings of one cluster, with the normalised text of each side and an index
    from each word to the findings whose text holds it.

    Every group of a cluster looks for its values in the same wording findings; most mention
    none of them. A value that starts with a word character matches as a whole word only where
    the text has that value's first word as a whole word (the characters either side of the
    match are not word characters, so the text's word there is exactly the value's first
    word), so the index narrows the findings to test without changing which ones match.
    """

    def __init__(self, items: list[tuple[Comparison, Finding]]) -> None:
        self.items = items
        self.texts = [(_side_text(f.a), _side_text(f.b)) for _, f in items]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for n, texts in enumerate(self.texts):
            found = {w for text in texts if text is not None for w in _WORD.findall(text)}
            for word in found:
                self.by_word[word].append(n)

    def candidates(self, values: Iterable[str]) -> list[int]:
        """Indices, in order, of the findings whose texts may contain one of `values`."""
        found: set[int] = set()
        for value in values:
            first = _WORD.match(value)
            if first is None:  # no leading word to look up: every finding is a candidate
                return list(range(len(self.items)))
            found.update(self.by_word.get(first.group(), ()))
        return sorted(found)


def _side_text(side: Side) -> str | None:
    """A side's text as values are compared, or None for a side without spans."""
    return normalise(" … ".join(s.text for s in side.spans)) if side.spans else None


def _hints(
    items: list[tuple[Comparison, Finding]], wording: Wording
) -> tuple[list[tuple[Comparison, Finding]], set[tuple[str, str]]]:
    """What the cluster's wording findings tell about this group's values.

    A check may miss a change that wording still shows ('cogent' -> 'convincing' inside a quote
    it could not match): a wording finding whose sides each contain a different value of the
    group tells those two outlets' values. Any wording finding that mentions a value also
    forbids inferring agreement from silence between its two outlets. Returns the extra
    (value-bearing) findings and those pairs.
    """
    kind = items[0][1].kind
    if kind == "coverage":
        return [], set()
    values = {_value_key(f.a, f.b, kind) for _, f in items} | {
        _value_key(f.b, f.a, kind) for _, f in items
    }
    values = {v for v in values if v and not v.startswith("\x00")}
    found, blocked = [], set()
    for n in wording.candidates(values):
        c, f = wording.items[n]
        text_a, text_b = wording.texts[n]
        side_a, side_b = _mention(f.a, text_a, values), _mention(f.b, text_b, values)
        if side_a is None and side_b is None:
            continue
        blocked.update({(c.a, c.b), (c.b, c.a)})
        if (
            side_a is not None
            and side_b is not None
            and _value_key(side_a, f.b, kind) != _value_key(side_b, f.a, kind)
        ):
            found.append((c, replace(f, kind=kind, a=side_a, b=side_b)))
    return found, blocked


def _mention(side: Side, text: str | None, values: set[str]) -> Side | None:
    """The side (whose normalised text is `text`) cut down to the longest group value its
    text contains as whole words."""
    if text is None:
        return None
    # The substring test is the cheap filter; the regex only confirms whole words.
    matches = [v for v in values if v in text and _whole_word(v).search(text)]
    if not matches:
        return None
    value = max(sorted(matches), key=len)
    span = side.spans[0]
    return Side(side.sentences, (Span(span.start, span.end, value),))


@functools.lru_cache(maxsize=4096)
def _whole_word(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")


def _cluster_of(f: Finding, c: Comparison, clusters: UnionFind) -> Any:
    if f.a.sentences:
        return clusters.find((c.a, f.a.sentences[0]))
    return clusters.find((c.b, f.b.sentences[0] if f.b.sentences else -1))


def _value_key(side: Side, other: Side, kind: str) -> str:
    if kind == "coverage":
        return "carried" if side.spans else NOTHING
    if side.spans:
        return normalise(" … ".join(s.text for s in side.spans))
    # An outlet lacking the fact: tied to the value it lacks, so two different omissions of
    # the same outlet do not join into one group.
    return "\x00" + normalise(" … ".join(s.text for s in other.spans))


def _display_value(side: Side, kind: str) -> str:
    if not side.spans:
        return NOTHING
    text = " … ".join(s.text for s in side.spans)
    return _clip(re.sub(r"\s+", " ", text).strip())


def _group_record(
    items: list[tuple[Comparison, Finding]],
    outlets: Sequence[str],
    present: set[str],
    compared: set[tuple[str, str]],
    short: dict[str, str],
) -> dict[str, Any]:
    """One group's values and outlets; `compared` holds the pairs compared without any finding
    of this kind about this fact, the only ones from whose silence agreement is inferred."""
    values: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    """outlet -> displayed value -> how many findings show it."""
    keys: dict[str, str] = {}
    conflicts: set[tuple[str, str]] = set()
    sentences: dict[str, set[int]] = defaultdict(set)
    for c, f in items:
        for outlet, side, other in ((c.a, f.a, f.b), (c.b, f.b, f.a)):
            values[outlet][_display_value(side, f.kind)] += 1
            keys.setdefault(outlet, _value_key(side, other, f.kind))
            sentences[outlet].update(side.sentences)
        conflicts.add((c.a, c.b))
        conflicts.add((c.b, c.a))

    # Outlets that state the same value agree; so do outlets in the cluster that were compared
    # without a finding in this group, unless that would join two outlets that differ.
    agree = UnionFind()
    involved = sorted(set(values) | (present & set(outlets)))
    for outlet in involved:
        agree.find(outlet)
    by_key: dict[str, str] = {}
    for outlet in sorted(keys):
        if keys[outlet] in by_key:
            agree.union(by_key[keys[outlet]], outlet)
        by_key.setdefault(keys[outlet], outlet)
    for x in involved:
        for y in involved:
            if (
                x < y
                and (x, y) in compared
                and (x, y) not in conflicts
                and not _would_conflict(agree, x, y, conflicts, involved)
            ):
                agree.union(x, y)
    classes: dict[str, list[str]] = defaultdict(list)
    for outlet in involved:
        classes[agree.find(outlet)].append(outlet)

    stated = []
    for group in classes.values():
        counts: dict[str, int] = defaultdict(int)
        for outlet in group:
            for value, n in values.get(outlet, {}).items():
                counts[value] += n
        if not counts:
            continue
        label = max(sorted(counts), key=lambda v: counts[v])
        stated.append({"value": label, "outlets": sorted(group)})
    stated.sort(key=lambda v: (-len(v["outlets"]), v["value"]))
    majority = (
        stated[0]
        if len(stated) > 1 and len(stated[0]["outlets"]) > len(stated[1]["outlets"])
        else None
    )
    outliers = sorted(o for v in stated[1:] for o in v["outlets"]) if majority else []
    covered = {o for v in stated for o in v["outlets"]}
    absent = [o for o in outlets if o not in covered]
    findings = [f for _, f in items if f.severity >= Severity.MINOR]
    return {
        "kind": findings[0].kind,
        "severity": max(f.severity for f in findings).label,
        "codes": sorted({f.code for f in findings}),
        "outlets": len(outlets),
        "values": stated,
        "majority": majority["value"] if majority else None,
        "outliers": outliers,
        "absent": absent,
        "sentences": {o: sorted(sentences[o]) for o in sorted(sentences)},
        "findings": sorted({f.id for f in findings}),
        "summary": summary_line(stated, majority is not None, len(outlets), absent, short),
    }


def _would_conflict(
    agree: UnionFind, x: str, y: str, conflicts: set[tuple[str, str]], involved: Iterable[str]
) -> bool:
    rx, ry = agree.find(x), agree.find(y)
    group_x = [o for o in involved if agree.find(o) == rx]
    group_y = [o for o in involved if agree.find(o) == ry]
    return any((p, q) in conflicts for p in group_x for q in group_y)


def summary_line(
    stated: list[dict[str, Any]],
    has_majority: bool,
    total: int,
    absent: list[str],
    short: dict[str, str],
) -> str:
    """The readable line: 4 of 5 outlets: 'tens of thousands'; reuters-yodel: 'thousands'."""
    parts = []
    for n, value in enumerate(stated):
        shown = value["value"] if value["value"] == NOTHING else f"'{value['value']}'"
        if n == 0 and has_majority:
            parts.append(f"{len(value['outlets'])} of {total} outlets: {shown}")
        else:
            parts.append(f"{', '.join(short.get(o, o) for o in value['outlets'])}: {shown}")
    if absent:
        parts.append(f"not in: {', '.join(short.get(o, o) for o in absent)}")
    return "; ".join(parts)
