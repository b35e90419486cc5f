"""Prose wrapped at each line's end, read as one paragraph again.

Plain text: a program wraps paragraphs at a width (a mail tool's text part at 72 columns); a
line that ran to that width and goes on in the next is the same paragraph, and an address a
program pushed onto the next line belongs to the words above it (structure/text.py reads the
joined lines again as the one line they were).

HTML: mail tools that turn a plain-text message into HTML end every line with a <br>, so a
paragraph arrives as lines; the HTML reader (structure/html.py) marks which of its lines began
at a <br>, and this joins those that are wrapped prose.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from digest.structure.addresses import URL_ALONE
from digest.structure.blocks import Block
from digest.structure.references import without_held_marker
from digest.words import SMALL_WORDS

# an address alone, perhaps in brackets, perhaps a date after it
ADDRESS_FIRST = re.compile(r"^[(<\[]?https?://\S+?[)>\]]?[.,;]?(?:\s+[-–—|·]\s+\S.{0,40})?$")
# ("(https://…), formalizing how…": no paragraph opens with an address in brackets)
_OPENS_WITH_ADDRESS = re.compile(r"^[(<]https?://")
# a newspaper's jump line, set on a line of its own: "See DREDGING, Page 5", "Continued on page 12"
JUMP_LINE = re.compile(r"^(see|continued on|turn to)\b.{0,40}\b(page|p\.)\s*\d+\W*$", re.I)
CLOSES_SENTENCE = re.compile(r"[.!?:;\"”’)\]。！？]$")


def join_wrapped(first: str, second: str) -> str:
    """Two lines of one paragraph as one text: a word cut at the line's end ("heri-" + "tage") is whole again."""
    if first.endswith("-") and first[-2:-1].isalpha() and second[:1].islower():
        return first[:-1] + second
    return first + " " + second


def goes_on(previous: Block, block: Block, line: str, wrapped: bool, greedy: bool = False) -> bool:
    """Does this line go on from the paragraph or item above it?"""
    if previous.kind not in ("paragraph", "item"):
        return False
    stripped = without_held_marker(line.strip())  # (lynx: "[2]https://…", the address it links)
    if _OPENS_WITH_ADDRESS.match(stripped):
        return True  # an address a program wrapped under its words ("Headline" / "(https://…)")
    if previous.kind == "item" and line[:1] == " " and ADDRESS_FIRST.match(stripped):
        return True  # an item's address under it ("* Headline" / "  https://… - 2 Dec")
    # (a record's lines, a headline over its source over its address, stay lines)
    return (
        block.kind == "paragraph"
        and block.style in ("text", "text:indent")  # a hanging indent continues the line above
        and previous.style in ("text", "text:bullet", "text:indent", "text:numbered")
        and wrapped
        # (a label ends with a colon; in text a program filled, so may a line it cut: "Part 2:" / "technical…")
        and not (previous.text.endswith(":") and not (greedy and stripped[:1].islower()))
        and not JUMP_LINE.match(block.text)
    )


_QUOTED = re.compile(r"^\s*(?:[A-Za-z]{0,4}>|\|)")
_RUNS_ON = re.compile(r"(?:[,;\-–—]|\b(?:" + "|".join(sorted(SMALL_WORDS)) + r"))$", re.I)


@dataclass(frozen=True)
class Wrapping:
    """How a plain text's lines were wrapped, read once for the whole text."""

    width: int  # the width most of its lines keep
    by_program: bool  # a program wrapped it (a line that ran to the width goes on in lower case)
    filled_width: int  # the width its lines but those holding an address keep (an address is not broken)
    greedy: bool  # the program filled each line to that width

    @classmethod
    def of(cls, lines: list[str]) -> Wrapping:
        width = typical_width(lines)
        filled_width = typical_width([line for line in lines if "://" not in line])
        return cls(width, program_wrapped(lines, width), filled_width, greedily_wrapped(lines, filled_width))

    def ran_out(self, length: int, after: str) -> bool:
        """Did a line of this length end because it reached the width, so that the line `after`
        may go on from it? In text a program filled, a capitalised line after one that had room
        for its first word starts anew ("Night Ferry Runs" / "After…")."""
        lower = after.strip()[:1].islower()
        # (a line longer than most that goes on in lower case ran out too: in a short text the
        # width most lines keep is only a guess)
        if not (self.width * 0.6 <= length and (length <= self.width * 1.1 or lower)):
            return False
        return not self.greedy or lower or _no_room(length, after, self.filled_width)


def _no_room(length: int, after: str, width: int) -> bool:
    """Would the first word of the line `after` not have fitted after a line of this length?"""
    return length + 1 + len(after.split(maxsplit=1)[0]) > width


def typical_width(lines: list[str]) -> int:
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9)])


def program_wrapped(lines: list[str], width: int) -> bool:
    """Was the text wrapped by a program? Then some line that ran to the margin goes on in
    lower case below. A quotation does not count: it was wrapped before its "> " marks."""
    return any(
        after.strip()[:1].islower()
        and not URL_ALONE.match(after)
        and width * 0.6 <= len(line.rstrip()) <= width * 1.1
        and not _QUOTED.match(line)
        for line, after in itertools.pairwise(lines)
    )


GREEDY_SHARE = 0.9
GREEDY_BREAKS = 5


def greedily_wrapped(lines: list[str], width: int) -> bool:
    """Was the text wrapped by a program that fills each line (a mail tool, a text browser)?
    Then nearly every line that goes on in lower case below broke only because the next word
    would not fit; a person wrapping by hand breaks earlier, here and there."""
    breaks = [
        _no_room(len(line.rstrip()), after, width)
        for line, after in itertools.pairwise(lines)
        if line.strip() and after.strip()[:1].islower()
    ]
    return len(breaks) >= GREEDY_BREAKS and sum(breaks) >= GREEDY_SHARE * len(breaks)


def runs_on(group: list[tuple[str, str]]) -> bool:
    """Does a line of the group stop mid-phrase ("…and his car was a")? Then its lines are
    one text broken by hand, not a record's lines (a title, its authors, its journal)."""
    return any(_RUNS_ON.search(line.rstrip()) for line, _ in group[:-1])


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
