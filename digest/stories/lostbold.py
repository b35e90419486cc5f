"""Run-in heads whose bold was lost: "Ferries. The ferry company will run…", paragraph after
paragraph.

A briefing sets each item's first words in bold ("**Harbour wall.** Contractors finished…");
its plain-text part, or the page saved as text, keeps the words and loses the bold. One such
paragraph is only a paragraph that opens with a short sentence, as prose often does; three in a
row, each a few words closed by a full stop and then a text of its own, are a list of records
whose heads lost their marks. Their heads are given back as the bold they were, so the
segmenter reads them as any bold run-in (runins.runin_title).
"""

from __future__ import annotations

import re

from digest.stories.features import is_meta
from digest.stories.runins import GREETING
from digest.stories.teasers import is_abbreviation, is_sentence
from digest.structure.blocks import Block
from digest.words import word_count

RUN_MIN = 3  # paragraphs in a row, each opening with a short head: one or two are prose
HEAD_WORDS = 5  # a head is a name for the item, not a sentence about it
REST_WORDS = 6  # and a text of its own follows it

# a few words in capitals or not, closed by a full stop, then a sentence that starts as one
_HEAD = re.compile(r"^(?P<head>[A-Z][^.!?;:,\n]{1,60}?)\.\s+(?=[A-Z\"“‘(])(?P<rest>.+)$", re.S)


def lost_head(block: Block) -> str | None:
    """The short head a plain paragraph opens with ("Harbour wall." of "Harbour wall.
    Contractors finished…"), with its full stop; None when it has none or is marked already."""
    if block.kind != "paragraph" or block.strong or (block.links and block.text.startswith(block.links[0].text)):
        return None
    match = _HEAD.match(block.text)
    if match is None:
        return None
    head, rest = match.group("head"), match.group("rest")
    if not 1 <= word_count(head) <= HEAD_WORDS or GREETING.match(head) or is_abbreviation(head.split()[-1]):
        return None  # ("Good morning. Here is…": the writer's greeting; "Sen. Ann Lee…": a title)
    if word_count(head) == 1 and len(head) < 3:
        return None  # ("Q. What did…": an interview's question)
    if word_count(rest) < REST_WORDS or not is_sentence(rest):
        return None
    return head + "."


def with_lost_bold(blocks: list[Block]) -> list[Block]:
    """`blocks`, the paragraphs of each run of RUN_MIN or more that open with a lost head given
    that head as their bold."""
    heads = [lost_head(b) for b in blocks]
    result = list(blocks)
    run: list[int] = []
    for i in [*range(len(blocks)), len(blocks)]:
        if i < len(blocks) and heads[i] is not None:
            run.append(i)
            continue
        if i < len(blocks) and (not blocks[i].text or is_meta(blocks[i])):
            continue  # (a blank, or an item's "Read more: https://…" line, does not end the run)
        if len(run) >= RUN_MIN:
            for k in run:
                result[k] = blocks[k].model_copy(update={"strong": heads[k]})
        run = []
    return result
