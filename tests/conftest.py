"""Shared fixtures: one spaCy pipeline for the whole session, and small document builders."""

from __future__ import annotations

from pathlib import Path

import pytest

from diverge import nlp as nlp_module
from diverge.checks.base import Pair
from diverge.lexicon import default_lexicon
from diverge.model import Article, Document
from diverge.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_NAMES = [
    "reuters-yodel",
    "defence-talks",
    "translated-digest",
    "kursk-update",
    "analysis-blog",
]


@pytest.fixture(scope="session", autouse=True)
def _private_parse_cache(tmp_path_factory):
    """Tests never read or write the user's parse cache (subprocesses inherit the variable)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIVERGE_CACHE_DIR", str(tmp_path_factory.mktemp("diverge-cache")))
        yield


@pytest.fixture(scope="session")
def nlp():
    return nlp_module.load()


@pytest.fixture(scope="session")
def make_docs(nlp):
    """Build Documents from strings: make_docs("text a", "text b") -> [Document, Document]."""

    def build(*texts: str) -> list[Document]:
        articles = [Article(f"doc{i}", f"doc{i}.txt", t) for i, t in enumerate(texts)]
        return segment(articles, nlp, default_lexicon())

    return build


@pytest.fixture(scope="session")
def make_pair(make_docs):
    """A Pair of every sentence of text A against every sentence of text B."""

    def build(text_a: str, text_b: str) -> Pair:
        doc_a, doc_b = make_docs(text_a, text_b)
        return Pair(doc_a, doc_b, doc_a.sentences, doc_b.sentences, default_lexicon())

    return build
