"""The drift checks: every module in this package that defines a `Check` subclass.

Adding a check is adding a module here (rules, a `Check` subclass, a YAML cases file); the
registry finds it, the compare stage runs it, and `diverge rules` lists it.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from diverge.checks.base import Check, Pair, Rule
from diverge.checks.wording import COVERAGE

__all__ = ["Check", "Pair", "Rule", "all_checks", "all_rules", "rule_by_code"]


@functools.lru_cache(maxsize=1)
def all_checks() -> tuple[Check, ...]:
    """One instance of each check, ordered by its first rule code."""
    found: list[Check] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in {"base"}:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Check)
                and value is not Check
                and value.__module__ == module.__name__
                and value.RULES
            ):
                found.append(value())
    return tuple(sorted(found, key=lambda c: c.RULES[0].code))


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    rules = [r for check in all_checks() for r in check.RULES] + [COVERAGE]
    return tuple(sorted(rules, key=lambda r: r.code))


def rule_by_code(code: str) -> Rule:
    return next(r for r in all_rules() if r.code == code)
