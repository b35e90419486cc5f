"""Prose wrapped at each line's end, read as one paragraph again.

Mail tools that turn a plain-text message into HTML end every line with a <br>, so a
paragraph arrives as lines; the HTML reader (structure/html.py) marks which of its lines began
at a <br>, and this joins those that are wrapped prose. (Plain text has its own rule, in
structure/text.py, which knows the text's width.)
"""

from __future__ import annotations

import itertools

from digest.structure.blocks import Block
from digest.structure.text import CLOSES_SENTENCE, join_wrapped

WRAPPED_LINE = 40  # characters: a line this long that breaks mid-sentence was wrapped, not ended


def mend_wrapped_lines(blocks: list[Block], broken: set[int]) -> list[Block]:
    """Prose wrapped by hand or by a program and written with a <br> at each line's end (as
    mail tools turn a plain-text message into HTML) is one paragraph again. A run of lines so
    broken is wrapped prose when one of its long lines breaks mid-sentence and the next goes on
    in lower case; then each line that ran to the run's width goes on in the next. Lines set
    apart on purpose — a headline, its description, its "Read more" — are left as they are."""
    runs: list[list[int]] = []
    for i in sorted(broken):
        previous = blocks[i - 1] if i else None
        if previous is None or previous.kind != "paragraph" or blocks[i].kind != "paragraph":
            continue
        if previous.style != blocks[i].style:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i - 1, i])
    joined: dict[int, int] = {}  # a line → the line it goes on from
    for run in runs:
        texts = [blocks[i].text for i in run]
        if not any(
            len(a) >= WRAPPED_LINE and not CLOSES_SENTENCE.search(a) and b[:1].islower()
            for a, b in itertools.pairwise(texts)
        ):
            continue
        width = max(len(t) for t in texts)
        for k in range(1, len(run)):
            before = texts[k - 1]
            if (len(before) >= 0.6 * width or texts[k][:1].islower()) and not before.endswith(":"):
                joined[run[k]] = joined.get(run[k - 1], run[k - 1])
    if not joined:
        return blocks
    mended: dict[int, Block] = {}
    for i, block in enumerate(blocks):
        if i in joined:
            into = mended[joined[i]]
            text = join_wrapped(into.text, block.text)
            mended[joined[i]] = into.model_copy(update={"text": text, "links": into.links + block.links})
        else:
            mended[i] = block
    return list(mended.values())
