"""`diverge audit` end to end: layout, --reference, consensus, exit codes, baseline, config.

Every test runs the real CLI on real files (copies of the seeds in temporary story folders).
Each run parses with spaCy, so runs are shared through module-scoped fixtures and the stories
are kept small; the checks that fail before any parsing (usage and config errors) are cheap.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diverge.audit.baseline import FILE_NAME
from tests.cli_helpers import ROOT, run_cli

SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT / "diverge" / "data" / "schema.json").read_text("utf-8"))


def _copy(seed: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEEDS / f"{seed}.txt", target)
    return target


def _one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of folders: `drift/` (two seeds that differ, plus a non-text file) and `same/`
    (two identical copies of one seed)."""
    root = tmp_path_factory.mktemp("corpus")
    _copy("reuters-yodel", root / "drift" / "reuters-yodel.txt")
    _copy("defence-talks", root / "drift" / "defence-talks.txt")
    (root / "drift" / "notes.md").write_text("editor's notes, not an article\n", "utf-8")
    _copy("kursk-update", root / "same" / "kursk-a.txt")
    _copy("kursk-update", root / "same" / "kursk-b.txt")
    return root


@pytest.fixture(scope="module")
def corpus_json(corpus):
    result = run_cli("audit", str(corpus), "--format", "json", "--no-baseline")
    return result, json.loads(result.stdout or "{}")


def test_folder_of_folders_is_many_stories(corpus_json):
    result, data = corpus_json
    assert result.returncode == 1, result.stderr  # drift between the two seeds, no baseline
    assert [s["name"] for s in data["stories"]] == ["drift", "same"]
    ids = [d["id"] for d in data["documents"]]
    assert ids == ["drift/defence-talks", "drift/reuters-yodel", "same/kursk-a", "same/kursk-b"]
    assert [(c["a"], c["b"]) for c in data["comparisons"]] == [
        ("drift/defence-talks", "drift/reuters-yodel"),
        ("same/kursk-a", "same/kursk-b"),
    ]
    same = data["stories"][1]
    assert same["findings"] == {"critical": 0, "major": 0, "minor": 0, "info": 0}
    assert same["matrix"]["counts"] == [[None, 0], [0, None]]
    assert data["consensus"]["same"] == []
    assert data["baseline"]["failing"], "the drift story has new major findings"


def test_audit_json_validates_against_the_schema(corpus_json):
    jsonschema = pytest.importorskip("jsonschema")
    _, data = corpus_json
    jsonschema.validate(data, SCHEMA)


def test_non_text_files_are_skipped_with_a_note(corpus_json):
    result, _ = corpus_json
    assert "note: skipped" in result.stderr and "notes.md" in result.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus_json):
    result, _ = corpus_json
    assert "━" not in result.stderr and "\r" not in result.stderr and "\x1b[" not in result.stderr


def test_jobs_split_stories_across_processes_with_the_same_report(corpus, corpus_json):
    """--jobs 2 on a folder of folders hands whole stories to worker processes; the report is
    byte for byte the one a single process writes."""
    serial, _ = corpus_json
    parallel = run_cli("audit", str(corpus), "--format", "json", "--no-baseline", "--jobs", "2")
    assert parallel.returncode == serial.returncode, parallel.stderr
    assert parallel.stdout == serial.stdout


def test_identical_copies_are_clean(corpus):
    result = run_cli("audit", str(corpus / "same"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No new drift at or above major" in result.stdout
    assert "Drift between outlets" in result.stdout


@pytest.fixture(scope="module")
def outlier_story(tmp_path_factory) -> Path:
    """Four outlets: three copies of one wire story and one rewrite that drifts from it."""
    root = tmp_path_factory.mktemp("outlier")
    for name in ("wire-a", "wire-b", "wire-c"):
        _copy("reuters-yodel", root / f"{name}.txt")
    _copy("defence-talks", root / "rewrite.txt")
    return root


def test_consensus_names_the_outlier(outlier_story):
    result = run_cli("audit", str(outlier_story), "--format", "json", "--exit-zero")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["comparisons"]) == 6  # every pair of four outlets
    story = data["stories"][0]["name"]
    groups = data["consensus"][story]
    troops = next(g for g in groups if g["kind"] == "quantity" and g["majority"] == "thousands")
    assert troops["outliers"] == ["rewrite"]
    assert troops["summary"] == "3 of 4 outlets: 'thousands'; rewrite: 'tens of thousands'"
    # The matrix shows the rewrite as the outlet every other one differs from.
    cells = data["stories"][0]["matrix"]["counts"]
    outlets = data["stories"][0]["outlets"]
    rewrite = outlets.index("rewrite")
    for i, row in enumerate(cells):
        if i != rewrite:
            assert row[rewrite] > 0
            assert all(n == 0 for j, n in enumerate(row) if j not in (i, rewrite))


def test_reference_compares_each_outlet_against_it(outlier_story):
    result = run_cli("audit", str(outlier_story), "--reference", "rewrite", "--exit-zero")
    assert result.returncode == 0, result.stderr
    assert "3 comparisons, against rewrite" in result.stdout
    assert "3 of 4 outlets: 'thousands'; rewrite: 'tens of thousands'" in result.stdout
    assert "·" in result.stdout  # pairs not compared are marked in the matrix


def test_unknown_reference_is_a_usage_error(outlier_story):
    _one_line_error(run_cli("audit", str(outlier_story), "-r", "nobody"), "--reference 'nobody'")


def test_baseline_workflow(tmp_path):
    story = tmp_path / "story"
    wire = _copy("reuters-yodel", story / "reuters-yodel.txt")
    _copy("defence-talks", story / "defence-talks.txt")
    baseline = story / FILE_NAME

    # 1. Accept today's drift: the baseline is written and the run passes.
    first = run_cli("audit", str(story), "--update-baseline")
    assert first.returncode == 0, first.stdout + first.stderr
    entries = json.loads(baseline.read_text("utf-8"))["findings"]
    assert entries and all(
        set(e) == {"id", "code", "severity", "documents", "message"} for e in entries
    )
    assert {tuple(e["documents"]) for e in entries} == {("defence-talks", "reuters-yodel")}

    # 2. The same files against it: clean.
    second = run_cli("audit", str(story))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "No new drift" in second.stdout

    # 3. One changed count and one changed quoted word: exit 1, both named; the entry for the
    # quote as it was is stale and reported; every other entry still matches (stable ids).
    text = wire.read_text("utf-8")
    assert "past three weeks" in text and "“convincing" in text
    wire.write_text(
        text.replace("past three weeks", "past five weeks").replace("“convincing", "“persuasive"),
        "utf-8",
    )
    third = run_cli("audit", str(story), "--format", "json")
    assert third.returncode == 1, third.stderr
    data = json.loads(third.stdout)
    failing_ids = set(data["baseline"]["failing"])
    failing = [f for c in data["comparisons"] for f in c["findings"] if f["id"] in failing_ids]
    messages = " | ".join(f["message"] for f in failing)
    assert "five weeks" in messages and "persuasive" in messages
    stale = data["baseline"]["stale"]
    assert stale and any("convincing" in e["message"] for e in stale)
    assert "warning: baseline entry" in third.stderr and stale[0]["id"] in third.stderr
    assert len(data["baseline"]["known"]) == len(entries) - len(stale)

    # 4. --exit-zero reports the same drift without failing.
    fourth = run_cli("audit", str(story), "--exit-zero", "--format", "github")
    assert fourth.returncode == 0, fourth.stderr
    assert "five weeks" in fourth.stdout and "::error file=" in fourth.stdout


def test_explicit_baseline_file_and_no_baseline(tmp_path):
    story = tmp_path / "flood"
    story.mkdir()
    (story / "wire.txt").write_text("Rescue teams said 59 people died on Monday.\n", "utf-8")
    (story / "daily.txt").write_text("Rescue teams said 50 people died on Monday.\n", "utf-8")
    accepted = tmp_path / "accepted.json"
    update = run_cli("audit", str(story), "--baseline", str(accepted), "--update-baseline", "-q")
    assert update.returncode == 0 and accepted.is_file() and not (story / FILE_NAME).exists()
    assert update.stderr == ""  # --quiet: no notes, no verdict line
    assert run_cli("audit", str(story), "--baseline", str(accepted)).returncode == 0
    assert run_cli("audit", str(story), "--no-baseline").returncode == 1


def test_config_from_the_audited_folder_and_flags_override(tmp_path):
    story = tmp_path / "flood"
    story.mkdir()
    (story / "wire.txt").write_text("Rescue teams said 59 people died on Monday.\n", "utf-8")
    (story / "daily.txt").write_text("Rescue teams said 50 people died on Monday.\n", "utf-8")
    (tmp_path / "diverge.toml").write_text('[tool.diverge]\nfail-on = "critical"\n', "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    relaxed = run_cli("audit", str(story), cwd=elsewhere)
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    strict = run_cli("audit", str(story), "--fail-on", "major", cwd=elsewhere)
    assert strict.returncode == 1, strict.stdout + strict.stderr


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ('[tool.diverge]\ncolour = "red"\n', "unknown key 'colour'"),
        ('[tool.diverge]\nfail-on = "huge"\n', "unknown severity 'huge'"),
        ("[tool.diverge\n", "malformed TOML"),
    ],
    ids=["unknown-key", "bad-severity", "malformed"],
)
def test_bad_config_is_exit_2(tmp_path, config, fragment):
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("One sentence.\n", "utf-8")
    (story / "b.txt").write_text("One sentence.\n", "utf-8")
    (tmp_path / "diverge.toml").write_text(config, "utf-8")
    _one_line_error(run_cli("audit", str(story)), fragment)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "xml"], "unknown --format 'xml'"),
        (["--no-baseline", "--update-baseline"], "--no-baseline"),
        (["--baseline", "missing.json"], "--baseline missing.json: no such file"),
        (["--fail-on", "huge"], "--fail-on"),
    ],
    ids=["format", "baseline-flags", "missing-baseline", "fail-on"],
)
def test_usage_errors_are_exit_2(tmp_path, args, fragment):
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("One sentence.\n", "utf-8")
    (story / "b.txt").write_text("One sentence.\n", "utf-8")
    _one_line_error(run_cli("audit", str(story), *args, cwd=tmp_path), fragment)


def test_paths_that_are_not_stories_are_exit_2(tmp_path):
    _one_line_error(run_cli("audit", str(tmp_path / "missing")), "no such folder")
    (tmp_path / "a.txt").write_text("One sentence.\n", "utf-8")
    _one_line_error(run_cli("audit", str(tmp_path / "a.txt")), "not a folder")
    _one_line_error(run_cli("audit", str(tmp_path)), "two or more .txt files")
