"""Every check against its YAML cases (diverge/checks/cases/<kind>.yml), one test per case.

A drift case names the code it must raise (at severity minor or above); a consistent case must
raise nothing of that kind above info.
"""

from __future__ import annotations

import pytest

from diverge.checks import all_checks
from diverge.checks.base import load_cases
from diverge.model import Severity

KINDS = ["quantity", "time", "entity", "role", "quote", "polarity", "qualifier", "claim"]
MIN_CASES = 8


def _cases():
    for kind in KINDS:
        for number, case in enumerate(load_cases(kind)):
            label = "drift" if case["drift"] else "consistent"
            yield pytest.param(kind, case, id=f"{kind}-{number}-{label}")


def _findings(pair, kind):
    return [
        f
        for check in all_checks()
        if any(r.kind == kind for r in check.RULES)
        for f in check.run(pair)
        if f.kind == kind
    ]


@pytest.mark.parametrize(("kind", "case"), list(_cases()))
def test_case(kind, case, make_pair):
    pair = make_pair(case["a"], case["b"])
    findings = _findings(pair, kind)
    serious = [f for f in findings if f.severity >= Severity.MINOR]
    if case["drift"]:
        codes = sorted({f.code for f in serious})
        assert case["drift"] in codes, f"expected {case['drift']}, got {codes}: {findings}"
    else:
        assert not serious, f"paraphrase flagged: {[f.message for f in serious]}"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_enough_cases(kind):
    cases = load_cases(kind)
    assert sum(1 for c in cases if c["drift"]) >= MIN_CASES
    assert sum(1 for c in cases if not c["drift"]) >= MIN_CASES
