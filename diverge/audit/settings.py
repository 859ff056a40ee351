"""The settings of an audit: the config file found from the audited folder, then the flags.

An audit usually runs from a repository's root on a folder inside it, but may run from anywhere
(CI steps cd around), so the configuration is looked for from the first audited folder upward,
then from the working directory; `--config` names it outright. Flags override the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from diverge.config import Settings, find_config, load_settings
from diverge.errors import UsageError
from diverge.model import Severity


def config_path(config: Path | None, paths: Sequence[str]) -> Path | None:
    """The configuration file in force, or None for the defaults."""
    if config is not None:
        if not config.is_file():
            raise UsageError(f"--config {config}: no such file")
        return config
    for start in [Path(p) for p in paths[:1]] + [Path.cwd()]:
        found = find_config(start if start.is_dir() else start.parent)
        if found is not None:
            return found
    return None


def audit_settings(
    config: Path | None,
    paths: Sequence[str],
    fail_on: Severity | None = None,
    ignore: Sequence[str] | None = None,
) -> Settings:
    """Settings from the file, with `--fail-on` and `--ignore` (when given) replacing its values."""
    settings = load_settings(config_path(config, paths))
    if fail_on is not None:
        settings = replace(settings, fail_on=fail_on)
    if ignore:
        settings = replace(settings, ignore=tuple(code.strip() for code in ignore if code.strip()))
    return settings
