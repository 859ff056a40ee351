"""A drift injector in the spirit of FactCC's transformations, for measuring the checks.

Each transformation changes one fact of a sentence in a known way (a number, a magnitude, a
date, an entity, a negation, a title, a quoted word, a qualifier); each control paraphrases it
without changing a fact (a synonym, digits for words, an equivalent name, extra spaces). The
checks should flag every injection with its kind and stay quiet on every control. The
vocabulary is data (`diverge/data/inject.toml`); names and numbers come from the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from diverge.lexicon import Lexicon, load_data
from diverge.model import Entity, Sentence


@dataclass(frozen=True)
class Injection:
    """One transformed sentence: `kind` is the drift kind expected, None for a control."""

    name: str
    kind: str | None
    original: str
    changed: str


def _vocab() -> dict:
    return load_data("inject")


def _word(text: str, word: str) -> re.Match[str] | None:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)


def _replace(text: str, match: re.Match[str] | tuple[int, int], new: str) -> str:
    start, end = match if isinstance(match, tuple) else match.span()
    return text[:start] + new + text[end:]


def _case_like(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?(?![\w/:])")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def number_swap(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    text = s.text
    for m in _NUMBER.finditer(text):
        if _YEAR.match(m.group()) or _in_date(s, m.start()):
            continue
        value = int(m.group(1).replace(",", ""))
        return _replace(text, m.span(1), f"{value + max(2, value // 2 + 1):,}")
    words = _vocab()["number_words"]
    for n, word in enumerate(words[2:], start=2):
        found = _word(text.lower(), word)
        if found and not _in_date(s, found.start()):
            new = words[(n + 3) % len(words)] if (n + 3) % len(words) >= 2 else "seven"
            return _replace(text, found, _case_like(text[found.start() :], new))
    return None


def _in_date(s: Sentence, offset: int) -> bool:
    """True when the offset (in the sentence) lies in a DATE or TIME entity with a calendar word."""
    absolute = s.start + offset
    calendar = re.compile(
        "|".join(_vocab()["months"] + _vocab()["weekdays"]) + r"|\b(1[89]|20)\d\d\b", re.I
    )
    return any(
        e.label in {"DATE", "TIME"} and e.start <= absolute < e.end and calendar.search(e.text)
        for e in s.entities
    )


def magnitude_shift(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    pairs = sorted(_vocab()["magnitudes"], key=lambda p: -len(p[0]))
    for old, new in pairs:
        found = _word(s.text.lower(), old)
        if (
            found
            and not _word(s.text.lower(), "tens of " + old)
            and not (old == "thousands" and "hundreds of thousands" in s.text.lower())
        ):
            return _replace(s.text, found, _case_like(s.text[found.start() :], new))
    return None


def date_shift(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    vocab = _vocab()
    text = s.text
    for group in (vocab["weekdays"], vocab["months"]):
        for n, name in enumerate(group):
            found = _word(text, name)
            if found:
                return _replace(text, found, group[(n + 2) % len(group)])
    for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", text):
        return _replace(text, m, str(int(m.group()) - 3))
    for old, new in vocab["relative_times"]:
        found = _word(text.lower(), old)
        if found:
            return _replace(text, found, _case_like(text[found.start() :], new))
    return None


_SWAPPABLE = ("PERSON", "ORG", "GPE")


def entity_swap(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    present = {lex.canonical(e.text) for e in s.entities}
    for e in s.entities:
        if e.label not in _SWAPPABLE or len(e.text) < 3 or not e.text[:1].isupper():
            continue
        for other in pool:
            key = lex.canonical(other.text)
            if (
                other.label == e.label
                and key not in present
                and other.text[:1].isupper()
                and not _shares_word(e.text, other.text)
            ):
                return _replace(s.text, (e.start - s.start, e.end - s.start), other.text)
    return None


def _shares_word(a: str, b: str) -> bool:
    return bool(set(a.lower().split()) & set(b.lower().split()))


def negation(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    text = s.text
    for m in re.finditer(r"\b(not|never)\s+", text):
        return _replace(text, m, "")
    for aux in _vocab()["auxiliaries"]:
        found = _word(text, aux)
        if found and not re.match(r"\s+(not|n't|never|no)\b", text[found.end() :]):
            return text[: found.end()] + " not" + text[found.end() :]
    for a, b in _vocab()["antonyms"]:
        found = _word(text, a)
        if found:
            return _replace(text, found, b)
    return None


def title_change(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    vocab = _vocab()
    modifiers = "|".join(vocab["role_modifiers"])
    titles = "|".join(sorted((re.escape(t) for t in vocab["titles"]), key=len, reverse=True))
    for e in s.entities:
        if e.label != "PERSON":
            continue
        before = s.text[: e.start - s.start]
        m = re.search(rf"(?:\b({modifiers})\s+)?((?:[A-Z][\w.]*\s+)?(?:{titles}))\s+$", before)
        if not m:
            continue
        if m.group(1):
            return _replace(s.text, m.span(1), "").replace("  ", " ")
        return s.text[: m.start(2)] + "former " + s.text[m.start(2) :]
    return None


_QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")


def quote_change(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    for q in _QUOTE.finditer(s.text):
        inner_start = q.start(1)
        inner = q.group(1)
        for old, new in _vocab()["quote_words"]:
            found = _word(inner, old)
            if found:
                return _replace(
                    s.text, (inner_start + found.start(), inner_start + found.end()), new
                )
        words = [m for m in re.finditer(r"\b[a-z]{5,}\b", inner)]
        if words:
            target = max(words, key=lambda m: (len(m.group()), -m.start()))
            new = "important" if target.group() != "important" else "necessary"
            return _replace(s.text, (inner_start + target.start(), inner_start + target.end()), new)
    return None


def qualifier_drop(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    text = s.text
    for word in _vocab()["qualifiers"]:
        found = re.search(rf"(?<![\w-]){re.escape(word)}\s+(?=[a-z])", text)
        if found and not _inside_quote(text, found.start()):
            return _replace(text, found, "")
    for e in s.entities:
        if e.label == "NORP":
            start, end = e.start - s.start, e.end - s.start
            if re.match(r"\s+[a-z]", text[end:]) and not _inside_quote(text, start):
                return text[:start] + text[end:].lstrip()
    return None


def _inside_quote(text: str, offset: int) -> bool:
    """Inside a closed quotation, or after an opening mark left open to the sentence's end."""
    if any(q.start() < offset < q.end() for q in _QUOTE.finditer(text)):
        return True
    return text[:offset].count("“") > text[:offset].count("”")


def synonym_control(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    for a, b in _vocab()["paraphrases"]:
        for old, new in ((a, b), (b, a)):
            found = _word(s.text, old)
            if found and not _inside_quote(s.text, found.start()):
                return _replace(s.text, found, new)
    return None


def number_form_control(
    s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon
) -> str | None:
    words = _vocab()["number_words"]
    for n, word in enumerate(words):
        found = _word(s.text.lower(), word)
        if found and n >= 2:
            return _replace(s.text, found, str(n))
    for m in re.finditer(r"(?<![\w.,])(\d{1,2})(?![\w.,%:])", s.text):
        if 2 <= int(m.group()) < len(words):
            return _replace(s.text, m, words[int(m.group())])
    return None


def name_variant_control(
    s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon
) -> str | None:
    for group in load_data("lexicon")["equivalents"]["names"]:
        for variant in sorted(group, key=len, reverse=True):
            found = _word(s.text, variant)
            if found:
                other = next(g for g in group if g != variant)
                return _replace(s.text, found, other)
    return None


def spacing_control(s: Sentence, doc_text: str, pool: Sequence[Entity], lex: Lexicon) -> str | None:
    return s.text.replace(" ", "  ", 3) + "  " if " " in s.text else None


Transform = Callable[[Sentence, str, Sequence[Entity], Lexicon], str | None]

INJECTIONS: dict[str, tuple[str | None, Transform]] = {
    "number swap": ("quantity", number_swap),
    "magnitude shift": ("quantity", magnitude_shift),
    "date shift": ("time", date_shift),
    "entity swap": ("entity", entity_swap),
    "negation": ("polarity", negation),
    "title change": ("role", title_change),
    "quote word change": ("quote", quote_change),
    "qualifier drop": ("qualifier", qualifier_drop),
    "synonym (control)": (None, synonym_control),
    "number form (control)": (None, number_form_control),
    "name variant (control)": (None, name_variant_control),
    "spacing (control)": (None, spacing_control),
}


def inject(
    sentences: Sequence[Sentence], doc_text: str, pool: Sequence[Entity], lexicon: Lexicon
) -> list[Injection]:
    """Every applicable transformation of every sentence."""
    result = []
    for s in sentences:
        for name, (kind, transform) in INJECTIONS.items():
            changed = transform(s, doc_text, pool, lexicon)
            if changed and changed.strip() != s.text.strip():
                result.append(Injection(name, kind, s.text, changed))
    return result
