"""What `diverge compare` does with awkward input, through the real CLI.

Errors (exit 2, one line on stderr, no traceback) for config files and unreadable inputs; the
basic bad paths (missing, folder, empty, blank, binary, broken link, unknown --format, one
article) are in test_cli_compare.py. Then input that must work (exit 0 or 1): other encodings,
CRLF, one sentence, no punctuation, a non-English article, a file of a few MB, a closed pipe and
Ctrl-C. Every run gets its own parse cache, so nothing is read back from an earlier run.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from diverge.read import read_article
from tests.cli_helpers import ROOT, run_cli

A = "seeds/reuters-yodel.txt"
B = "seeds/defence-talks.txt"
CURLY = "“We will not retreat,” the minister’s spokesman said on Monday."
STORY = (
    f"{CURLY}\n\n"
    "Thousands of troops crossed the border near Sudzha, officials said.\n\n"
    "The café owner said prices rose 5% in a week.\n"
)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DIVERGE_CACHE_DIR", str(tmp_path / "parse-cache"))


def _one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert result.stdout == ""


def _works(result) -> None:
    assert result.returncode in (0, 1), (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr


# --- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ("[tool.diverge\nignore = [", "malformed TOML"),
        ('[tool.diverge]\nignore = ["DV9"]\nfail_on = "major"\n', "unknown key 'fail_on'"),
        ('[tool.diverge]\nseverity = {DV1 = "huge"}\n', "unknown severity 'huge'"),
        ("[tool.diverge]\nignore = 7\n", "ignore must be a list of strings"),
        (b"\xff\xfe[tool.diverge]", "cannot read configuration"),
    ],
    ids=["malformed", "unknown-key", "bad-severity", "wrong-type", "not-utf8"],
)
def test_bad_config_file_is_one_line(tmp_path, config, fragment):
    path = tmp_path / "diverge.toml"
    if isinstance(config, bytes):
        path.write_bytes(config)
    else:
        path.write_text(config, "utf-8")
    _one_line_error(run_cli("compare", A, B, "--config", str(path)), str(path), fragment)


def test_missing_config_file_is_one_line(tmp_path):
    _one_line_error(
        run_cli("compare", A, B, "--config", str(tmp_path / "nope.toml")), "no such file"
    )


def test_config_found_from_the_working_folder_is_checked(tmp_path):
    (tmp_path / "diverge.toml").write_text("[tool.diverge\n", "utf-8")
    _one_line_error(
        run_cli("compare", str(ROOT / A), str(ROOT / B), cwd=tmp_path),
        "diverge.toml",
        "malformed TOML",
    )


def test_pyproject_in_a_parent_folder_with_an_unknown_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.diverge]\nignored-codes = ["DV9"]\n', "utf-8"
    )
    below = tmp_path / "drafts" / "today"
    below.mkdir(parents=True)
    _one_line_error(
        run_cli("compare", str(ROOT / A), str(ROOT / B), cwd=below),
        "pyproject.toml",
        "unknown key 'ignored-codes'",
    )


# --- unreadable files ------------------------------------------------------------------------


def _as_nobody_prefix() -> list[str] | None:
    """A command prefix that runs as the unprivileged `nobody`, or None when this machine can't.

    As root every file is readable, so the permission test needs another user; that user must
    be able to run this Python and read the project.
    """
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0:
        return []
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import diverge.cli"],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "HOME": "/tmp"},
    )
    return prefix if probe.returncode == 0 else None


def test_unreadable_file_is_one_line():
    prefix = _as_nobody_prefix()
    if prefix is None:
        pytest.skip(
            "running as root and user nobody cannot run this venv's Python "
            "(its interpreter lives under a private folder); root reads any file"
        )
    folder = Path(tempfile.mkdtemp(prefix="diverge-perm-"))
    try:
        folder.chmod(0o755)
        secret = folder / "secret.txt"
        secret.write_text("Some text that nobody may read.\n", "utf-8")
        secret.chmod(0)
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "diverge", "compare", A, str(secret)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": "/tmp", "DIVERGE_CACHE_DIR": str(folder / "cache")},
        )
        _one_line_error(result, "secret.txt", "permission denied")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- input that must work ----------------------------------------------------------------


def test_other_encodings_and_crlf_decode_with_curly_quotes_and_exact_spans(tmp_path):
    variants = {
        "cp1252": STORY.encode("cp1252"),
        "utf16": STORY.encode("utf-16"),
        "utf8bom": codecs.BOM_UTF8 + STORY.encode("utf-8"),
        "crlf": STORY.replace("\n", "\r\n").encode("utf-8"),
    }
    paths = []
    for name, data in variants.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
        paths.append(str(tmp_path / f"{name}.txt"))
    result = run_cli("compare", *paths, "--format", "json", "--show-info")
    _works(result)
    assert result.stderr == ""
    report = json.loads(result.stdout)
    texts = {Path(p).stem: read_article(p).text for p in paths}
    for doc in report["documents"]:
        sentences = [s["text"] for s in doc["sentences"]]
        assert CURLY in sentences, (doc["id"], sentences)
        for s in doc["sentences"]:
            assert texts[doc["id"]][s["start"] : s["end"]] == s["text"]
    assert "\r\n" in texts["crlf"]
    for comparison in report["comparisons"]:
        for finding in comparison["findings"]:
            for side in ("a", "b"):
                for span in finding[side]["spans"]:
                    text = texts[comparison[side]]
                    assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 40 troops arrived in the town on Monday.",
        "officials said forty troops arrived in the town on monday and nobody objected to it",
        "Officials said 40 troops arrived",
    ],
    ids=["one-sentence", "no-punctuation", "one-line-no-final-stop"],
)
def test_tiny_articles_work(tmp_path, text):
    path = tmp_path / "tiny.txt"
    path.write_text(text, "utf-8")
    result = run_cli("compare", A, str(path), "--format", "json")
    _works(result)
    assert result.stderr == ""
    doc = json.loads(result.stdout)["documents"][1]
    assert doc["sentences"] and all(
        text[s["start"] : s["end"]] == s["text"] for s in doc["sentences"]
    )


GERMAN = (
    "Der Verteidigungsminister sagte am Montag, dass rund 40 Soldaten an der Grenze "
    "angekommen seien. Die Regierung hat die Zahl bisher nicht bestätigt, und die Opposition "
    "kritisiert den Einsatz scharf. Weitere Angaben zu Verletzten gab es zunächst nicht.\n"
)


def test_non_english_article_warns_on_stderr_and_still_compares(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(GERMAN, "utf-8")
    result = run_cli("compare", A, str(path), "--format", "json")
    _works(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "warning" in lines[0] and "bericht.txt" in lines[0] and "English" in lines[0]
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["reuters-yodel", "bericht"]


def test_stdin_in_utf16_is_decoded(tmp_path):
    result = run_cli("compare", A, "-", "--format", "json", stdin=STORY.encode("utf-16"))
    _works(result)
    sentences = [s["text"] for s in json.loads(result.stdout)["documents"][1]["sentences"]]
    assert CURLY in sentences


def test_a_file_of_a_few_mb_works_in_bounded_memory_without_a_bar_when_not_a_tty(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    prose = "\n\n".join(p.read_text("utf-8") for p in seeds)
    one_line = " ".join(prose.split())  # a paste without line breaks: cut into 100k blocks
    big = (prose + "\n\n") * 64 + one_line * 32
    assert len(big.encode("utf-8")) > 2_000_000
    path = tmp_path / "big.txt"
    path.write_text(big, "utf-8")
    result = run_cli("compare", str(path), A, "--format", "json")
    _works(result)
    assert result.stderr == ""  # no progress bar, no carriage returns in a pipe or a CI log
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kib < 1_500_000, f"peak memory {peak_kib} KiB"


def test_output_piped_into_head_ends_quietly(tmp_path):
    err = tmp_path / "stderr.txt"
    command = (
        f"{sys.executable} -m diverge compare {A} {B} --format json 2>{err} | head -1; "
        "exit ${PIPESTATUS[0]}"
    )
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.stdout == "{\n"
    assert err.read_text("utf-8") == ""
    assert result.returncode == 0


_WHILE_PARSING = r"""
import sys
from pathlib import Path

import diverge.nlp as nlp_module

MARKER = Path(sys.argv[1])
real_load = nlp_module.load


def load():
    nlp = real_load()
    real_pipe = nlp.pipe

    def pipe(*args, **kwargs):
        for i, doc in enumerate(real_pipe(*args, **kwargs)):
            if i == 1:
                MARKER.write_text("parsing")
            yield doc

    nlp.pipe = pipe
    return nlp


nlp_module.load = load
from diverge.cli import run

sys.argv = ["diverge", *sys.argv[2:]]
run()
"""


def test_ctrl_c_while_parsing_exits_130_without_traceback(tmp_path):
    """SIGINT arrives once spaCy has parsed a block: the wrapper only marks that moment."""
    big = tmp_path / "long.txt"
    big.write_text(((ROOT / A).read_text("utf-8") + "\n\n") * 60, "utf-8")
    marker = tmp_path / "parsing"
    process = subprocess.Popen(
        [sys.executable, "-c", _WHILE_PARSING, str(marker), "compare", str(big), B],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DIVERGE_CACHE_DIR": str(tmp_path / "cache")},
    )
    try:
        while not marker.exists() and process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(0.05)
        assert marker.exists(), "the parse never started"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err.decode()
    assert err.decode().strip() == ""
    assert out == b""
