"""wording and coverage: the differences no typed check explains, and sentences one side lacks.

Wording is always `info`: paraphrase is normal. Coverage is built by `compare` from the
sentences the aligner left unmatched; its rule lives here so `diverge rules` lists it.
"""

from __future__ import annotations

from collections.abc import Iterator

from diverge.checks.base import Check, Pair, Rule
from diverge.diff import merge_run
from diverge.model import Finding, Severity

WORDING = Rule("DV902", "wording", Severity.INFO, "Words differ between aligned sentences.")
COVERAGE = Rule(
    "DV901", "coverage", Severity.MINOR, "A sentence one outlet carries and the other omits."
)


class WordingCheck(Check):
    RULES = (WORDING,)

    def run(self, pair: Pair) -> Iterator[Finding]:
        for change in pair.changes:
            a = merge_run(pair.doc_a.text, change.a)
            b = merge_run(pair.doc_b.text, change.b)
            before = f"'{a.text}'" if a else "nothing"
            after = f"'{b.text}'" if b else "nothing"
            yield self.finding(
                pair, WORDING.code, f"{before} -> {after}", [a] if a else [], [b] if b else []
            )
