"""Reporters: one module per output format, each a function from a Report to a string.

Only reporters render, and only the CLI writes what they return. `FORMATS` maps every format
name to its renderer; a test asserts the mapping covers every name the CLI accepts.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from diverge.model import Report, Severity


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need beyond the report itself."""

    color: bool = False
    width: int = 100
    min_severity: Severity = Severity.MINOR
    """The terminal view hides findings below this (info by default)."""


Renderer = Callable[[Report, RenderOptions], str]

FORMATS: dict[str, str] = {
    "text": "diverge.report.terminal",
    "json": "diverge.report.json_report",
    "jsonl": "diverge.report.jsonl",
    "markdown": "diverge.report.markdown",
    "sarif": "diverge.report.sarif",
    "github": "diverge.report.github",
}
"""Format name -> module with a `render(report, options) -> str` function (imported lazily)."""

AUDIT_VIEWS: dict[str, str] = {"text": "diverge.report.audit_text"}
"""Formats whose audit view differs: an audit is summarised, not shown side by side."""


def renderer(name: str, *, audit: bool = False) -> Renderer:
    path = AUDIT_VIEWS.get(name, FORMATS[name]) if audit else FORMATS[name]
    module = importlib.import_module(path)
    return module.render  # type: ignore[no-any-return]
