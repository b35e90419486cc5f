"""Cutting a document into clean stories: title, byline, date, teaser and body for each."""

from __future__ import annotations

import re
from collections.abc import Iterable

from digest.dates import DATE_PATTERN, find_date
from digest.debris import drop_debris
from digest.models import Document, Story
from digest.teasers import is_sentence, make_teaser, title_from_lead

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
BYLINE = re.compile(
    r"^(?:by|written by|edited by|text by|reporting by|words by|von)\s*[:\-]?\s+(?P<who>[^\n]{2,120})$", re.I
)
_BYLINE_TAIL = re.compile(r"\s+(?:published|updated|posted)\b.*$", re.I)
_DATE_ONLY = re.compile(r"^[\w ,.:|/–-]{0,40}$")


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
            joined = (
                blocks[previous][:-1] + line
                if blocks[previous].endswith("-") and line[:1].islower()
                else blocks[previous] + " " + line
            )
            blocks[previous] = joined
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
    if previous.startswith("#") or line.startswith(("#", "-", "*", "•")):
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
    """The stories a document holds, with debris removed. (One per document for now.)"""
    cleaned = drop_debris(document.text, tuple(drop_patterns), common_lines)
    blocks = paragraphs(cleaned.text)
    story = _story_from_blocks(document, blocks, 0)
    return [story] if story else []


def _story_from_blocks(document: Document, blocks: list[str], index: int) -> Story | None:
    """Read a story's title, byline and date from its first lines; the rest is its body."""
    title = document.title
    byline = document.byline
    published = document.published
    body: list[str] = []
    head_zone = True
    for position, block in enumerate(blocks):
        heading = HEADING.match(block)
        if head_zone and position < 8:
            if heading and title is None:
                title = _clean_title(heading.group(2))
                continue
            if heading and _same_title(heading.group(2), title):
                continue
            byline_match = BYLINE.match(block)
            if byline_match and byline is None:
                byline = clean_byline(byline_match.group("who"))
                published = published or find_date(block)
                continue
            if _DATE_ONLY.match(block) and (date := find_date(block)):
                published = published or date
                continue
            if title is None and not heading and _looks_like_title(block, blocks[position + 1 :]):
                title = _clean_title(block)
                continue
            if title is not None and _same_title(block, title):
                continue  # the title repeated (saved pages often repeat it)
        if heading:
            body.append(block)
            continue
        head_zone = head_zone and not is_sentence(block)
        body.append(block)
    prose = [b for b in body if not b.startswith("#")]
    if not prose:
        return None
    text = "\n\n".join(body)
    title = title or title_from_lead(text)
    return Story(
        id=Story.make_id(document.content_hash, str(index)),
        title=title,
        url=document.url,
        source=document.source,
        byline=byline,
        published=published,
        teaser=make_teaser(text),
        body=text,
        documents=[document.name],
        section_hint=document.section,
    )


def clean_byline(who: str) -> str:
    """'Priya Raman, 21 November 2026' → 'Priya Raman'; 'Du Qiongfang Published: …' → 'Du Qiongfang'."""
    who = _BYLINE_TAIL.sub("", who)
    who = DATE_PATTERN.sub("", who)
    return re.sub(r"\s+", " ", who).strip(" ,.;:|·–—-")


def _looks_like_title(block: str, following: list[str]) -> bool:
    """A short line that does not read as a sentence, followed by prose."""
    words = block.split()
    if not 2 <= len(words) <= 20 or len(block) > 160:
        return False
    if re.search(r"[.,;]$", block) and not block.endswith("..."):
        return False
    return any(is_sentence(b) for b in following[:3])


def _clean_title(text: str) -> str:
    text = re.sub(r"^\s*\d{1,2}[.)]\s+", "", text).strip(" *_#")
    return re.sub(r"\s+", " ", text)


def _same_title(block: str, title: str | None) -> bool:
    if not title:
        return False
    normal = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return normal(_clean_title(block)) == normal(title)
