"""A headline's words as the issue prints them (digest/stories/titles.py)."""

from __future__ import annotations

import pytest

from digest.stories.credits import announced_by
from digest.stories.runins import headline_text, runin_title
from digest.stories.titles import clean_title, title_and_writer
from digest.structure.blocks import Block


@pytest.mark.parametrize(
    ("printed", "headline"),
    [
        ("Board minutes of 3 March [pdf]", "Board minutes of 3 March"),  # what the link leads to
        ("Knots at sea [video]", "Knots at sea"),
        ("1. Tide tables for the new berths (5 min read)", "Tide tables for the new berths"),
        ("Ferry fares go up (ferries.example.com)", "Ferry fares go up"),
        ("#1 The harbour reopens", "The harbour reopens"),  # a ranked list's place
        ("10 Ways to tie a knot", "10 Ways to tie a knot"),  # a number that is the headline's
        ("Harbour song is #1 hit", "Harbour song is #1 hit"),
        # a bracket that is part of the headline stays
        ("Harbour dues [2026 update] explained", "Harbour dues [2026 update] explained"),
        ("What the pilots said [RFC 12]", "What the pilots said [RFC 12]"),
    ],
)
def test_notes_around_a_headline_are_not_its_words(printed, headline):
    assert clean_title(printed) == headline


@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("Ann Lee announced", "Ann Lee"),
        ("ann_lee later replied:", "ann_lee"),
        ("Jan van Berg writes", "Jan van Berg"),
        ("A reader writes", None),  # a heading of words, not a writer's name
        ("To be announced", None),
    ],
)
def test_who_a_writers_line_names(line, who):
    assert announced_by(Block(kind="paragraph", text=line)) == who


@pytest.mark.parametrize(
    ("text", "strong", "head"),
    [
        # a bold head of two words run into its text, a new sentence after it (a markdown line
        # break rendered in HTML is a space)
        ("Race results The autumn series ended on Sunday with a win.", "Race results", "Race results"),
        ("Working party. We need ten volunteers on Saturday.", "Working party.", "Working party"),
        # a bold name that is its sentence's subject is no head
        ("Quay Weekly is a blog about the harbour and its boats.", "Quay Weekly", None),
    ],
)
def test_bold_run_in_heads(text, strong, head):
    assert runin_title(Block(kind="paragraph", text=text, strong=strong)) == head


@pytest.mark.parametrize(
    ("text", "is_headline"),
    [
        ("The Fish Market Reopened. Nobody Told the Gulls.", True),  # two sentences in title case
        ("Ferry Fares Rise Again.", True),
        ("The fish market reopened on Tuesday after six months.", False),  # a sentence is prose
        ("Ferry fares rise again.", False),
        ("The recording of the May Harbour Board Sync is up.", False),  # a sentence naming things
        ("Talks Resume in the U.S.", True),  # an abbreviation's stop
        ("Coming up next week:", False),  # a label
        # a team's line-up under a match report: names in capitals, but a list
        ("Lee, Berg, Holm, Lund (Moss 70), Hart, Wren, Fox.", False),
    ],
)
def test_a_full_stop_ends_a_headline_only_in_title_case(text, is_headline):
    assert headline_text(text) is is_headline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("“Mooring stern-to in a crosswind” by Tom Berg", ("Mooring stern-to in a crosswind", "Tom Berg")),
        ('"Why the late ferry came back", by Jo Lund', ("Why the late ferry came back", "Jo Lund")),
        # not a quoted title and its writer: left whole
        ("Mooring stern-to by Tom Berg", ("Mooring stern-to by Tom Berg", None)),
        ("“Ships in the night” by the harbour wall", ("“Ships in the night” by the harbour wall", None)),
        ("“Ann said” it was fine, by Tom Berg", ("“Ann said” it was fine, by Tom Berg", None)),
    ],
)
def test_a_quoted_title_and_its_writer(line, expected):
    assert title_and_writer(line) == expected
