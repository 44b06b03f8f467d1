"""generator/fastjson.py: the caches read with orjson give what the standard library gives,
and what it cannot read fails as the caches expect (a ValueError: ignored, made again)."""

from __future__ import annotations

import json

import pytest

from generator.fastjson import loads

SAMPLES = [
    '{"sentences": ["Kim Jong Un \\u2014 \\"up to\\" 100,000 troops", "\\ud83d\\ude00 emoji", "tab\\there"]}',
    '{"value": 100000.0, "small": 1e-07, "tenth": 0.1, "neg": -2.5e300, "int": 9007199254740993, "n": null}',
    '[true, false, [], {}, "", "\u00e9\u4e2d", 0, -0.0]',
]


@pytest.mark.parametrize("text", SAMPLES)
def test_same_values_as_the_standard_library(text):
    assert loads(text) == json.loads(text)
    assert loads(text.encode("utf-8")) == json.loads(text)
    assert json.dumps(loads(text)) == json.dumps(json.loads(text))  # floats and order too


@pytest.mark.parametrize("bad", [b"", b"{", b'{"a": 1,}', b"\xff\xfe", b"NaN-ish"])
def test_what_cannot_be_read_is_a_value_error(bad):
    with pytest.raises(ValueError):
        loads(bad)
