"""Briefs under a label: stories without headlines, each a list item ending with its own link
or a paragraph under a linked picture, the label over them only their section's name."""

from __future__ import annotations

from digest.stories.features import is_body
from digest.stories.records import LINKED_ITEM_SHARE
from digest.structure.blocks import PICTURE_STYLE, Block
from digest.words import word_count

BRIEF_WORDS = 8  # an item this long, with a link of its own, says what is at the link


def briefs_under(blocks: list[Block], start: int, end: int) -> list[list[int]]:
    """The briefs between the label at `start` and `end`, each as its blocks' indices; [] when
    that part of the document is not made of briefs."""
    return [[k] for k in _linked_items(blocks, start, end)] or _pictured_paragraphs(blocks, start, end)


def _linked_items(blocks: list[Block], start: int, end: int) -> list[int]:
    """Nothing but two or more list items of prose that each end with one link of their own
    ("* Ann Lee has published a guide to safer TLS: <https://…>"). (Items with a link inside
    their sentence are a section's points, one story under its heading.)"""
    span = [k for k in range(start + 1, end) if blocks[k].text]
    items = [blocks[k] for k in span]
    addresses = {b.links[0].url for b in items if len(b.links) == 1}
    if (
        len(items) < 2
        or len(addresses) < len(items)
        or not all(
            b.kind == "item"
            and b.link_share < LINKED_ITEM_SHARE
            and word_count(b.text) >= BRIEF_WORDS
            and is_body(b)
            and b.links[0].url.lower().startswith(("http://", "https://"))
            and b.text.rstrip(" .;)>").endswith(b.links[0].text)  # the item leads to its link
            for b in items
        )
    ):
        return []
    return span


def _pictured_paragraphs(blocks: list[Block], start: int, end: int) -> list[list[int]]:
    """Nothing but two or more linked pictures, each over prose of its own ("[![…](pic)](https://…)"
    / "A headband with a LED matrix hidden inside!"): each picture and its paragraphs a brief."""
    found: list[list[int]] = []
    for k in range(start + 1, end):
        block = blocks[k]
        if block.style == PICTURE_STYLE and block.links:
            found.append([k])
        elif found and block.kind == "paragraph" and is_body(block):
            found[-1].append(k)
        elif block.text:
            return []  # anything else (a sub-heading, a list): not a run of pictured briefs
    return found if len(found) >= 2 and all(len(brief) > 1 for brief in found) else []
