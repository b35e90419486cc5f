"""The plaintext edition's wrapping: 72 columns, no word or address broken, Chinese and
Japanese (no spaces between words) broken between characters, each counted two columns wide."""

from __future__ import annotations

import textwrap
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.render.text_layout import WIDTH, wrap_paragraph

WIDE = st.text(alphabet="港湾灯台運賃会社今年維持発表しました、。", min_size=1, max_size=30)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(WIDE, WORD), min_size=1, max_size=25))
def test_mixed_text_is_wrapped_within_the_width_and_loses_nothing(pieces):
    text = " ".join(pieces)
    wrapped = wrap_paragraph(text)
    for line in wrapped.split("\n"):
        assert columns(line) <= WIDTH or " " not in line.strip()  # only one word can be longer
    assert "".join(wrapped.split()) == "".join(text.split())


def test_a_japanese_paragraph_breaks_between_characters_at_72_columns():
    text = "運航会社は今年の運賃を10月まで維持すると、火曜日夜の長い会議の後に市が発表しました。" * 2
    lines = wrap_paragraph(text).split("\n")
    assert len(lines) >= 3 and all(columns(line) <= WIDTH for line in lines)


def test_text_without_wide_characters_is_wrapped_as_textwrap_wraps_it():
    text = "The operator will keep this year's fares until October, the council said on Tuesday."
    assert wrap_paragraph(text) == textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False)
    assert wrap_paragraph(text).split("\n")[1] == "on Tuesday."
