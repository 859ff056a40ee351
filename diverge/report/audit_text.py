"""The terminal view of an audit: new drift, the consensus per fact, and who drifted from whom.

An audit may cover hundreds of comparisons, so unlike `compare` it does not print them side by
side. Per story it lists the new findings at or above the shown severity, one line each with a
clickable `path:line:col`; then the consensus lines ("4 of 5 outlets: …; outlet: …"); then an
outlet-by-outlet matrix of drift counts (findings at `minor` or above) whose totals show the
outlier. A closing line gives the verdict against `--fail-on`.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from diverge.model import Report, Severity
from diverge.report import RenderOptions
from diverge.report.jsonl import FindingRecord, finding_records, is_new
from diverge.report.sarif import Locator
from diverge.report.terminal import BADGE_STYLES, console_for

MAX_CONSENSUS = 12


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = console_for(buffer, options)
    stories: list[dict[str, Any]] = report.extras.get("stories") or []  # type: ignore[assignment]
    consensus: dict[str, list[dict[str, Any]]]
    consensus = report.extras.get("consensus") or {}  # type: ignore[assignment]
    baseline: dict[str, Any] = report.extras.get("baseline") or {}  # type: ignore[assignment]
    records = list(finding_records(report))
    locator = Locator(report)
    for story in stories:
        _story(console, story, consensus.get(story["name"], []), records, locator, options)
    _verdict(console, records, baseline, options)
    return buffer.getvalue()


def _story(
    console: Console,
    story: dict[str, Any],
    groups: list[dict[str, Any]],
    records: list[FindingRecord],
    locator: Locator,
    options: RenderOptions,
) -> None:
    short = {o: o.rsplit("/", 1)[-1] for o in story["outlets"]}
    n = story["comparisons"]
    title = f"{story['name']} — {len(story['outlets'])} outlets, {n} comparison{'s' * (n != 1)}"
    if story.get("reference"):
        title += f", against {short[story['reference']]}"
    console.rule(Text(title, style="bold"), align="left")
    mine = [r for r in records if r.story == story["name"]]
    shown = [r for r in mine if r.finding.severity >= options.min_severity]
    new = [r for r in shown if is_new(r)]
    console.print(Text(f"New findings ({len(new)}):" if new else "No new findings.", style="bold"))
    for r in new:
        console.print(_finding_line(r, locator, short))
    known = len(shown) - len(new)
    if known:
        console.print(Text(f"  … and {known} known (in the baseline, not listed)", style="dim"))
    _consensus(console, groups, options)
    severity = story["matrix"]["severity"]
    console.print(Text(f"Drift between outlets (findings at {severity} or above):", style="bold"))
    console.print(_matrix(story, short))
    console.print()


def _finding_line(record: FindingRecord, locator: Locator, short: dict[str, str]) -> Text:
    f = record.finding
    doc_id, side, _, _ = locator.primary(record)
    found = locator.region(doc_id, side)
    where = (
        f"{found[0].path}:{found[1]['startLine']}:{found[1]['startColumn']}"
        if found
        else locator.documents[doc_id].path
    )
    badge = Text(f" {f.severity.label} {f.code} ", style=BADGE_STYLES[f.severity])
    pair = f"{short.get(record.comparison.a, record.comparison.a)} ⟷ "
    pair += short.get(record.comparison.b, record.comparison.b)
    return Text.assemble("  ", (where, "cyan"), " ", badge, f" {f.kind} · {pair}: {f.message}")


def _consensus(console: Console, groups: list[dict[str, Any]], options: RenderOptions) -> None:
    shown = [
        g
        for g in groups
        if Severity.parse(g["severity"]) >= options.min_severity and len(g["values"]) > 1
    ]
    if not shown:
        return
    console.print(Text("Consensus:", style="bold"))
    for g in shown[:MAX_CONSENSUS]:
        severity = Severity.parse(g["severity"])
        badge = Text(f" {g['kind']} · {g['severity']} ", style=BADGE_STYLES[severity])
        console.print(Text.assemble("  ", badge, " ", g["summary"]))
    if len(shown) > MAX_CONSENSUS:
        more = len(shown) - MAX_CONSENSUS
        console.print(Text(f"  … and {more} more (see --format json)", style="dim"))


def _matrix(story: dict[str, Any], short: dict[str, str]) -> Table:
    outlets = story["outlets"]
    cells = story["matrix"]["counts"]
    table = Table(header_style="bold")
    table.add_column("outlet")
    for outlet in outlets:
        table.add_column(short[outlet], justify="right")
    table.add_column("total", justify="right", style="bold")
    for i, outlet in enumerate(outlets):
        row = ["—" if i == j else ("·" if n is None else str(n)) for j, n in enumerate(cells[i])]
        table.add_row(short[outlet], *row, str(sum(n or 0 for n in cells[i])))
    return table


def _verdict(
    console: Console, records: list[FindingRecord], baseline: dict[str, Any], options: RenderOptions
) -> None:
    counts = {s: sum(1 for r in records if r.finding.severity == s) for s in Severity}
    listed = ", ".join(
        f"{counts[s]} {s.label}" for s in sorted(Severity, reverse=True) if s >= Severity.MINOR
    )
    hidden = f"; {counts[Severity.INFO]} info"
    if options.min_severity > Severity.INFO:
        hidden += " (hidden; --show-info lists them)"
    console.print(f"Findings: {listed}{hidden}.")
    new, known = len(baseline.get("new", [])), len(baseline.get("known", []))
    files = baseline.get("files") or []
    if baseline.get("updated"):
        console.print(f"Baseline written: {', '.join(files)} ({known} findings).")
    elif files:
        console.print(f"Baseline {', '.join(files)}: {known} known, {new} new.")
    stale = len(baseline.get("stale", []))
    if stale and not baseline.get("updated"):
        console.print(f"{stale} baseline entr{'ies' if stale != 1 else 'y'} no longer match.")
    failing = len(baseline.get("failing", []))
    level = baseline.get("fail_on", "major")
    if failing:
        console.print(
            Text(
                f"✗ {failing} new finding{'s' * (failing != 1)} at or above {level}.",
                style="bold red",
            )
        )
    else:
        console.print(Text(f"✓ No new drift at or above {level}.", style="bold green"))
