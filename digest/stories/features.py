"""What the splitter knows about each block: is it prose, could it be a headline, and if so,
of which *shape* — the key under which repeated headlines are grouped.

A headline candidate's shape is how the source marks it: a heading of some level, a line that
is wholly bold or wholly one link, a run-in bold title ("**Title**—text"), a numbered or
all-caps line, or just a short line before prose. Candidates of one shape, repeated over
bodies of text, are a newsletter's records; how prominent a shape is (its *rank*) says which
shape holds which: a story under a heading, sub-headings under a story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.stories.credits import announced_by, credit_line, sender_line, tally_line
from digest.stories.dates import DATE_PATTERN, find_date, is_timestamp
from digest.stories.offers import MORE_LINK, READ_LINK, without_more_link
from digest.stories.runins import (
    BYLINE,
    QUESTION_WORDS,
    dated_entry,
    headline_cased,
    headline_text,
    link_note,
    link_tag,
    runin_title,
    title_case,
)
from digest.stories.teasers import cut_short, is_sentence
from digest.structure.blocks import PICTURE_STYLE, Block
from digest.words import ENUMERATOR, word_count

# a masthead names the issue: "Quay Weekly - Issue 612", "Vol. 7, No. 83", "Digest #103", and in
# other languages "Hafenbrief Nr. 14", "Boletín número 12", "Lettre n° 8", "第 50 期"
# ("number 1" or "No. 1 seed" in a headline is not one)
ISSUE_NUMBER = re.compile(
    r"\b(?:issue|edition|week|vol\.?|volume|ausgabe|nr\.|n[°º]|num[ée]ro|número|édition|edición|edizione|uitgave)"
    r"\s*(?:#|no\.?)?\s*\d+\b|(?<!\w)#\d+\b|第\s*\d+\s*[期号號]|(?<!\d)\d+\s*期",
    re.I,
)
# A link that asks the reader to do something is not a headline of its own.
CALL_TO_ACTION = re.compile(
    r"^\W*(click|tap|sign ?up|subscribe|register|log ?in|download|watch|listen|follow us|join|donate|view|"
    r"see all|get the|shop|buy|order|try)\b",
    re.I,
)

# Ranks: lower is more prominent. Headings by level; then marked lines; then list items;
# then plain short lines.
RUNIN_RANK = 6.5  # a headline running into its own text: a list's record, enclosed only by a heading
MARKED_RANK = 7  # bold, a link, a number or capitals
STYLED_RANK = 8  # set apart by size or colour only (see looks.with_styled_lines)
ITEM_RANK = 9
LINE_RANK = 10

HEADING_WORDS = 30  # longer, a heading is a paragraph set in a heading's type
# a heading that is all one link names the page it links to, however long that page's own title
# and description run ("owner/project — The largest collection of …, and more")
LINKED_HEADING_WORDS = 80
LINKED_SENTENCE_WORDS = 10
ONE_LINK_SHARE = 0.85  # a line whose words are (almost) all one link's: that link, not a sentence


@dataclass(frozen=True)
class Shape:
    """A headline candidate's shape: the key repeated records share, and its prominence."""

    key: tuple[str, ...]
    rank: float
    strength: int  # how much the source marked it: 3 heading, 2 bold/link/numbered/caps, 1 plain


def is_meta(block: Block) -> bool:
    """A byline, a date line, or a "read more" link: part of a story's head or tail, never a
    headline of its own nor its body."""
    text = block.text
    if BYLINE.match(text) or announced_by(block):
        return True
    if word_count(text) <= 8 and (date := DATE_PATTERN.search(text)) and find_date(date.group(0)):
        return not dated_entry(block)  # "2025-10-14 [The Fall of the Old Pier](…)": an entry, dated
    if credit_line(text) or tally_line(text) or sender_line(text):
        return True  # "Ann Lee in Coastal Review · 6 min read", "412 upvotes · 87 comments"
    if not block.links:
        return False
    if block.link_share >= 0.8:
        return bool(MORE_LINK.match(text) or READ_LINK.match(text))
    # "Read more" written out before its address: "Read more: https://…"
    label = re.sub(r"https?://\S+", "", text).strip(" :<>()[]")
    return label != text and bool(MORE_LINK.match(label))


def leads_into_list(block: Block, following: Block | None) -> bool:
    """ "It received some updates. Among the new features:" over a list: the list's lead-in,
    which the list goes with."""
    return (
        block.kind == "paragraph"
        and block.text.rstrip().endswith(":")
        and word_count(block.text) >= 4
        and following is not None
        and following.kind == "item"
    )


def is_body(block: Block) -> bool:
    """Text a story is made of: a sentence, a paragraph, or a description of several words
    written as prose (not Title Case)."""
    if block.kind not in ("paragraph", "item") or is_meta(block):
        return False
    text = block.text
    if block.link_share >= 0.9 and word_count(text) < 12:
        return False  # a link alone is a pointer, not text
    text = without_more_link(block)  # "… three weeks early. More →": the sentence is the text
    if is_sentence(text):
        return True
    count = word_count(text)
    if block.kind == "item" and count >= 4 and block.link_share < 0.5:
        return True  # a list of points is text ("The deadline applies to: - returns - payments")
    return (count >= 12 and not title_case(text)) or cut_short(text)


def shape(block: Block) -> Shape | None:
    """The block's shape as a headline candidate, or None when it cannot be a headline."""
    text = block.text
    if block.kind == "heading":
        linked = bool(block.links) and len(block.links[0].text) >= ONE_LINK_SHARE * len(text)
        if 1 <= word_count(text) <= (LINKED_HEADING_WORDS if linked else HEADING_WORDS) and not is_meta(block):
            return Shape(("h", str(block.level)), block.level, 3)
        return None
    if block.kind not in ("paragraph", "item") or block.style == PICTURE_STYLE:
        return None  # a picture's alt text is no headline
    permalink = len(block.links) == 1 and block.link_share >= ONE_LINK_SHARE and is_timestamp(block.links[0].text)
    if is_meta(block) and not permalink:
        return None  # a date line is a story's head; a linked time over a post is that post's headline
    kind = "i" if block.kind == "item" else "p"
    if runin_title(block):
        return Shape(("runin", kind, block.style), RUNIN_RANK, 2)
    text = ENUMERATOR.sub("", text, count=1)  # "1、[Headline](…)": the number is the list's, not the headline's
    text = text.removeprefix(link_tag(block) or "")  # "[podcast] [Headline](…)": the tag is the list's too
    if dated_entry(block):
        text = block.links[0].text  # "2025-10-14 [Headline](…)": the date is the entry's, not the headline's
    whole_link = len(block.links) == 1 and len(block.links[0].text) >= ONE_LINK_SHARE * len(text)
    if (
        whole_link
        and block.kind == "paragraph"
        and block.style.startswith("text")
        and word_count(text) >= LINKED_SENTENCE_WORDS
        and text.rstrip().endswith((".", "!"))  # (a linked question is a headline: a poll's)
        and is_sentence(text)
    ):
        # a text browser's "[5]@ann is calling for testers, and the fix is due on Monday!": a
        # marker tells where a link starts, not where it ends, and a sentence this long is text
        # whose first words are linked, not a headline
        whole_link = False
    if link_note(block) is not None:
        text, whole_link = block.links[0].text, True  # "[Headline](…) (PDF)": a note on where the link leads
    if (
        whole_link
        and text.startswith(block.links[0].text)
        and re.fullmatch(r"[\s.]*", text[len(block.links[0].text) :])
    ):
        text = block.links[0].text  # "[Headline](url)." — the full stop closes the item, not a sentence
        if kind == "i":
            text = text.rstrip(".")  # "- [Bindings for X: parsing and writing feeds.](url)": an entry all the same
    if not headline_text(text) or (not whole_link and text[:1] in '"“' and text[-1:] in '"”'):
        return None  # (a quotation alone on its line is someone's words, not a headline)
    if (block.strong == text or whole_link) and not ENUMERATOR.match(block.text):
        look = "link" if whole_link else "bold"
        return Shape((look, kind, block.style), MARKED_RANK if kind == "p" else ITEM_RANK, 2)
    if block.style.endswith((":numbered", ":caps")) or ENUMERATOR.match(block.text):
        return Shape(("mark", kind, block.style), MARKED_RANK, 2)
    headline_sentences = text.endswith(".") and headline_cased(text)  # "The Market Reopened. Nobody Told the Gulls."
    if is_sentence(text) and not (text.endswith("?") and word_count(text) <= QUESTION_WORDS) and not headline_sentences:
        return None  # an unmarked line that reads as prose is prose (a short question is a headline's)
    if cut_short(text):
        return None  # "The president's biographer explains...": a teaser, not a headline
    names = text.split()
    if len(names) <= 3 and all(w[:1].isupper() for w in names) and ":" not in text and not text.isupper():
        return None  # a bare name ("New York Post") is a source or a person, not a headline
    return Shape(("line", kind, block.style), ITEM_RANK if kind == "i" else LINE_RANK, 1)


def describe(shape_: Shape) -> str:
    look = shape_.key[0]
    return {
        "h": f"heading (level {shape_.key[1]})",
        "runin": "bold run-in headline",
        "link": "linked headline",
        "bold": "bold headline",
        "mark": "numbered or capitalised headline",
        "line": "short headline line",
        "styled": "headline in its own size or colour",
    }.get(look, look)


def container_key(shape_: Shape) -> tuple[str, ...]:
    """A shape's key without the look of its words: a short item is mostly its bold link."""
    return (*shape_.key[:-1], shape_.key[-1].partition("|")[0])
