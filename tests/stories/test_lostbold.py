"""Run-in heads whose bold was lost (digest/stories/lostbold.py): a run of paragraphs that each
open with a few words closed by a full stop is a list of items; one or two such paragraphs are
prose."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from digest.stories.lostbold import lost_head, with_lost_bold
from digest.stories.segment import segment
from digest.structure.blocks import Block


def paragraph(text: str) -> Block:
    return Block(kind="paragraph", text=text, style="text")


ITEMS = [
    "Dredging. The harbour board approved the dredging of the inner basin on Tuesday.",
    "Harbour wall. Contractors finished the repairs three weeks ahead of schedule.",
    "Fish market. Traders voted to open the market on Sunday mornings in the summer.",
]


def test_three_paragraphs_in_a_row_that_open_with_a_short_head_are_stories():
    blocks = [paragraph("Good morning. Here is what you need to know today from the quay."), *map(paragraph, ITEMS)]
    heads = [s.title_block.strong if s.title_block else None for s in segment(blocks).segments]
    assert heads == ["Dredging.", "Harbour wall.", "Fish market."]


def test_two_such_paragraphs_are_prose_and_stay_one_story():
    blocks = [paragraph(ITEMS[0]), paragraph(ITEMS[1]), paragraph("The council will pay half of the cost, it said.")]
    assert [b.strong for b in with_lost_bold(blocks)] == ["", "", ""]
    assert len(segment(blocks).segments) == 1


def test_a_greeting_a_title_before_a_name_and_an_interview_question_are_no_heads():
    assert lost_head(paragraph("Good morning. Here is what you need to know today.")) is None
    assert lost_head(paragraph("Sen. Ann Lee said on Tuesday that the harbour board would meet.")) is None
    assert lost_head(paragraph("Q. What did the harbour board decide about the inner basin?")) is None
    assert lost_head(paragraph("Tides. High water at 06:12 and 18:40, low water at 12:25.")) == "Tides."


def test_a_paragraph_marked_already_keeps_its_own_bold():
    marked = Block(kind="paragraph", text=ITEMS[0], strong="Dredging.", style="text")
    assert lost_head(marked) is None


@given(
    st.lists(st.sampled_from([*ITEMS, "", "It rained all week and the ferry ran late twice.", "See you."]), max_size=8)
)
def test_the_bold_given_back_is_always_the_paragraphs_own_opening_words(texts):
    blocks = [paragraph(t) if t else Block(kind="rule") for t in texts]
    for before, after in zip(blocks, with_lost_bold(blocks), strict=True):
        assert after.text == before.text
        assert after.strong == "" or before.text.startswith(after.strong)
