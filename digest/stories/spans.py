"""Where a headline's own text is: whether a candidate has a body of its own before the next
headline, and where a story's own text ends once the segmenter knows where the stories begin."""

from __future__ import annotations

from digest.stories.features import Shape, is_body, is_meta
from digest.stories.house import is_subscription_notice
from digest.stories.links import bare_link
from digest.stories.runins import runin_title
from digest.structure.blocks import Block


def before_notices(blocks: list[Block], start: int, end: int) -> int:
    """A story's text ends where the newsletter starts talking about itself ("To change your
    subscription…", "Share this newsletter…"), once the story has some text of its own."""
    seen_body = False
    for k in range(start + 1, end):
        if seen_body and is_subscription_notice(blocks[k].text):
            return k
        seen_body = seen_body or is_body(blocks[k])
    return end


def span_ends(
    blocks: list[Block], shapes: list[Shape | None], candidates: list[int], starts: list[int]
) -> dict[int, int]:
    """Where each story's own text ends: at the next candidate as prominent as its headline
    (a label, a heading over other stories), else at the next story."""
    position = {c: n for n, c in enumerate(candidates)}
    ends = {}
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        rank = shapes[start].rank  # type: ignore[union-attr]
        ends[start] = limit
        for c in candidates[position[start] + 1 :]:
            if c >= limit:
                break
            if shapes[c].rank <= rank and not _under_its_credit(blocks, shapes, start, c):  # type: ignore[union-attr]
                ends[start] = c
                break
    return ends


def _under_its_credit(blocks: list[Block], shapes: list[Shape | None], start: int, line: int) -> bool:
    """ "Headline / Ann Lee, Harbour Times | May 3 / A line": a plain line right under the credit
    line under a plain headline is that story's text, not the next headline."""
    between = [b for b in blocks[start + 1 : line] if b.text]
    own, other = shapes[start], shapes[line]
    return (
        own is not None
        and other is not None
        and own.strength == other.strength == 1
        and bool(between)
        and all(is_meta(b) for b in between)
    )


def _strength_stop(own: Shape, other: Shape) -> bool:
    """Does `other` end the text that directly follows `own`? A heading's text ends at any
    marked line; a marked line's at one as prominent (a grey source line or a dek under a
    linked headline does not end it); a plain line's at any candidate."""
    if own.strength == 3:
        return other.strength >= 2
    if own.strength == 2:
        return other.rank <= own.rank
    return True


def has_body(blocks: list[Block], shapes: list[Shape | None], index: int) -> bool:
    """Has the candidate at `index` text of its own before the next line that ends it?"""
    own = shapes[index]
    assert own is not None
    if runin_title(blocks[index]):
        return True
    fielded = False  # a byline, a date or an address under the heading: a story's head, not a section's
    for k in range(index + 1, len(blocks)):
        other = shapes[k]
        if other is not None and _strength_stop(own, other):
            if (
                fielded
                and own.key[0] == "h"
                and (int(other.key[1]) > int(own.key[1]) if other.key[0] == "h" else other.rank > own.rank)
            ):
                # "## Headline / Ann Lee announced / #### New version / text", "## Headline / By Ann
                # Lee / **Reader tips** / text": a headline with its writer, over its own parts
                return True
            if _under_its_credit(blocks, shapes, index, k) or _lone_runin_lead(blocks, shapes, index, k):
                return True
            # an unmarked line that reads like a description is text, not the next headline;
            # but the next line of the same shape is a sibling (a list's next point), not a body
            return other.strength == 1 and other.key != own.key and is_body(blocks[k])
        fielded = fielded or is_meta(blocks[k]) or bare_link(blocks[k]) is not None
        if (blocks[k].kind == "rule" and k > index + 1) or is_subscription_notice(blocks[k].text):
            return False  # a rule, or the newsletter's own notices, before any text
        if is_body(blocks[k]) and not _item_over_address(blocks, k):
            return True
    return False


def _lone_runin_lead(blocks: list[Block], shapes: list[Shape | None], index: int, k: int) -> bool:
    """A headline whose text opens in bold ("### Should you tar your ropes? / **Yes, every spring!** We asked…"), the
    only such paragraph before the next headline like it: its lead, not a label over run-in
    records (those come two or more)."""
    own, other = shapes[index], shapes[k]
    if own is None or other is None or own.strength < 2 or not runin_title(blocks[k]):
        return False
    later = next((shapes[j] for j in range(k + 1, len(blocks)) if shapes[j] is not None), None)
    return later is None or later.rank <= own.rank or later.key == own.key


def _item_over_address(blocks: list[Block], index: int) -> bool:
    """A list item with its address on the next line ("-- A headline" / "http://…"): an entry
    of a list of links, not a point of text."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return blocks[index].kind == "item" and following is not None and following.style == "text:url"


PREVIEW_WORDS = 5  # the fewest words a cut-short line needs to be taken for a later one's start


def without_previews(blocks: list[Block]) -> list[Block]:
    """A story's blocks without the previews of its own text: a paragraph cut short ("…
    agents that need to learn from past...") whose words begin a later paragraph (a card's
    summary line over its details). The text is kept once, where it is whole."""
    kept = []
    for position, block in enumerate(blocks):
        text = block.text.strip()
        stem = text.rstrip(".…").rstrip() if text.endswith(("...", "…")) else ""
        if block.kind == "paragraph" and len(stem.split()) >= PREVIEW_WORDS:
            later = (b.text.strip() for b in blocks[position + 1 :] if b.kind in ("paragraph", "item"))
            if any(t.startswith(stem) and len(t) > len(stem) for t in later):
                continue
        kept.append(block)
    return kept
