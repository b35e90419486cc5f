"""Is a document one article? Its title over its sections, or one interview's questions: then
there is one story, not one per section.

The segmenter (segment.py) has found candidate story starts under headings or headline-shaped
lines; an essay's sub-headings, a how-to's steps and a Q&A's questions look like such starts.
What tells them apart from a newsletter's stories: the sections link nowhere, the title names
no periodical, a lead (or a byline) stands under it, and the sub-headings are short.
"""

from __future__ import annotations

from digest.stories.credits import credit_line
from digest.stories.dates import find_date, is_timestamp
from digest.stories.features import ISSUE_NUMBER, Shape, is_body
from digest.stories.framing import PERIODICAL, names_a_newsletter
from digest.stories.runins import BYLINE
from digest.structure.blocks import Block
from digest.words import folded_words, word_count

ARTICLE_SECTION_WORDS = 60  # a document title over sections this long and short headings: one article
POST_SECTION_WORDS = 15  # … when the title is the document's own (front matter, a page's metadata)


def one_article(
    blocks: list[Block], shapes: list[Shape | None], starts: list[int], title: str | None, signed: bool = False
) -> bool:
    """One heading opens the document and is its most prominent (or the document's own title,
    from its metadata, stands above it all: a blog post clipped as markdown); the stories found
    under it are headings with few words over long sections: the sections of one article."""
    first = next((i for i, s in enumerate(shapes) if s is not None), None)
    plain = False  # the first line is a plain text's title over its sections' lines
    opening = first is not None and blocks[first].kind == "heading" and not any(is_body(b) for b in blocks[:first])
    if opening and names_a_newsletter(blocks[first].text):  # type: ignore[index]
        return False  # "# This Week on the Quay": a newsletter's masthead, whatever its e-mail's subject says
    if title and not (
        PERIODICAL.search(title)
        or find_date(title)
        or ISSUE_NUMBER.search(title)
        or (opening and _first_of_peers(blocks, shapes, first, title))
    ):
        first = -1  # the title heads the document; the headings below are its sections
    elif first is None or any(is_body(b) for b in blocks[:first]):
        return False
    elif blocks[first].kind != "heading" and not _signed_alone(blocks, first, starts):
        # a plain text's title is a line like its sub-headings: only a byline under it and under
        # none of the others says they are one article's sections (a clipped essay)
        return False
    else:
        plain = blocks[first].kind != "heading"  # (and signed alone)
        top = shapes[first].rank  # type: ignore[union-attr]
        if any(s is not None and s.rank <= top for s in shapes[first + 1 :]):
            # headings all alike (a plain-text part writes every heading the same way): the first
            # is still the article's own when a lead follows it and the rest head lists of points
            # or head an essay's sections of prose (under a byline or a lead, linking nowhere)
            rest = [s for s in starts if s > first]
            spans = _spans(blocks, rest)
            essay = bool(rest) and not any(blocks[s].links for s in starts)  # (a list's headlines link out)
            return (starts[:1] == [first] or plain) and (
                _points_article(blocks, first, rest)
                or (essay and _essay_lead(blocks, first, rest, spans, title, signed or plain))
            )
    if not all((blocks[s].kind == "heading" or plain) and s > first for s in starts):
        return False
    spans = _spans(blocks, starts)
    linked = sum(any(b.kind == "item" and b.link_share >= 0.5 for b in span) for span in spans)
    if linked >= 2 and linked * 2 >= len(spans):
        return False  # most sections carry their own lists of links: a newsletter's stories, not an essay's parts
    if _points_article(blocks, first, starts):
        return True
    title_words = sorted(word_count(blocks[s].text) for s in starts)
    if _essay_lead(blocks, first, starts, spans, title, signed or plain):
        return True
    section_words = sorted(sum(word_count(b.text) for b in span if is_body(b)) for span in spans)
    # under a title from the metadata, a post's short sections are still sections
    needed = POST_SECTION_WORDS if first == -1 else ARTICLE_SECTION_WORDS
    return title_words[len(title_words) // 2] < 5 and section_words[len(section_words) // 2] >= needed


def _first_of_peers(blocks: list[Block], shapes: list[Shape | None], first: int | None, title: str) -> bool:
    """Is the title only the words of the first heading, which has peers as prominent below
    it (a page titled by its first part's heading, as a mailing tool does)? Then it heads that
    part, not the document."""
    if first is None or folded_words(blocks[first].text) != folded_words(title):
        return False
    top = shapes[first].rank  # type: ignore[union-attr]
    return any(s is not None and s.rank <= top for s in shapes[first + 1 :])


def _signed_alone(blocks: list[Block], first: int, starts: list[int]) -> bool:
    """A byline or a date line under the document's first line, and no byline, credit or date
    under the starts below it."""
    below = [s for s in starts if s > first]
    if not below or len(below) != len(starts) - (first in starts):
        return False  # (a start above the first line)
    [title, *sections] = _spans(blocks, [first, *below])
    dated = any(is_timestamp(b.text) and find_date(b.text) for b in title[:2])  # a clipped article's date line
    # (a credit line of any kind under a section's line makes it a record: "Harbour News · 2 min")
    return (dated or any(_signs(b) for b in title[:3])) and not any(
        _byline(b) or credit_line(b.text.strip(" *_")) or is_timestamp(b.text) for span in sections for b in span[:3]
    )


def _byline(block: Block) -> bool:
    return bool(BYLINE.match(block.text.strip(" *_")))  # "By Ann Lee", "*By Ann Lee*"


def _signs(block: Block) -> bool:
    """A byline ("By Ann Lee") or a credit line naming a writer ("Ann Lee | 2 March | 6 min read")."""
    return _byline(block) or bool((credit := credit_line(block.text.strip(" *_"))) and credit[0])


def _spans(blocks: list[Block], starts: list[int]) -> list[list[Block]]:
    """What stands under each start, up to the next."""
    return [blocks[s + 1 : ([*starts, len(blocks)])[n + 1]] for n, s in enumerate(starts)]


LEAD_WORDS = 15  # a lead paragraph under an article's headline, not a newsletter's welcome line
ESSAY_LEAD_WORDS = 50


def _essay_lead(
    blocks: list[Block], first: int, starts: list[int], spans: list[list[Block]], title: str | None, signed: bool
) -> bool:
    """A headline that names no periodical over paragraphs of prose (or a byline and a lead)
    before the first sub-heading, and sections that link nowhere: an essay's argument under
    its sub-headings, however long they are (a newsletter's welcome is a line or two; its
    stories link out)."""
    heading = title if first == -1 else blocks[first].text
    if not heading or PERIODICAL.search(heading) or find_date(heading) or ISSUE_NUMBER.search(heading):
        return False
    lead = blocks[first + 1 : starts[0]]
    prose = [b for b in lead if is_body(b) and b.kind == "paragraph"]
    words = sum(word_count(b.text) for b in prose)
    # a byline under the headline (or the writer named in its metadata: a clipped post) says it
    # is an article's, not a masthead: its lead may be short
    signed = signed or any(_byline(b) for b in lead)
    if not (len(prose) >= 2 and words >= ESSAY_LEAD_WORDS) and not (signed and words >= LEAD_WORDS):
        return False
    if len(spans) > 1 and all(b.kind == "item" for b in spans[-1] if b.text):
        spans = spans[:-1]  # a closing list ("Further reading"): the essay's references, not a story
    return not any(b.links for span in spans for b in span if is_body(b))


def _points_article(blocks: list[Block], first: int, starts: list[int]) -> bool:
    """Short headings over lists of unlinked points under a headline with a lead: one article."""
    if len(starts) < 2 or not all(blocks[s].kind == "heading" for s in starts):
        return False
    spans = _spans(blocks, starts)
    title_words = sorted(word_count(blocks[s].text) for s in starts)
    return title_words[len(title_words) // 2] < 5 and _points_under_a_headline(blocks, first, starts, spans)


def _points_under_a_headline(blocks: list[Block], first: int, starts: list[int], spans: list[list[Block]]) -> bool:
    """A headline that names no periodical, a lead paragraph under it, and sections most of
    which are lists of unlinked points ("## Before the lift" over "- Change the oil…"): a how-to
    or a list article, however short its sections; a newsletter's stories are prose or links."""
    if first >= 0 and (PERIODICAL.search(blocks[first].text) or find_date(blocks[first].text)):
        return False
    lead = blocks[first + 1 : starts[0]] if first >= 0 else blocks[: starts[0]]
    if not any(is_body(b) and b.kind == "paragraph" and word_count(b.text) >= LEAD_WORDS for b in lead):
        return False
    points = sum(
        bool(texts := [b for b in span if b.text]) and all(b.kind == "item" and not b.links for b in texts)
        for span in spans
    )
    return points * 3 >= 2 * len(spans)


INTERVIEW_QUESTIONS = 3  # news headlines are sometimes questions; a run of answered questions is an interview


def is_interview(blocks: list[Block], starts: list[int]) -> bool:
    """Every "headline" found is a question with its answer under it: the questions of one
    interview, Q&A column or FAQ, under the document's title, not stories of their own."""
    return len(starts) >= INTERVIEW_QUESTIONS and all(blocks[s].text.rstrip(" *_").endswith("?") for s in starts)
