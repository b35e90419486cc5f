"""Headlines by how they look: in HTML, a short line set in a size or colour the document's
text does not use is as marked as a bold one, and of two bold lines the larger is the more
prominent; in any format, a short line that opens a part set off by a separator is marked by
its place."""

from __future__ import annotations

from digest.stories.features import LINE_RANK, STYLED_RANK, Shape, is_body
from digest.stories.runins import BYLINE, headline_text
from digest.stories.teasers import is_sentence
from digest.structure.blocks import Block
from digest.structure.typesizes import font_px
from digest.words import word_count


def with_separated_lines(blocks: list[Block], shapes: list[Shape | None]) -> list[Shape | None]:
    """A short line right after a separator (`-----`, `* * *`, `<hr>`) and over prose opens the
    part the separator sets off: marked as surely as a bold line ("New Moorings Officer" is not
    a bare name there), so separated parts are records even when their titles are plain."""
    marked = list(shapes)
    for i in range(1, len(blocks) - 1):
        block, found = blocks[i], shapes[i]
        if blocks[i - 1].kind != "rule" or block.kind not in ("paragraph", "item") or block.links:
            continue
        if (found is None or found.key[0] == "line") and _plain_title(block.text) and is_body(blocks[i + 1]):
            marked[i] = Shape(("separated", block.kind, block.style), STYLED_RANK, 2)
    return marked


def with_titled_parts(blocks: list[Block], shapes: list[Shape | None]) -> list[Shape | None]:
    """A short line in capitals ("Harbour Survey", "Storm Damage Repaired") between paragraphs of
    text, the text above it ending and the text below it beginning: a part's plain title. By
    itself a line of a few capitalised words is a name (a source, a person: no headline), but a
    name under a headline is that headline's credit, never a line set between two texts."""
    marked = list(shapes)
    for i in range(1, len(blocks) - 1):
        block, above, below = blocks[i], blocks[i - 1], blocks[i + 1]
        if shapes[i] is not None or block.kind != "paragraph" or block.links or block.style != "text":
            continue
        if is_body(above) and is_body(below) and below.kind in ("paragraph", "item") and _plain_title(block.text):
            marked[i] = Shape(("line", "p", block.style), LINE_RANK, 1)
    return marked


def _plain_title(text: str) -> bool:
    return word_count(text) >= 2 and headline_text(text) and not BYLINE.match(text) and not is_sentence(text)


def look_of(block: Block) -> str:
    """The visual part of a block's style (HTML: its type's size and colour), without its container
    (before it) or its being quoted (after it: "html:blockquote>p|14px,#333|blockquote")."""
    return block.style.split("|")[1] if block.style.startswith("html:") and "|" in block.style else ""


def with_styled_lines(blocks: list[Block], shapes: list[Shape | None]) -> list[Shape | None]:
    """In HTML, a short line set in a size or colour the document's text does not use is marked
    as surely as a bold one (newsletters colour their headlines)."""
    weights: dict[str, int] = {}
    for block in blocks:
        if is_body(block) and (look := look_of(block)):
            weights[look] = weights.get(look, 0) + word_count(block.text)
    if not weights:
        return shapes
    body_look = max(weights, key=lambda look: weights[look])
    body_size, body_color = body_look.split(",", 1)
    marked = []
    for block, found in zip(blocks, shapes, strict=True):
        look = look_of(block)
        if found is not None and found.key[0] == "line" and look and look != body_look:
            size, color = look.split(",", 1)
            if (size and size != body_size) or (color and color != body_color):
                found = Shape(("styled", *found.key[1:]), STYLED_RANK, 2)
        if found is not None and found.strength == 2 and found.key[0] != "runin" and look:
            # of two bold lines, the one in the larger type is the more prominent
            found = Shape(found.key, found.rank - font_px(look.split(",", 1)[0]) / 100, 2)
        marked.append(found)
    return marked
