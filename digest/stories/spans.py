"""Where a story's own text ends, once the segmenter knows where the stories begin."""

from __future__ import annotations

from digest.stories.features import Shape, is_body
from digest.stories.house import is_subscription_notice
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


def span_ends(shapes: list[Shape | None], candidates: list[int], starts: list[int], total: int) -> dict[int, int]:
    """Where each story's own text ends: at the next candidate as prominent as its headline
    (a label, a heading over other stories), else at the next story."""
    position = {c: n for n, c in enumerate(candidates)}
    ends = {}
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else total
        rank = shapes[start].rank  # type: ignore[union-attr]
        ends[start] = limit
        for c in candidates[position[start] + 1 :]:
            if c >= limit:
                break
            if shapes[c].rank <= rank:  # type: ignore[union-attr]
                ends[start] = c
                break
    return ends
