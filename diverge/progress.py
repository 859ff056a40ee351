"""A progress bar on stderr for audits and long compares, so a long run shows it is alive.

Only when stderr is a terminal and the user did not ask for `--quiet`: in CI logs and pipes a
bar is noise (and carriage returns), so `tracker` then returns one that does nothing. The bar is
transient: it disappears when the audit ends, leaving stderr to the notes and the summary.
"""

from __future__ import annotations

import sys
from typing import IO, Any


class NoProgress:
    """A tracker that shows nothing."""

    def begin(self, total: int) -> None:
        pass

    def story(self, name: str) -> None:
        pass

    def advance(self, steps: int) -> None:
        pass

    def close(self) -> None:
        pass


class ProgressBar:
    """A Rich progress bar: one step per parsed document and per comparison."""

    def __init__(self, stream: IO[str], color: bool, label: str = "audit") -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=stream, force_terminal=True, no_color=not color, highlight=False)
        self._progress: Any = Progress(
            TextColumn(f"[bold]{label}[/bold] {{task.description}}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task: Any = None

    def begin(self, total: int) -> None:
        self._task = self._progress.add_task("", total=total)
        self._progress.start()

    def story(self, name: str) -> None:
        if self._task is not None:
            self._progress.update(self._task, description=name)

    def advance(self, steps: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, steps)

    def close(self) -> None:
        self._progress.stop()


def tracker(
    quiet: bool, color: bool, stream: IO[str] | None = None, label: str = "audit"
) -> NoProgress | ProgressBar:
    """A progress bar on `stream` (stderr) when it is a terminal and not `quiet`; else nothing."""
    stream = stream or sys.stderr
    if quiet or not _is_terminal(stream):
        return NoProgress()
    return ProgressBar(stream, color, label)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
