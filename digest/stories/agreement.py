"""Headings over one linked record each: the heading is the story's headline, the link its address.

A changelog-style newsletter writes each story as a heading in its own words, then the link it
is about (a release, a pull request, a post, often titled in someone else's words), then its
text. The link lines repeat, so they look like the records and the headings like labels over
them; but a label holds a group of records, and these headings hold one record each and say
what it says. That agreement — the heading's words found again in its record — is what tells
the editor's headline ("Faster tide tables") from a section's name over one item ("Climate"
over an unrelated headline is told apart only when its words are not in the record).
"""

from __future__ import annotations

from digest.stories.features import ONE_LINK_SHARE, Shape
from digest.structure.blocks import Block, Link
from digest.words import STOPWORDS, folded_words, stem

AGREEMENT = 0.5  # of the heading's words found again in its record's text
MIN_PAIRS = 2  # a document's habit, not a coincidence of one heading


def headings_as_headlines(
    blocks: list[Block], shapes: list[Shape | None], candidates: list[int], starts: list[int]
) -> tuple[list[int], set[int]]:
    """The story starts with each such heading taking its record's place, and those headings."""
    headings = set(_headed_records(blocks, shapes, candidates, starts).values())
    return sorted({s - 1 if s - 1 in headings else s for s in starts}), headings


def _headed_records(
    blocks: list[Block], shapes: list[Shape | None], candidates: list[int], starts: list[int]
) -> dict[int, int]:
    """For each story start that is a link line right under a heading holding no other story,
    and whose words the heading repeats: that heading's index (start → heading). Empty unless
    the document does this at least MIN_PAIRS times."""
    is_start = set(starts)
    found: dict[int, int] = {}
    for n, start in enumerate(starts):
        heading = start - 1
        if heading < 0 or blocks[heading].kind != "heading" or heading in is_start or shapes[heading] is None:
            continue
        if not _link_line(blocks[start]):
            continue
        end = _heading_end(shapes, candidates, heading, len(blocks))
        following = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        if following < end:
            continue  # the heading holds more than this one record: a label over a group
        if _agrees(blocks[heading].text, blocks[start : min(end, following)]):
            found[start] = heading
    return found if len(found) >= MIN_PAIRS else {}


def with_headline_link(heading: Block, line: Block) -> Block:
    """The heading as the story's headline, carrying the link of the line under it."""
    return heading.model_copy(update={"links": [Link(text=heading.text, url=line.links[0].url)]})


def _link_line(block: Block) -> bool:
    return len(block.links) == 1 and block.link_share >= ONE_LINK_SHARE


def _heading_end(shapes: list[Shape | None], candidates: list[int], heading: int, total: int) -> int:
    """Where the heading's part ends: at the next candidate as prominent as it."""
    rank = shapes[heading].rank  # type: ignore[union-attr]
    return next((c for c in candidates if c > heading and shapes[c].rank <= rank), total)  # type: ignore[union-attr]


def content_stems(text: str) -> set[str]:
    """The stems of a text's words that say something (not "the", "of"): what a headline and
    the text under it agree on."""
    return {stem(w) for w in folded_words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())}


def _agrees(heading: str, record: list[Block]) -> bool:
    wanted = content_stems(heading)
    if not wanted:
        return False
    said = set().union(*(content_stems(b.text) for b in record))
    return len(wanted & said) >= AGREEMENT * len(wanted)
