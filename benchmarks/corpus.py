"""Generated inputs for the benchmark: a many-story corpus and large synthetic documents.

The corpus is the seed articles copied into 40 story folders, each copy with a first line of
its own, so every file has a distinct content hash (a cold parse cache parses all of them) while
the text stays real news prose. Everything is written under a temporary directory, never the repo.

Those copies repeat every sentence 40 times, and diverge remembers some results by content (word
diffs, name readings), so the copies flatter it. The distinct variant also starts every sentence
of story n with a word of that story's own ("Zqab"), the same in all its outlets: no sentence
recurs across stories, as in a real corpus, while outlets of one story still agree.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def write_corpus(folder: Path, stories: int = 40, distinct: bool = False) -> Path:
    """Write `stories` sub-folders, each holding every seed with a unique first line (and with
    `distinct`, every sentence marked with the story's word)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(stories):
        story = folder / f"story-{n:02d}"
        story.mkdir(exist_ok=True)
        for path in seed_paths():
            text = path.read_text("utf-8")
            if distinct:
                marker = story_word(n)
                text = _SENTENCE_START.sub(lambda m, w=marker: f"{m.group(1)}{w} ", text)
            line = f"Dispatch {n + 1} of {stories} from the {path.stem} desk\n\n"
            (story / path.name).write_text(line + text, "utf-8")
    return folder


_SENTENCE_START = re.compile(r"(^|(?<=[.!?])[ \t]+)(?=[A-Z\"“])", re.MULTILINE)
"""A line's start, or the space after a sentence-final mark, before a capital or a quote."""


def story_word(n: int) -> str:
    """A made-up word for story n ("Zqba", "Zqbb", ...): no number, so no quantity to read."""
    letters = ""
    n += 26
    while n:
        n, r = divmod(n, 26)
        letters = chr(ord("a") + r) + letters
    return "Zq" + letters


def corpus_words(folder: Path) -> int:
    return sum(len(p.read_text("utf-8").split()) for p in folder.rglob("*.txt"))


def seed_sentences() -> list[str]:
    """The seeds' sentences (split on final punctuation: the raw material for long inputs)."""
    sentences = []
    for path in seed_paths():
        for line in path.read_text("utf-8").splitlines():
            sentences += [s.strip() for s in _SENTENCE_END.split(line) if len(s.split()) >= 4]
    return sentences


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def large_texts(sentences: int, seed: int = 6) -> tuple[str, str]:
    """Two documents of `sentences` lines each, one sentence a line, drawn from the seeds.

    Each line gets a serial number so that lines are distinct (as in a long document) and the
    second text is a shuffle of the first: every line has exactly one twin.
    """
    rng = random.Random(seed)
    pool = seed_sentences()
    lines = [f"Item {k}: {pool[k % len(pool)].rstrip('.')}." for k in range(sentences)]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    return "\n".join(lines) + "\n", "\n".join(shuffled) + "\n"
