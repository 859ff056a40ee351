"""The JSON contract (schema_version "1"): the machine-readable form every other format shares.

`report_dict` builds plain data from the sorted records; jsonl, SARIF, GitHub and Markdown are
derived from the same records. Output is deterministic: sorted keys are not used (the contract's
field order reads better), but every list is built in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from diverge import __version__
from diverge.model import Comparison, Document, Finding, Report, Severity, Side
from diverge.report import RenderOptions, json_layout

SCHEMA_VERSION = "1"


def side_dict(side: Side) -> dict[str, Any]:
    return {
        "sentences": list(side.sentences),
        "spans": [{"start": s.start, "end": s.end, "text": s.text} for s in side.spans],
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "code": f.code,
        "kind": f.kind,
        "severity": f.severity.label,
        "message": f.message,
        "a": side_dict(f.a),
        "b": side_dict(f.b),
    }


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "sentences": [
            {
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "boilerplate": s.boilerplate,
            }
            for s in doc.sentences
        ],
    }


def comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "a": c.a,
        "b": c.b,
        "alignments": [
            {"a": list(al.a), "b": list(al.b), "similarity": al.similarity} for al in c.alignments
        ],
        "findings": [finding_dict(f) for f in c.findings],
    }


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return counts


def report_dict(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The report as plain data. With `lazy`, documents and comparisons are `json_layout.Each`
    sequences, made into plain data only as they are laid out."""
    findings = [f for c in report.comparisons for f in c.findings]
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "diverge", "version": __version__},
        "documents": (
            json_layout.Each(report.documents, document_dict)
            if lazy
            else [document_dict(d) for d in report.documents]
        ),
        "comparisons": (
            json_layout.Each(report.comparisons, comparison_dict)
            if lazy
            else [comparison_dict(c) for c in report.comparisons]
        ),
        "summary": {
            "documents": len(report.documents),
            "comparisons": len(report.comparisons),
            "findings": severity_counts(findings),
        },
    }
    data.update(report.extras)
    return data


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The report in pieces, for writing as it is made: documents and comparisons become plain
    data one at a time, so an audit's report never exists whole as one dict or one string."""
    return json_layout.chunks(report_dict(report, lazy=True))
