"""From a segment to a Story: its title, byline, date, source, link, body and teaser.

The head of a segment (the few blocks after its headline, before the prose) holds its facts:
"By …" lines, a date line, a publication's name beside the date or on a line of its own.
The body keeps prose, list items and sub-headings over prose; lines with no sentence in them
(captions, labels) and trailing promotion go.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from digest.stories.credits import announced_by, credit_line, names_line, sender_line, sender_named
from digest.stories.dates import find_date, is_timestamp
from digest.stories.features import is_body, is_meta, leads_into_list, shape
from digest.stories.heads import (
    SOURCE_LINE,
    Facts,
    clean_byline,
    looks_like_publication,
    source_beside_date,
    split_byline,
    without_date,
)
from digest.stories.house import is_house_note, is_promotional
from digest.stories.links import (
    bare_link,
    closing_link,
    closing_reference,
    credited_to,
    headline_link,
    is_web_link,
    more_link,
    named_link,
    reported_link,
    slug_link,
    subject_link,
    written_address,
)
from digest.stories.offers import without_more_link
from digest.stories.runins import BYLINE, BYLINE_SENTENCE
from digest.stories.segments import Segment
from digest.stories.spans import without_previews
from digest.stories.teasers import (
    is_sentence,
    make_teaser,
    recased,
    split_dateline,
    strip_dateline,
    title_from_lead,
)
from digest.stories.titles import (
    clean_title,
    described_name,
    headline_words,
    linked_site,
    same_title,
    site_after,
    subject_title,
    title_and_writer,
)
from digest.structure.blocks import PICTURE_STYLE, Block
from digest.words import word_count

MIN_TITLED_WORDS = 5  # a headline over at least a sentence of text
MIN_UNTITLED_WORDS = 25
HEAD_BLOCKS = 10
MAX_DEK_WORDS = 30


@dataclass
class Assembled:
    title: str
    url: str | None
    source: str | None
    byline: str | None
    published: dt.date | None
    body: str
    teaser: str
    left_out: list[str] = field(default_factory=list)  # lines of the segment that are not story text


def assemble(segment: Segment, facts: Facts, whole: bool, written: bool = False) -> tuple[Assembled | None, str]:
    """The story a segment holds, or None and the reason it is not one. A `whole` segment is
    the document's (or message's) only story and inherits its title, link and byline; a
    `written` one is a message's text, whose short lines are its writer's, not captions."""
    heading, writer = (
        title_and_writer(headline_words(segment.title, segment.title_block)) if segment.title else (None, None)
    )
    title = clean_title(heading) if heading else (subject_title(facts.title) if whole and facts.title else None)
    url = headline_link(segment.title_block) if segment.title_block is not None else None
    byline = clean_byline(facts.byline, facts.published) if whole and facts.byline else None
    byline = byline or (clean_byline(segment.byline) if segment.byline else writer)
    published = facts.published if whole else None
    # "Headline | Harbour Times", "[Headline - Harbour Times](harbourtimes.com/…)": the site is the source
    source = segment.source or (site_after(heading) if heading else None)
    source = source or (linked_site(segment.title, segment.title_block) if segment.title else None)
    body: list[Block] = []
    head_zone = True
    blocks = without_previews(segment.blocks)
    for position, block in enumerate(blocks):
        text = block.text
        if head_zone and position < HEAD_BLOCKS and block.kind != "rule":
            if (
                title is None
                and (block.kind == "heading" or shape(block) is not None)
                and _prose_follows(blocks[position + 1 :])
            ):
                title = clean_title(text)
                url = url or headline_link(block)
                continue
            if title and same_title(text, title):
                url = url or headline_link(block)  # the page's own headline, linked to the page
                continue
            if url is None and title and (address := bare_link(block)):
                url = address  # "Headline / https://… / text": a plain-text link list's record
                continue
            if block.style == PICTURE_STYLE:
                url = url or (block.links[0].url if block.links else None)
                continue  # a picture over the story's text, linked to the story: its link, not its text
            if byline is None and whole and sender_named(text, facts.source):
                byline = text  # "Ann Lee" under the headline of a post from "Ann Lee from Harbour Notes"
                continue
            if byline is None and (match := BYLINE.match(text) or BYLINE_SENTENCE.match(text)):
                who, rest = split_byline(match.group("who"))
                byline = clean_byline(who)
                published = published or find_date(text)
                if rest:  # "By Ann Lee. The text begins here…": the byline runs into the story
                    body.append(block.model_copy(update={"text": rest, "strong": "", "links": block.links}))
                    head_zone = False
                continue
            if byline is None and (writer := announced_by(block)):
                byline = clean_byline(writer)  # "Ann Lee announced" over her message
                continue
            if byline is None and (sender := sender_line(text)):
                byline = sender  # "Ann Lee <ann@…> Sep 28 12:03AM" over a message of a digest
                continue
            if byline is None and (credit := credit_line(text)):
                byline, source = credit[0], source or credit[1]  # "Ann Lee in Coastal Review · 6 min read"
                published = published or find_date(text)
                continue
            if byline is None and title and position == 0 and names_line(text) and re.search(r",|\band\b|&", text):
                byline = text  # "Anna Berg, Jonas Holm, Priya Nair" under a paper's title
                continue
            if (date := find_date(text)) and not is_sentence(text) and word_count(text) <= 8:
                published = published or date
                beside = source_beside_date(text)
                if beside and facts.byline and same_title(beside, facts.byline):
                    byline = byline or beside  # "Ann Lee · Dec 2, 2026" by the page's author: who, not where
                else:
                    source = source or beside
                continue
            if source is None and (match := SOURCE_LINE.match(text)):
                if text[:4].lower() == "from" and _beside_date_header(blocks, position):
                    byline = byline or clean_byline(match.group("name"))  # a message's From: is its writer
                else:
                    source = match.group("name").strip()
                continue
            if (
                block.kind == "paragraph"
                and not block.links
                and looks_like_publication(text, blocks[position + 1 : position + 4])
            ):
                source = source or text.lstrip("•·- ").strip()
                continue
        dek = position <= 2 and (_is_dek(text) or _over_byline(text, blocks[position + 1 : position + 2]))
        if is_body(block) and not dek:
            head_zone = False  # a dek under the headline is still its head: the byline may follow
        elif byline is None and position < HEAD_BLOCKS and (writer := announced_by(block)):
            byline = clean_byline(writer)  # "Quaykit — a tide tool. / Ann Lee reports / > …": after its tagline
            continue
        body.append(block)
    tail_source, tail_date = _source_at_the_end(body)
    source, published = source or tail_source, published or tail_date
    if url is None:
        # (an address that names the headline — "gull-counter" and …/mia/gull-counter — before
        # the first link line under the text, which may be the story's discussion)
        url = more_link(body) or (bare_link(body[-1]) if body and title else None)
        url = url or (slug_link(title, body) if title and not whole else None) or closing_link(body)
    if url is None and whole and len(lines := [a for b in body if (a := bare_link(b))]) == 1:
        url = lines[0]  # a message's or note's one address on a line of its own
    kept = clean_body(body, written)
    if whole and not kept:
        # a short post or note is its own story, however little it says
        kept = [b for b in body if b.kind in ("paragraph", "item") and b.text]
    count = sum(word_count(b.text) for b in kept if b.kind != "heading")
    addresses = {link.url for b in kept for link in b.links if is_web_link(link.url)}
    if not whole and title is None and url is None:
        # an item written as a paragraph around its one link: that link is its own; of several,
        # the one on the verb that reports its news ("Ann Lee [announced](…) version 4 of …")
        url = addresses.pop() if len(addresses) == 1 else reported_link(kept)
    needed = 1 if whole else MIN_TITLED_WORDS if title or url or segment.source else MIN_UNTITLED_WORDS
    entry = bool(title) and (segment.headline_only or (not whole and count < needed and bool(segment.blocks)))
    # (only for an entry: the few words under it, read once per block)
    words = [_without_more_link(b) for b in body] if entry else []
    # (a headline-only record's dek, "A harbour pilot on the numbers no app can replace", too,
    # and the phrase a run-in entry goes on with: "[Title](…): Most people seem happy with it")
    short = " ".join(
        b.text if b.kind == "heading" else _as_text(b)
        for n, b in enumerate(words)
        if not is_meta(b)
        and (
            _short_sentence(b.text)
            or ((segment.headline_only or (n == 0 and url)) and _is_dek(b.text) and word_count(b.text) >= 3)
        )
    )
    # (a headline over a full credit line, "Ann Lee, Harbour Times | May 3", is a record too)
    if title and entry and (segment.headline_only or url or short or (byline and source)):
        # a linked headline under which stands only its byline, a date or a few words ("[tidecal](…)
        # — A tide calendar.", "**Strip 27** — By Ann. The latest strip."): an entry of the list,
        # shown in the short list; its few words are its teaser, and the rest is said to be left out
        unused = [b.text for b in body if b.text and b.text not in short and not is_meta(b)]
        if published is None and segment.title_block is not None and len(segment.title_block.links) == 1:
            # "[Headline](…) - 2026-03-05": the date beside the link is the entry's
            beside = segment.title_block.text.replace(segment.title_block.links[0].text, "", 1)
            published = find_date(beside) if word_count(beside) <= 6 else None
        return (
            Assembled(
                recased(title, short, facts.cased),
                url,
                source or facts.source,
                byline,
                published or facts.published,
                short,
                short,
                left_out=unused,
            ),
            "",
        )
    if count < needed:
        return None, f"too little text ({count} words)"
    if not whole and url is None and (subject := subject_link(segment.title_block, kept)) is not None:
        (title, url), kept = (subject[0].text, subject[0].url), subject[1]
    if not whole and url is None and title:
        url = named_link(title, kept) or written_address(body[:1]) or closing_reference(kept) or reported_link(kept)
    text = "\n\n".join(_as_text(_without_more_link(b)) for b in kept)
    if title and is_timestamp(title):
        # a post under its time ("[Thursday @ 9:28 PM](…)"): the time dates it, its words title it
        published, title = published or find_date(title), None
    if title is None and kept and (credited := credited_to(kept[0])) is not None:
        # "How to build a tide gauge - [Harbour Makers](…).": its lead names where it comes from
        lead, named = credited
        title, source = described_name(lead) or title_from_lead(lead), source or named
    title = recased(title or title_from_lead(strip_dateline(text)), text, facts.cased)
    if published is None and kept:
        published = find_date(split_dateline(kept[0].text)[0])
    url = url or (facts.url if whole else None)
    return Assembled(
        title=title,
        url=url,
        source=source or facts.source,
        # the newsletter's writer wrote its own stories, not the pages its linked headlines point to
        byline=byline or (facts.byline if not whole and url is None else None),
        published=published or facts.published,
        body=text,
        # a code sample is the story's, but no teaser: "Reads and writes xlsx files. Example:" is
        teaser=make_teaser("\n\n".join(_as_text(_without_more_link(b)) for b in kept if b.style != "md:code") or text),
        left_out=[b.text for b in body if b.text and all(b is not k for k in kept)],
    ), ""


def _as_text(block: Block) -> str:
    if block.kind == "heading":
        return "#" * max(1, block.level) + " " + block.text
    if block.kind == "item":
        return "- " + block.text
    return block.text


def clean_body(blocks: list[Block], written: bool = False) -> list[Block]:
    """Keep prose, list items and sub-headings over prose; drop lines with no sentence in them
    (captions, labels, OCR debris) and trailing promotion. In a `written` message every line
    of two words or more is kept ("5 months old, hardly used.", "Make an offer.")."""
    kept: list[Block] = []
    announced = False  # inside the list a lead-in announced ("Here are this week's proposals:")
    listed: set[int] = set()  # such lead-ins and their lists: the story's text, wherever they stand
    for position, block in enumerate(blocks):
        announced = announced and block.kind == "item"
        if block.kind in ("marker", "rule", "message"):
            continue
        if block.kind == "heading":
            if _prose_follows(blocks[position + 1 :], stop_at_heading=True):
                kept.append(block)
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        lead_in = leads_into_list(block, following)
        if (
            (written and _written_line(block))
            or is_body(block)
            or (block.kind == "item" and word_count(block.text) >= 3 and not block.link_share >= 0.9)
            or lead_in
            or (announced and word_count(block.text) >= 2)
        ):
            kept.append(block)
            if announced or lead_in:
                announced = True
                listed.add(id(block))
        elif shape(block) is not None and following is not None and is_body(following) and not is_meta(block):
            kept.append(block)  # the title of a short item inside the story
    lead = next((i for i, b in enumerate(kept) if is_body(b)), None)
    if lead is None:
        return []
    while (
        len(kept) > lead + 1
        and id(kept[-1]) not in listed
        and (
            kept[-1].kind == "heading"
            or not (is_body(kept[-1]) or (written and _written_line(kept[-1])))
            or _trailing_promotion(kept[-1].text)
        )
    ):
        kept.pop()  # trailing promotion goes; the lead stays
    return kept


def _written_line(block: Block) -> bool:
    return (
        block.kind in ("paragraph", "item")
        and word_count(block.text) >= 2
        and block.link_share < 0.9
        and not is_meta(block)
    )


def _source_at_the_end(body: list[Block]) -> tuple[str | None, dt.date | None]:
    """A clipping's closing "Source: Porthaven Echo, 3 December 2026" line (above or below its
    address): the source and date it gives, the line taken out of the body."""
    tail = len(body)
    while tail and (bare_link(body[tail - 1]) or SOURCE_LINE.match(body[tail - 1].text)):
        tail -= 1
    source: str | None = None
    published: dt.date | None = None
    for block in body[tail:]:
        if (match := SOURCE_LINE.match(block.text)) and not is_sentence(block.text):
            source, published = source or without_date(match.group("name")), published or find_date(block.text)
            body.remove(block)
    return source, published


def _beside_date_header(blocks: list[Block], position: int) -> bool:
    """Is a "From:" line one of a message's header lines (a "Date:" line next to it)?"""
    return any(b.text[:5].lower() == "date:" for b in blocks[max(0, position - 1) : position + 2])


def _over_byline(text: str, following: list[Block]) -> bool:
    """A sentence of a dek's length right over the byline ("The late ferry runs again from
    Monday. / By Ann Lee"): the headline's dek, written as a sentence."""
    return word_count(text) <= MAX_DEK_WORDS and bool(following) and BYLINE.match(following[0].text) is not None


def _is_dek(text: str) -> bool:
    """A subtitle under a headline: a phrase that does not end like a sentence."""
    return word_count(text) <= MAX_DEK_WORDS and not re.search(r"[.!?…\"”’]\s*$", text)


PROMOTION_WORDS = 20  # "we" and "you" in a longer paragraph is an essay talking to its readers


def _trailing_promotion(text: str) -> bool:
    """The paragraph a story ends with is the publisher's: about the newsletter itself, or a
    short appeal in "we" and "you" ("Thanks for reading! We'll be back next week.")."""
    return is_house_note(text) or (is_promotional(text) and word_count(text) <= PROMOTION_WORDS)


def _prose_follows(blocks: list[Block], stop_at_heading: bool = False) -> bool:
    for block in blocks[:6]:
        if is_body(block):
            return True
        if block.kind in ("marker", "rule") or (stop_at_heading and block.kind == "heading"):
            return False
    return False


def _without_more_link(block: Block) -> Block:
    text = without_more_link(block)
    return block if text == block.text else block.model_copy(update={"text": text})


def _short_sentence(text: str) -> bool:
    """A few words that end like a sentence: a tool's one-line description, not a label."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return is_sentence(text) and len(text) < MIN_TITLED_WORDS * 6  # a word in a character or two
    return 3 <= word_count(text) < MIN_TITLED_WORDS * 3 and text.rstrip().endswith((".", "!", "?"))
