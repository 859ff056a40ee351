"""Configuration: `[tool.diverge]` in pyproject.toml or a diverge.toml, read once.

Precedence is flags over file over defaults. An unknown key is an error that names it, so a
typo never silently disables a setting.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from diverge.errors import ConfigError
from diverge.model import Finding, Severity

KEYS = ("fail-on", "ignore", "severity", "equivalents", "boilerplate")


@dataclass(frozen=True)
class Settings:
    """Options in force for one run."""

    fail_on: Severity = Severity.MAJOR
    """Audit fails on a new finding at or above this severity."""
    ignore: tuple[str, ...] = ()
    """Codes (prefix match: "DV9" ignores DV901 and DV902) whose findings are dropped."""
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Code prefix -> severity overriding the rule's default; the longest prefix wins."""
    equivalents: tuple[tuple[str, ...], ...] = ()
    """Extra groups of equivalent names; the first of each group is canonical."""
    boilerplate: tuple[str, ...] = ()
    """Extra regular expressions for boilerplate lines."""
    source: str = ""
    """The file the settings came from, for messages."""

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop ignored codes and apply severity overrides."""
        result = []
        for f in findings:
            if any(f.code.startswith(prefix) for prefix in self.ignore):
                continue
            override = self.severity_for(f.code)
            result.append(f if override is None else replace(f, severity=override))
        return result

    def severity_for(self, code: str) -> Severity | None:
        matches = [p for p in self.severity if code.startswith(p)]
        return self.severity[max(matches, key=len)] if matches else None


def find_config(start: Path) -> Path | None:
    """The nearest diverge.toml, or pyproject.toml with a [tool.diverge] table, from `start` up."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        candidate = folder / "diverge.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if (
            candidate.is_file()
            and "tool" in _load(candidate)
            and "diverge" in _load(candidate)["tool"]
        ):
            return candidate
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML ({exc})") from None


def load_settings(path: Path | None) -> Settings:
    """Settings from a config file (defaults when `path` is None)."""
    if path is None:
        return Settings()
    data = _load(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("diverge", {})
    else:
        table = data.get("tool", {}).get("diverge", data)
    return parse_settings(table, str(path))


def parse_settings(table: Mapping[str, Any], source: str) -> Settings:
    where = f"{source}: [tool.diverge]"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    try:
        fail_on = Severity.parse(str(table.get("fail-on", "major")))
        severity = {
            str(code): Severity.parse(str(level))
            for code, level in dict(table.get("severity", {})).items()
        }
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{where}: {exc}") from None
    ignore = _strings(table.get("ignore", []), f"{where} ignore")
    boilerplate = _strings(table.get("boilerplate", []), f"{where} boilerplate")
    groups = table.get("equivalents", [])
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise ConfigError(f"{where}: equivalents must be a list of lists of names")
    equivalents = tuple(_strings(g, f"{where} equivalents") for g in groups)
    return Settings(fail_on, ignore, severity, equivalents, boilerplate, source)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)
