"""Unit tests for the quotation and polarity helpers behind the `quote` and `polarity` checks."""

from __future__ import annotations

import pytest

from diverge.checks.polarity import PolarityCheck, polarities, words_of
from diverge.checks.quote import QuoteCheck
from diverge.facts.quotes import (
    quotes_of,
    same_speaker,
    scan,
    speaker,
    word_keys,
    word_stem,
)
from diverge.lexicon import default_lexicon
from diverge.model import Severity


def _inner(text: str) -> list[str]:
    return [text[s:e] for _, s, e, _ in scan(text, 0, len(text))]


# --- finding quotations ------------------------------------------------------------------------


def test_scan_finds_curly_straight_and_guillemet_quotes():
    text = 'He called it “bold”, she said "rash" and they said «too late».'
    assert _inner(text) == ["bold", "rash", "too late"]


def test_scan_reopening_mark_starts_a_new_quotation():
    text = "She said: “No deal is near. “The demand has not changed. ”"
    assert _inner(text) == ["No deal is near. ", "The demand has not changed. "]


def test_scan_unclosed_quotation_runs_to_the_end():
    text = 'He said "we will stay until the end.'
    found = scan(text, 0, len(text))
    assert [text[s:e] for _, s, e, _ in found] == ["we will stay until the end."]
    assert found[0][3] is None


def test_scan_line_break_ends_an_open_quotation():
    text = "“First paragraph of a long quote\nNext line."
    assert _inner(text) == ["First paragraph of a long quote"]


def test_scan_single_quotes_but_not_apostrophes():
    text = "The players' union called it 'a disaster' and didn't say why, in the '90s."
    assert _inner(text) == ["a disaster"]


def test_scan_ignores_a_closing_mark_with_no_opener():
    assert _inner("The Kremlin’s view” was plain.") == []


def test_quote_spanning_two_sentences_is_one_quote(make_docs):
    (doc,) = make_docs("“We are ready. We will not wait,” he said.")
    assert len(doc.sentences) == 2
    quotes = quotes_of(doc, doc.sentences)
    assert len(quotes) == 1
    assert doc.text[quotes[0].start : quotes[0].end] == "We are ready. We will not wait,"


def test_sentence_starting_inside_a_quotation_knows_it(make_docs):
    (doc,) = make_docs("“We are ready. We will not wait,” he said.")
    quotes = quotes_of(doc, doc.sentences[1:])
    assert [w.text for w in quotes[0].words] == ["We", "will", "not", "wait"]
    assert quotes[0].closed is not None


def test_word_keys_merge_house_style(make_docs):
    (a, b) = make_docs(
        "“We don't cut the defence budget by 5 per cent.”",
        "“We do not cut the defense budget by five percent.”",
    )
    keys_a = [k for k, _ in word_keys(a.text, quotes_of(a, a.sentences)[0])]
    keys_b = [k for k, _ in word_keys(b.text, quotes_of(b, b.sentences)[0])]
    assert keys_a == keys_b


def test_word_keys_spans_are_exact(make_docs):
    (doc,) = make_docs("“Rates rose 2 per cent today.”")
    keys = word_keys(doc.text, quotes_of(doc, doc.sentences)[0])
    for _, span in keys:
        assert doc.text[span.start : span.end] == span.text
    assert ("percent", "per cent") in [(k, s.text) for k, s in keys]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("passed", "pass"),
        ("passing", "pass"),
        ("banned", "ban"),
        ("supplies", "supply"),
        ("causes", "caus"),
        ("cause", "caus"),
        ("rising", "ris"),
        ("rise", "ris"),
    ],
)
def test_word_stem(word, stem):
    assert word_stem(word) == stem


# --- speakers ----------------------------------------------------------------------------------


def _speaker_of(make_docs, text):
    (doc,) = make_docs(text)
    sentences = doc.sentences
    tokens = [t for s in sentences for t in s.tokens]
    entities = [e for s in sentences for e in s.entities]
    found = speaker(doc.text, tokens, entities, quotes_of(doc, sentences)[0])
    return found.text if found else None


def test_speaker_after_the_quotation(make_docs):
    assert _speaker_of(make_docs, "“It is over,” said Maria Lopez.") == "Maria Lopez"


def test_speaker_before_the_quotation(make_docs):
    text = "Economist Sarah Klein, a professor at the university, said: “It is over.”"
    assert _speaker_of(make_docs, text) == "Sarah Klein"


def test_pronoun_speaker_is_unknown(make_docs):
    assert _speaker_of(make_docs, "“It is over,” he said.") is None


def test_same_speaker_by_surname_and_title():
    lexicon = default_lexicon()
    assert same_speaker("Mr. Kellogg", "Keith Kellogg", lexicon)
    assert same_speaker("Anna Berg", "Berg", lexicon)
    assert not same_speaker("Anna Berg", "Robert Hale", lexicon)


# --- the quote check ---------------------------------------------------------------------------


def _findings(check, make_pair, a, b):
    pair = make_pair(a, b)
    found = list(check.run(pair))
    for f in found:
        for side, doc in ((f.a, pair.doc_a), (f.b, pair.doc_b)):
            for span in side.spans:
                assert doc.text[span.start : span.end] == span.text
    return found


def test_quote_message_names_the_changed_words(make_pair):
    found = _findings(
        QuoteCheck(),
        make_pair,
        "He described the talks as “convincing and substantive negotiations” on CNN.",
        "He characterized the negotiations as “cogent and substantive” last month.",
    )
    assert [f.message for f in found] == [
        "quotation changed: 'convincing' -> 'cogent' in “... and substantive negotiations”"
    ]
    assert [s.text for s in found[0].a.spans] == ["convincing"]
    assert [s.text for s in found[0].b.spans] == ["cogent"]


def test_quote_inflection_change_is_minor(make_pair):
    found = _findings(
        QuoteCheck(),
        make_pair,
        "They demanded an end to the “root causes” of the war.",
        "They demanded an end to the “root cause” of the war.",
    )
    assert [(f.code, f.severity) for f in found] == [("DV501", Severity.MINOR)]


def test_quote_marks_dropped_is_minor(make_pair):
    found = _findings(
        QuoteCheck(),
        make_pair,
        "“We will not abandon our allies under any circumstances,” he said.",
        "He said we will not abandon our allies under any circumstances.",
    )
    assert [(f.code, f.severity) for f in found] == [("DV501", Severity.MINOR)]
    assert "quotation marks dropped" in found[0].message


def test_quote_trimmed_or_elided_is_not_drift(make_pair):
    assert not _findings(
        QuoteCheck(),
        make_pair,
        "“We will fight on, and we will never surrender,” she said.",
        "“We will fight on ... we will never surrender,” she said.",
    )


# --- polarity ----------------------------------------------------------------------------------


def _signs(make_docs, text):
    (doc,) = make_docs(text)
    tokens = [t for s in doc.sentences for t in s.tokens]
    return {o.concept: o.sign for o in polarities(tokens)}


def test_privatives_fold_into_their_word(make_docs):
    (doc,) = make_docs("a nuclear-free zone and a non -aligned state")
    words = [w for w in words_of(doc.sentences[0].tokens) if w]
    privative = {doc.text[w.start : w.end] for w in words if w.privative}
    assert privative == {"nuclear-free", "non -aligned"}


def test_negation_reaches_past_adverbs(make_docs):
    signs = _signs(make_docs, "The company did not immediately respond.")
    assert signs["respond"] == -1
    assert signs["company"] == 1


def test_double_negation_and_opposites(make_docs):
    assert _signs(make_docs, "It is not unlikely.")["likely"] == 1
    assert _signs(make_docs, "They rejected it.")["accept"] == -1
    assert _signs(make_docs, "They did not accept it.")["accept"] == -1


def test_negating_verbs(make_docs):
    assert _signs(make_docs, "The firm failed to pay.")["pay"] == -1
    assert _signs(make_docs, "The firm stopped paying.")["pay"] == -1
    assert _signs(make_docs, "The firm has not only paid.")["paid"] == 1


def test_polarity_message_and_span(make_pair):
    found = _findings(
        PolarityCheck(),
        make_pair,
        "The agreement was never passed.",
        "The agreement was passed.",
    )
    assert [f.message for f in found] == [
        "negation dropped: 'never passed' vs 'passed' (A denies what B asserts)"
    ]
    assert [s.text for s in found[0].a.spans] == ["never passed"]


def test_polarity_ignores_a_negation_about_other_content(make_pair):
    assert not _findings(
        PolarityCheck(),
        make_pair,
        "The demands were discussed but ultimately did not prevent the invasion.",
        "Russia aimed to prevent military exercises near its borders.",
    )


def test_not_only_lifts_a_restriction(make_docs):
    assert _signs(make_docs, "They are not only afraid.")["only"] == -1
    assert _signs(make_docs, "They are only afraid.")["only"] == 1


def test_negation_reaches_through_quote_marks_and_a_preposition(make_docs):
    assert _signs(make_docs, "It could not be “a guide” to peace.")["guid"] == -1
    assert _signs(make_docs, "They are not in advanced talks.")["advanc"] == -1


def test_neither_nor_is_one_denial(make_pair):
    assert not _findings(
        PolarityCheck(),
        make_pair,
        "Neither the ministry nor the army has confirmed the report.",
        "The report has not been confirmed by the ministry or the army.",
    )


def test_partial_negation_leaves_the_verb_unknown(make_pair):
    assert not _findings(
        PolarityCheck(),
        make_pair,
        "Not all members supported the move.",
        "Some members opposed the move.",
    )
