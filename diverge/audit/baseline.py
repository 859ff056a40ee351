"""The baseline: known drift, accepted, so that only new drift fails the build.

A baseline file lists finding ids (stable across runs and unaffected by edits elsewhere in the
files: see `Finding.with_id`) with enough context for a human reading its diff in review: the
code, severity, the two documents and the message. Findings below `minor` are never recorded
(they never fail). An entry that no current finding matches is stale: it is reported, and
`--update-baseline` drops it, never keeps it silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diverge.errors import ConfigError
from diverge.model import Comparison, Finding, Severity

FILE_NAME = ".diverge-baseline.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """One accepted finding, as the baseline file records it."""

    id: str
    code: str
    severity: str
    documents: tuple[str, str]
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "severity": self.severity,
            "documents": list(self.documents),
            "message": self.message,
        }


def recordable(finding: Finding) -> bool:
    """Whether a finding belongs in a baseline: only those that could ever fail a build."""
    return finding.severity >= Severity.MINOR


def entries_for(comparisons: Iterable[Comparison]) -> list[Entry]:
    """The baseline entries of the current findings, in the file's order."""
    entries = {
        f.id: Entry(f.id, f.code, f.severity.label, (c.a, c.b), f.message)
        for c in comparisons
        for f in c.findings
        if recordable(f)
    }
    return sorted(entries.values(), key=lambda e: (e.documents, e.code, e.message, e.id))


def load(path: Path) -> dict[str, Entry]:
    """The entries of a baseline file by id; ConfigError (exit 2) when it is unreadable."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"baseline {path}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline {path}: not valid JSON ({exc})") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list):
        raise ConfigError(f"baseline {path}: expected an object with a 'findings' list")
    entries = {}
    for n, item in enumerate(findings):
        try:
            documents = tuple(str(d) for d in item.get("documents", ("", "")))
            entry = Entry(
                str(item["id"]),
                str(item.get("code", "")),
                str(item.get("severity", "")),
                (documents + ("", ""))[:2],  # type: ignore[arg-type]
                str(item.get("message", "")),
            )
        except (AttributeError, KeyError, TypeError):
            raise ConfigError(f"baseline {path}: entry {n} has no 'id'") from None
        entries[entry.id] = entry
    return entries


def dump(entries: Iterable[Entry]) -> str:
    """The baseline file's text: stable order and layout, so its diff shows only what changed."""
    data = {
        "tool": "diverge",
        "version": FORMAT_VERSION,
        "comment": "Accepted drift: `diverge audit` fails only on findings not listed here. "
        "Regenerate with `diverge audit PATH --update-baseline`.",
        "findings": [e.as_dict() for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
