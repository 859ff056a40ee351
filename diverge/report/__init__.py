"""Reporters: one module per output format, each a function from a Report to a string.

Only reporters render, and only the CLI writes what they return. `FORMATS` maps every format
name to its renderer; a test asserts the mapping covers every name the CLI accepts.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from diverge.model import Report, Severity


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need beyond the report itself."""

    color: bool = False
    width: int = 100
    min_severity: Severity = Severity.MINOR
    """The terminal view hides findings below this (info by default)."""


Renderer = Callable[[Report, RenderOptions], str]
ChunkRenderer = Callable[[Report, RenderOptions], Iterable[str]]

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
    return _module(name, audit).render  # type: ignore[no-any-return]


def chunk_renderer(name: str, *, audit: bool = False) -> ChunkRenderer:
    """The format's renderer as pieces to write in turn: its `render_chunks` where it has one
    (a large report is then never held whole), else its `render` as one piece."""
    module = _module(name, audit)
    if hasattr(module, "render_chunks"):
        return module.render_chunks  # type: ignore[no-any-return]
    return lambda report, options: [module.render(report, options)]


def _module(name: str, audit: bool) -> ModuleType:
    path = AUDIT_VIEWS.get(name, FORMATS[name]) if audit else FORMATS[name]
    return importlib.import_module(path)
