"""Cutting a document into clean stories: title, source, byline, date, teaser and body.

    text ─drop_debris─▶ paragraphs ─make_blocks─▶ blocks ─segment_document─▶ segments
    segment ─read_head (title, byline, date, source) + clean_body─▶ Story

`explain_split` keeps every decision for `digest explain`; `split_into_stories` is the stage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from digest.dates import DATE_PATTERN, find_date
from digest.debris import Removal, drop_debris, is_promotional
from digest.models import Document, Story
from digest.segments import (
    BYLINE_START,
    Block,
    Segment,
    looks_like_title,
    make_blocks,
    prose_words,
    segment_document,
)
from digest.teasers import is_sentence, make_teaser, split_dateline, strip_dateline, title_from_lead

BYLINE = re.compile(
    r"^(?:by|written by|edited by|text by|reporting by|words by)\s*[:\-]?\s+(?P<who>[^\n]{2,120})$", re.I
)
AUTHOR_BOX = re.compile(r"^\s*(?:written|posted|published) by\s*$\n+^\s*(?P<who>[^\n]{2,60}?)\s*$", re.I | re.M)
SOURCE_LINE = re.compile(r"^(?:source|via|from)\s*:\s*(?P<name>[^\n]{2,60})$", re.I)
_BYLINE_TAIL = re.compile(r"\s+(?:published|updated|posted)\b.*$", re.I)
_PUBLICATION_WORDS = re.compile(
    r"\b(news|post|times|daily|press|journal|magazine|herald|wire|tribune|review|weekly|gazette|report|"
    r"telegraph|guardian|observer|chronicle|insider|today|media|network|agency|yahoo|bbc|cnn|reuters)\b",
    re.I,
)
_TRAILING_MONTH = r"\s*[–—|:-]\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s*)?(\d{4})?\s*$"
MIN_PROSE_WORDS = 25
MIN_BRIEF_WORDS = 15
MIN_PREAMBLE_WORDS = 100


@dataclass
class SplitReport:
    """Everything split_into_stories decided about one document."""

    document: str
    removed: list[Removal] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    stories: list[Story] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # per story: how its start was recognised


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text, mending lines broken mid-sentence (hard wraps, OCR breaks).

    A line that does not end a sentence, followed by one starting in lower case, is the same
    sentence: "heri-" + "tage" becomes "heritage", "in Guangdong" + "discovered" is joined.
    """
    blocks: list[str] = []
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            if blocks and blocks[-1] != "":
                blocks.append("")
            continue
        previous = _last_text(blocks)
        if previous is not None and _continues(blocks[previous], line):
            hyphenated = blocks[previous].endswith("-") and line[:1].islower()
            blocks[previous] = blocks[previous][:-1] + line if hyphenated else blocks[previous] + " " + line
            del blocks[previous + 1 :]
            continue
        blocks.append(line)
    return [b for b in blocks if b]


def _last_text(blocks: list[str]) -> int | None:
    for index in range(len(blocks) - 1, -1, -1):
        if blocks[index]:
            return index
    return None


def _continues(previous: str, line: str) -> bool:
    if previous.startswith(("#", "\x00")) or line.startswith(("#", "-", "*", "•", "\x00")):
        return False
    if re.search(r"[.!?:;\"”’)\]。！？]$", previous):
        return False
    starts_lower = line[:1].islower()
    if previous.endswith("-") and previous[-2:-1].isalpha():
        return starts_lower  # a word hyphenated across lines
    return starts_lower and len(previous.split()) >= 4


def split_into_stories(
    document: Document, drop_patterns: Iterable[str] = (), common_lines: frozenset[str] = frozenset()
) -> list[Story]:
    """The stories a document holds, with debris removed."""
    return explain_split(document, drop_patterns, common_lines).stories


def explain_split(
    document: Document, drop_patterns: Iterable[str] = (), common_lines: frozenset[str] = frozenset()
) -> SplitReport:
    cleaned = drop_debris(document.text, tuple(drop_patterns), common_lines)
    report = SplitReport(document=document.name, removed=cleaned.removed)
    segmentation = segment_document(make_blocks(paragraphs(cleaned.text)))
    report.dropped.extend(segmentation.dropped)
    shared = _document_facts(document, segmentation.preamble, segmentation.multi)
    segments = list(segmentation.segments)
    if segmentation.multi and prose_words(segmentation.preamble) >= MIN_PREAMBLE_WORDS:
        segments.insert(0, Segment(segmentation.preamble, "main", "text before the first story"))
    elif segmentation.preamble:
        report.dropped.extend(
            (b.text, "introduction or masthead of a multi-story document") for b in segmentation.preamble
        )
    main_segments = [s for s in segments if s.region == "main"]
    for segment in segments:
        # The document's own title, byline and url belong to its one main story (a page's
        # "Related Articles" after it do not change that).
        inherits = segment.region == "main" and len(main_segments) == 1 and segment.why == "whole document"
        story, reason = _story_from_segment(document, segment, shared, inherits, len(report.stories))
        if story is None:
            report.dropped.append((_preview(segment.blocks), reason))
        else:
            report.stories.append(story)
            report.origins.append(segment.why)
    return report


def _preview(blocks: list[Block]) -> str:
    text = " ".join(b.text for b in blocks if b.kind != "marker")
    return text if len(text) <= 100 else text[:97] + "…"


@dataclass
class Facts:
    source: str | None = None
    byline: str | None = None
    published: object = None


def _document_facts(document: Document, preamble: list[Block], multi: bool) -> Facts:
    """What holds for every story of a document: its publication, date and author box."""
    facts = Facts(source=document.source, byline=None, published=document.published)
    if match := AUTHOR_BOX.search(document.text):
        facts.byline = match.group("who").strip()
    if not multi:
        return facts
    names: list[tuple[int, str]] = []
    for block in preamble:
        text = block.title
        if facts.published is None and (date := find_date(text)) and len(text.split()) <= 8:
            facts.published = date
        if (block.kind == "heading" or looks_like_title(text)) and not is_sentence(text):
            name = DATE_PATTERN.sub("", text)
            name = re.sub(_TRAILING_MONTH, "", name, flags=re.I).strip(" –—|:-")
            if 1 <= len(name.split()) <= 6:
                # A masthead is a heading, or at least not an all-caps teaser for another page.
                names.append((0 if block.kind == "heading" else 1 if not name.isupper() else 2, name))
    if facts.source is None and names:
        facts.source = min(names, key=lambda n: n[0])[1]
    return facts


def _story_from_segment(
    document: Document, segment: Segment, shared: Facts, inherits: bool, index: int
) -> tuple[Story | None, str]:
    title = segment.title or (document.title if inherits else None)
    byline = clean_byline(document.byline, document.published) if inherits and document.byline else None
    published = document.published if inherits else None
    source = None
    body: list[Block] = []
    head_zone = True
    for position, block in enumerate(segment.blocks):
        text = block.title
        if head_zone and position < 10:
            # The first line of a story may be a short headline ("Kenya trip").
            shortest = 1 if position == 0 else 3
            if (
                title is None
                and (block.kind == "heading" or looks_like_title(text, shortest))
                and _prose_follows(segment.blocks[position + 1 :])
            ):
                title = _clean_title(text)
                continue
            if title and _same_title(text, title):
                continue
            if byline is None and (match := BYLINE.match(text)):
                byline = clean_byline(match.group("who"))
                published = published or find_date(text)
                continue
            if (date := find_date(text)) and not is_sentence(text) and len(text.split()) <= 8:
                published = published or date
                source = source or _source_beside_date(text)
                continue
            if source is None and (match := SOURCE_LINE.match(text)):
                source = match.group("name").strip()
                continue
            if block.kind == "text" and _looks_like_publication(text, segment.blocks[position + 1 : position + 4]):
                source = source or text.lstrip("•·- ").strip()
                continue
        if block.kind == "text" and is_sentence(block.text):
            head_zone = False
        body.append(block)
    body = clean_body(body)
    words = prose_words(body)
    if segment.region == "post" and segment.title is None and title is None:
        return None, "forum post without a headline: conversation, not a news story"
    needed = 1 if segment.why == "whole document" else MIN_BRIEF_WORDS if title else MIN_PROSE_WORDS
    if words < needed:
        return None, f"too little prose ({words} words)"
    text = "\n\n".join(b.text for b in body)
    title = title or title_from_lead(strip_dateline(text))
    if published is None and body:
        published = find_date(split_dateline(body[0].text)[0])
    return Story(
        id=Story.make_id(document.content_hash, str(index), title),
        title=title,
        url=document.url if inherits else None,
        source=source or shared.source,
        byline=byline or shared.byline,
        published=published or shared.published,  # type: ignore[arg-type]
        teaser=make_teaser(text),
        body=text,
        documents=[document.name],
        section_hint=document.section,
        context="related" if segment.region == "related" else None,
    ), ""


def clean_body(blocks: list[Block]) -> list[Block]:
    """Keep prose, list items and sub-headings over prose; drop lines with no sentence in
    them (captions, labels, OCR debris) and trailing promotion."""
    kept: list[Block] = []
    for position, block in enumerate(blocks):
        if block.kind == "marker":
            continue
        if block.kind == "heading":
            if _prose_follows(blocks[position + 1 :], stop_at_heading=True):
                kept.append(block)
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if is_sentence(block.text):
            kept.append(block)
        elif (
            looks_like_title(block.text)
            and following is not None
            and following.kind == "text"
            and is_sentence(following.text)
        ):
            kept.append(block)  # the title of a short item inside the story
    while kept and (kept[-1].kind == "heading" or not is_sentence(kept[-1].text) or is_promotional(kept[-1].text)):
        kept.pop()
    return kept


def _prose_follows(blocks: list[Block], stop_at_heading: bool = False) -> bool:
    for block in blocks[:6]:
        if block.kind == "text" and is_sentence(block.text):
            return True
        if block.kind == "marker" or (stop_at_heading and block.kind == "heading"):
            return False
    return False


def _source_beside_date(text: str) -> str | None:
    """'Yahoo19-05-2025' or 'Reuters | 19 May 2025': a name glued to or beside the date."""
    name = DATE_PATTERN.sub("", text).strip(" |·,–—-:")
    name = re.sub(r"^(published|updated|posted)\b.*", "", name, flags=re.I).strip()
    return name if 1 <= len(name.split()) <= 4 and name[:1].isupper() and not find_date(name) else None


def _looks_like_publication(text: str, following: list[Block]) -> bool:
    """A short line naming a publication in a story's head ('New York Post', '• Yahoo')."""
    name = text.lstrip("•·- ").strip()
    words = name.split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() for w in words) or is_sentence(name):
        return False
    repeated = any(b.text.lstrip("•·- ").strip() == name for b in following)
    return repeated or bool(_PUBLICATION_WORDS.search(name))


def clean_byline(who: str, published: dt.date | None = None) -> str:
    """'Priya Raman, 21 November 2026' → 'Priya Raman'; 'Du Qiongfang Published: …' → 'Du Qiongfang';
    'By Ann Lee' → 'Ann Lee'; 'Ann Lee; ANN LEE' → 'Ann Lee'; and 'Ann Lee May' → 'Ann Lee' when
    the story is from May (a page's "Ann Lee May 20" read as a name), never 'Theresa May'."""
    who = _BYLINE_TAIL.sub("", who)
    who = DATE_PATTERN.sub("", who)
    who = re.sub(r"^\s*by\s+", "", who, flags=re.I)
    if published is not None and len(who.split()) > 2:
        who = re.sub(rf"\s+{published:%B}\s*$", "", who)
    names: list[str] = []
    for name in re.split(r"\s*;\s*", who):
        name = re.sub(r"\s+", " ", name).strip(" ,.;:|·–—-")
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return "; ".join(names)


def _clean_title(text: str) -> str:
    text = re.sub(r"^\s*\d{1,2}[.)]\s+", "", text).strip(" *_#")
    return re.sub(r"\s+", " ", text)


def _same_title(block: str, title: str | None) -> bool:
    if not title:
        return False

    def normal(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return normal(_clean_title(block)) == normal(title)


__all__ = ["BYLINE_START", "SplitReport", "explain_split", "paragraphs", "split_into_stories"]
