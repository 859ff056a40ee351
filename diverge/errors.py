"""Errors a user can act on: each carries a searchable code and prints as one line.

The CLI turns any `DivergeError` into that line on stderr and exit 2; anything else is a bug.
"""

from __future__ import annotations


class DivergeError(Exception):
    """A usage, input or configuration problem, reported as `diverge: error E###: ...`."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(DivergeError):
    """An input file that cannot be read as article text."""

    code = "E100"


class ModelError(DivergeError):
    """No spaCy English pipeline could be loaded."""

    code = "E200"


class ConfigError(DivergeError):
    """A configuration file or value that diverge does not understand."""

    code = "E300"


class UsageError(DivergeError):
    """Arguments that do not make a valid command."""

    code = "E400"
