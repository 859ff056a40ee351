"""claim: the same slot of a statement is filled with different content.

"Russia asked Ukraine to accept X" against "... to accept Y", or "the strike hit a hospital"
against "... hit a school": both sentences are built the same way around the changed words, so
the change is not re-wording but a different claim. Without a parser the slot is read from the
word diff: a short run of content words swapped for another, with identical words before it
(ending in a word that opens a noun phrase or a content word, so that the slot holds an object
rather than a verb) and after it.

Most such swaps in real rewrites are synonyms, and no word list knows them all, so the check
asks for evidence before it raises a fact: two different things from the contrast sets of
`diverge/data/claim.toml` ("hospital" / "school") are major, one listed thing against an
unlisted word is minor, and two unlisted words are shown as info only. It stands aside when the
fillers share a word or a stem, sit in one synonym group, are vague ("the issue") or generic
("the building"), and when the run holds a name, number, negation or quotation, which other
checks own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from diverge.checks.base import Check, Pair, Rule
from diverge.facts.phrases import (
    Run,
    SideView,
    english,
    is_content,
    is_number,
    is_word,
    related,
    runs,
    side_view,
)
from diverge.lexicon import Lexicon, load_data
from diverge.model import Finding, Severity

CLAIM = Rule(
    "DV801",
    "claim",
    Severity.MAJOR,
    "The same slot of a statement holds different content ('accept X' vs 'accept Y').",
)

MAX_TOKENS = 4
"""Longer swapped runs are re-written clauses, not one slot."""
MIN_LEFT = 3
"""Identical tokens needed before the run: the slot must be anchored, not a loose match."""
LEFT_REACH = 4
"""The content word that anchors the slot must be among this many tokens before it."""
MIN_RIGHT = 2
"""Identical tokens needed after the run, unless the run ends the clause."""
CLAUSE_END = frozenset({".", ",", ";", ":", "!", "?"})
SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class ClaimWords:
    """The claim word lists, read once from `claim.toml`: synonyms, vague and generic nouns,
    and contrast sets of concrete things."""

    vague: frozenset[str]
    generic: frozenset[str]
    groups: dict[str, frozenset[int]]
    """A word, a phrase or a word's stem -> the synonym groups holding it."""
    things: dict[str, frozenset[str]]
    """A word or phrase -> the contrast entries ("class:n") naming that thing."""

    def of(self, key: str) -> frozenset[int]:
        bare = self.groups.get("~" + _inflected(key), frozenset())
        return self.groups.get(key, frozenset()) | bare

    def thing(self, fill: list[str]) -> frozenset[str]:
        """The contrast entries a filler names: the longest listed tail of it, else any word."""
        for size in range(len(fill), 0, -1):
            found = self.things.get(" ".join(fill[-size:]))
            if found:
                return found
        return frozenset().union(*(self.things.get(k, frozenset()) for k in fill))


@functools.lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    data = load_data("claim")
    groups: dict[str, set[int]] = {}
    for n, members in enumerate(data["synonyms"]):
        for word in members:
            key = word.casefold()
            groups.setdefault(key, set()).add(n)
            if " " not in key:
                groups.setdefault("~" + _inflected(key), set()).add(n)
    things: dict[str, set[str]] = {}
    for name, entries in data["contrast"].items():
        for n, entry in enumerate(entries):
            for word in entry:
                things.setdefault(word.casefold(), set()).add(f"{name}:{n}")
    return ClaimWords(
        frozenset(w.casefold() for w in data["vague"]),
        frozenset(w.casefold() for w in data["generic"]),
        {k: frozenset(v) for k, v in groups.items()},
        {k: frozenset(v) for k, v in things.items()},
    )


class ClaimCheck(Check):
    """DV801: an anchored slot holds unrelated content words on the two sides."""

    RULES = (CLAIM,)

    def run(self, pair: Pair) -> Iterator[Finding]:
        found = pair.shared("runs", lambda: runs(pair.tokens_a, pair.tokens_b, pair.changes))
        if not found:
            return
        view_a = side_view(pair.doc_a, pair.a)
        view_b = side_view(pair.doc_b, pair.b)
        for run in found:
            if run.op != "replace":
                continue
            if not (run.i2 - run.i1 <= MAX_TOKENS and run.j2 - run.j1 <= MAX_TOKENS):
                continue
            if not _anchored(run, view_a) or not _object_slot(run, view_a):
                continue
            fill_a = _filler(view_a, run.i1, run.i2)
            fill_b = _filler(view_b, run.j1, run.j2)
            if fill_a is None or fill_b is None:
                continue
            table = claim_words()
            thing_a, thing_b = table.thing(fill_a), table.thing(fill_b)
            if thing_a & thing_b or _equivalent(fill_a, fill_b, pair.lexicon):
                continue
            if (_vague(fill_a) and _vague(fill_b)) or _generic(fill_a) or _generic(fill_b):
                continue
            if _verb_pair(run, view_a, fill_a, fill_b):
                continue
            span_a = view_a.span(run.i1, run.i2 - 1)
            span_b = view_b.span(run.j1, run.j2 - 1)
            anchor = view_a.phrase(max(run.i1 - 2, 0), run.i1 - 1)
            values = f"'{span_a.text}' vs '{span_b.text}'"
            if thing_a and thing_b:
                severity = Severity.MAJOR
                message = f"claim changed: {values} (different things in the slot after '{anchor}')"
            elif thing_a or thing_b:
                severity = Severity.MINOR
                message = f"claim changed: {values} (another thing in the slot after '{anchor}')"
            else:
                severity = Severity.INFO
                message = (
                    f"claim may differ: {values} (same slot after '{anchor}', words not known "
                    "as synonyms)"
                )
            yield self.finding(pair, CLAIM.code, message, [span_a], [span_b], severity=severity)


def _inflected(word: str) -> str:
    """The word without a plural or verb ending ("talks" = "talk", "backed" = "back"); no
    deeper stemming, which would match "faulty" with "faulted"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _anchored(run: Run, view: SideView) -> bool:
    """Identical context on both sides: a content word just before, more words or the clause
    end just after (the equal blocks are the same on both sides, so A's tokens tell)."""
    if run.before < MIN_LEFT:
        return False
    left = range(run.i1 - min(run.before, LEFT_REACH), run.i1)
    if not any(is_content(view.keys[n]) for n in left):
        return False
    if run.after >= MIN_RIGHT:
        return True
    if run.after >= 1 and view.keys[run.i2] in CLAUSE_END:
        return True
    return run.after == 0 and run.i2 == len(view)


def _object_slot(run: Run, view: SideView) -> bool:
    """The run holds a noun phrase (an object or complement), not a verb or a premodifier.

    A run after a subject (a name, a pronoun), an auxiliary or another function word that does
    not open a noun phrase is most likely a verb ("Russia asked" / "Russia urged"); a run
    followed by a determiner is a verb or preposition taking that noun phrase; a run followed by
    a lowercase content word is a premodifier, which is the qualifier check's.
    """
    eng = english()
    prev = view.keys[run.i1 - 1]
    if prev in eng.pronouns or prev in eng.auxiliaries or view.labels[run.i1 - 1] in SUBJECT_LABELS:
        return False
    if prev in eng.function and prev not in eng.noun_openers:
        return False
    if run.i2 < len(view):
        nxt = view.keys[run.i2]
        if nxt in eng.determiners or nxt in eng.pronouns:
            return False
        if is_content(nxt) and not view.is_proper(run.i2):
            return False
    return True


def _filler(view: SideView, start: int, end: int) -> list[str] | None:
    """The content words of a run, or None when the run is not a plain content phrase (a
    name, a number, a negation, a quotation, punctuation, an adverb or a vague noun)."""
    eng = english()
    if view.keys[end - 1] in eng.function:
        return None  # "claims against" vs "recognition of": the phrase is built differently
    if view.keys[start] in eng.function and view.keys[start] not in eng.determiners:
        return None
    content = []
    for n in range(start, end):
        key = view.keys[n]
        if view.quoted[n] or view.labels[n] or is_number(key) or key in eng.negation:
            return None
        if view.is_proper(n) or not (is_word(key) or key == "-"):
            return None
        if is_content(key):
            content.append(key)
    if not content or any(k.endswith("ly") and len(k) > 4 for k in content):
        return None
    return content


def _equivalent(fill_a: list[str], fill_b: list[str], lexicon: Lexicon) -> bool:
    """Fillers that may say the same thing: a shared word or stem, one name, one synonym group."""
    if lexicon.canonical(" ".join(fill_a)) == lexicon.canonical(" ".join(fill_b)):
        return True
    table = claim_words()
    groups_a = table.of(" ".join(fill_a)).union(*(table.of(k) for k in fill_a))
    groups_b = table.of(" ".join(fill_b)).union(*(table.of(k) for k in fill_b))
    if groups_a & groups_b:
        return True
    return any(related(a, b) for a in fill_a for b in fill_b)


def _vague(fill: list[str]) -> bool:
    """Only general nouns ("the issue", "the situation"): re-wording, whatever replaced them."""
    return all(k in claim_words().vague for k in fill)


def _generic(fill: list[str]) -> bool:
    """A class name for its head ("the building"): less precise, not a different claim."""
    return fill[-1] in claim_words().generic


def _verb_pair(run: Run, view: SideView, fill_a: list[str], fill_b: list[str]) -> bool:
    """Two single inflected words not introduced by a determiner: likely verbs, re-worded."""
    if len(fill_a) != 1 or len(fill_b) != 1:
        return False
    if view.keys[run.i1 - 1] in english().determiners:
        return False
    return all(w.endswith(("ed", "ing")) for w in (fill_a[0], fill_b[0]))
