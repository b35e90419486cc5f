"""Type sizes in HTML: how large a line is set, and the headings an e-mail builder sets by size.

Mail builders rarely write `<h1>`–`<h6>`: a headline is a line in bold in a larger type
(`<span style="font-size:22px"><strong>…</strong></span>`), a section's label another size
again. Where a document has no heading tags, those lines are read as the headings they are,
their levels in the order of their sizes, so that the rest of digest reads a builder's e-mail
as it reads a page with real headings.
"""

from __future__ import annotations

import re
from collections import Counter

from digest.structure.blocks import Block
from digest.words import word_count

_FONT_SIZES = {"1": 10.0, "2": 13.0, "3": 16.0, "4": 18.0, "5": 24.0, "6": 32.0, "7": 48.0}
_NAMED_SIZES = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0}
HEADING_WORDS = 20  # a longer line in a larger type is a lead paragraph, not a heading
LARGER = 1.15  # how much larger than the text a heading's type is, at least


def font_px(size: str) -> float:
    """A CSS or <font size> value in pixels (16 when unknown): enough to compare sizes."""
    size = size.strip().lower()
    if size in _FONT_SIZES:
        return _FONT_SIZES[size]
    if size in _NAMED_SIZES:
        return _NAMED_SIZES[size]
    if match := re.fullmatch(r"([+-]\d)", size):
        return _FONT_SIZES.get(str(min(7, max(1, 3 + int(match.group(1))))), 16.0)
    if match := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(px|pt|em|rem|%)?", size):
        value, unit = float(match.group(1)), match.group(2) or "px"
        return {"px": value, "pt": value * 4 / 3, "em": value * 16, "rem": value * 16, "%": value * 0.16}[unit]
    return 16.0


def set_size(block: Block) -> float | None:
    """The size of the type an HTML block is set in, when its style says (None when not)."""
    parts = block.style.split("|")
    size = parts[1].split(",", 1)[0] if block.style.startswith("html:") and len(parts) > 1 else ""
    return font_px(size) if size else None


def headings_by_size(blocks: list[Block]) -> list[Block]:
    """A document without heading tags, its bold lines in a larger type than its text read as
    headings: the largest size is level 1, the next level 2, and so on."""
    if any(b.kind == "heading" for b in blocks):
        return blocks
    words: Counter[float] = Counter()
    for block in blocks:
        if block.kind in ("paragraph", "item") and block.strong != block.text and (size := set_size(block)):
            words[size] += word_count(block.text)
    if not words:
        return blocks
    text_size = words.most_common(1)[0][0]
    headings = {
        i: size
        for i, block in enumerate(blocks)
        if block.kind == "paragraph"
        and block.text
        and block.strong == block.text
        and word_count(block.text) <= HEADING_WORDS
        and (size := set_size(block)) is not None
        and size >= text_size * LARGER
    }
    levels = sorted(set(headings.values()), reverse=True)
    return [
        b.model_copy(update={"kind": "heading", "level": min(6, levels.index(headings[i]) + 1)}) if i in headings else b
        for i, b in enumerate(blocks)
    ]
