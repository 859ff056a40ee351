"""Decoding: the encodings news text arrives in, with offsets into the decoded text."""

from __future__ import annotations

import codecs

import pytest

from diverge.errors import InputError
from diverge.read import decode

TEXT = "“Hello,” she said.\r\nThe café’s price rose 5%.\r\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text_with_curly_quotes_and_crlf(data):
    assert decode(data, "x") == TEXT


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b" \n\n\t", "blank"),
        (b"abc\x00def" * 50, "binary"),
        (bytes(range(1, 32)) * 30, "binary"),
    ],
)
def test_rejects_empty_blank_and_binary(data, fragment):
    with pytest.raises(InputError, match=fragment):
        decode(data, "x")
