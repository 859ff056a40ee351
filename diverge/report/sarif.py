"""SARIF 2.1.0, for code-scanning UIs (GitHub, Azure DevOps, IDE viewers).

One run; the driver's rules come from `diverge rules` (`rule_records`), one result per finding at
or above the shown severity, located in the outlet the finding sits in (B, or A when only A has
it) with 1-based line and column computed from the character offsets (columns in Unicode code
points, as `columnKind` says; CRLF, CR and LF all end a line). The finding id is the result's
partial fingerprint, and the baseline status its `baselineState` when a baseline applies.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from diverge import __version__
from diverge.model import Document, Finding, Report, Severity, Side
from diverge.report import RenderOptions, json_layout
from diverge.report.jsonl import FindingRecord, finding_records

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "divergeFindingId/v1"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Character offset -> (line, column), both 1-based, for one document's text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class Locator:
    """Where a finding sits: the document, character range and line/column of one side."""

    def __init__(self, report: Report) -> None:
        self.documents = {d.id: d for d in report.documents}
        self._indexes: dict[str, LineIndex] = {}

    def region(self, doc_id: str, side: Side) -> tuple[Document, dict[str, int]] | None:
        doc = self.documents.get(doc_id)
        if doc is None:
            return None
        if side.spans:
            start, end = side.spans[0].start, side.spans[0].end
        elif side.sentences and side.sentences[0] < len(doc.sentences):
            sentence = doc.sentences[side.sentences[0]]
            start, end = sentence.start, sentence.end
        else:
            return None
        index = self._indexes.setdefault(doc_id, LineIndex(doc.text))
        line, column = index.position(start)
        end_line, end_column = index.position(max(end, start))
        return doc, {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
            "charOffset": start,
            "charLength": max(end - start, 0),
        }

    def primary(self, record: FindingRecord) -> tuple[str, Side, str, Side]:
        """(doc id, side) where the finding is shown, then the other: B, or A when B is empty."""
        c, f = record.comparison, record.finding
        if f.b.spans or f.b.sentences:
            return c.b, f.b, c.a, f.a
        return c.a, f.a, c.b, f.b


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file:// URI."""
    if PureWindowsPath(path).drive or path.startswith("/"):
        posix = PurePosixPath(path.replace("\\", "/"))
        lead = "" if str(posix).startswith("/") else "/"
        return "file://" + lead + quote(str(posix), safe="/:")
    return quote(path.replace("\\", "/"))


def result_message(record: FindingRecord) -> str:
    c, f = record.comparison, record.finding
    return f"{c.a} vs {c.b}: {f.message}"


def _rules() -> tuple[list[dict[str, Any]], dict[str, int]]:
    from diverge.rules_view import rule_records

    rules = []
    for r in rule_records():
        example = r["examples"].get("drift")
        rule: dict[str, Any] = {
            "id": r["code"],
            "name": f"{r['kind']}-drift",
            "shortDescription": {"text": r["description"]},
            "defaultConfiguration": {"level": LEVELS[Severity.parse(r["severity"])]},
            "properties": {"kind": r["kind"], "severity": r["severity"], "tags": [r["kind"]]},
        }
        if example:
            rule["help"] = {"text": f"Drift example. A: {example['a']} B: {example['b']}"}
        rules.append(rule)
    return rules, {rule["id"]: n for n, rule in enumerate(rules)}


def _location(locator: Locator, doc_id: str, side: Side) -> dict[str, Any] | None:
    found = locator.region(doc_id, side)
    if found is None:
        doc = locator.documents.get(doc_id)
        if doc is None:
            return None
        return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(doc.path)}}}
    doc, region = found
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(doc.path)},
            "region": region,
        }
    }


def _result(record: FindingRecord, locator: Locator, rule_index: dict[str, int]) -> dict[str, Any]:
    f: Finding = record.finding
    doc_id, side, other_id, other_side = locator.primary(record)
    result: dict[str, Any] = {"ruleId": f.code}
    if f.code in rule_index:
        result["ruleIndex"] = rule_index[f.code]
    result["level"] = LEVELS[f.severity]
    result["message"] = {"text": result_message(record)}
    here = _location(locator, doc_id, side)
    result["locations"] = [here] if here else []
    there = _location(locator, other_id, other_side) if other_side.spans else None
    if there:
        there["id"] = 1
        there["message"] = {"text": f"the other outlet: {other_id}"}
        result["relatedLocations"] = [there]
    result["partialFingerprints"] = {FINGERPRINT: f.id}
    if record.status is not None:
        result["baselineState"] = "new" if record.status == "new" else "unchanged"
    result["properties"] = {
        "kind": f.kind,
        "severity": f.severity.label,
        "story": record.story,
        "documents": [record.comparison.a, record.comparison.b],
    }
    return result


def sarif_dict(report: Report, options: RenderOptions) -> dict[str, Any]:
    rules, rule_index = _rules()
    locator = Locator(report)
    results = [
        _result(r, locator, rule_index)
        for r in finding_records(report)
        if r.finding.severity >= options.min_severity
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "diverge",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, options: RenderOptions) -> str:
    return json_layout.dumps(sarif_dict(report, options))
