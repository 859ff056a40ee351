"""Four wire stories and a newsroom rewrite of each, written for diverge and never tuned on
before (tests/data/rewrites/<story>/): the drift put in on purpose must be found, and the
paraphrase and newsroom habits it once mistook for drift (a dropped dateline, the rewrite's own
headline, a merged sentence) must stay quiet.

`answer.md` in each folder lists the drift as written before the tool first ran; `expected.yml`
says which of it diverge finds (`found`), which false alarms it must not raise (`quiet`) and
what it still misses (`missed`, printed, never asserted).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from diverge.compare import compare
from diverge.config import Settings
from diverge.lexicon import default_lexicon
from diverge.model import Article, Finding, Severity
from diverge.read import read_article
from diverge.segment import segment

STORIES = Path(__file__).parent / "data" / "rewrites"


def _stories() -> list[str]:
    return sorted(p.name for p in STORIES.iterdir() if (p / "expected.yml").is_file())


@pytest.fixture(scope="module")
def reported(nlp):
    """Story -> (its expectations, the findings at minor or above)."""
    result = {}
    for story in _stories():
        folder = STORIES / story
        articles: list[Article] = [
            read_article(str(folder / name)) for name in ("wire.txt", "rewrite.txt")
        ]
        doc_a, doc_b = segment(articles, nlp, default_lexicon())
        findings = compare(doc_a, doc_b, default_lexicon(), Settings()).findings
        expected = yaml.safe_load((folder / "expected.yml").read_text("utf-8"))
        result[story] = expected, [f for f in findings if f.severity >= Severity.MINOR]
    return result


def _matches(finding: Finding, entry: dict[str, str]) -> bool:
    a_text = " / ".join(s.text for s in finding.a.spans)
    b_text = " / ".join(s.text for s in finding.b.spans)
    return (
        finding.code == entry["code"]
        and entry.get("a", "") in a_text
        and entry.get("b", "") in b_text
    )


@pytest.mark.parametrize("story", _stories())
def test_the_drift_put_in_on_purpose_is_found(reported, story):
    expected, findings = reported[story]
    missing = [e["id"] for e in expected["found"] if not any(_matches(f, e) for f in findings)]
    assert not missing, f"{story}: not found: {missing}"


@pytest.mark.parametrize("story", _stories())
def test_paraphrase_once_mistaken_for_drift_stays_quiet(reported, story):
    expected, findings = reported[story]
    raised = [
        (e["note"], f.message)
        for e in expected.get("quiet", [])
        for f in findings
        if _matches(f, e)
    ]
    assert not raised, f"{story}: {raised}"


@pytest.mark.parametrize("story", _stories())
def test_every_change_of_the_answer_is_found_or_listed_as_missed(reported, story):
    """expected.yml accounts for each change answer.md lists, so none drops out of the tally;
    the tally (found / found + missed over all stories) is printed for the README."""
    expected, _ = reported[story]
    answer = (STORIES / story / "answer.md").read_text("utf-8")
    listed = set(re.findall(r"^\| ([A-Z]\d+) \|", answer, re.M))
    listed |= set(re.findall(r"^- ([A-Z]\d+) ", answer, re.M))
    accounted = [e["id"] for e in expected["found"] + (expected.get("missed") or [])]
    assert sorted(accounted) == sorted(listed)
    found = sum(len(e["found"]) for e, _ in reported.values())
    missed = sum(len(e.get("missed") or []) for e, _ in reported.values())
    print(f"\nrewrites: {found} of {found + missed} deliberate changes found")
