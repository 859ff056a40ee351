"""Hypothesis strategies shared by the property and fuzz tests.

Two sources of article text: news-like sentences generated from small word pools (numbers,
names, dates, quotes, so that every check has something to look at), and paragraphs cut from the
seed articles (real prose, real layout). Plus the layout changes that must not matter
(whitespace, hard wrapping, paragraph order, a boilerplate line) and raw Unicode for fuzzing.
"""

from __future__ import annotations

import random
import re
import textwrap

from hypothesis import strategies as st

from tests.conftest import SEED_NAMES, SEEDS

_PEOPLE = [
    "Olaf Scholz",
    "Volodymyr Zelenskiy",
    "President Joe Biden",
    "Mr. Smith",
    "the U.S. ambassador",
    "a Kremlin spokesman",
]
_PLACES = ["Kyiv", "Kursk", "the Black Sea", "Washington", "the European Union", "Sudzha"]
_COUNTS = [
    "40",
    "59",
    "tens of thousands of",
    "thousands of",
    "three",
    "1,200",
    "26%",
    "two decades of",
    "999999999999999999999",
]
_NOUNS = ["troops", "people", "civilians", "drones", "talks", "sanctions", "prisoners"]
_VERBS = ["said", "denied", "confirmed", "did not confirm", "reported", "banned", "allowed"]
_TIMES = ["on Monday", "last month", "on February 24, 2022", "at 9 a.m.", "recently", "in 2023"]
_QUOTES = ["“We will not retreat,”", '"convincing and substantive"', "‘a new phase’"]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    subject = draw(st.sampled_from(_PEOPLE))
    verb = draw(st.sampled_from(_VERBS))
    count = draw(st.sampled_from(_COUNTS))
    noun = draw(st.sampled_from(_NOUNS))
    place = draw(st.sampled_from(_PLACES))
    when = draw(st.sampled_from(_TIMES))
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return f"{subject} {verb} that {count} {noun} were in {place} {when}."
    if shape == 1:
        quote = draw(st.sampled_from(_QUOTES))
        return f"{quote} {subject} said {when}, adding that {count} {noun} had left {place}."
    return f"{when.capitalize()}, {count} {noun} reached {place}, {subject} {verb}."


@st.composite
def generated_article(draw: st.DrawFn) -> str:
    """Two to five paragraphs of one to three news-like sentences each."""
    paragraphs = draw(
        st.lists(st.lists(news_sentence(), min_size=1, max_size=3), min_size=2, max_size=5)
    )
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def _seed_paragraphs() -> dict[str, list[str]]:
    """The seeds' paragraphs: one per line (they are not hard-wrapped)."""
    return {
        name: [
            line for line in (SEEDS / f"{name}.txt").read_text("utf-8").splitlines() if line.strip()
        ]
        for name in SEED_NAMES
    }


SEED_PARAGRAPHS = _seed_paragraphs()


@st.composite
def seed_article(draw: st.DrawFn) -> str:
    """A run of consecutive paragraphs of one seed article (kept short: the model is real)."""
    name = draw(st.sampled_from(SEED_NAMES))
    paragraphs = SEED_PARAGRAPHS[name]
    start = draw(st.integers(0, max(0, len(paragraphs) - 2)))
    length = draw(st.integers(2, 6))
    return "\n\n".join(paragraphs[start : start + length]) + "\n"


articles = st.one_of(generated_article(), seed_article())
"""Any article text the invariants run over."""


@st.composite
def seed_pair(draw: st.DrawFn) -> tuple[str, str]:
    """The same stretch of two different seed articles' openings: a realistic A/B pair."""
    first, second = draw(st.lists(st.sampled_from(SEED_NAMES), min_size=2, max_size=2, unique=True))
    length = draw(st.integers(3, 6))
    return (
        "\n\n".join(SEED_PARAGRAPHS[first][:length]) + "\n",
        "\n\n".join(SEED_PARAGRAPHS[second][:length]) + "\n",
    )


def paragraphs_of(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def double_spaces(text: str, rng: random.Random) -> str:
    return re.sub(" ", lambda m: "  " if rng.random() < 0.5 else " ", text)


def trailing_spaces(text: str, rng: random.Random) -> str:
    return "\n".join(line + " " * rng.randint(0, 3) for line in text.split("\n"))


def rewrap(text: str, width: int) -> str:
    """Hard-wrap every paragraph at `width` columns, as an editor or an email client does
    (between words only: breaking "in-person" at its hyphen would change a word)."""
    return (
        "\n\n".join(
            textwrap.fill(p, width, break_on_hyphens=False, break_long_words=False)
            for p in paragraphs_of(text)
        )
        + "\n"
    )


@st.composite
def whitespace_change(draw: st.DrawFn, text: str) -> str:
    """`text` with doubled spaces, trailing spaces or re-wrapped paragraphs (words unchanged)."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    kind = draw(st.sampled_from(["double", "trailing", "rewrap"]))
    if kind == "double":
        return double_spaces(text, rng)
    if kind == "trailing":
        return trailing_spaces(text, rng)
    return rewrap(text, draw(st.integers(50, 78)))


BOILERPLATE_LINES = [
    "Sign up for our daily newsletter",
    "Read more: Ukraine war latest",
    "Comments are closed.",
    "Subscribe to our newsletter for the latest news.",
]


# --- fuzzing -------------------------------------------------------------------------------

SPECIAL_PIECES = [
    "1e308",
    "999999999999999999999 troops",
    "-0",
    "NaN",
    "½",
    "٣٤٥",
    "10^400",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "'",
    "(",
    ")",
    "[",
    "...",
    "U.S.",
    "Mr.",
    "a.m.",
    "\u200f",
    "\u202e",
    "\u2066",
    "مرحبا بالعالم",
    "שלום",
    "e\u0301\u0301\u0301",
    "\u0300",
    "👩‍👩‍👧",
    "🇺🇦",
    "\ufe0f",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    "\u2028",
    "\u00a0",
    "\ufeff",
    "\ufffd",
    "tens of thousands",
    "February 30, 2022",
    "24:61",
]
"""Pieces that have broken text tools before: numbers out of range, bidi controls, combining
marks, ZWJ emoji, lone quotes, control characters, odd line breaks."""

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
"""Arbitrary Unicode except lone surrogates (which no decoder ever produces)."""


def fuzz_text(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Arbitrary Unicode mixed with known troublemakers and some ordinary words."""
    piece = st.one_of(
        unicode_text,
        st.sampled_from(SPECIAL_PIECES),
        news_sentence(),
        st.sampled_from([" ", "  ", "\n", ". ", ", "]),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)
