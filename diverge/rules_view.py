"""`diverge rules`: every rule's code, kind, severity, description and an example of each kind.

The examples are the checks' own YAML cases, so the documentation and the tests cannot drift
apart. SARIF's rule metadata is built from the same `rule_records`.
"""

from __future__ import annotations

import json
from typing import Any

from diverge.checks import all_rules
from diverge.checks.base import load_cases


def rule_records() -> list[dict[str, Any]]:
    """One record per rule, with a drift example (a case raising that code) and a consistent one."""
    records = []
    for rule in all_rules():
        cases = load_cases(rule.kind)
        drift = next((c for c in cases if c.get("drift") == rule.code), None)
        consistent = next((c for c in cases if not c.get("drift")), None)
        records.append(
            {
                "code": rule.code,
                "kind": rule.kind,
                "severity": rule.severity.label,
                "description": rule.description,
                "examples": {
                    "drift": {"a": drift["a"], "b": drift["b"]} if drift else None,
                    "consistent": (
                        {"a": consistent["a"], "b": consistent["b"]} if consistent else None
                    ),
                },
            }
        )
    return records


def render_rules(fmt: str) -> str:
    records = rule_records()
    if fmt == "json":
        return json.dumps({"rules": records}, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for r in records:
        lines.append(f"{r['code']}  {r['kind']:<10} {r['severity']:<8} {r['description']}")
        for label in ("drift", "consistent"):
            example = r["examples"][label]
            if example:
                lines.append(f"      {label + ':':<12} A: {example['a']}")
                lines.append(f"      {'':<12} B: {example['b']}")
    return "\n".join(lines) + "\n"
