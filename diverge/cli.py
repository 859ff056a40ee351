"""The command line: thin wrappers that parse flags, call the pipeline, and write the result.

Only this module writes to stdout and stderr, and the exit code is decided here, in `main`:
0 clean, 1 drift at or above --fail-on, 2 usage/input/config error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

try:  # Typer >= 0.26 vendors its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from diverge import __version__
from diverge.errors import DivergeError, UsageError
from diverge.model import Article, ExitCode, Report, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from diverge.config import Settings

app = typer.Typer(
    name="diverge",
    help="Show how news outlets change a story when they rewrite it.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="text, json, jsonl, markdown, sarif or github.")
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", help="Write the report to FILE (atomically).")
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="pyproject.toml or diverge.toml to read.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"diverge {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Align sentences across outlets and flag factual drift (not paraphrase)."""


@app.command()
def compare(
    files: Annotated[list[str], typer.Argument(help="Two or more articles; - reads stdin.")],
    reference: Annotated[
        str | None, typer.Option("--reference", "-r", help="Compare each article against NAME.")
    ] = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    no_color: NoColorOption = False,
    show_info: Annotated[
        bool, typer.Option("--show-info", help="Also show info findings (wording, short lines).")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity."),
    ] = None,
    config: ConfigOption = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the parse cache.")
    ] = False,
) -> None:
    """Side-by-side report of two or more articles telling the same story."""
    from diverge.read import read_article

    _check_format(format)
    if len(files) < 2:
        raise UsageError("compare needs at least two articles")
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be given only once")
    settings = _settings(config)
    threshold = _severity(fail_on, "--fail-on") if fail_on else None
    articles = [read_article(path) for path in files]
    _warn_non_english(articles)
    report = _compare_with_progress(articles, settings, reference, not no_cache, no_color)
    _emit(report, format, output, no_color, Severity.INFO if show_info else Severity.MINOR)
    if threshold is not None and any(
        f.severity >= threshold for c in report.comparisons for f in c.findings
    ):
        raise typer.Exit(ExitCode.DRIFT)


@app.command()
def rules(format: FormatOption = "text", output: OutputOption = None) -> None:
    """Every check: code, kind, default severity, description and examples."""
    from diverge.rules_view import render_rules

    if format not in ("text", "json"):
        raise UsageError(f"rules: unknown --format {format!r} (choose from text, json)")
    _write(render_rules(format), output)


@app.command()
def audit(
    paths: Annotated[
        list[str], typer.Argument(help="Folders: one of .txt files is a story; of folders, many.")
    ],
    reference: Annotated[
        str | None, typer.Option("--reference", "-r", help="Compare each outlet against NAME.")
    ] = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    no_color: NoColorOption = False,
    show_info: Annotated[
        bool, typer.Option("--show-info", help="Also show info findings.")
    ] = False,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Exit 1 on new drift at this severity or above.")
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Drop codes starting with CODE (repeatable)."),
    ] = None,
    config: ConfigOption = None,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", help="Baseline FILE (default PATH/.diverge-baseline.json)."),
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Ignore any baseline.")
    ] = False,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write the baseline: accept today's drift.")
    ] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Report, never exit 1.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, no notes.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parallel jobs.")] = 1,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not use the parse cache.")
    ] = False,
) -> None:
    """For CI: every outlet of each story compared; exit 1 on new drift at or above --fail-on."""
    from diverge.audit.layout import discover
    from diverge.audit.run import BaselineChoice, exit_code, run_audit, save_baselines, verdict
    from diverge.audit.settings import audit_settings
    from diverge.progress import tracker

    _check_format(format)
    if no_baseline and (baseline or update_baseline):
        raise UsageError("--no-baseline cannot be combined with --baseline or --update-baseline")
    if jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    layout = discover(paths)
    threshold = _severity(fail_on, "--fail-on") if fail_on else None
    settings = audit_settings(config, paths, threshold, ignore)
    for note in [] if quiet else layout.notes:
        _note(f"note: {note}")
    bar = tracker(quiet, color=not no_color and not os.environ.get("NO_COLOR"))
    try:
        result = run_audit(
            layout,
            settings,
            reference=reference,
            jobs=jobs,
            use_cache=not no_cache,
            tracker=bar,
            choice=BaselineChoice(baseline, not no_baseline, update_baseline),
        )
    finally:
        bar.close()
    save_baselines(result)
    for warning in result.warnings:
        _note(f"warning: {warning}")
    shown = Severity.INFO if show_info else Severity.MINOR
    _emit(result.report, format, output, no_color, shown, audit=True)
    if not quiet and (format != "text" or output):
        _note(verdict(result))
    raise typer.Exit(exit_code(result, exit_zero))


def _compare_with_progress(
    articles: list[Article],
    settings: Settings,
    reference: str | None,
    use_cache: bool,
    no_color: bool,
) -> Report:
    """compare_articles with a progress bar on stderr when it is a terminal (a large article
    takes a while to parse)."""
    from diverge.pipeline import compare_articles, plan_pairs, unique_ids
    from diverge.progress import tracker

    bar = tracker(
        quiet=False, color=not no_color and not os.environ.get("NO_COLOR"), label="compare"
    )
    bar.begin(len(plan_pairs([a.id for a in unique_ids(articles)], reference)))
    bar.story("parsing, then comparing")
    try:
        return compare_articles(
            articles, settings, reference, progress=bar.advance, use_cache=use_cache
        )
    finally:
        bar.close()


def _check_format(name: str) -> None:
    from diverge.report import FORMATS

    if name not in FORMATS:
        raise UsageError(f"unknown --format {name!r} (choose from {', '.join(FORMATS)})")


def _severity(name: str, flag: str) -> Severity:
    try:
        return Severity.parse(name)
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def _settings(config: Path | None):  # noqa: ANN202 - Settings imported lazily
    from diverge.config import find_config, load_settings

    if config is not None and not config.is_file():
        raise UsageError(f"--config {config}: no such file")
    return load_settings(config or find_config(Path.cwd()))


def _emit(
    report: Report,
    format: str,
    output: str | None,
    no_color: bool,
    shown: Severity,
    audit: bool = False,
) -> None:
    from diverge.report import RenderOptions, chunk_renderer

    color = (
        format == "text"
        and output is None
        and not no_color
        and not os.environ.get("NO_COLOR")
        and sys.stdout.isatty()
    )
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else _env_width()
    options = RenderOptions(color=color, width=width, min_severity=shown)
    _write(chunk_renderer(format, audit=audit)(report, options), output)


def _env_width() -> int:
    try:
        return max(60, int(os.environ.get("COLUMNS", "120")))
    except ValueError:
        return 120


def _write(text: str | Iterable[str], output: str | None) -> None:
    from diverge.output import write_atomic, write_stdout

    if output:
        write_atomic(output, text)
    else:
        write_stdout(text)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the app and turn every outcome into one exit code."""
    try:
        # Without standalone mode, click returns the code of a `typer.Exit` instead of exiting.
        code = app(args=argv, prog_name="diverge", standalone_mode=False)
        return code if isinstance(code, int) else ExitCode.CLEAN
    except DivergeError as exc:
        _error(str(exc))
        return ExitCode.ERROR
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return ExitCode.INTERRUPTED
    except click_exceptions.ClickException as exc:
        _error(exc.format_message())
        return ExitCode.ERROR
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED


def _note(message: str) -> None:
    with contextlib.suppress(BrokenPipeError):
        print(f"diverge: {message}", file=sys.stderr)


def _warn_non_english(articles: list[Article]) -> None:
    """One line on stderr per article that does not look English (the checks are English-only)."""
    from diverge.language import looks_non_english

    for article in articles:
        if looks_non_english(article.text):
            _warning(f"{article.path}: does not look like English; findings may be unreliable")


def _warning(message: str) -> None:
    with contextlib.suppress(BrokenPipeError):
        print(f"diverge: warning: {message}", file=sys.stderr)


def _error(message: str) -> None:
    _note(f"error: {message}")


def run() -> None:
    """The `diverge` command: one run, so the collector runs at story boundaries only."""
    from diverge.collector import for_a_run

    for_a_run()
    sys.exit(main())
