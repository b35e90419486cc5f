"""Finding where the stories of a document begin and end.

A document's paragraphs become *blocks* (headings, text, markers left by debris removal).
Markers cut the document into *regions*: the main text, forum posts, a "Related Articles"
list, what follows a comments widget. Each region is then cut into *segments*, one per story:

  - markdown or HTML headings, at the highest level whose headings read like story titles
    (several of them, each over real prose; a long article's short sub-headings are not);
  - numbered roundups ("1. Title" over prose, numbered 1, 2, 3…), whose contents list is
    dropped when its items repeat the titles below;
  - briefs under a "Weekly review" / "In brief" heading: each title line over prose;
  - in forum posts and related-article lists: each title line over prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.debris import MARKER
from digest.teasers import is_sentence

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.{2,200})$")
BRACKET_TITLE = re.compile(r"^[【\[]?([^\]】\n]{15,160})[\]】]\s*(\S.{40,})$")
REVIEW = re.compile(
    r"^(the\ )?(weekly|week(ly)?\ in|news\ in|daily)?\s*(review|in\ brief|briefs?|briefly|brief\ news|quick\ (hits|takes)|short\ takes|news\ roundup|roundup|also\ this\ week|other\ news)$",
    re.I | re.X,
)
BYLINE_START = re.compile(r"^(by|written by|edited by|text by|reporting by)\b", re.I)
NUMBERED_LEVEL = 7  # numbered roundup items sit below every markdown level
LEAD_WORDS = 40  # this much prose before the first heading is an article's lead


@dataclass
class Block:
    text: str
    kind: str  # "heading", "text" or "marker"
    level: int = 0  # headings: 1-6 markdown, 7 numbered item

    @property
    def title(self) -> str:
        return _strip_markup(HEADING.sub(r"\2", self.text)) if self.kind == "heading" else self.text


@dataclass
class Segment:
    blocks: list[Block]
    region: str  # "main", "post", "related", "end"
    why: str  # how its start was recognised, for `digest explain`
    title: str | None = None  # a heading that starts it, when there is one


@dataclass
class Segmentation:
    preamble: list[Block]  # what stands before the first story of a multi-story document
    segments: list[Segment]
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    multi: bool = False


def _strip_markup(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "").replace("__", "")).strip(" *_#")


def make_blocks(paragraphs: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for text in paragraphs:
        if text.startswith(MARKER):
            blocks.append(Block(text[1:], "marker"))
        elif match := HEADING.match(text):
            blocks.append(Block(text, "heading", len(match.group(1))))
        elif match := BRACKET_TITLE.match(text):
            blocks.append(Block(match.group(1).strip(), "heading", NUMBERED_LEVEL))
            blocks.append(Block(match.group(2).strip(), "text"))
        else:
            blocks.append(Block(text, "text"))
    return blocks


def prose_words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks if b.kind == "text" and is_sentence(b.text))


def looks_like_title(text: str, min_words: int = 3) -> bool:
    """A headline: a short line that does not read as a sentence. A bare name of three
    capitalised words ("New York Post") is not one; "Profile: Gordon Brown" is."""
    words = text.split()
    if not min_words <= len(words) <= 30 or len(text) > 220 or BYLINE_START.match(text):
        return False
    if not (text[:1].isalnum() or text[:1] in "\"'“‘«£$€"):
        return False
    if len(words) <= 3 and all(w[:1].isupper() for w in words) and ":" not in text:
        return False
    if words[0].isalpha() and words[0].islower():  # "iTunes now selling…" is a headline, "and then…" is not
        return False
    if re.search(r"[,;:!]$|(?<!\.\.)(?<!…)\.$", text):  # a trailing "..." is a cut headline
        return False
    return not is_sentence(text) or (len(words) <= 25 and not re.search(r"[.!?]\s", text))


def _title_then_prose(blocks: list[Block], index: int, lookahead: int = 6) -> bool:
    """Block `index` reads as a title, and prose follows after at most a few short lines."""
    if blocks[index].kind not in ("text", "heading") or not looks_like_title(blocks[index].title):
        return False
    for block in blocks[index + 1 : index + 1 + lookahead]:
        if block.kind == "marker":
            return False
        if block.kind == "text" and is_sentence(block.text):
            return True
        if block.kind == "heading":
            return False
    return False


def split_regions(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Cut at markers. An "end" marker only ends the article once some prose was seen."""
    regions: list[tuple[str, list[Block]]] = [("main", [])]
    for block in blocks:
        if block.kind != "marker":
            regions[-1][1].append(block)
        elif block.text == "end" and prose_words(regions[-1][1]) == 0:
            continue
        elif block.text != regions[-1][0] or regions[-1][1]:
            regions.append((block.text, []))
    return [(kind, region) for kind, region in regions if region]


def story_heading_level(blocks: list[Block]) -> int | None:
    """The highest heading level whose headings read as story titles, if any."""
    levels = sorted({b.level for b in blocks if b.kind == "heading" and b.level < NUMBERED_LEVEL})
    for level in levels:
        starts = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == level]
        if len(starts) < 2:
            continue
        with_prose = 0
        bylines = 0
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
            body = blocks[start + 1 : end]
            with_prose += prose_words(body) >= 30
            bylines += any(BYLINE_START.match(b.text) for b in body[:3] if b.kind == "text")
        title_words = sorted(len(blocks[i].title.split()) for i in starts)
        median = title_words[(len(title_words) - 1) // 2]
        # An article that opens with a lead under its title keeps its sub-headings, unless
        # they carry bylines of their own.
        lead = prose_words(blocks[: starts[0]]) >= LEAD_WORDS
        if with_prose >= 2 and (bylines >= 2 or (median >= 5 and not lead)):
            return level
    return None


def numbered_starts(blocks: list[Block]) -> tuple[list[int], list[int]]:
    """Numbered roundup items over prose, and the indices of a contents list repeating them."""
    numbers: dict[int, int] = {}
    unnumbered: list[Block] = []  # the blocks with "3. " taken off, to read the titles
    for i, block in enumerate(blocks):
        match = NUMBERED.match(block.text) if block.kind == "text" else None
        if match:
            numbers[i] = int(match.group(1))
            unnumbered.append(Block(match.group(2), "text"))
        else:
            unnumbered.append(block)
    starts: list[int] = []
    for i, number in numbers.items():
        if number == len(starts) + 1 and _title_then_prose(unnumbered, i):
            starts.append(i)
    if len(starts) < 2:
        return [], []
    titles = [_words(unnumbered[i].text) for i in starts]
    contents = [
        i for i in numbers if i < starts[0] and any(_overlap(_words(unnumbered[i].text), t) >= 0.5 for t in titles)
    ]
    return starts, contents


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def segment_document(blocks: list[Block]) -> Segmentation:
    result = Segmentation(preamble=[], segments=[])
    regions = split_regions(blocks)
    forum = any(kind == "post" for kind, _ in regions)
    for kind, region in regions:
        if kind == "main" and not forum:
            _segment_main(region, result)
        elif kind in ("post", "related", "end") or forum:
            _segment_by_titles(region, "post" if forum else kind, result)
    result.multi = result.multi or len(result.segments) > 1 or forum
    return result


def _segment_main(blocks: list[Block], result: Segmentation) -> None:
    starts: dict[int, str] = {}
    level = story_heading_level(blocks)
    if level is not None:
        starts.update(
            {i: f"heading level {level}" for i, b in enumerate(blocks) if b.kind == "heading" and b.level == level}
        )
    numbered, contents = numbered_starts(blocks)
    starts.update({i: "numbered roundup item" for i in numbered})
    for i in contents:
        result.dropped.append((blocks[i].text, "contents list repeating the stories' titles"))
    skip = set(contents)
    # Briefs under a review heading: each title over prose, until a heading as high as it.
    for i, block in enumerate(blocks):
        if block.kind in ("heading", "text") and REVIEW.match(block.title):
            skip.add(i)
            result.dropped.append((block.text, "review heading (its briefs become stories)"))
            starts[i] = "review section"
            for j in range(i + 1, len(blocks)):
                if blocks[j].kind == "heading" and block.kind == "heading" and blocks[j].level <= block.level:
                    break
                if (blocks[j].kind == "heading" or _title_then_prose(blocks, j)) and j not in starts:
                    starts[j] = "brief under a review heading"
    if not starts:
        result.segments.append(Segment(blocks, "main", "whole document"))
        return
    result.multi = True
    ordered = sorted(starts)
    result.preamble.extend(b for k, b in enumerate(blocks[: ordered[0]]) if k not in skip)
    for n, start in enumerate(ordered):
        end = ordered[n + 1] if n + 1 < len(ordered) else len(blocks)
        body = [b for k, b in enumerate(blocks[start:end], start) if k not in skip]
        if start in skip or not body:
            continue
        result.segments.append(Segment(body, "main", starts[start]))


def _segment_by_titles(blocks: list[Block], region: str, result: Segmentation) -> None:
    starts: list[int] = []
    for i in range(len(blocks)):
        if blocks[i].kind == "heading" or _title_then_prose(blocks, i):
            # A title repeated before its text (saved pages often do) does not start another story.
            if (
                starts
                and _words(blocks[starts[-1]].title) == _words(blocks[i].title)
                and not prose_words(blocks[starts[-1] : i])
            ):
                continue
            starts.append(i)
    if not starts or starts[0] != 0:
        head = blocks[: starts[0]] if starts else blocks
        result.segments.append(Segment(head, region, f"untitled text in a {region} region"))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        result.segments.append(
            Segment(blocks[start:end], region, f"title in a {region} region", title=blocks[start].title)
        )
