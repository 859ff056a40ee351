"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation a finding.

Run in a workflow, each line becomes an annotation on the file and line of the drifted sentence
(the same location as SARIF's). Only new findings (not in the baseline) at or above the shown
severity are annotated: known drift would bury the one that fails the build. Values are escaped
as GitHub's runner expects: `%`, CR and LF in the message; also `:` and `,` in properties.
"""

from __future__ import annotations

from diverge.model import Report, Severity
from diverge.report import RenderOptions
from diverge.report.jsonl import finding_records, is_new
from diverge.report.sarif import Locator, result_message

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "notice",
}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    locator = Locator(report)
    lines = []
    for record in finding_records(report):
        f = record.finding
        if f.severity < options.min_severity or not is_new(record):
            continue
        doc_id, side, _, _ = locator.primary(record)
        properties: list[tuple[str, str]] = []
        found = locator.region(doc_id, side)
        if found is not None:
            doc, region = found
            properties += [
                ("file", doc.path),
                ("line", str(region["startLine"])),
                ("col", str(region["startColumn"])),
                ("endLine", str(region["endLine"])),
                ("endColumn", str(region["endColumn"])),
            ]
        elif doc_id in locator.documents:
            properties.append(("file", locator.documents[doc_id].path))
        properties.append(("title", f"{f.code} {f.kind} ({f.severity.label})"))
        props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
        lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(result_message(record))}")
    return "".join(line + "\n" for line in lines)
