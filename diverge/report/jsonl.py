"""JSON Lines: one finding a line, for grep, jq and streaming consumers.

Each line is a finding of the JSON contract plus where it belongs: its story (audit), its
comparison's two document ids, and its baseline status ("new", "known", or null when no
baseline applies to it). `finding_records` is the one sorted walk over the findings that the
jsonl, SARIF, GitHub and Markdown reporters share.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from diverge.model import Comparison, Finding, Report
from diverge.report import RenderOptions
from diverge.report.json_report import finding_dict


@dataclass(frozen=True)
class FindingRecord:
    """A finding with its comparison, story and baseline status."""

    comparison: Comparison
    finding: Finding
    story: str | None
    """The audit story; None for `compare` reports."""
    status: str | None
    """"new" or "known" against the baseline; None when the finding is not tracked (info) or
    the report has no baseline status (compare)."""


def finding_records(report: Report) -> Iterator[FindingRecord]:
    """Every finding in report order: stories, then planned pairs, then each pair's order."""
    story_of = {
        outlet: story["name"]
        for story in report.extras.get("stories", [])  # type: ignore[attr-defined]
        for outlet in story["outlets"]
    }
    baseline: dict[str, Any] = report.extras.get("baseline") or {}  # type: ignore[assignment]
    new = set(baseline.get("new", []))
    known = set(baseline.get("known", []))
    for c in report.comparisons:
        for f in c.findings:
            status = "new" if f.id in new else "known" if f.id in known else None
            yield FindingRecord(c, f, story_of.get(c.a), status)


def is_new(record: FindingRecord) -> bool:
    """Whether a finding is new drift: every finding is, when there is no baseline status."""
    return record.status != "known"


def record_dict(record: FindingRecord) -> dict[str, object]:
    return {
        "story": record.story,
        "comparison": {"a": record.comparison.a, "b": record.comparison.b},
        **finding_dict(record.finding),
        "baseline": record.status,
    }


def render(report: Report, options: RenderOptions) -> str:
    lines = [
        json.dumps(record_dict(r), ensure_ascii=False, separators=(",", ":"))
        for r in finding_records(report)
    ]
    return "".join(line + "\n" for line in lines)
