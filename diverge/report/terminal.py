"""The terminal view: two columns, one row per aligned pair, changed words highlighted.

Deleted or replaced words of A are red, inserted or replacing words of B green; each finding at
or above the shown severity is a coloured badge (kind · severity · code) under its row with a
one-line reason; sentences only one side carries sit alone in their column. A summary table
closes the report. Rendering goes to a string; the CLI decides where it goes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from diverge.diff import changes
from diverge.model import Comparison, Document, Finding, Report, Sentence, Severity
from diverge.report import RenderOptions

BADGE_STYLES = {
    Severity.CRITICAL: "bold white on magenta",
    Severity.MAJOR: "bold white on red",
    Severity.MINOR: "bold black on yellow",
    Severity.INFO: "black on bright_black",
}
DELETED = "bold red"
INSERTED = "bold green"


def console_for(buffer: io.StringIO, options: RenderOptions) -> Console:
    """A Rich console that renders into `buffer` at the options' width and colour; shared by
    the terminal views so they render alike."""
    return Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
    )


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = console_for(buffer, options)
    documents = {d.id: d for d in report.documents}
    for comparison in report.comparisons:
        console.print(_comparison(comparison, documents, options))
        console.print()
    console.print(_summary(report))
    return buffer.getvalue()


def _comparison(c: Comparison, documents: dict[str, Document], options: RenderOptions) -> Panel:
    doc_a, doc_b = documents[c.a], documents[c.b]
    shown = [f for f in c.findings if f.severity >= options.min_severity]
    rows: list[RenderableType] = [_header(doc_a, doc_b)]
    for a_idx, b_idx in _rows(c, doc_a, doc_b):
        rows.append(Rule(style="bright_black"))
        rows.append(_pair_row(doc_a, doc_b, a_idx, b_idx))
        for finding in _row_findings(shown, a_idx, b_idx):
            rows.append(_badge(finding))
    counts = ", ".join(
        f"{sum(1 for f in c.findings if f.severity == s)} {s.label}"
        for s in sorted(Severity, reverse=True)
        if s >= options.min_severity
    )
    title = Text.assemble((c.a, "bold"), " ⟷ ", (c.b, "bold"), f"  ({counts})")
    return Panel(Group(*rows), title=title, title_align="left", border_style="blue")


def _header(doc_a: Document, doc_b: Document) -> Table:
    grid = _grid()
    grid.add_row(
        Text("", style="dim"),
        Text(f"A: {doc_a.path}", style="bold"),
        Text(f"B: {doc_b.path}", style="bold"),
    )
    return grid


def _grid() -> Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=7, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    return grid


def _rows(
    c: Comparison, doc_a: Document, doc_b: Document
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Rows in the order of A; a sentence only B carries goes after the row of its predecessor."""
    rows: list[tuple[tuple[int, ...], tuple[int, ...]]] = [(al.a, al.b) for al in c.alignments]
    matched_a = {i for al in c.alignments for i in al.a}
    matched_b = {j for al in c.alignments for j in al.b}
    rows += [
        ((s.index,), ()) for s in doc_a.sentences if s.index not in matched_a and not s.boilerplate
    ]
    rows.sort(key=lambda r: r[0][0])
    for s in doc_b.sentences:
        if s.index in matched_b or s.boilerplate:
            continue
        position = 0
        for n, (_, b) in enumerate(rows):
            if b and max(b) < s.index:
                position = n + 1
        rows.insert(position, ((), (s.index,)))
    return rows


def _pair_row(
    doc_a: Document, doc_b: Document, a_idx: Sequence[int], b_idx: Sequence[int]
) -> Table:
    sentences_a = [doc_a.sentences[i] for i in a_idx]
    sentences_b = [doc_b.sentences[j] for j in b_idx]
    text_a, offsets_a = _joined(sentences_a)
    text_b, offsets_b = _joined(sentences_b)
    if sentences_a and sentences_b:
        tokens_a = [t for s in sentences_a for t in s.tokens]
        tokens_b = [t for s in sentences_b for t in s.tokens]
        for change in changes(tokens_a, tokens_b):
            for token in change.a:
                _stylize(text_a, offsets_a, token.start, token.end, DELETED)
            for token in change.b:
                _stylize(text_b, offsets_b, token.start, token.end, INSERTED)
    else:
        (text_a if sentences_a else text_b).stylize("italic")
    label = ",".join(map(str, a_idx)) or "—"
    label += ":" + (",".join(map(str, b_idx)) or "—")
    grid = _grid()
    grid.add_row(
        Text(label, style="dim"),
        text_a if sentences_a else Text("—", style="dim"),
        text_b if sentences_b else Text("—", style="dim"),
    )
    return grid


def _joined(sentences: Sequence[Sentence]) -> tuple[Text, list[tuple[int, int]]]:
    """The sentences as one Text, with (document start, text offset) for each sentence."""
    text = Text()
    offsets = []
    for s in sentences:
        if text:
            text.append(" ")
        offsets.append((s.start, len(text)))
        text.append(s.text)
    return text, offsets


def _stylize(text: Text, offsets: list[tuple[int, int]], start: int, end: int, style: str) -> None:
    for doc_start, text_start in reversed(offsets):
        if start >= doc_start:
            text.stylize(style, text_start + start - doc_start, text_start + end - doc_start)
            return


def _row_findings(
    findings: Sequence[Finding], a_idx: Sequence[int], b_idx: Sequence[int]
) -> list[Finding]:
    a_set, b_set = set(a_idx), set(b_idx)
    return [
        f
        for f in findings
        if (set(f.a.sentences) & a_set or not a_set and not f.a.sentences)
        and (set(f.b.sentences) & b_set or not b_set and not f.b.sentences)
    ]


def _badge(finding: Finding) -> Table:
    """The finding's badge and reason, indented under its row and wrapping within it."""
    badge = Text(
        f" {finding.kind} · {finding.severity.label} · {finding.code} ",
        style=BADGE_STYLES[finding.severity],
    )
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=7, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("", Text.assemble(badge, " ", finding.message))
    return grid


def _summary(report: Report) -> Table:
    table = Table(title="Summary", title_justify="left", header_style="bold")
    for name in ("A", "B", "aligned", "only A", "only B"):
        table.add_column(name, justify="left" if len(name) == 1 else "right")
    for severity in sorted(Severity, reverse=True):
        table.add_column(
            severity.label, justify="right", style=BADGE_STYLES[severity].split(" on ")[-1]
        )
    documents = {d.id: d for d in report.documents}
    for c in report.comparisons:
        matched_a = {i for al in c.alignments for i in al.a}
        matched_b = {j for al in c.alignments for j in al.b}
        only_a = sum(
            1 for s in documents[c.a].sentences if not s.boilerplate and s.index not in matched_a
        )
        only_b = sum(
            1 for s in documents[c.b].sentences if not s.boilerplate and s.index not in matched_b
        )
        counts = [
            str(sum(1 for f in c.findings if f.severity == s))
            for s in sorted(Severity, reverse=True)
        ]
        table.add_row(c.a, c.b, str(len(c.alignments)), str(only_a), str(only_b), *counts)
    return table
