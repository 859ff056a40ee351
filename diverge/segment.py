"""segment: split articles into sentences, tokens and entities, with one spaCy pass each.

Lines come first: headlines, bylines, datelines and "Read more" lines carry no final period, so
spaCy would glue them to the next sentence. Each block of text (a line, or a paragraph whose
lines are merely hard-wrapped) is parsed once; spaCy's sentence starts are then corrected so an
abbreviation such as "U.S." or "Mr." never ends a sentence. The result is plain data (offsets
into the document), so later stages and the parse cache never touch spaCy objects.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from diverge.lexicon import Lexicon
from diverge.model import Article, Document, Entity, Sentence, Span

if TYPE_CHECKING:
    from spacy.language import Language

_Located = TypeVar("_Located", Span, Entity)

MAX_BLOCK_CHARS = 20_000
"""Longer blocks (a paste without line breaks) are cut before parsing, after a sentence-final
period where one is near the limit, else at whitespace: spaCy's memory grows with block length."""
BATCH_CHARS = 200_000
"""About this many characters go to spaCy in one batch, however long or short the blocks."""

MAX_SYMBOL_RUN = 50
"""Runs of symbols with no space ("=====", a row of emoji) are broken every this many characters
before parsing: spaCy's tokenizer is quadratic in them (4,000 "=" took 50 s)."""
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN},}}")

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FINAL = re.compile(r"[.!?:;\"”’)\]]\s*$")


@dataclass(frozen=True)
class Block:
    """A stretch of a document parsed as one spaCy Doc: a line or an unwrapped paragraph."""

    start: int
    end: int
    boilerplate: bool


@dataclass(frozen=True)
class Parse:
    """What spaCy found in one block: sentence starts, tokens and entities (document offsets)."""

    sentence_starts: tuple[int, ...]
    tokens: tuple[Span, ...]
    entities: tuple[Entity, ...]


def blocks(text: str, lexicon: Lexicon) -> list[Block]:
    """Split a document into parse blocks: lines, except that hard-wrapped paragraphs join."""
    lines = [(m.start(), m.start() + len(m.group().rstrip("\r\n"))) for m in _LINE.finditer(text)]
    lines = [(s, e) for s, e in lines if s < len(text) or e > s]
    result: list[Block] = []
    paragraph: list[tuple[int, int]] = []

    def flush() -> None:
        if not paragraph:
            return
        if _is_wrapped(text, paragraph):
            start, end = paragraph[0][0], paragraph[-1][1]
            body = text[start:end]
            result.extend(_cut(start, end, body, lexicon.is_boilerplate(body)))
        else:
            for s, e in _join_continued(text, paragraph):
                result.extend(_cut(s, e, text[s:e], lexicon.is_boilerplate(text[s:e])))
        paragraph.clear()

    for start, end in lines:
        if text[start:end].strip():
            paragraph.append((start, end))
        else:
            flush()
    flush()
    return result


_CONNECTORS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or"}
    | {"but", "as", "that", "than", "into", "over", "about"}
)


def _join_continued(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line to the next when the sentence plainly runs on: the line has no final
    punctuation and the next starts in lower case, or the line ends on a connecting word
    ("the", "of", "and"). A headline over a byline stays two lines."""
    joined: list[tuple[int, int]] = []
    for s, e in lines:
        if joined and _continues(text[joined[-1][0] : joined[-1][1]], text[s:e]):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _continues(line: str, following: str) -> bool:
    if _FINAL.search(line):
        return False
    words = line.split()
    first = following.lstrip()[:1]
    if not words:
        return False
    if first.islower() or words[-1].casefold() in _CONNECTORS:
        return True
    # A wrapped Title Case headline: both lines title-cased, the second no byline.
    return (
        _title_case(line)
        and _title_case(following)
        and not _FINAL.search(following)
        and not following.lstrip().startswith("By ")
    )


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 2 and capitalised >= 0.6 * len(words)


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for a paragraph hard-wrapped at a fixed width, whose line breaks are not sentence
    breaks: three or more lines, none longer than 100 characters, all but the last nearly as long
    as the longest, and some line that ends without sentence-final punctuation."""
    if len(lines) < 3:
        return False
    lengths = [len(text[s:e].rstrip()) for s, e in lines]
    widest = max(lengths)
    if widest > 100 or any(n < 0.6 * widest for n in lengths[:-1]):
        return False
    return any(not _FINAL.search(text[s:e]) for s, e in lines[:-1])


def _cut(start: int, end: int, body: str, boilerplate: bool) -> Iterator[Block]:
    """Yield the block, cut at whitespace into pieces spaCy can parse in bounded memory."""
    while end - start > MAX_BLOCK_CHARS:
        cut = body.rfind(". ", MAX_BLOCK_CHARS // 2, MAX_BLOCK_CHARS) + 1
        if cut <= 0:
            cut = body.rfind(" ", 0, MAX_BLOCK_CHARS)
        cut = cut if cut > 0 else MAX_BLOCK_CHARS
        yield Block(start, start + cut, boilerplate)
        body, start = body[cut:], start + cut
    yield Block(start, end, boilerplate)


def parse_blocks(texts: Sequence[str], nlp: Language, batch_size: int = 64) -> list[Parse]:
    """Run spaCy once over every block text, offsets relative to the block.

    spaCy sees each block with its whitespace squeezed to single spaces (line breaks, doubled
    spaces, tabs): extra whitespace would become tokens of their own and sway the sentence and
    entity models, so that re-spacing a text changed its facts. Offsets are mapped back.
    """
    parses = []
    squeezed = [_squeeze(_for_spacy(t)) for t in texts]
    longest = max((len(text) for text, _ in squeezed), default=1)
    batch_size = max(1, min(batch_size, BATCH_CHARS // max(1, longest)))
    docs = nlp.pipe((text for text, _ in squeezed), batch_size=batch_size)
    for doc, (_, origin) in zip(docs, squeezed, strict=True):
        starts = tuple(origin[sent.start_char] for sent in doc.sents)
        tokens = tuple(
            Span(origin[t.idx], origin[t.idx + len(t.text) - 1] + 1, t.text)
            for t in doc
            if not t.is_space
        )
        ents = tuple(
            Entity(origin[e.start_char], origin[e.end_char - 1] + 1, e.text, e.label_)
            for e in doc.ents
        )
        parses.append(Parse(starts, tokens, ents))
    return parses


_WHITESPACE_RUN = re.compile(r"\s+")


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text with every whitespace run made one space, and for each of its characters the
    offset it came from (plus one past the end)."""
    pieces: list[str] = []
    origin: list[int] = []
    cursor = 0
    for m in _WHITESPACE_RUN.finditer(text):
        pieces.append(text[cursor : m.start()])
        origin.extend(range(cursor, m.start()))
        pieces.append(" ")
        origin.append(m.start())
        cursor = m.end()
    pieces.append(text[cursor:])
    origin.extend(range(cursor, len(text)))
    origin.append(len(text))
    return "".join(pieces), origin


def _for_spacy(text: str) -> str:
    """The block as spaCy sees it, the same length so offsets hold: line breaks become spaces,
    and a space replaces every MAX_SYMBOL_RUN-th character of a long run of symbols."""
    text = text.replace("\r", " ").replace("\n", " ")
    return _SYMBOL_RUN.sub(lambda m: _break_run(m.group()), text)


def _break_run(run: str) -> str:
    step = MAX_SYMBOL_RUN
    return "".join(" " if i % step == step - 1 else ch for i, ch in enumerate(run))


def assemble(
    article: Article, doc_blocks: Sequence[Block], parses: Sequence[Parse], lexicon: Lexicon
) -> Document:
    """Build the Document from its blocks and their parses (offsets shifted to the document)."""
    text = article.text
    sentences: list[Sentence] = []
    for block, parse in zip(doc_blocks, parses, strict=True):
        # Texts come from the document, not from spaCy: it saw line breaks as spaces.
        shift = block.start
        tokens = [
            Span(t.start + shift, t.end + shift, text[t.start + shift : t.end + shift])
            for t in parse.tokens
        ]
        ents = [
            Entity(e.start + shift, e.end + shift, text[e.start + shift : e.end + shift], e.label)
            for e in parse.entities
        ]
        starts = _sentence_starts(parse.sentence_starts, tokens, block.start, lexicon)
        ends = [*starts[1:], block.end]
        bounds = _merge_punctuation_only(text, list(zip(starts, ends, strict=True)))
        token_starts = [t.start for t in tokens]
        entity_starts = [x.start for x in ents]
        for s, e in bounds:
            raw = text[s:e]
            lead = len(raw) - len(raw.lstrip())
            s, e = s + lead, s + len(raw.rstrip())
            if s >= e:
                continue
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=s,
                    end=e,
                    text=text[s:e],
                    boilerplate=block.boilerplate,
                    tokens=_within(tokens, token_starts, s, e),
                    entities=_within(ents, entity_starts, s, e),
                )
            )
    return Document(article.id, article.path, text, tuple(sentences))


def _within(
    items: Sequence[_Located], starts: Sequence[int], s: int, e: int
) -> tuple[_Located, ...]:
    """The items (sorted by start) lying inside [s, e), found by bisection, not a scan."""
    lo, hi = bisect_left(starts, s), bisect_left(starts, e)
    return tuple(x for x in items[lo:hi] if x.end <= e)


def _merge_punctuation_only(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fold a "sentence" without a letter or digit (a stray closing quote) into its neighbour."""
    merged: list[tuple[int, int]] = []
    for s, e in bounds:
        if merged and not any(ch.isalnum() for ch in text[s:e]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _sentence_starts(
    starts: Sequence[int], tokens: Sequence[Span], offset: int, lexicon: Lexicon
) -> list[int]:
    """spaCy's sentence starts, minus those that follow an abbreviation ("U.S.", "Mr.")."""
    previous = {}
    for before, after in zip(tokens, tokens[1:], strict=False):
        previous[after.start] = before
    kept = [offset]
    for start in starts:
        absolute = start + offset
        if absolute == offset:
            continue
        prior = previous.get(absolute)
        if prior is not None and prior.text in lexicon.abbreviations:
            continue
        kept.append(absolute)
    return kept


def segment(articles: Sequence[Article], nlp: Language, lexicon: Lexicon) -> list[Document]:
    """Segment articles with one spaCy pass each.

    Each article's blocks are batched on their own, so a document's parse never depends on
    which other documents share the run: the parse cache and parallel parsing rely on that.
    """
    documents = []
    for article in articles:
        doc_blocks = blocks(article.text, lexicon)
        texts = [article.text[b.start : b.end] for b in doc_blocks]
        documents.append(assemble(article, doc_blocks, parse_blocks(texts, nlp), lexicon))
    return documents
