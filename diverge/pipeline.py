"""The stages wired together: read -> segment -> align/compare -> Report.

The CLI calls these; they do no printing. Segmentation goes through `parse_documents`, the one
place that decides whether spaCy runs (it loads only when some document is not cached). With
`jobs` above 1, parses and comparisons run in a pool of worker processes that lives for the whole
run (an audit calls these once per story, and each worker loads spaCy once); results come back
in input order, identical to a run with one job.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from diverge.collector import for_a_run
from diverge.compare import compare
from diverge.config import Settings
from diverge.errors import DivergeError, UsageError
from diverge.lexicon import Lexicon, build_lexicon
from diverge.model import Article, Comparison, Document, Report

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Progress = Callable[[int], None]
"""Called with the number of comparisons just finished."""


def lexicon_for(settings: Settings) -> Lexicon:
    return build_lexicon(settings.equivalents, settings.boilerplate)


def parse_documents(
    articles: Sequence[Article], lexicon: Lexicon, *, use_cache: bool = True, jobs: int = 1
) -> list[Document]:
    """Segment articles with one spaCy pass each, reusing the parse cache.

    Cached documents are read back without loading spaCy; the others are parsed (in this
    process, or over `jobs` worker processes) and stored. Identical texts are parsed once.
    """
    from diverge.cache import open_cache

    cache = open_cache(lexicon) if use_cache else None
    documents: list[Document | None] = [cache.get(a) if cache else None for a in articles]
    todo: dict[str, list[int]] = {}
    for i, (article, document) in enumerate(zip(articles, documents, strict=True)):
        if document is None:
            todo.setdefault(article.text, []).append(i)
    if todo:
        first = [articles[indices[0]] for indices in todo.values()]
        for article, document in zip(first, _segment(first, lexicon, jobs), strict=True):
            for i in todo[article.text]:
                twin = articles[i]
                documents[i] = Document(twin.id, twin.path, document.text, document.sentences)
            if cache is not None:
                cache.put(article, document)
    return [d for d in documents if d is not None]


def _segment(articles: Sequence[Article], lexicon: Lexicon, jobs: int) -> list[Document]:
    if jobs > 1 and len(articles) > 1:
        return in_pool(jobs, _segment_one, [(a, lexicon) for a in articles])
    from diverge import nlp
    from diverge.segment import segment

    return segment(articles, nlp.load(), lexicon)


def _segment_one(article: Article, lexicon: Lexicon) -> Document:
    """Worker side of a parallel parse: one article (the model loads once per worker)."""
    from diverge import nlp
    from diverge.segment import segment

    return segment([article], nlp.load(), lexicon)[0]


def compare_many(
    documents: Sequence[Document],
    pairs: Sequence[tuple[int, int]],
    lexicon: Lexicon,
    settings: Settings,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[Comparison]:
    """Compare the planned pairs of documents, in order (over `jobs` processes when > 1)."""
    if jobs > 1 and len(pairs) > 1:
        tasks = [(documents[i], documents[j], lexicon, settings) for i, j in pairs]
        return in_pool(jobs, compare, tasks, progress)
    comparisons = []
    for i, j in pairs:
        comparisons.append(compare(documents[i], documents[j], lexicon, settings))
        if progress:
            progress(1)
    return comparisons


_pool: tuple[int, ProcessPoolExecutor] | None = None


def in_pool(
    jobs: int,
    function: Callable[..., object],
    tasks: Sequence[tuple[object, ...]],
    progress: Progress | None = None,
    weights: Sequence[int] | None = None,
) -> list:  # type: ignore[type-arg]
    """Run `function(*task)` for every task in the shared worker pool; results in task order.

    `progress` is told of each finished task, as 1 step or as the task's `weights` entry.

    Workers are started with "spawn" (a fresh interpreter), so they inherit no threads or locks
    from this process (a progress bar's refresh thread, say); they take the collector policy of
    a CLI run (`diverge.collector`) and live until the run ends. A script calling this with
    jobs > 1 needs the usual `if __name__ == "__main__":` guard.
    """
    # Imported here: multiprocessing and the executor cost a one-job run about 15 ms.
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    global _pool
    if _pool is None or _pool[0] != jobs:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        shutdown_pool()
        context = multiprocessing.get_context("spawn")
        _pool = (jobs, ProcessPoolExecutor(jobs, mp_context=context, initializer=for_a_run))
    futures: list[Future[object]] = [_pool[1].submit(function, *task) for task in tasks]
    steps = {id(f): 1 if weights is None else weights[n] for n, f in enumerate(futures)}
    try:
        if progress:
            for future in as_completed(futures):
                progress(steps[id(future)])
        return [future.result() for future in futures]
    except BrokenProcessPool:
        shutdown_pool()
        raise DivergeError("a worker process died (out of memory?); try fewer --jobs") from None
    except BaseException:
        for future in futures:
            future.cancel()
        raise


def shutdown_pool() -> None:
    """Stop the worker processes (at exit, or before starting a pool of another size)."""
    global _pool
    if _pool is not None:
        _pool[1].shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown_pool)


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
