"""Headings a plain text shows only by its layout.

By indentation, as text renderings of pages lay them out: a browser that saves a page as text
(lynx, and mail programs that show HTML e-mail through it) indents every paragraph of the body
by the same few spaces and sets the headings further left: the page's <h2> at the margin, its
<h3> two spaces in, its title centred. Man pages and RFCs do the same. When most of a text's
prose shares one indentation, a short line alone between blank lines set further left than
that is a heading, its depth giving its level.

By what follows: a short line alone over a list whose items each open with a link is that
list's label, as a markdown heading over it would be ("Releases" over "• [4]quaymap 2.0"),
also with a sentence or two between them when the items are entries with words of their own
(the label's note on its list: plain text has no italics to set it apart).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from digest.structure.addresses import URL_ALONE
from digest.structure.blocks import Block
from digest.structure.references import LEADING_ITEM_TAG
from digest.words import word_count

PROSE_WORDS = 6  # a line of at least this many words, in a paragraph of two lines or more, is prose
SHARED_BY = 0.6  # the share of prose lines that must have the body's indentation
PROSE_PARAGRAPHS = 2  # (a list's items are not prose: they are indented under what they list)
HEADING_WORDS = 14
CENTRED_WITHIN = 8
LABEL_WORDS = 6
LABEL_LEVEL = 2
NOTE_WORDS = 40
ENTRY_WORDS = 4  # the words an entry has on average; a story's own links have one or two ("Code")
_LABEL_END = re.compile(r"[.!?,;]$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•·o]\s|\d{1,3}[.)]\s)")
_CLOSED = re.compile(r"[.,;:]$")  # a sentence's or a label's end, not a heading's
_MARKER_ALONE = re.compile(r"^\s*\[\d{1,3}\]\s*$")


def outdented_headings(lines: list[str]) -> dict[int, int]:
    """The index of each line that is a heading by its indentation, with its level (1 for a
    centred title, then 2, 3… from the margin in); {} when the text's prose does not share an
    indentation of two spaces or more."""
    paragraphs = _paragraphs(lines)
    prose_paragraphs = [
        [_indent(lines[i]) for i in p if word_count(lines[i]) >= PROSE_WORDS and not _LIST_MARK.match(lines[i])]
        for p in paragraphs
        if len(p) >= 2
    ]
    prose = [indent for p in prose_paragraphs for indent in p]
    if sum(1 for p in prose_paragraphs if p) < PROSE_PARAGRAPHS:
        return {}
    body, count = Counter(prose).most_common(1)[0]
    if body < 2 or count < SHARED_BY * len(prose):
        return {}
    width = max(len(lines[i].rstrip()) for p in paragraphs for i in p)
    candidates: dict[int, int] = {}  # line index → its indentation
    for paragraph in paragraphs:
        if len(paragraph) != 1:
            continue  # a heading is a line alone between blank lines
        index = paragraph[0]
        line = lines[index]
        if not 1 <= word_count(line) <= HEADING_WORDS or URL_ALONE.match(line):
            continue
        if _CLOSED.search(line) or _LIST_MARK.match(line) or _MARKER_ALONE.match(line):
            continue
        indent = _indent(line)
        # (centred in the text's width, give or take what the renderer's own margin adds)
        centred = indent > body + 4 and abs(2 * indent + len(line.strip()) - width) <= CENTRED_WITHIN
        if indent < body or centred:
            candidates[index] = -1 if centred else indent
    depths = sorted({depth for depth in candidates.values() if depth >= 0})
    return {index: 1 if depth < 0 else 2 + depths.index(depth) for index, depth in candidates.items()}


def _paragraphs(lines: list[str]) -> list[list[int]]:
    """The indices of the text's lines, grouped between blank lines."""
    paragraphs: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.strip():
            current.append(index)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def labels_over_link_lists(blocks: list[Block]) -> list[Block]:
    """The blocks with each short unlinked line over two or more items that open with their
    link (perhaps after a tag: "[video] Wiring a tide gauge") made a heading."""
    labelled = list(blocks)
    for n, block in enumerate(blocks):
        if not _label_shaped(block):
            continue
        following = _items(blocks, n + 1)
        if not following and n + 2 < len(blocks):
            # the label's note on its list between them ("A list kept by members…")
            items = _items(blocks, n + 2)
            following = items if note_over_entries(blocks[n + 1], items) else []
        if len(following) >= 2 and all(_opens_with_link(item) for item in following):
            text = block.text.rstrip(":").strip()
            labelled[n] = Block(kind="heading", text=text, level=LABEL_LEVEL, style="text:label")
    return labelled


def _label_shaped(block: Block) -> bool:
    """A short unlinked line at the margin that does not end like a sentence or a clause."""
    return (
        block.kind == "paragraph"
        and block.style in ("text", "text:caps")
        and not block.links
        and 1 <= word_count(block.text) <= LABEL_WORDS
        and not _LABEL_END.search(block.text)
    )


def _items(blocks: list[Block], first: int) -> list[Block]:
    """The first three items of a list starting at `first` (fewer where it is shorter)."""
    return list(itertools.takewhile(lambda b: b.kind == "item", blocks[first : first + 3]))


def note_over_entries(note: Block, items: list[Block]) -> bool:
    """A paragraph of a sentence or two over a list of entries with words of their own ("A list
    kept by members of the tools…" over "• tidecal, a calendar of the tides"): the list's note.
    Over links of a word or two ("• Forum", "• Code") it is a story's text, and they its links."""
    return (
        note.kind == "paragraph"
        and not note.links
        and note.text.rstrip().endswith((".", ":", "!", "?"))
        and word_count(note.text) <= NOTE_WORDS
        and len(items) >= 2
        and all(_opens_with_link(item) for item in items)
        and sum(word_count(item.text) for item in items) >= ENTRY_WORDS * len(items)
    )


def _opens_with_link(item: Block) -> bool:
    return bool(item.links) and LEADING_ITEM_TAG.sub("", item.text).startswith(item.links[0].text)
