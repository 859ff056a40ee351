"""Writing results: to stdout, or atomically to a file (temp file in the same folder, renamed).

A reader of `--output FILE` never sees a half-written report, even if diverge is interrupted.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from diverge.errors import UsageError


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """Write `text` (a string, or pieces written in turn) to `path`, all or nothing."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"--output {path}: folder {folder} does not exist")
    if target.is_dir():
        raise UsageError(f"--output {path}: is a directory")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        os.chmod(temp, _new_file_mode(target))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _new_file_mode(target: Path) -> int:
    """The mode a plain `open(target, "w")` would give: mkstemp's 0600 would hide reports and
    baselines from the rest of a team; an existing file keeps its own mode."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_stdout(text: str | Iterable[str]) -> None:
    """Write to stdout; a closed pipe (`| head`) ends quietly instead of with a traceback."""
    try:
        sys.stdout.writelines([text] if isinstance(text, str) else text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None
