"""Every output format, from the real CLI on one small story with CRLF line ends.

All formats are rendered from the same sorted records, so they must agree: the same findings
in the same order, at the same file/line/column. Line and column are checked against the file
itself (1-based, CRLF counted as one line end).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from diverge.cli import FormatOption
from diverge.progress import NoProgress, ProgressBar, tracker
from diverge.report import FORMATS, renderer
from diverge.report.github import escape_data, escape_property
from diverge.report.sarif import LineIndex
from tests.cli_helpers import run_cli

WIRE = (
    "Flood kills dozens in river town\r\n"
    "Rescue teams said 59 people died after the river burst its banks on Monday.\r\n"
    "Aid agencies sent tents and water to the region.\r\n"
)
DAILY = WIRE.replace("59 people", "50 people")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, tuple[int, str, str]]:
    root = tmp_path_factory.mktemp("formats")
    story = root / "flood"
    story.mkdir()
    (story / "wire.txt").write_bytes(WIRE.encode("utf-8"))
    (story / "daily.txt").write_bytes(DAILY.encode("utf-8"))
    results = {}
    for name in FORMATS:
        result = run_cli("audit", "flood", "--format", name, cwd=root)
        results[name] = (result.returncode, result.stdout, result.stderr)
    return results


def test_formats_cover_every_name_the_cli_accepts():
    help_text = FormatOption.__metadata__[0].help  # type: ignore[attr-defined]
    accepted = re.findall(r"[a-z]+", help_text.replace(" or ", ", "))
    assert set(accepted) == set(FORMATS)
    for name in FORMATS:
        assert callable(renderer(name))
        assert callable(renderer(name, audit=True))


def test_every_format_exits_1_on_the_new_drift(outputs):
    for name, (code, stdout, stderr) in outputs.items():
        assert code == 1, (name, stderr)
        assert stdout, name
        assert "Traceback" not in stderr


def test_text_sample(outputs):
    _, stdout, _ = outputs["text"]
    assert "flood — 2 outlets, 1 comparison" in stdout
    assert "flood/wire.txt:2:19" in stdout and "DV1" in stdout
    assert "Drift between outlets (findings at minor or above)" in stdout
    assert "✗ 1 new finding at or above major." in stdout


def _json_ids(outputs) -> list[str]:
    data = json.loads(outputs["json"][1])
    return [f["id"] for c in data["comparisons"] for f in c["findings"]]


def test_jsonl_is_one_finding_a_line_in_json_order(outputs):
    lines = outputs["jsonl"][1].splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == _json_ids(outputs)
    first = next(r for r in records if r["severity"] == "major")
    assert first["story"] == "flood"
    assert first["comparison"] == {"a": "daily", "b": "wire"}  # ids relative to the root
    assert first["baseline"] == "new"


def test_sarif_shape_and_locations(outputs):
    sarif = json.loads(outputs["sarif"][1])
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "diverge"
    rules = {r["id"]: r for r in driver["rules"]}
    for rule in rules.values():
        assert re.fullmatch(r"DV\d{3}", rule["id"])
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"]
    text = WIRE
    for result in run["results"]:
        assert result["ruleId"] in rules
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        assert re.fullmatch(r"[0-9a-f]{16}", result["partialFingerprints"]["divergeFindingId/v1"])
        assert result["baselineState"] == "new"
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in {"flood/wire.txt", "flood/daily.txt"}
        region = location["region"]
        source = WIRE if location["artifactLocation"]["uri"].endswith("wire.txt") else DAILY
        line = source.split("\r\n")[region["startLine"] - 1]
        start = region["startColumn"] - 1
        end = region["endColumn"] - 1
        assert line[start:end] == source[region["charOffset"] :][: region["charLength"]]
    major = next(r for r in run["results"] if r["level"] == "error")
    region = major["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 19)
    assert text.split("\r\n")[1][18:20] in {"59", "50"}


def test_github_annotations(outputs):
    lines = outputs["github"][1].splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    major = next(line for line in lines if line.startswith("::error "))
    assert re.match(
        r"::error file=flood/wire\.txt,line=2,col=19,endLine=2,endColumn=21,"
        r"title=DV\d{3} quantity \(major\)::daily vs wire: ",
        major,
    )


def test_markdown_fits_a_comment(outputs):
    stdout = outputs["markdown"][1]
    assert stdout.startswith("## diverge audit: ❌ 1 new finding at or above major")
    assert "| story | outlets | comparisons |" in stdout
    assert "### Findings" in stdout and "| major | DV1" in stdout
    assert "### Consensus" in stdout and "daily: '50'; wire: '59'" in stdout


def test_line_index_counts_crlf_cr_and_lf_as_one_line_end():
    text = "ab\r\ncd\ref\ngh"
    index = LineIndex(text)
    assert [index.position(text.index(c)) for c in "acegh"] == [
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 1),
        (4, 2),
    ]


def test_github_escaping():
    assert escape_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_when_quiet():
    assert isinstance(tracker(quiet=False, color=False, stream=io.StringIO()), NoProgress)
    assert isinstance(tracker(quiet=True, color=False, stream=_Terminal()), NoProgress)
    stream = _Terminal()
    bar = tracker(quiet=False, color=False, stream=stream)
    assert isinstance(bar, ProgressBar)
    bar.begin(3)
    bar.story("story-a")
    bar.advance(3)
    bar.close()
    assert "story-a" in stream.getvalue()


def test_markdown_is_cut_for_large_reports():
    from diverge.model import Comparison, Document, Finding, Report, Sentence, Severity, Side, Span
    from diverge.report import RenderOptions

    text = "x" * 10
    doc = Document("a", "a.txt", text, (Sentence(0, 0, 10, text),))
    findings = tuple(
        Finding(
            "DV101",
            "quantity",
            Severity.MAJOR,
            f"number changed #{n} | pipe",
            Side((0,), (Span(0, 1, "x"),)),
            Side((0,), (Span(0, 1, "x"),)),
            id=f"{n:016x}",
        )
        for n in range(300)
    )
    report = Report(
        (doc, Document("b", "b.txt", text, doc.sentences)), (Comparison("a", "b", (), findings),)
    )
    out = renderer("markdown")(report, RenderOptions())
    assert "… and 250 more findings" in out
    assert "\\| pipe" in out
    assert out.count("\n| major |") == 50


def test_formats_module_paths_exist():
    for module in FORMATS.values():
        assert (
            Path(__file__)
            .resolve()
            .parent.parent.joinpath(*module.split("."))
            .with_suffix(".py")
            .is_file()
        )
