"""Prose a program wrapped, read as the paragraphs it was (digest/structure/wrapping.py)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.structure.text import text_blocks
from digest.structure.wrapping import greedily_wrapped

WORDS = st.sampled_from(["the", "harbour", "ferry", "council", "said", "moorings", "winter", "boats", "tide"])
PARAGRAPHS = st.lists(st.lists(WORDS, min_size=60, max_size=90), min_size=2, max_size=4)  # (breaks enough to tell)


@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS, st.integers(50, 80))
def test_text_a_program_filled_to_its_width_is_known_as_such(paragraphs, width):
    lines = [line for words in paragraphs for line in [*textwrap.wrap(" ".join(words), width), ""]]
    assert greedily_wrapped(lines, max(len(line) for line in lines))


@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS)
def test_text_broken_by_hand_well_before_its_width_is_not(paragraphs):
    # a person breaks a line after a few words, wherever a thought pauses
    lines = [line for words in paragraphs for line in [*textwrap.wrap(" ".join(words), 40), ""]]
    assert not greedily_wrapped(lines, 72)


def test_in_text_a_program_filled_a_short_headline_line_stays_apart_from_the_next():
    # a text browser's rendering: every paragraph filled to 72 columns, so a line with room left
    # for the next word ended there ("…Nobody Told the Gulls." over "Six months of…")
    body = " ".join(["the harbour council said the winter moorings will move to the north basin"] * 4)
    filled = "\n".join(textwrap.wrap(body, 72))
    text = (
        f"{filled}\n\nThe Fish Market Reopened. Nobody Told the Gulls and Terns.\n"
        "Six months of roof repairs ended on Tuesday, and the regulars were back by\n"
        f"dawn on the first morning.\n\n{filled}\n"
    )
    texts = [b.text for b in text_blocks(text)]
    assert "The Fish Market Reopened. Nobody Told the Gulls and Terns." in texts


def test_in_text_a_program_filled_a_line_it_cut_after_a_colon_goes_on():
    # "…open hardware movement. Part 2:" / "technical and social issues…": the program cut the
    # line at the colon; in text broken by hand a line ending with a colon is a label
    body = " ".join(["the harbour council said the winter moorings will move to the north basin"] * 4)
    filled = "\n".join(textwrap.wrap(body.capitalize() + ".", 72))
    headline = "Group interview: a graphic view of the open harbour movement, Part 2: technical and social issues"
    text = f"{filled}\n\n" + "\n".join(textwrap.wrap(headline, 72)) + f"\n\n{filled}\n"
    assert headline in [b.text for b in text_blocks(text)]
    by_hand = "Coming up next week:\nthe winter moorings, the tide tables and the rota.\n"
    assert [b.text for b in text_blocks(by_hand)] == [
        "Coming up next week:",
        "the winter moorings, the tide tables and the rota.",
    ]


def test_a_wrapped_line_longer_than_most_of_a_short_text_goes_on_in_lower_case():
    # found by the wrapping property test: in a text of a few short lines, the width most lines
    # keep is below the one long line a program wrapped; its lower-case rest still goes on
    short = "Ferry ferry ferry ferry ferry ferry"
    long_headline = "Ferry ferry ferry ferry ferry ferry ferry ferry ferry ferry harbour"
    records = [f"{short}\n(https://porthaven.example/news/{n})" for n in (0, 1)]
    records.append(f"{long_headline}\nferry (https://porthaven.example/news/2)")
    about = "The the the the the the the the."
    text = "** Harbour news\n" + "-" * 60 + "\n\n" + "".join(f"{r}\n\n{about}\n\n" for r in records)
    assert f"{long_headline} ferry" in [b.text for b in text_blocks(text)]
