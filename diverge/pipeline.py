"""The stages wired together: read -> segment -> align/compare -> Report.

The CLI calls these; they do no printing. Segmentation goes through `parse_documents`, the one
place that decides whether spaCy runs (it loads only when some document is not cached).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

from diverge.compare import compare
from diverge.config import Settings
from diverge.errors import UsageError
from diverge.lexicon import Lexicon, build_lexicon
from diverge.model import Article, Comparison, Document, Report

Progress = Callable[[int], None]
"""Called with the number of comparisons just finished."""


def lexicon_for(settings: Settings) -> Lexicon:
    return build_lexicon(settings.equivalents, settings.boilerplate)


def parse_documents(
    articles: Sequence[Article], lexicon: Lexicon, *, use_cache: bool = True, jobs: int = 1
) -> list[Document]:
    """Segment articles with one spaCy pass each (the model loads on first need).

    `use_cache` and `jobs` are accepted now so callers need not change when the parse cache and
    parallel parsing land; today every article is parsed, in this process.
    """
    from diverge import nlp
    from diverge.segment import segment

    return segment(articles, nlp.load(), lexicon)


def compare_many(
    documents: Sequence[Document],
    pairs: Sequence[tuple[int, int]],
    lexicon: Lexicon,
    settings: Settings,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[Comparison]:
    """Compare the planned pairs of documents, in order."""
    comparisons = []
    for i, j in pairs:
        comparisons.append(compare(documents[i], documents[j], lexicon, settings))
        if progress:
            progress(1)
    return comparisons


def plan_pairs(ids: Sequence[str], reference: str | None) -> list[tuple[int, int]]:
    """Which documents to compare: every pair, or each against the reference."""
    if reference is None:
        return list(combinations(range(len(ids)), 2))
    if reference not in ids:
        raise UsageError(f"--reference {reference!r} names no input (inputs: {', '.join(ids)})")
    r = ids.index(reference)
    return [(r, i) for i in range(len(ids)) if i != r]


def unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Make document ids unique ("story" twice becomes "story" and "story-2")."""
    seen: dict[str, int] = {}
    result = []
    for a in articles:
        seen[a.id] = seen.get(a.id, 0) + 1
        new_id = a.id if seen[a.id] == 1 else f"{a.id}-{seen[a.id]}"
        result.append(a if new_id == a.id else Article(new_id, a.path, a.text))
    return result


def compare_articles(
    articles: Sequence[Article],
    settings: Settings,
    reference: str | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> Report:
    """Compare every planned pair of articles."""
    articles = unique_ids(articles)
    pairs = plan_pairs([a.id for a in articles], reference)
    lexicon = lexicon_for(settings)
    documents = parse_documents(articles, lexicon, use_cache=use_cache)
    comparisons = compare_many(documents, pairs, lexicon, settings, progress=progress)
    return Report(tuple(documents), tuple(comparisons))
