"""The compare command end to end: output, stdin, --output, formats, and bad input.

Each bad input must give exit 2 and exactly one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli_helpers import ROOT, run_cli

A = "seeds/reuters-yodel.txt"
B = "seeds/defence-talks.txt"


def _one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""


def test_text_report_shows_both_outlets_and_summary():
    result = run_cli("compare", A, B)
    assert result.returncode == 0, result.stderr
    assert "reuters-yodel ⟷ defence-talks" in result.stdout
    assert "Summary" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR and not a terminal


def test_stdin_dash_is_read(tmp_path):
    text = (ROOT / B).read_bytes()
    result = run_cli("compare", A, "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["reuters-yodel", "stdin"]


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "report.json"
    result = run_cli("compare", A, B, "--format", "json", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["schema_version"] == "1"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_fail_on_exits_1_when_a_finding_reaches_it():
    assert run_cli("compare", A, B, "--fail-on", "minor", "-f", "json").returncode == 1
    assert run_cli("compare", A, A, "--fail-on", "minor", "-f", "json").returncode == 0


def test_version_and_help_do_not_import_spacy():
    code = (
        "import sys; from diverge.cli import main\n"
        "for args in (['--version'], ['--help'], ['compare', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_version_prints_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "diverge 0.1.0"


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\t\r\n  \n"), "blank"),
        (lambda d: _write(d / "random.txt", bytes(range(256)) * 40), "binary"),
        (lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(4000)), "binary"),
        (lambda d: _symlink(d / "broken.txt", d / "nowhere.txt"), "broken symbolic link"),
    ],
    ids=["missing", "directory", "empty", "blank", "random-bytes", "image", "broken-symlink"],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, fragment):
    path = make(tmp_path)
    _one_line_error(run_cli("compare", A, str(path)), fragment)


def test_unknown_format_is_one_line():
    _one_line_error(run_cli("compare", A, B, "--format", "xml"), "unknown --format 'xml'")


def test_too_few_articles_is_one_line():
    _one_line_error(run_cli("compare", A), "at least two")


def test_unknown_option_is_one_line():
    _one_line_error(run_cli("compare", A, B, "--frobnicate"), "--frobnicate")


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root can read any file; permission test needs a non-root user"
)
def test_unreadable_file_is_one_line(tmp_path):
    path = _write(tmp_path / "secret.txt", b"Some text.")
    path.chmod(0)
    _one_line_error(run_cli("compare", A, str(path)), "permission denied")


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _symlink(link, target):
    link.symlink_to(target)
    return link


def test_output_file_gets_the_mode_a_plain_write_would(tmp_path):
    target = tmp_path / "report.json"
    result = run_cli("compare", A, B, "--format", "json", "--output", str(target))
    assert result.returncode == 0, result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
