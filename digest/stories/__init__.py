"""Cutting a document into clean stories: the split_into_stories stage.

    Document.blocks ─drop_debris_blocks─▶ blocks (+ markers) ─messages─▶ parts
    part ─regions (markers)─▶ regions ─segment─▶ segments ─assemble─▶ Story

A *part* is a message inside the document (a post, one e-mail of a digest, a forwarded
newsletter) or, for most documents, the document itself; its headers give its stories'
title, byline and date. Markers left by debris rules cut a part into *regions*: the main
text, forum posts, a "Related Articles" list, a footer. `explain_split` keeps every decision
for `digest explain`; `split_into_stories` is the stage.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, cast

from digest.models import Document, Story, safe_url
from digest.stories.assemble import Assembled, assemble
from digest.stories.debris import Marker, Removal, drop_debris_blocks
from digest.stories.features import is_body, shape
from digest.stories.heads import is_welcome, masthead_facts
from digest.stories.house import is_empty_standing_section, is_house_note, is_house_promotion, is_sponsor_label
from digest.stories.pagetext import article_segmentation, page_article
from digest.stories.parts import Part, document_parts
from digest.stories.runins import runin_title
from digest.stories.segment import segment
from digest.stories.segments import Segment, Segmentation
from digest.stories.teasers import is_sentence
from digest.structure.blocks import Block
from digest.structure.text import text_blocks

MIN_PREAMBLE_WORDS = 100  # this much prose before the first story is a story of its own
PROMO_WORDS = 30  # a story's whole text this short, speaking as "we" to "you", is a house promotion


Region = Marker | Literal["main"]  # a part of a document between markers


@dataclass
class SplitReport:
    """Everything split_into_stories decided about one document."""

    document: str
    removed: list[Removal] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    stories: list[Story] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # per story: how its start was recognised


def split_into_stories(
    document: Document, drop_patterns: Iterable[str] = (), common_lines: frozenset[str] = frozenset()
) -> list[Story]:
    """The stories a document holds, with debris removed."""
    return explain_split(document, drop_patterns, common_lines).stories


def explain_split(
    document: Document, drop_patterns: Iterable[str] = (), common_lines: frozenset[str] = frozenset()
) -> SplitReport:
    blocks = document.blocks or text_blocks(document.text)
    kept, removed = drop_debris_blocks(blocks, tuple(drop_patterns), common_lines)
    report = SplitReport(document=document.name, removed=removed)
    parts, before_and_after = document_parts(document, kept)
    report.dropped.extend(before_and_after)
    for part in parts:
        blocks, footer = _before_footer(part.blocks)
        report.dropped.extend((b.text, "after the newsletter's footer began") for b in footer if b.text)
        if document.format == "text" and (article := page_article(blocks)) is not None:
            _add_stories(document, part, "main", article_segmentation(blocks, article), report)
            continue
        if document.format != "article" and not _is_forum(blocks) and _records_span_markers(blocks):
            # A newsletter's records decide first: a "Related links:" line or an author box
            # under one of its stories belongs to that story.
            segmentation = segment([b for b in blocks if b.kind != "marker"], part.facts.title, bool(part.facts.byline))
            if part.message and not (segmentation.multi if part.forwarded else _newsletter_in_message(segmentation)):
                segmentation = Segmentation([Segment([b for b in blocks if b.kind != "marker"], "whole document")])
            elif part.message and not part.forwarded:
                # a message that carries a newsletter: its sender is the newsletter, not a writer
                sender = part.facts.source or part.facts.byline
                part = dataclasses.replace(part, facts=dataclasses.replace(part.facts, source=sender, byline=None))
            _add_stories(document, part, "main", segmentation, report)
            continue
        for region, region_blocks in _regions(blocks):
            if region == "comments":
                report.dropped.extend((b.text, "readers' comments under the article") for b in region_blocks if b.text)
                continue
            if region == "main" and document.format == "article":
                segmentation = Segmentation([Segment(region_blocks, "whole document")])  # the page says so
            elif region == "main" and not _is_forum(blocks):
                segmentation = segment(region_blocks, part.facts.title, bool(part.facts.byline))
            else:
                segmentation = _by_titles(region_blocks)
            _add_stories(document, part, region, segmentation, report)
    if not report.stories and len(parts) == 1 and _prose_words(parts[0].blocks) >= WHOLE_WORDS:
        # nothing in it read as a story, yet it has text: never nothing, but the one story it is
        # (which the house and promotion rules may still drop)
        whole = SplitReport(document=document.name, removed=removed)
        blocks = [b for b in _before_footer(parts[0].blocks)[0] if b.kind != "marker"]
        _add_stories(document, parts[0], "main", Segmentation([Segment(blocks, "whole document")]), whole)
        if whole.stories:
            return whole
    return report


WHOLE_WORDS = 60  # a document with this much text is at least one story


def _prose_words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks if is_body(b))


MESSAGE_STORY_WORDS = 25  # a newsletter inside a message has stories of real prose, not lists


def _newsletter_in_message(segmentation: Segmentation) -> bool:
    """A post or a digest's message is one story under its Subject, unless it carries a
    newsletter: three or more stories of real prose, or briefs each with a link of its own,
    under marked headlines (a for-sale list's lines are not)."""
    if not segmentation.multi or all(s.why.endswith("short headline line") for s in segmentation.segments):
        return False  # plain short lines over text: a post's list or paragraphs, not a newsletter's headlines
    sizes = sorted(sum(len(b.text.split()) for b in s.blocks if is_sentence(b.text)) for s in segmentation.segments)
    if len(sizes) >= 3 and sizes[len(sizes) // 2] >= MESSAGE_STORY_WORDS:
        return True
    # or three or more briefs under marked headlines, each with a link of its own ("Read more: …")
    links = [{k.url for b in s.blocks for k in b.links} | _headline_links(s) for s in segmentation.segments]
    own = [urls for urls in links if len(urls) == 1]
    return len(sizes) >= 3 and len(own) == len(links) and len(set().union(*own)) == len(own)


def _headline_links(segment: Segment) -> set[str]:
    return {k.url for k in segment.title_block.links} if segment.title_block is not None else set()


def _records_span_markers(blocks: list[Block]) -> bool:
    """Does the text before the first structure marker already hold several stories? Then the
    markers ("Related links:", an author box) sit inside a newsletter's stories; otherwise they
    end an article (and what follows is a list of other articles, or comments)."""
    first = next((i for i, b in enumerate(blocks) if b.kind == "marker"), None)
    if first is None:
        return True
    return segment(blocks[:first]).multi


def _before_footer(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """A newsletter's footer ("You are receiving this e-mail because…") ends its stories."""
    for index, block in enumerate(blocks):
        if block.kind == "marker" and block.text == "footer":
            return blocks[:index], blocks[index + 1 :]
    return blocks, []


def _is_forum(blocks: list[Block]) -> bool:
    return any(b.kind == "marker" and b.text == "post" for b in blocks)


def _regions(blocks: list[Block]) -> list[tuple[Region, list[Block]]]:
    """Cut at markers. An "end" marker ends the article only once some prose was seen."""
    regions: list[tuple[Region, list[Block]]] = [("main", [])]
    for block in blocks:
        if block.kind != "marker":
            regions[-1][1].append(block)
            continue
        kind = cast(Marker, block.text)  # a marker block's text is the debris rule's marker
        if kind in ("end", "comments") and not any(
            b.kind == "paragraph" and is_sentence(b.text) for b in regions[-1][1]
        ):
            continue
        elif kind != regions[-1][0] or regions[-1][1]:
            regions.append((kind, []))
    return [(kind, region) for kind, region in regions if region]


def _by_titles(blocks: list[Block]) -> Segmentation:
    """Forum posts and lists of related articles: each title over prose starts a story; a post
    without one is conversation."""
    result = Segmentation(segments=[], multi=True)
    starts: list[int] = []
    for i, block in enumerate(blocks):
        if shape(block) is None or not _title_over_prose(blocks, i):
            continue
        if starts and not any(is_body(b) for b in blocks[starts[-1] + 1 : i]) and is_body(block):
            continue  # right under a title, a line that reads as text is its first line
        # a title repeated before its text (saved pages often do) does not start another story
        if starts and blocks[starts[-1]].text == block.text and not any(is_body(b) for b in blocks[starts[-1] : i]):
            continue
        starts.append(i)
    if not starts or starts[0] != 0:
        result.segments.append(Segment(blocks[: starts[0]] if starts else blocks, "untitled text"))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        title = runin_title(blocks[start]) or blocks[start].text
        result.segments.append(
            Segment(blocks[start + 1 : end], "title over text", title=title, title_block=blocks[start])
        )
    return result


def _title_over_prose(blocks: list[Block], index: int, lookahead: int = 6) -> bool:
    for block in blocks[index + 1 : index + 1 + lookahead]:
        if block.kind in ("marker", "heading", "rule"):
            return False
        if is_body(block):
            return True
    return False


def _add_stories(
    document: Document, part: Part, region: Region, segmentation: Segmentation, report: SplitReport
) -> None:
    report.dropped.extend(segmentation.dropped)
    masthead = [b for b in segmentation.preamble if b is not segmentation.first_label]
    facts = masthead_facts(part.facts, masthead) if segmentation.multi else part.facts
    segments = list(segmentation.segments)
    prose = [b for b in segmentation.preamble if is_body(b)]
    # much prose before the first story is a story of its own, unless it is the editor's welcome
    own_story = sum(len(b.text.split()) for b in prose) >= MIN_PREAMBLE_WORDS and not is_welcome(prose[0].text)
    if segmentation.multi and own_story and region == "main" and not part.message:
        segments.insert(0, Segment(segmentation.preamble, "text before the first story"))
    else:
        report.dropped.extend(
            (b.text, "introduction or masthead of a multi-story document") for b in segmentation.preamble if b.text
        )
    main = [s for s in segments if s.why == "whole document"]
    made: list[tuple[Segment, Assembled]] = []
    notes_to_readers: list[Segment] = []
    for n, seg in enumerate(segments):
        # the document's (or message's) own title, link and byline go to its one main story
        whole = region == "main" and len(main) == 1 and seg.why == "whole document"
        if region == "post" and seg.title is None:
            _drop(report, seg, "forum post without a headline: conversation, not a news story")
            continue
        above = [b.text for b in (segments[n - 1].blocks if n else segmentation.preamble) if b.text][-1:]
        # the line right over it, or the heading of the section it is in ("## Sponsor")
        labels = (*above, segmentation.section_label(seg))
        if sponsor := next((label for label in labels if label and is_sponsor_label(label)), None):
            _drop(report, seg, f"a sponsor's message (labelled {sponsor!r})")
            continue
        # a post's or e-mail's writer wrote each of its lines: all are its text
        assembled, reason = assemble(seg, facts, whole, written=whole and part.message)
        if assembled is not None and not whole and (house := _house_reason(assembled)):
            assembled, reason = None, house
            notes_to_readers.append(seg)
        if assembled is None:
            _drop(report, seg, reason)
        else:
            made.append((seg, assembled))
    _strip_shared_label(made)
    _credits_by_agreement(made, facts.source)
    house_sections = _house_sections(segments, notes_to_readers)
    for seg, assembled in made:
        if seg.section in house_sections:
            _drop(report, seg, "in a section of notes to readers about the newsletter itself")
            continue
        report.dropped.extend(
            (text, "no sentence in it (a caption, a label, a credit, a link alone)") for text in assembled.left_out
        )
        if assembled.url and safe_url(assembled.url) is None:
            report.dropped.append((assembled.url, "a link that is not http, https or mailto: not made a link"))
        index = len(report.stories)
        report.stories.append(
            Story(
                id=Story.make_id(document.content_hash, str(index), assembled.title),
                title=assembled.title,
                url=assembled.url,
                source=assembled.source,
                byline=assembled.byline,
                published=assembled.published,
                teaser=assembled.teaser,
                body=assembled.body,
                documents=[document.name],
                section_hint=document.section,
                context="related" if region == "related" else None,
            )
        )
        report.origins.append(seg.why)


SHARED_LABEL = re.compile(r"^(?P<label>[A-Za-z]{2,15}(?: [A-Za-z]{2,15})?):\s+(?=\S)")


def _strip_shared_label(made: list[tuple[Segment, Assembled]]) -> None:
    """A label every headline of a document starts with ("TOPIC: …", "Item: …") is the
    layout's, not part of any headline."""
    labels = {m.group("label").casefold() if (m := SHARED_LABEL.match(a.title)) else None for _, a in made}
    if len(made) >= 2 and len(labels) == 1 and None not in labels:
        for _, assembled in made:
            assembled.title = SHARED_LABEL.sub("", assembled.title, count=1)


CREDITED_NAME_WORDS = 4


def _credits_by_agreement(made: list[tuple[Segment, Assembled]], masthead: str | None) -> None:
    """The records of one document credit the same thing in the same place: where most of its
    stories name a publication of their own and no writer ("Harbour News | 2 Dec"), a story's
    lone name there ("Porthaven Echo | 2 Dec") is a publication too, not a writer."""
    publications = [a for _, a in made if a.source and a.source != masthead and not a.byline]
    if len(made) < 3 or len(publications) * 2 < len(made):
        return
    for _, assembled in made:
        lone = assembled.byline and len(assembled.byline.split()) <= CREDITED_NAME_WORDS and "," not in assembled.byline
        if lone and assembled.source in (None, masthead):
            assembled.source, assembled.byline = assembled.byline, None


def _house_reason(assembled: Assembled) -> str | None:
    """Why a story is the newsletter talking about itself, if it is."""
    if is_house_note(" ".join([assembled.title, assembled.teaser]), assembled.title):
        return "a note to readers about the newsletter (subscribe, share, write in)"
    if (
        assembled.body
        and len(assembled.body.split()) <= PROMO_WORDS
        and is_house_promotion(assembled.body, assembled.source, assembled.title)
    ):
        return 'a house promotion ("Try our…"), not a story'
    if is_empty_standing_section(assembled.body or assembled.teaser):
        return "a standing section with nothing in it this time"
    return None


def _house_sections(segments: list[Segment], notes_to_readers: list[Segment]) -> set[int]:
    """Sections at least half of whose records were notes to readers ("Reminders": comments,
    avatars, invite a friend, donate): the rest of them are too. (Records dropped for other
    reasons, captions or lines too short, say nothing about the section.)"""
    total = Counter(seg.section for seg in segments if seg.section is not None)
    house = Counter(seg.section for seg in notes_to_readers if seg.section is not None)
    return {section for section, n in total.items() if n >= 3 and house[section] >= n / 2}


def _drop(report: SplitReport, segment: Segment, reason: str) -> None:
    """A segment that is not a story: its headline and every line of it, with the reason."""
    if segment.title:
        report.dropped.append((segment.title, reason))
    report.dropped.extend((b.text, reason) for b in segment.blocks if b.text and b.kind not in ("marker", "rule"))


__all__ = ["SplitReport", "explain_split", "split_into_stories"]
