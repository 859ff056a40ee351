"""The parse cache: a warm run gives the same documents without spaCy; bad entries are rebuilt.

Every test points DIVERGE_CACHE_DIR at its own temporary folder, so the user's cache is never
read or written.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from diverge.cache import FORMAT, cache_dir, open_cache
from diverge.config import Settings
from diverge.lexicon import build_lexicon, default_lexicon
from diverge.model import Article
from diverge.pipeline import compare_many, parse_documents, plan_pairs, shutdown_pool
from diverge.read import read_article
from tests.cli_helpers import ROOT, run_cli
from tests.conftest import SEEDS

PAIR = ("reuters-yodel", "defence-talks")


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch, nlp) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIVERGE_CACHE_DIR", str(folder))
    return folder


def _articles() -> list[Article]:
    return [read_article(str(SEEDS / f"{name}.txt")) for name in PAIR]


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json"))


def test_cache_dir_is_the_environment_override(cache_folder):
    assert cache_dir() == cache_folder


def test_cache_dir_defaults_to_the_user_cache_directory(monkeypatch):
    monkeypatch.delenv("DIVERGE_CACHE_DIR")
    assert cache_dir().name == "diverge"


def test_cold_run_fills_the_folder_named_by_the_environment(cache_folder):
    parse_documents(_articles(), default_lexicon())
    entries = _entries(cache_folder)
    assert len(entries) == 2
    assert all(FORMAT in p.parts for p in entries)


def _run_fresh_python(script: str, cache_folder) -> None:
    """Run `script` in a new interpreter (nothing imported yet) on the test's parse cache."""
    env = {**os.environ, "DIVERGE_CACHE_DIR": str(cache_folder)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def test_warm_run_returns_identical_documents_without_importing_spacy(cache_folder, tmp_path):
    cold = parse_documents(_articles(), default_lexicon())
    dump = tmp_path / "warm.pickle"
    script = (
        "import pickle, sys\n"
        "from diverge.lexicon import default_lexicon\n"
        "from diverge.pipeline import parse_documents\n"
        "from diverge.read import read_article\n"
        f"paths = {[str(SEEDS / f'{n}.txt') for n in PAIR]!r}\n"
        "docs = parse_documents([read_article(p) for p in paths], default_lexicon())\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported on a warm run'\n"
        f"pickle.dump(docs, open({str(dump)!r}, 'wb'))\n"
    )
    _run_fresh_python(script, cache_folder)
    assert pickle.loads(dump.read_bytes()) == cold


def test_warm_compare_imports_neither_spacy_nor_numpy_nor_pydantic(cache_folder):
    """What a warm `diverge compare` costs is mostly imports: spaCy (and with it numpy) stays
    out behind the cache, numpy behind the pure-Python assignment, pydantic behind typer<0.29."""
    parse_documents(_articles(), default_lexicon())
    script = (
        "import contextlib, io, sys\n"
        "from diverge.cli import main\n"
        f"argv = ['compare', *{[str(SEEDS / f'{n}.txt') for n in PAIR]!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(argv)\n"
        "assert code in (0, 1), code\n"
        "heavy = sorted({'spacy', 'numpy', 'scipy.optimize', 'pydantic'} & set(sys.modules))\n"
        "assert not heavy, f'a warm compare imported {heavy}'\n"
    )
    _run_fresh_python(script, cache_folder)


def test_no_cache_neither_reads_nor_writes(cache_folder):
    parse_documents(_articles(), default_lexicon(), use_cache=False)
    assert _entries(cache_folder) == []


def test_compare_no_cache_flag_writes_nothing(cache_folder):
    result = run_cli(
        "compare",
        f"seeds/{PAIR[0]}.txt",
        f"seeds/{PAIR[1]}.txt",
        "--no-cache",
        "--format",
        "json",
        env={"DIVERGE_CACHE_DIR": str(cache_folder)},
    )
    assert result.returncode == 0, result.stderr
    assert not cache_folder.exists() or _entries(cache_folder) == []


@pytest.mark.parametrize("damage", [b"", b'{"n": 3, "s": [', b"\x00\xff garbage", b'{"n": 1}'])
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_folder, damage):
    articles = _articles()
    cold = parse_documents(articles, default_lexicon())
    entry = open_cache(default_lexicon()).path(articles[0].text)
    entry.write_bytes(damage)
    assert parse_documents(articles, default_lexicon()) == cold
    assert json.loads(entry.read_bytes())["n"] == len(articles[0].text)


def test_an_entry_with_offsets_outside_the_text_is_a_miss(cache_folder):
    articles = _articles()
    cold = parse_documents(articles, default_lexicon())
    entry = open_cache(default_lexicon()).path(articles[0].text)
    data = json.loads(entry.read_bytes())
    data["s"][0]["r"] = [0, len(articles[0].text) + 50, 0]
    entry.write_text(json.dumps(data))
    assert parse_documents(articles, default_lexicon()) == cold


def test_a_changed_boilerplate_pattern_invalidates(cache_folder):
    article = _articles()[0]
    first_line = article.text.splitlines()[0]
    before = parse_documents([article], default_lexicon())[0]
    assert not before.sentences[0].boilerplate
    lexicon = build_lexicon((), [f"^{re.escape(first_line)}$"])
    old_entry = open_cache(default_lexicon()).path(article.text)
    assert open_cache(lexicon).path(article.text) != old_entry
    after = parse_documents([article], lexicon)[0]
    assert after.sentences[0].boilerplate
    assert len(_entries(cache_folder)) == 2


def test_a_changed_text_invalidates(cache_folder):
    article = _articles()[0]
    parse_documents([article], default_lexicon())
    edited = Article(article.id, article.path, article.text.replace("Russia", "Belarus", 1))
    document = parse_documents([edited], default_lexicon())[0]
    assert "Belarus" in document.text and document.text == edited.text
    assert len(_entries(cache_folder)) == 2


def test_same_text_under_another_name_keeps_that_name(cache_folder):
    article = _articles()[0]
    parse_documents([article], default_lexicon())
    twin = Article("copy", "elsewhere/copy.txt", article.text)
    document = parse_documents([twin], default_lexicon())[0]
    assert (document.id, document.path) == ("copy", "elsewhere/copy.txt")


def test_an_unwritable_cache_is_not_fatal(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIVERGE_CACHE_DIR", str(blocker))
    documents = parse_documents(_articles(), default_lexicon())
    assert len(documents) == 2 and documents[0].sentences


def test_parallel_parse_and_compare_equal_one_job():
    articles = [read_article(str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    lexicon, settings = default_lexicon(), Settings()
    pairs = plan_pairs([a.id for a in articles], None)
    try:
        parallel = parse_documents(articles, lexicon, use_cache=False, jobs=2)
        done: list[int] = []
        found = compare_many(parallel, pairs, lexicon, settings, jobs=2, progress=done.append)
    finally:
        shutdown_pool()
    serial = parse_documents(articles, lexicon, use_cache=False)
    assert parallel == serial
    assert found == compare_many(serial, pairs, lexicon, settings)
    assert sum(done) == len(pairs)
