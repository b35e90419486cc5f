"""Headings set by indentation in a text rendering of a page (digest.structure.layout_headings.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.structure.layout_headings import outdented_headings
from digest.structure.text import text_blocks

RENDERED = """\
                            Quay Weekly, issue 12

   Welcome to the twelfth issue of Quay Weekly, with the news from the
   harbour and the people who keep it working through the winter.

Harbour news

  Night ferry runs twice an hour

   After a year of complaints from shift workers, the council will run the
   night ferry twice an hour from March, with the same fares.

   Fares stay the same until the summer, when the council reviews them
   with the operator and the harbour board.

     * A list's item sits further in and is no heading at all
"""


def test_lines_set_left_of_the_body_are_headings_by_their_depth():
    headings = [(b.text, b.level) for b in text_blocks(RENDERED) if b.kind == "heading"]
    assert headings == [("Quay Weekly, issue 12", 1), ("Harbour news", 2), ("Night ferry runs twice an hour", 3)]


def test_a_text_whose_prose_starts_at_the_margin_has_no_headings_by_indentation():
    flush_left = "\n".join(line[3:] if line.startswith("   ") else line for line in RENDERED.split("\n"))
    assert outdented_headings(flush_left.split("\n")) == {}


WORDS = st.sampled_from(["harbour", "ferry", "Quay", "the", "council", "tide", "Ann", "rota", "pontoon"])
LINES = st.lists(
    st.tuples(st.integers(0, 6), st.lists(WORDS, min_size=1, max_size=14)).map(lambda t: " " * t[0] + " ".join(t[1]))
    | st.just(""),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_only_short_lines_alone_and_left_of_the_shared_indentation_become_headings(lines):
    found = outdented_headings(lines)
    for index, level in found.items():
        line = lines[index]
        alone = (index == 0 or not lines[index - 1].strip()) and (
            index + 1 == len(lines) or not lines[index + 1].strip()
        )
        assert alone and 1 <= len(line.split()) <= 14 and level >= 1
    # the levels go down from the margin: a line further in never gets a smaller level (but a title)
    by_depth = sorted((len(lines[i]) - len(lines[i].lstrip()), level) for i, level in found.items() if level > 1)
    assert [level for _, level in by_depth] == sorted(level for _, level in by_depth)


def rendered_page(body: int, parts: list[tuple[bool, int, list[list[str]]]]) -> tuple[str, list[str]]:
    """A text as a text browser lays it out: paragraphs indented `body` spaces, headings set
    left of them; the text and its headings' words."""
    chunks, headings = [], []
    for is_heading, depth, lines in parts:
        if is_heading:
            headings.append(" ".join(lines[0]))
            chunks.append(" " * min(depth, body - 1) + " ".join(lines[0]))
        else:
            chunks.append("\n".join(" " * body + " ".join(words) for words in lines))
    return "\n\n".join(chunks) + "\n", headings


PAGES = st.tuples(
    st.integers(2, 5),
    st.lists(
        st.one_of(
            st.tuples(
                st.just(True),
                st.integers(0, 4),
                st.lists(st.lists(WORDS, min_size=1, max_size=5), min_size=1, max_size=1),
            ),
            st.tuples(
                st.just(False), st.just(0), st.lists(st.lists(WORDS, min_size=6, max_size=12), min_size=2, max_size=4)
            ),
        ),
        min_size=1,
        max_size=12,
    ),
)


@settings(max_examples=200, deadline=None)
@given(PAGES)
def test_a_rendered_pages_headings_are_found_and_no_word_is_lost(page):
    text, headings = rendered_page(*page)
    blocks = text_blocks(text)
    assert sorted(" ".join(b.text for b in blocks).split()) == sorted(text.split())
    if sum(1 for is_heading, _, _ in page[1] if not is_heading) >= 2:  # prose enough to know the body's indentation
        assert [b.text for b in blocks if b.kind == "heading"] == headings


def test_a_short_line_over_a_list_of_links_is_its_label():
    text = (
        "Releases\n\n  • [1]quaymap 2.0\n  • [2]tideline 0.9\n\nNotes\n\n  • the quay is closed on Monday\n"
        "  • bring a lamp\n\nReferences:\n\n[1] https://example.org/quaymap\n[2] https://example.org/tideline\n"
    )
    blocks = text_blocks(text)
    # (a line over items without links stays a paragraph: a list of notes, not of stories)
    assert [(b.kind, b.text) for b in blocks if b.kind != "item"] == [("heading", "Releases"), ("paragraph", "Notes")]
