"""Running an audit: story by story, then the baseline, then one exit code.

Each story is read, parsed and compared on its own, and only its findings, alignments and a slim
copy of its documents (text and sentence bounds, no tokens or entities) are kept, so the memory
of the heavy stages grows with the largest story, not with the corpus. The audit's additions to
the report (per-story counts and matrix, consensus, baseline status) are plain data in
`Report.extras`, shaped as the JSON schema documents them, so every reporter reads the same
records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from diverge.audit import baseline as baseline_file
from diverge.audit.consensus import story_consensus
from diverge.audit.layout import Layout, Story
from diverge.collector import settle
from diverge.config import Settings
from diverge.errors import UsageError
from diverge.lexicon import Lexicon
from diverge.model import Comparison, Document, ExitCode, Report, Sentence, Severity
from diverge.pipeline import compare_many, in_pool, lexicon_for, parse_documents, plan_pairs
from diverge.progress import NoProgress
from diverge.read import read_article

MATRIX_SEVERITY = Severity.MINOR
"""The outlet-by-outlet matrix counts findings at or above this: drift, not wording."""


class Tracker(Protocol):
    """Where the runner reports progress (a progress bar, or nothing)."""

    def begin(self, total: int) -> None: ...
    def story(self, name: str) -> None: ...
    def advance(self, steps: int) -> None: ...


@dataclass(frozen=True)
class BaselineChoice:
    """Which baseline applies: `--baseline FILE`, `--no-baseline`, `--update-baseline`."""

    file: str | None = None
    enabled: bool = True
    update: bool = False


@dataclass(frozen=True)
class AuditResult:
    """The report, the ids that fail the build, and what the CLI should tell the user."""

    report: Report
    failing: tuple[str, ...]
    """Ids of new findings at or above `fail_on`."""
    fail_on: Severity
    notes: tuple[str, ...] = ()
    """Informational lines (skipped files); `--quiet` hides them."""
    warnings: tuple[str, ...] = ()
    """Lines that are always shown (stale baseline entries)."""
    baseline_writes: dict[str, str] = field(default_factory=dict)
    """Baseline file -> new text, when `--update-baseline` was given."""


def exit_code(result: AuditResult, exit_zero: bool) -> ExitCode:
    """The one place that decides an audit's exit code (errors exit 2 before this is reached)."""
    if result.failing and not exit_zero:
        return ExitCode.DRIFT
    return ExitCode.CLEAN


def run_audit(
    layout: Layout,
    settings: Settings,
    *,
    reference: str | None = None,
    choice: BaselineChoice = BaselineChoice(),  # noqa: B008 - frozen, safe as a default
    jobs: int = 1,
    use_cache: bool = True,
    tracker: Tracker | None = None,
) -> AuditResult:
    tracker = tracker or NoProgress()
    plans = [(story, *_plan(story, reference)) for story in layout.stories]
    baselines = _baseline_files(layout, choice)  # fail on a missing --baseline before parsing
    tracker.begin(sum(len(story.outlets) + len(pairs) for story, pairs, _ in plans))
    lexicon = lexicon_for(settings)
    documents: list[Document] = []
    comparisons: list[Comparison] = []
    stories: list[dict[str, Any]] = []
    consensus: dict[str, list[dict[str, Any]]] = {}
    for result in _story_results(plans, lexicon, settings, jobs, use_cache, tracker):
        documents.extend(result.documents)
        comparisons.extend(result.comparisons)
        consensus[result.record["name"]] = result.consensus
        stories.append(result.record)

    baseline, failing, warnings, writes = _apply_baselines(
        baselines, layout, comparisons, choice, settings.fail_on
    )
    new_ids = set(baseline["new"])
    for record in stories:
        names = set(record["outlets"])
        new = [f for c in comparisons if c.a in names for f in c.findings if f.id in new_ids]
        record["new"] = _counts(new)
    baseline["new"] = sorted(baseline["new"], key=_order(comparisons))
    extras: dict[str, object] = {"stories": stories, "consensus": consensus, "baseline": baseline}
    report = Report(tuple(documents), tuple(comparisons), extras)
    return AuditResult(
        report, tuple(failing), settings.fail_on, layout.notes, tuple(warnings), writes
    )


@dataclass(frozen=True)
class StoryResult:
    """What an audit keeps of one story: slim documents, comparisons, consensus, counts."""

    documents: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    consensus: list[dict[str, Any]]
    record: dict[str, Any]


def audit_story(
    story: Story,
    pairs: list[tuple[int, int]],
    reference_id: str | None,
    lexicon: Lexicon,
    settings: Settings,
    use_cache: bool = True,
    jobs: int = 1,
    tracker: Tracker | None = None,
) -> StoryResult:
    """Read, parse and compare one story; only the slim result outlives the call."""
    tracker = tracker or NoProgress()
    articles = [read_article(o.path, o.id) for o in story.outlets]
    parsed = parse_documents(articles, lexicon, use_cache=use_cache, jobs=jobs)
    tracker.advance(len(parsed))
    found = compare_many(parsed, pairs, lexicon, settings, jobs=jobs, progress=tracker.advance)
    ids = [d.id for d in parsed]
    short = {o.id: o.name for o in story.outlets}
    result = StoryResult(
        tuple(_slim(d) for d in parsed),
        tuple(found),
        story_consensus(ids, found, short),
        _story_record(story, ids, pairs, found, reference_id),
    )
    del parsed, found
    settle()  # a story is the unit of work: collect what it left, wherever it ran
    return result


def _story_results(
    plans: list[tuple[Story, list[tuple[int, int]], str | None]],
    lexicon: Lexicon,
    settings: Settings,
    jobs: int,
    use_cache: bool,
    tracker: Tracker,
) -> Iterator[StoryResult]:
    """Every story's result, in order. With several stories and `jobs` above 1, whole stories
    go to the worker processes: a story is parsed and compared where it was read, so only its
    slim result crosses between processes (sending parsed documents to compare elsewhere cost
    more than it saved). A single story is split within itself instead."""
    if jobs > 1 and len(plans) > 1:
        tasks = [(story, pairs, ref, lexicon, settings, use_cache) for story, pairs, ref in plans]
        weights = [len(story.outlets) + len(pairs) for story, pairs, _ in plans]
        tracker.story(f"{len(plans)} stories")
        yield from in_pool(jobs, audit_story, tasks, tracker.advance, weights)
        return
    for story, pairs, reference_id in plans:  # one at a time: memory of one story's parse
        tracker.story(story.name)
        yield audit_story(story, pairs, reference_id, lexicon, settings, use_cache, jobs, tracker)


def _plan(story: Story, reference: str | None) -> tuple[list[tuple[int, int]], str | None]:
    """The pairs to compare, and the reference outlet's id (None: every pair)."""
    ids = [o.id for o in story.outlets]
    if reference is None:
        return plan_pairs(ids, None), None
    matches = [o.id for o in story.outlets if reference in (o.name, o.id)]
    if not matches:
        names = ", ".join(o.name for o in story.outlets)
        raise UsageError(
            f"--reference {reference!r} names no outlet of story {story.name} (outlets: {names})"
        )
    return plan_pairs(ids, matches[0]), matches[0]


def _slim(doc: Document) -> Document:
    """The document without tokens and entities: what the reporters need, a fraction of it."""
    sentences = tuple(
        Sentence(s.index, s.start, s.end, s.text, s.boilerplate) for s in doc.sentences
    )
    return Document(doc.id, doc.path, doc.text, sentences)


def _counts(findings: list[Any]) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return counts


def _story_record(
    story: Story,
    ids: list[str],
    pairs: list[tuple[int, int]],
    found: list[Comparison],
    reference: str | None,
) -> dict[str, Any]:
    cells: list[list[int | None]] = [[None] * len(ids) for _ in ids]
    for (i, j), c in zip(pairs, found, strict=True):
        n = sum(1 for f in c.findings if f.severity >= MATRIX_SEVERITY)
        cells[i][j] = cells[j][i] = n
    return {
        "name": story.name,
        "path": story.path,
        "outlets": ids,
        "reference": reference,
        "comparisons": len(found),
        "findings": _counts([f for c in found for f in c.findings]),
        "new": {},
        "matrix": {"severity": MATRIX_SEVERITY.label, "counts": cells},
    }


def _baseline_files(layout: Layout, choice: BaselineChoice) -> dict[str, tuple[str, ...]]:
    """Baseline file -> the roots it covers (only files that exist, or will be written)."""
    if not choice.enabled:
        return {}
    if choice.file is not None:
        if not choice.update and not Path(choice.file).is_file():
            raise UsageError(f"--baseline {choice.file}: no such file")
        return {choice.file: layout.roots}
    files: dict[str, tuple[str, ...]] = {}
    for root in layout.roots:
        path = (Path(root) / baseline_file.FILE_NAME).as_posix()
        if choice.update or Path(path).is_file():
            files[path] = (root,)
    return files


def _apply_baselines(
    files: dict[str, tuple[str, ...]],
    layout: Layout,
    comparisons: list[Comparison],
    choice: BaselineChoice,
    fail_on: Severity,
) -> tuple[dict[str, Any], list[str], list[str], dict[str, str]]:
    root_of = {o.id: s.root for s in layout.stories for o in s.outlets}
    known: set[str] = set()
    stale: list[dict[str, Any]] = []
    warnings: list[str] = []
    writes: dict[str, str] = {}
    for path, roots in files.items():
        covered = [c for c in comparisons if root_of[c.a] in roots]
        current = {f.id for c in covered for f in c.findings}
        old = baseline_file.load(Path(path)) if Path(path).is_file() else {}
        if choice.update:
            entries = baseline_file.entries_for(covered)
            writes[path] = baseline_file.dump(entries)
            known.update(e.id for e in entries)
        else:
            known.update(old)
        for entry in sorted(old.values(), key=lambda e: (e.documents, e.code, e.id)):
            if entry.id in current:
                continue
            stale.append({**entry.as_dict(), "file": path})
            verb = "removed from" if choice.update else "no longer matches; remove it from"
            warnings.append(
                f"baseline entry {entry.id} ({entry.code} {' vs '.join(entry.documents)}: "
                f"{entry.message}) {verb} {path}"
                + ("" if choice.update else " with --update-baseline")
            )
    findings = [f for c in comparisons for f in c.findings if baseline_file.recordable(f)]
    new = [f.id for f in findings if f.id not in known]
    failing = [f.id for f in findings if f.id not in known and f.severity >= fail_on]
    status = {
        "files": sorted(files),
        "updated": choice.update,
        "fail_on": fail_on.label,
        "known": sorted(known & {f.id for f in findings}, key=_order(comparisons)),
        "new": new,
        "failing": failing,
        "stale": stale,
    }
    return status, failing, warnings, writes


def _order(comparisons: list[Comparison]) -> Any:
    position = {f.id: n for n, f in enumerate(f for c in comparisons for f in c.findings)}
    return lambda finding_id: position.get(finding_id, len(position))


def save_baselines(result: AuditResult) -> None:
    """Write the updated baseline files, each atomically."""
    from diverge.output import write_atomic

    for path, text in result.baseline_writes.items():
        write_atomic(path, text)


def verdict(result: AuditResult) -> str:
    """One line for stderr: what failed, against which baseline."""
    status: dict[str, Any] = result.report.extras["baseline"]  # type: ignore[assignment]
    files = ", ".join(status["files"]) or "none"
    if status["updated"]:
        where = f"baseline written: {files} ({len(status['known'])} findings)"
    else:
        where = f"baseline: {files}; {len(status['known'])} known, {len(status['new'])} new"
    failing = len(result.failing)
    level = result.fail_on.label
    if failing:
        return f"{failing} new finding{'s' * (failing != 1)} at or above {level} ({where})"
    return f"no new drift at or above {level} ({where})"
