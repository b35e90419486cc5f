"""Words as every stage reads them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.words import without_pictographs, word_count


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="🚢⚓🌊💡\ufe0f\u200d ", max_size=5),
    st.text(alphabet="Ferry fares 2027 🚢", min_size=1, max_size=30).filter(lambda t: t.strip(" 🚢")),
)
def test_pictographs_come_off_the_ends_of_a_title_and_nothing_else(decoration, words):
    core = words.strip(" 🚢")
    assert without_pictographs(decoration + core + decoration) == core


def test_a_title_without_decoration_is_kept_as_written():
    assert without_pictographs("Ferry fares ⚓ frozen") == "Ferry fares ⚓ frozen"
    assert without_pictographs("Ferry fares frozen") == "Ferry fares frozen"


def test_chinese_and_japanese_words_are_counted_by_their_characters():
    assert word_count("new ferry timetable") == 3
    assert word_count("新版本增加了") == 3  # six characters, about two to a word
    assert word_count("Spring Boot 现在支持") == 4  # two words and four characters
