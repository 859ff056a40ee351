"""`make eval`: recall of the drift checks on injected drift, false positives on paraphrase.

Sentences of the seeds and of the checks' YAML cases are transformed by `diverge.inject`; each
original/transformed pair is compared by every check (as an aligned pair, so the measure is of
the checks, not of the aligner). A transformation counts as detected when a finding of its kind
reaches `minor`; a control is a false positive when any typed finding reaches `minor`.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from diverge import nlp
from diverge.checks import Pair, all_checks
from diverge.checks.base import load_cases
from diverge.inject import INJECTIONS, Injection, inject
from diverge.lexicon import default_lexicon
from diverge.model import Article, Document, Severity
from diverge.segment import segment

UNTYPED = {"wording", "coverage"}
KINDS = ["quantity", "time", "entity", "role", "quote", "polarity", "qualifier", "claim"]


def source_documents(seed_dir: Path) -> list[Document]:
    """The seed articles and every case sentence, segmented."""
    articles = [
        Article(p.stem, str(p), p.read_text("utf-8")) for p in sorted(seed_dir.glob("*.txt"))
    ]
    for kind in KINDS:
        for n, case in enumerate(load_cases(kind)):
            articles.append(Article(f"case-{kind}-{n}", "", case["a"]))
    return segment(articles, nlp.load(), default_lexicon())


def injections(documents: Sequence[Document]) -> list[Injection]:
    lexicon = default_lexicon()
    pool = sorted(
        {e for d in documents for s in d.sentences for e in s.entities},
        key=lambda e: (e.label, e.text),
    )
    pool_unique = list({(e.label, e.text): e for e in pool}.values())
    result = []
    for doc in documents:
        result += inject(
            [s for s in doc.sentences if not s.boilerplate], doc.text, pool_unique, lexicon
        )
    return result


def judge(items: Sequence[Injection]) -> list[tuple[Injection, list[str]]]:
    """Compare each original with its transformation; the kinds found at minor or above."""
    lexicon = default_lexicon()
    texts = [t for i in items for t in (i.original, i.changed)]
    docs = segment([Article(f"t{n}", "", t) for n, t in enumerate(texts)], nlp.load(), lexicon)
    checks = all_checks()
    results = []
    for n, item in enumerate(items):
        a, b = docs[2 * n], docs[2 * n + 1]
        pair = Pair(a, b, a.sentences, b.sentences, lexicon)
        kinds = sorted(
            {
                f.kind
                for c in checks
                for f in c.run(pair)
                if f.severity >= Severity.MINOR and f.kind not in UNTYPED
            }
        )
        results.append((item, kinds))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m diverge.evaluate", description=__doc__)
    parser.add_argument("--seeds", default="seeds", type=Path)
    parser.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help="print up to N missed injections and false positives per row",
    )
    args = parser.parse_args(argv)
    results = judge(injections(source_documents(args.seeds)))
    rows: dict[str, list[tuple[Injection, list[str]]]] = defaultdict(list)
    for item, kinds in results:
        rows[item.name].append((item, kinds))
    print(f"{'transformation':<24} {'kind':<10} {'n':>5} {'flagged':>8} {'rate':>7}")
    per_kind: dict[str, list[bool]] = defaultdict(list)
    controls: list[bool] = []
    for name, (kind, _) in INJECTIONS.items():
        entries = rows.get(name, [])
        if kind is None:
            flags = [bool(kinds) for _, kinds in entries]
            controls += flags
            misses = [(i, k) for i, k in entries if k]
        else:
            flags = [kind in kinds for _, kinds in entries]
            per_kind[kind] += flags
            misses = [(i, k) for i, k in entries if kind not in k]
        rate = sum(flags) / len(flags) if flags else 0.0
        label = "false pos." if kind is None else "recall"
        print(
            f"{name:<24} {kind or '(control)':<10} {len(flags):>5} {sum(flags):>8} "
            f"{rate:>6.1%}  {label}"
        )
        for item, kinds in misses[: args.show_misses]:
            print(f"    A: {item.original}\n    B: {item.changed}\n    found: {kinds}")
    print()
    print(f"{'kind':<12} {'recall':>7}  (target >= 90%)")
    for kind in KINDS:
        caught = per_kind.get(kind)
        if caught:
            print(f"{kind:<12} {sum(caught) / len(caught):>6.1%}  ({sum(caught)}/{len(caught)})")
    fp = sum(controls) / len(controls) if controls else 0.0
    print(
        f"{'controls':<12} {fp:>6.1%}  false positives ({sum(controls)}/{len(controls)}, "
        "target <= 5%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
