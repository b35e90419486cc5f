"""Briefs under a label: stories without headlines, each a list item ending with its own link
or a paragraph under a linked picture, the label over them only their section's name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.stories.credits import names_line
from digest.stories.features import ONE_LINK_SHARE, Shape, is_body
from digest.stories.framing import has_direct_body
from digest.stories.house import is_house_note
from digest.stories.links import SECTION_LABEL_WORDS, credited_to, is_web_link, reporting_link
from digest.stories.records import LINKED_ITEM_SHARE
from digest.stories.runins import RUNIN_REST, runin_title, without_closing_stop
from digest.stories.segments import Segment
from digest.structure.blocks import PICTURE_STYLE, Block, Link
from digest.structure.references import ends_reporting
from digest.words import word_count

BRIEF_WORDS = 8  # an item this long, with a link of its own, says what is at the link


def briefs_under(blocks: list[Block], start: int, end: int) -> list[list[int]]:
    """The briefs between the label at `start` and `end`, each as its blocks' indices; [] when
    that part of the document is not made of briefs."""
    return (
        [[k] for k in _linked_items(blocks, start, end)]
        or _pictured_paragraphs(blocks, start, end)
        or [[k] for k in _reporting_paragraphs(blocks, start, end)]
    )


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
            and is_web_link(b.links[0].url)
            and b.text.rstrip(" .;)>").endswith(b.links[0].text)  # the item leads to its link
            for b in items
        )
    ):
        return []
    return span


def _pictured_paragraphs(blocks: list[Block], start: int, end: int) -> list[list[int]]:
    """Nothing but two or more linked pictures, each over prose of its own ("[![…](pic)](https://…)"
    / "A headband with a LED matrix hidden inside!"): each picture and its paragraphs a brief. A
    paragraph that ends with its credit ("A tide gauge on an old phone - [Harbour Blog](…) and [Forum](…).")
    is a brief's text however short, and ends it; after two or more such briefs, a linked
    paragraph without a picture is a brief of its own."""
    found: list[list[int]] = []
    closed = False  # the last brief's text ended with its credit
    for k in range(start + 1, end):
        block = blocks[k]
        credited = block.kind == "paragraph" and credited_to(block) is not None
        if block.style == PICTURE_STYLE and block.links:
            found.append([k])
            closed = False
        elif found and not closed and block.kind == "paragraph" and (is_body(block) or credited):
            found[-1].append(k)
            closed = credited
        elif closed and len(found) >= 2 and block.kind == "paragraph" and block.links:
            found.append([k])  # (its own credit or not: it follows the others' run)
        elif block.text:
            return []  # anything else (a sub-heading, a list): not a run of pictured briefs
    pictured = [brief for brief in found if blocks[brief[0]].style == PICTURE_STYLE]
    return found if len(pictured) >= 2 and all(len(brief) > 1 for brief in pictured) else []


def briefs_after(blocks: list[Block], shapes: list[Shape | None], following: list[int], rank: float) -> int:
    """How many headlines with text of their own follow a label, until a candidate as
    prominent as the label; questions (an interview's) are not briefs."""
    count = 0
    for c in following:
        if shapes[c].rank <= rank:  # type: ignore[union-attr]
            break
        if blocks[c].text.rstrip().endswith("?"):
            return 0
        count += has_direct_body(blocks, shapes, c)
    return count


TRAILING_ENTRIES = 3


def trailing_entries(blocks: list[Block], start: int, end: int) -> int | None:
    """Where a story's span ends in three or more paragraphs that each open with a link of their
    own ("[Tool 0.11](…) – what it does.", "[A headline](…) Ann Lee"), after the story's own
    text: a list of briefs its text does not go on into. None when it does not end so."""
    while end > start + 1 and blocks[end - 1].kind == "heading":
        end -= 1  # (a label over the stories after this one)
    first = end
    while first > start + 1 and (not blocks[first - 1].text or _opens_with_link(blocks[first - 1])):
        first -= 1
    entries = [b for b in blocks[first:end] if b.text]
    addresses = {b.links[0].url for b in entries}
    if len(entries) < TRAILING_ENTRIES or len(addresses) < len(entries):
        return None
    own = blocks[start + 1 : first]
    if not any(is_body(b) for b in own) or addresses & {k.url for b in own for k in b.links}:
        return None  # (links the story's text names are its own)
    return first


def _opens_with_link(block: Block) -> bool:
    """A paragraph that starts with a link to somewhere else, its words a name or a headline."""
    if block.kind != "paragraph" or not block.links or not is_web_link(block.links[0].url):
        return False
    return block.text.startswith(block.links[0].text) and word_count(block.links[0].text) >= 1


def linked_entry(block: Block) -> Segment:
    """A paragraph that opens with its link, after a story's text (trailing_entries): the
    link's words its headline, the rest its text ("[Tool 0.11](…) – what it does", "[A
    headline](…) Ann Lee")."""
    link = block.links[0]
    rest = RUNIN_REST.sub("", block.text[len(link.text) :])
    head = block.model_copy(update={"text": link.text, "links": [link]})
    credit = rest if names_line(rest) else None  # "[A headline](…) Ann Lee": its writer
    lead = (
        [block.model_copy(update={"text": rest, "strong": "", "links": block.links[1:]})] if rest and not credit else []
    )
    why = "a paragraph opening with its link, after a story's text"
    return Segment(lead, why, without_closing_stop(link.text), head, headline_only=not lead, byline=credit)


REPORTED_BRIEFS = 3


def _reporting_paragraphs(blocks: list[Block], start: int, end: int) -> list[int]:
    """Under a short label ("Miscellaneous news"), nothing but paragraphs, three or more, each
    with links of its own and most of them reporting their news on a linked verb ("Ann Lee
    [announced](…) version 4 of the pilot app…"): briefs, each paragraph its own news, not one
    story's paragraphs (a headline over them says what the one story is)."""
    if word_count(blocks[start].text) > SECTION_LABEL_WORDS:
        return []  # "Council approves the harbour budget" heads one story told in three paragraphs
    until = next((k for k in range(start + 1, end) if blocks[k].kind == "rule"), end)  # (then a sign-off)
    span = [k for k in range(start + 1, until) if blocks[k].text]
    paragraphs = [blocks[k] for k in span]
    if len(paragraphs) < REPORTED_BRIEFS or not all(
        b.kind == "paragraph" and is_body(b) and any(is_web_link(link.url) for link in b.links) for b in paragraphs
    ):
        return []
    reported = sum(reporting_link(b) is not None for b in paragraphs)
    addresses = [{link.url for link in b.links} for b in paragraphs]
    shared = any(a & b for n, a in enumerate(addresses) for b in addresses[n + 1 :])
    return span if reported * 3 >= len(paragraphs) * 2 and not shared else []


NEWS_ITEMS = 3
_COUNT = re.compile(r"^\d[\d,.]*\s+[a-z]")  # a number of things ("22 bugs"), not "10 Ways to…"


@dataclass(frozen=True)
class NewsItem:
    """An item of a list of news: its block (carrying the item's one link as its headline's
    when the link is only part of its line) and the indices of the paragraphs after it that
    are its text."""

    index: int
    head: Block
    body: list[int]
    whole_line: bool = False  # its whole line is its headline (not a run-in head and its text)

    @property
    def last(self) -> int:
        return self.body[-1] if self.body else self.index


def news_items(blocks: list[Block], start: int, end: int) -> list[NewsItem]:
    """A list of news, each item with a link of its own, at least half of them nothing but
    their link ("* [Released tidecal 0.4](…)"), the others a line of news with its links inside
    ("* Harbour 2.1 will build on [every core](…) by default"); a paragraph right after an item
    is that item's text, up to a rule (a heading left out as debris). The headline is the
    link's words when the item is its link alone, else the item's line. (A list whose items are
    sentences with links inside, none a link alone, is a story's points: one story.)"""
    found: list[list[int]] = []
    closed = False
    for k in range(start + 1, end):
        block = blocks[k]
        if (
            block.kind == "item"
            and not closed
            and block.depth == blocks[start + 1].depth
            and any(is_web_link(link.url) for link in block.links)
        ):
            found.append([k])
        elif found and block.kind == "paragraph" and is_body(block) and not closed:
            found[-1].append(k)
        elif block.kind == "rule" and found:
            closed = True  # the list's last item's text, if any, is above the rule
        elif closed:
            break  # (what follows the rule is not the list's: the caller says it is left out)
        elif block.text:
            return []  # a sub-heading, a nested list, a quote: not a plain list of news
    while found and len(found[-1]) > 1 and _signing_off(blocks[found[-1][-1]].text):
        found[-1].pop()  # "That's all for this week, see you Monday!": the newsletter's, after its list
    items = [blocks[brief[0]] for brief in found]
    if is_tally(items):
        return []
    # (a link on the words that report the news, "The pilots' association published (https://…)
    # its report" in a plain-text part, is a line of news with its link inside, not a link alone)
    link_only = sum(len(b.links) == 1 and b.link_share >= LINKED_ITEM_SHARE and not _reports(b) for b in items)
    if len(items) < NEWS_ITEMS or link_only * 2 < len(items) or link_only == len(items):
        return []  # (items that are all links alone are a label over links: records.linked_items_only)
    return [_news_item(blocks[item[0]], item) for item in found]


def _reports(item: Block) -> bool:
    """Is the item's link on the words that report its news, with the news after them?"""
    return ends_reporting(item.links[0].text) and item.link_share < ONE_LINK_SHARE


def news_groups(blocks: list[Block], candidates: list[int]) -> dict[int, int]:
    """The headings over a list of news, each with where its part ends (the next heading):
    their items are the stories, whatever records their shapes make inside the list."""
    headings = [i for i in candidates if blocks[i].kind == "heading"]
    ends = {i: headings[n + 1] if n + 1 < len(headings) else len(blocks) for n, i in enumerate(headings)}
    return {i: end for i, end in ends.items() if news_items(blocks, i, end) or is_tally(blocks[i + 1 : end])}


def is_tally(blocks: list[Block]) -> bool:
    """Two or more list items, each a number of things ("22 bugs fixed", "90 pull requests
    merged: …"): the week in numbers, not its news."""
    items = [b for b in blocks if b.text]
    return len(items) >= 2 and all(b.kind == "item" and _COUNT.match(b.text) for b in items)


def left_by_news(blocks: list[Block], start: int, end: int, news: list[NewsItem]) -> list[tuple[str, str]]:
    """What a list of news leaves out, with why: its label, and anything past a rule or a
    sign-off after it; or, for a tally, all of it."""
    if not news:
        return [(b.text, "a tally (counts, not news)") for b in blocks[start:end] if b.text]
    after = [
        (b.text, "after a list of news (its sign-off, or past a rule)")
        for b in blocks[news[-1].last + 1 : end]
        if b.text
    ]
    return [(blocks[start].text, "a label over a list of news"), *after]


# "[video] [Headline](…)", "[Headline](…) [pdf]": a note in brackets on what the item's link leads to
_ITEM_NOTE = re.compile(r"\s*[\[(（][^\[\]()（）]{1,12}[\])）]\s*")
_NOTES_AROUND = re.compile(r"^(?:" + _ITEM_NOTE.pattern + r")?(?P<words>.*?)(?:" + _ITEM_NOTE.pattern + r")?$")


def _news_item(head: Block, indices: list[int]) -> NewsItem:
    if len(head.links) == 1 and (link := head.links[0]).text in head.text:
        before, _, after = head.text.partition(link.text)
        words = _NOTES_AROUND.match(link.text).group("words")  # type: ignore[union-attr]  # (a text part links the note too)
        if all(not part.strip() or _ITEM_NOTE.fullmatch(part) for part in (before, after)) and words != head.text:
            # the note is not the headline's
            head = head.model_copy(update={"text": words, "links": [Link(text=words, url=link.url)]})
    if len(head.links) == 1 and head.link_share < LINKED_ITEM_SHARE and _one_line(head):
        # "[Proposal](…) on a shorter review process": the item's one link is its whole line's
        head = head.model_copy(update={"links": [Link(text=head.text, url=head.links[0].url)]})
    # ("Quaykit 3.0 will use [every core](…) by default and [check](…)…": more links, one line)
    whole_line = len(head.links) > 1 and runin_title(head) is not None and _one_line(head)
    return NewsItem(indices[0], head, indices[1:], whole_line)


def _one_line(block: Block) -> bool:
    """The item is one line of news, not a linked head and its description: nothing reads as
    a run-in head, or the words after its first link go on with its sentence ("[Proposal](…)
    on a shorter review process"), without a stop or a dash between them."""
    after = block.text.removeprefix(block.links[0].text) if block.links else ""
    goes_on = after != block.text and re.match(r"\s+(?!(?:by|from|via)\s+[A-Z@])[a-z]", after) is not None
    return runin_title(block) is None or goes_on  # ("[Tool](…) by Ann Lee": a credit, not more words)


# "That's all for this week", "See you next Monday", "Thanks for reading": the goodbye
_FAREWELL = re.compile(
    r"^\W*(?:that'?s (?:all|it)\b|see you\b|until next|till next|thanks? (?:you )?for reading|"
    r"have a (?:great|good|nice|lovely)\b|happy \w+ing\b|bye\b|cheers\b)",
    re.I,
)


def _signing_off(text: str) -> bool:
    return is_house_note(text) or _FAREWELL.match(text.replace("’", "'")) is not None
