"""role: a person's title or status changed between two versions of a sentence.

"former U.S. President" and "U.S. President" name one man but state different facts: who holds
the office now. The check reads the title words next to each person (before the name, as in
"acting director Jane Doe", or in an appositive, as in "Jane Doe, the acting director,"), splits
them into status ("former", "late", "acting"), rank ("deputy", "vice"), title ("senator",
"general") and office ("defence", "foreign"), and compares them for the same person across the
pair. Places, nationalities and capitalisation inside a title ("Russian President" / "President")
are not compared: they add no fact about the role. A title dropped entirely ("President Joe
Biden" / "Biden") is how editors shorten second references, so it is not reported. Reading the
titles is `diverge.facts.titles`; this module compares them.
"""

from __future__ import annotations

from collections.abc import Iterator

from diverge.checks.base import Check, Pair, Rule
from diverge.facts.names import Name, names_of, same_name
from diverge.facts.titles import Title, title_vocab, titles_of
from diverge.facts.titles import TitleSide as _Side
from diverge.facts.titles import classify as classify  # still importable from here
from diverge.model import Finding, Severity

CHANGED = Rule(
    "DV401",
    "role",
    Severity.MAJOR,
    "A person's title or status (former, acting, deputy, senator...) differs.",
)

_TITLED_GROUPS = {"person", "organisation", "place"}
"""Groups whose names may carry a title: spaCy sometimes tags a person as ORG or GPE."""


def _merge(titles: list[Title]) -> Title:
    """A mention's titles before and after the name, read as one role."""
    if len(titles) == 1:
        return titles[0]
    return Title(
        span=titles[0].span,
        status=frozenset().union(*(t.status for t in titles)),
        rank=frozenset().union(*(t.rank for t in titles)),
        seniority=frozenset().union(*(t.seniority for t in titles)),
        heads=frozenset().union(*(t.heads for t in titles)),
        domains=frozenset().union(*(t.domains for t in titles)),
        written=tuple(sorted({w for t in titles for w in t.written})),
    )


def _status(a: Title, b: Title) -> tuple[frozenset[str], frozenset[str]]:
    """Status classes with "then-" read as a wildcard: it matches "former" or nothing."""
    sa, sb = set(a.status), set(b.status)
    for mine, theirs in ((sa, sb), (sb, sa)):
        if "then" in mine:
            mine.discard("then")
            if "past" in theirs:
                mine.add("past")
    return frozenset(sa), frozenset(sb)


def _delta(what: str, a: str, b: str) -> str:
    """One reason, read from A to B: "status 'former' added", "rank 'deputy' dropped"."""
    if a == "none":
        return f"{what} {b} added"
    if b == "none":
        return f"{what} {a} dropped"
    return f"{what} {a} vs {b}"


def _names_office(title: Title) -> bool:
    """Whether an office word stands right before the title it qualifies ("Interior Minister"),
    not somewhere in a long walk of words ("foreign soldiers ... President")."""
    written = dict(title.written)
    return any(
        f"{written.get(d, d)} {written.get(h, h)}" in title.span.text
        for d in title.domains
        for h in title.heads
    )


def compare(a: Title, b: Title) -> tuple[Severity, list[str]] | None:
    """How two titles of the same person differ: the worst severity and the reasons, or None."""
    vocab = title_vocab()
    major: list[str] = []
    minor: list[str] = []
    # Status and rank qualify an office: compare them only when both titles name the same one
    # (a "retired general" may well be an "envoy" too).
    same_office = not a.heads or not b.heads or bool(a.heads & b.heads)
    sa, sb = _status(a, b)
    if same_office and sa != sb:
        major.append(_delta("status", a.say(sa), b.say(sb)))
    if same_office and a.rank != b.rank:
        major.append(_delta("rank", a.say(a.rank), b.say(b.rank)))
    specific_a, specific_b = a.heads - vocab.generic, b.heads - vocab.generic
    if specific_a and specific_b:
        if not specific_a & specific_b:
            major.append(_delta("title", a.say(specific_a), b.say(specific_b)))
        elif specific_a != specific_b:
            minor.append(_delta("title", a.say(specific_a), b.say(specific_b)))
    if a.heads & b.heads and a.domains and b.domains and not a.domains & b.domains:
        major.append(_delta("office", a.say(a.domains), b.say(b.domains)))
    elif (
        a.heads & b.heads
        and bool(a.domains) != bool(b.domains)
        and _names_office(a if a.domains else b)
        and not (b if a.domains else a).organisation
    ):
        # "Minister" vs "Interior Minister": one side does not say which office (minor), unless
        # an organisation says it instead ("Pentagon spokesman", "Defense Department spokesman")
        minor.append(_delta("office", a.say(a.domains), b.say(b.domains)))
    if a.seniority != b.seniority and (a.heads & b.heads):
        minor.append(_delta("seniority", a.say(a.seniority), b.say(b.seniority)))
    if major:
        return Severity.MAJOR, major + minor
    if minor:
        return Severity.MINOR, minor
    return None


class RoleCheck(Check):
    RULES = (CHANGED,)

    def run(self, pair: Pair) -> Iterator[Finding]:
        titled_a = pair.memo("a", "titled", lambda: _side_titles(pair, "a"))
        if not titled_a:
            return
        titled_b = pair.memo("b", "titled", lambda: _side_titles(pair, "b"))
        done: list[Name] = []
        for name_a, _ in titled_a:
            if any(same_name(name_a, n) for n in done):
                continue
            done.append(name_a)
            mine = [(n, t) for n, t in titled_a if same_name(name_a, n)]
            theirs = [(n, t) for n, t in titled_b if same_name(name_a, n)]
            results = [(compare(ta, tb), ta, tb) for _, ta in mine for _, tb in theirs]
            if not results or any(r is None for r, _, _ in results):
                continue  # some pair of mentions agrees: a second reference, not a change
            (severity, reasons), title_a, title_b = min(
                ((r, ta, tb) for r, ta, tb in results if r is not None),
                key=lambda item: (item[0][0], item[1].span.start, item[2].span.start),
            )
            yield self.finding(
                pair,
                CHANGED.code,
                f"role of '{name_a.span.text}' changed: '{title_a.span.text}' vs "
                f"'{title_b.span.text}' ({'; '.join(reasons)})",
                [title_a.span],
                [title_b.span],
                severity=severity,
            )


def _side_titles(pair: Pair, which: str) -> list[tuple[Name, Title]]:
    """The titled names of one side of the pair (a fact of that side alone, remembered)."""
    doc, tokens, entities = (
        (pair.doc_a, pair.tokens_a, pair.entities_a)
        if which == "a"
        else (pair.doc_b, pair.tokens_b, pair.entities_b)
    )
    names = pair.memo(which, "names", lambda: names_of(entities, doc.text, pair.lexicon))
    return _titled(_Side(doc.text, tokens, entities), names)


def _titled(side: _Side, names: list[Name]) -> list[tuple[Name, Title]]:
    """Each name that carries a title on this side, with its (merged) title."""
    result = []
    for name in names:
        if name.group not in _TITLED_GROUPS:
            continue
        titles = titles_of(side, name)
        if titles:
            result.append((name, _merge(titles)))
    return result
