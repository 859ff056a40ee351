"""The drift injector changes exactly the fact it names, and controls change none."""

from __future__ import annotations

import pytest

from diverge import inject
from diverge.lexicon import default_lexicon

CASES = [
    (inject.number_swap, "The blast killed 12 people on the spot.", "killed 19 people"),
    (
        inject.magnitude_shift,
        "Thousands of protesters gathered.",
        "Tens of thousands of protesters",
    ),
    (inject.date_shift, "The vote took place on Monday.", "on Wednesday"),
    (inject.negation, "The minister has resigned.", "has not resigned"),
    (inject.title_change, "President Maria Lopez spoke.", "former President Maria Lopez"),
    (inject.quote_change, "She said: “We will rebuild everything.”", "important"),
    (inject.qualifier_drop, "Troops left the occupied territories.", "left the territories"),
    (inject.synonym_control, "Officials said the talks would resume.", "stated"),
    (inject.number_form_control, "Three ships sank.", "3 ships"),
    (inject.name_variant_control, "Aid reached Kiev today.", "Kyiv"),
]


@pytest.mark.parametrize(
    ("transform", "text", "expected"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_transformation(make_docs, transform, text, expected):
    (doc,) = make_docs(text)
    changed = transform(doc.sentences[0], doc.text, [], default_lexicon())
    assert changed is not None and expected in changed, changed


def test_entity_swap_takes_a_different_entity_of_the_same_label(make_docs):
    doc, other = make_docs("Talks were held in Geneva.", "Delegates met in Vienna.")
    pool = [e for s in other.sentences for e in s.entities]
    changed = inject.entity_swap(doc.sentences[0], doc.text, pool, default_lexicon())
    assert changed == "Talks were held in Vienna."


def test_transformations_that_do_not_apply_return_none(make_docs):
    (doc,) = make_docs("Nothing here changes.")
    for name in ("number swap", "magnitude shift", "date shift", "title change"):
        _, transform = inject.INJECTIONS[name]
        assert transform(doc.sentences[0], doc.text, [], default_lexicon()) is None
