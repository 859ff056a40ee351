"""Markdown that fits a pull-request comment: verdict, summary table, consensus, findings.

A PR comment should be read in ten seconds and stay under the host's size limit (GitHub:
65,536 characters), so the findings table shows new drift first, then the most severe, and is
cut after `MAX_FINDINGS` rows with a line saying how many more there are and where to find
them. Table cells are escaped (`|`, newlines, `<`) so that quoted article text cannot break the
table.
"""

from __future__ import annotations

from typing import Any

from diverge.model import Report, Severity
from diverge.report import RenderOptions
from diverge.report.jsonl import FindingRecord, finding_records, is_new

MAX_FINDINGS = 50
MAX_CONSENSUS = 15
MAX_CHARS = 60_000
MESSAGE_WIDTH = 160
SEVERITIES = sorted(Severity, reverse=True)


def cell(text: object, width: int = MESSAGE_WIDTH) -> str:
    value = " ".join(str(text).split())
    if len(value) > width:
        value = value[: width - 1].rstrip() + "…"
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def render(report: Report, options: RenderOptions) -> str:
    records = [r for r in finding_records(report) if r.finding.severity >= options.min_severity]
    baseline: dict[str, Any] = report.extras.get("baseline") or {}  # type: ignore[assignment]
    stories: list[dict[str, Any]] = report.extras.get("stories") or []  # type: ignore[assignment]
    lines = [_heading(report, baseline, records), ""]
    lines += _summary_table(report, stories)
    lines += _consensus(report, options)
    lines += _findings(records, bool(baseline))
    lines += _stale(baseline)
    text = "\n".join(lines).rstrip() + "\n"
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit("\n", 1)[0] + "\n\n_… cut to fit a comment._\n"
    return text


def _heading(report: Report, baseline: dict[str, Any], records: list[FindingRecord]) -> str:
    command = "audit" if "stories" in report.extras else "compare"
    if baseline:
        failing = len(baseline.get("failing", []))
        level = baseline.get("fail_on", "major")
        if failing:
            verdict = f"❌ {failing} new finding{'s' * (failing != 1)} at or above {level}"
        else:
            verdict = f"✅ no new drift at or above {level}"
    else:
        verdict = f"{len(records)} finding{'s' * (len(records) != 1)}"
    return f"## diverge {command}: {verdict}"


def _summary_table(report: Report, stories: list[dict[str, Any]]) -> list[str]:
    labels = [s.label for s in SEVERITIES]
    if stories:
        head = ["story", "outlets", "comparisons", *labels, "new (minor+)"]
        rows = [
            [
                cell(s["name"]),
                str(len(s["outlets"])),
                str(s["comparisons"]),
                *(str(s["findings"][label]) for label in labels),
                str(sum(n for label, n in s.get("new", {}).items() if label != "info")),
            ]
            for s in stories
        ]
    else:
        head = ["A", "B", *labels]
        rows = [
            [
                cell(c.a),
                cell(c.b),
                *(str(sum(1 for f in c.findings if f.severity.label == label)) for label in labels),
            ]
            for c in report.comparisons
        ]
    text_columns = 1 if stories else 2
    align = ["---" if n < text_columns else "---:" for n in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _consensus(report: Report, options: RenderOptions) -> list[str]:
    by_story: dict[str, list[dict[str, Any]]]
    by_story = report.extras.get("consensus") or {}  # type: ignore[assignment]
    groups = [
        (story, g)
        for story, items in by_story.items()
        for g in items
        if Severity.parse(g["severity"]) >= options.min_severity and len(g["values"]) > 1
    ]
    if not groups:
        return []
    lines = ["### Consensus", ""]
    several = len(by_story) > 1
    for story, g in groups[:MAX_CONSENSUS]:
        where = f"{cell(story)} · " if several else ""
        lines.append(
            f"- **{g['kind']}** ({g['severity']}, {', '.join(g['codes'])}) {where}"
            f"{cell(g['summary'], 240)}"
        )
    if len(groups) > MAX_CONSENSUS:
        lines.append(f"- _… and {len(groups) - MAX_CONSENSUS} more (see `--format json`)_")
    return [*lines, ""]


def _findings(records: list[FindingRecord], tracked: bool) -> list[str]:
    if not records:
        return ["No findings at or above the shown severity.", ""]
    ordered = sorted(
        enumerate(records),
        key=lambda item: (not is_new(item[1]), -item[1].finding.severity, item[0]),
    )
    head = "| severity | code | outlets | message |" + (" baseline |" if tracked else "")
    lines = ["### Findings", "", head, "|---|---|---|---|" + ("---|" if tracked else "")]
    for _, r in ordered[:MAX_FINDINGS]:
        f = r.finding
        row = (
            f"| {f.severity.label} | {f.code} {f.kind} | {cell(r.comparison.a)} ⟷ "
            f"{cell(r.comparison.b)} | {cell(f.message)} |"
        )
        if tracked:
            row += f" {'**new**' if r.status == 'new' else r.status or ''} |"
        lines.append(row)
    if len(records) > MAX_FINDINGS:
        lines += ["", f"_… and {len(records) - MAX_FINDINGS} more findings (see `--format json`)._"]
    return [*lines, ""]


def _stale(baseline: dict[str, Any]) -> list[str]:
    stale = baseline.get("stale") or []
    if not stale:
        return []
    lines = ["### Stale baseline entries", ""]
    for entry in stale[:MAX_FINDINGS]:
        lines.append(
            f"- `{entry['id']}` {entry['code']} {cell(' vs '.join(entry['documents']))}: "
            f"{cell(entry['message'])} (no longer found; drop it with `--update-baseline`)"
        )
    return [*lines, ""]
