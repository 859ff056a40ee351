"""The JSON layout: plain JSON that keeps short containers on one line and streams `Each`."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from diverge.report.json_layout import Each, chunks, dumps

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@given(_json)
def test_layout_is_the_same_json(value):
    assert json.loads(dumps(value)) == value


@given(_json)
def test_a_line_longer_than_the_width_holds_no_container(value):
    """A container that does not fit is opened; only a long key, string or number (or an empty
    container after a long key) overflows."""
    for line in dumps(value, width=30).split("\n"):  # not splitlines: U+2028 is no break here
        if len(line) <= 30:
            continue
        body = line.strip().rstrip(",")
        if body.startswith('"'):
            _, end = json.JSONDecoder().raw_decode(body)
            body = body[end:].removeprefix(": ") or body  # a member's value, or a string
        assert not body.startswith(("{", "[")) or body in ("{", "[", "{}", "[]"), line


def test_short_containers_stay_on_one_line_and_long_ones_open():
    value = {"alignments": [{"a": [17], "b": [14], "similarity": 0.74}], "text": "x" * 120}
    assert dumps(value, width=70) == (
        "{\n"
        '  "alignments": [{"a": [17], "b": [14], "similarity": 0.74}],\n'
        f'  "text": "{"x" * 120}"\n'
        "}\n"
    )


def test_non_ascii_is_kept():
    assert dumps({"quote": "“convincing”"}) == '{"quote": "“convincing”"}\n'


def test_each_is_made_one_member_at_a_time_and_laid_out_like_a_list():
    made = []

    def make(n):
        made.append(n)
        return {"n": n}

    pieces = chunks({"head": 1, "items": Each(range(3), make), "tail": []}, width=10)
    first = next(pieces)
    assert made == []  # nothing is built before it is written
    text = first + "".join(pieces)
    assert made == [0, 1, 2]
    assert json.loads(text) == {"head": 1, "items": [{"n": 0}, {"n": 1}, {"n": 2}], "tail": []}
    assert text == dumps({"head": 1, "items": [{"n": 0}, {"n": 1}, {"n": 2}], "tail": []}, 10)


def test_empty_each():
    assert json.loads(dumps({"items": Each([], str)})) == {"items": []}
