"""What the segmenter (segment.py) hands on: each story's blocks, why its start was taken, its
headline; and for the document, what stands before its first story and what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.structure.blocks import Block


@dataclass
class Segment:
    blocks: list[Block]  # the story's head and body, after its headline
    why: str  # how its start was recognised, for `digest explain`
    title: str | None = None  # its headline
    title_block: Block | None = None
    headline_only: bool = False
    section: int | None = None  # the block index of the section's (or any) heading it sits under, if any
    source: str | None = None  # the publication its line names ("[Title](…) (Porthaven Echo)")
    byline: str | None = None  # the credit its record ends with ("… the text. / Ann Lee"), by agreement


@dataclass
class Segmentation:
    segments: list[Segment]
    preamble: list[Block] = field(default_factory=list)  # before the first story
    # the label right over the first story when later groups of stories have labels of its
    # shape ("NEWS" before "EVENTS"): the first section's name, not the masthead's
    first_label: Block | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    multi: bool = False
    blocks: list[Block] = field(default_factory=list)  # what was segmented: Segment.section indexes it

    def section_label(self, segment: Segment) -> str | None:
        """The text of the heading or label a segment sits under, if any (a heading no more
        prominent than the segment's own headline is not over it)."""
        if segment.section is None or not 0 <= segment.section < len(self.blocks):
            return None
        label, head = self.blocks[segment.section], segment.title_block
        if head is not None and head.kind == "heading" and (label.kind != "heading" or label.level >= head.level):
            return None
        return label.text
