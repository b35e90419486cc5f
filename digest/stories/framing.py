"""What frames a document's stories: a masthead above them, labels over sections, and where
the last story ends.

The segmenter (segment.py) finds candidate story starts; these checks decide whether the
first start is really the newsletter's name, whether the line over it is the first section's
label, and what after the last story is no longer part of it (whether the starts are the
sections of one article is articles.py's question).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from digest.stories.contents import headline
from digest.stories.dates import after_date_lead, find_date
from digest.stories.features import ISSUE_NUMBER, Shape, is_body, is_meta, leads_into_list
from digest.stories.runins import BYLINE, GREETING, leading_link, runin_title
from digest.structure.blocks import Block
from digest.words import word_count

if TYPE_CHECKING:
    from digest.stories.segments import Segment


# what a newsletter calls itself ("Harbour Blogs Daily Digest", "Quay Weekly - Issue 612")
MASTHEAD_WORDS = re.compile(r"\b(newsletter|digest|weekly|daily|monthly|bulletin|briefing|round-?up)\b", re.I)
MASTHEAD_WELCOME_WORDS = 40
# what sets a newsletter's name apart from the rest of its line ("Quay Weekly: the stormy issue",
# "Quay Sailors Club - Digest of 3 messages")
_NAME_AND_MORE = re.compile(r"[:|–—]\s|\s-\s")


def opens_with_masthead(blocks: list[Block], starts: list[int]) -> bool:
    """The first "story" opens the document, names the newsletter or its issue, and holds
    only a line of welcome: the masthead."""
    first = blocks[starts[0]]
    if runin_title(first) is not None:
        return False
    if ISSUE_NUMBER.search(first.text):
        return True
    text = [b for b in blocks[starts[0] + 1 : starts[1]] if is_body(b)]
    welcome = sum(word_count(b.text) for b in text)
    # ("The Quay Letter: the stormy issue" / "Hello, harbour friends! Three things this week."):
    # a "story" whose only text greets the readers is the masthead over its welcome
    greets = bool(text) and GREETING.match(text[0].text) is not None
    # ("Quay Sailors Club - Digest of 3 messages" does; a headline with such a word inside, "The
    # Monthly Knot Challenge", names no newsletter)
    parts = _NAME_AND_MORE.split(first.text)
    named = names_a_newsletter(first.text) or any(MASTHEAD_WORDS.match(p.strip()) for p in parts[1:])
    return (named or greets) and welcome < MASTHEAD_WELCOME_WORDS


def unlike_the_records(blocks: list[Block], starts: list[int]) -> bool:
    """Every story but the first has a credit or a date line right under its headline; the
    first, at the top, has text only: the masthead's tagline over its welcome ("Deep buzz for
    the harbour-minded" / "Every weekday, we pick…"), not a record."""
    heads = [next((b for b in blocks[s + 1 :] if b.text), None) for s in starts]
    credited = [h is not None and is_meta(h) for h in heads]
    return len(starts) >= 4 and not credited[0] and all(credited[1:])


def issue_heading(blocks: list[Block], starts: list[int]) -> bool:
    """The first story's heading names the issue, with only a few short lines before it (a
    site's name, "Subscribe!") and a line or two under it: the issue's masthead."""
    if len(starts) < 2:
        return False
    first, following = starts[0], starts[1]
    return (
        blocks[first].kind == "heading"
        and names_a_newsletter(blocks[first].text)
        # ("## #1 …", "## #2 …": numbers on every headline rank a list's entries, not issues)
        and not any(ISSUE_NUMBER.search(blocks[s].text) for s in starts[1:])
        and sum(word_count(b.text) for b in blocks[:first]) < MASTHEAD_WELCOME_WORDS
        and sum(word_count(b.text) for b in blocks[first + 1 : following]) < MASTHEAD_WELCOME_WORDS
    )


def first_section_label(
    blocks: list[Block], shapes: list[Shape | None], labels: list[int], starts: list[int], is_start: set[int]
) -> Block | None:
    """The line right over the first story, when it is shaped like a label over a later group
    of stories."""
    later = {
        shape_.key
        for i in labels
        if i > starts[0]
        and i not in is_start
        and (shape_ := shapes[i]) is not None
        and _over_a_story(blocks, i, is_start)
    }
    last = next((k for k in range(starts[0] - 1, -1, -1) if blocks[k].text), None)
    if last is None or (shape_ := shapes[last]) is None or shape_.key not in later or find_date(blocks[last].text):
        return None  # (a line with a date is the masthead's: "THE ECHO  Thursday, December 3, 2026")
    return blocks[last]


def _over_a_story(blocks: list[Block], index: int, is_start: set[int]) -> bool:
    """Does a story start right under this line (it labels a group of stories)?"""
    following = next((k for k in range(index + 1, len(blocks)) if blocks[k].text), None)
    return following in is_start


# a title that names a periodical's issue: its sections are its stories ("Last Week at the
# Quay - May 31, 2026", "Harbour Newsletter 2 June 2008", "Harbour Weekly #41")
PERIODICAL = re.compile(
    r"\b(news|newsletter|digest|weekly|daily|monthly|bulletin|briefing|round-?up|roundup|update|"
    r"(this|last|the) week|week ending|edition|issue)\b",
    re.I,
)


_NEWSLETTER_NAME = re.compile(r"\b(?:this|last|past) (?:week|month|fortnight|year) (?:in|on|at)\b", re.I)


def names_a_newsletter(text: str) -> bool:
    """A heading that is a newsletter's name: "This Week in …", "Quay Weekly", "The Harbour
    Newsletter: …", an issue number; not a headline with such a word inside it ("The Daily
    Routine of a Lighthouse Keeper")."""
    name = _NAME_AND_MORE.split(text, maxsplit=1)[0].strip()
    ends_with_kind = re.search(MASTHEAD_WORDS.pattern + r"\W*$", name, re.I)
    return bool(_NEWSLETTER_NAME.search(name) or ends_with_kind or ISSUE_NUMBER.search(text))


# "Harbour Pulse — 2026-11-30": a name, a dash or a bar, then the issue's date
_DATED_NAME = re.compile(r"^.{2,60}?\s[-–—|:]\s*(?P<date>[^–—|]{6,30})$")


def dates_an_issue(text: str) -> bool:
    """A heading that is a name followed by the date of the issue it heads."""
    return (dash := _DATED_NAME.match(text)) is not None and find_date(dash.group("date")) is not None


_ADDRESS = re.compile(r"https?://\S+")


def trim_last_story(segments: list[Segment]) -> list[Block]:
    """The last story ends where its text stops looking like the stories' text: at a rule
    after its first paragraph (or right under it when it is a list's item), at a block of a style no other story's text has, after its
    first paragraph when every other story is one paragraph, or after the
    line that closed every other story ("Read the full story: https://…"). Returns what was cut."""
    stories = [s for s in segments if not s.headline_only]
    if len(stories) < 3:
        return []
    last = stories[-1]
    styles = {b.style for s in stories[:-1] for b in s.blocks if is_body(b)}
    closers = {_closing_line(s.blocks[-1]) if s.blocks else None for s in stories[:-1]}
    closer = next(iter(closers)) if len(closers) == 1 else None
    # briefs of one paragraph each (run-in headlines, event listings): so is the last one
    briefs = all(sum(is_body(b) for b in s.blocks) == 1 for s in stories[:-1])
    kept: list[Block] = []
    seen_body = announced = False
    for block in last.blocks:
        # "Among the new features:" over its list: the list goes with it
        announced = (announced and block.kind == "item") or (bool(kept) and leads_into_list(kept[-1], block))
        if (
            seen_body
            and not announced
            # (a list in the story's text is its text: a footer's lines are not a list of points)
            and (
                block.kind == "rule"
                or (is_body(block) and ((block.style not in styles and block.kind != "item") or briefs))
            )
        ):
            break
        if not kept and block.kind == "rule" and last.title_block is not None and last.title_block.kind == "item":
            break  # a rule under a list's last item ends the list: what follows is the sign-off
        if kept and closer is not None and _closing_line(kept[-1]) == closer:
            break
        seen_body = seen_body or is_body(block)
        kept.append(block)
    cut = last.blocks[len(kept) :]
    last.blocks[:] = kept
    return cut


def _closing_line(block: Block) -> tuple[str, str] | None:
    """A short linked line's style and words without its address: what may close each story."""
    if not block.links:
        return None
    words = _ADDRESS.sub("", block.text).strip(" :-–—|→»").lower()
    return (block.style, words) if word_count(words) <= 6 else None


SECTION_TITLE_WORDS = 3  # a heading this short over records of its own is a section's name
# … or this short, over records that each open with a link of their own ("Harbour in the wild",
# "Questions from the quay" over linked entries): entries that point elsewhere are not a
# story's points
LINKED_SECTION_TITLE_WORDS = 6


def sections_over_records(
    blocks: list[Block],
    shapes: list[Shape | None],
    candidates: list[int],
    bodied: set[int],
    records: set[tuple[str, ...]],
    starts: list[int],
) -> tuple[list[int], list[int]]:
    """A story start whose heading reads as a label ("Project updates", "Highlighted Issues",
    "New packages": a few words) and under which two or more records of a shape of their own
    have text is a section: those records are its stories, its own text an introduction."""
    result: list[int] = []
    sections: list[int] = []
    position = {c: n for n, c in enumerate(candidates)}
    for start in starts:
        rank = shapes[start].rank  # type: ignore[union-attr]
        nested, labels = [], []
        inside: float | None = None  # the rank of the record whose text is still open
        for c in candidates[position[start] + 1 :]:
            if shapes[c].rank <= rank:  # type: ignore[union-attr]
                break  # the heading's span ends here
            if inside is not None and shapes[c].rank > inside:  # type: ignore[union-attr]
                continue  # a part of that record's text ("### Headline / **Yes!** The lead…")
            inside = None
            if shapes[c].key in records and shapes[c].key != shapes[start].key and c in bodied:  # type: ignore[union-attr]
                nested.append(c)
                inside = shapes[c].rank  # type: ignore[union-attr]
            elif c not in bodied:
                labels.append(c)
        # plain lines are records under a heading only when the heading's text begins with them
        opening = next((k for k in range(start + 1, len(blocks)) if blocks[k].text), None)
        if opening not in nested:
            nested = [c for c in nested if shapes[c].key[0] != "line"]  # type: ignore[union-attr]
        words = word_count(headline(blocks[start]))
        if (
            len(nested) >= 2
            and (
                words <= SECTION_TITLE_WORDS
                or _labels_over(shapes, labels, nested)
                or (words <= LINKED_SECTION_TITLE_WORDS and _linked_under_label(blocks, start, nested))
            )
            and not _numbered_points(blocks, start, nested)
        ):
            sections.append(start)
            result.extend(nested)
        else:
            result.append(start)
    return sorted(set(result)), sections


def _labels_over(shapes: list[Shape | None], labels: list[int], records: list[int]) -> bool:
    """Are the records grouped under labels of their own inside the heading's span ("## Guides"
    and "## New tools", each over "### …" records, under "# Community updates")? Two or more
    labels of one shape, more prominent than the records, each over records, the first before
    any record: a section of sections. (A story's sub-headings have text of their own under them.)"""
    if not records:
        return False
    over = [
        label
        for n, label in enumerate(labels)
        if shapes[label].rank < shapes[records[0]].rank  # type: ignore[union-attr]
        and any(label < r < (labels[n + 1] if n + 1 < len(labels) else len(shapes)) for r in records)
    ]
    keys = [shapes[label].key for label in over]  # type: ignore[union-attr]
    return bool(over) and over[0] < records[0] and max(keys.count(k) for k in keys) >= 2


def _linked_under_label(blocks: list[Block], start: int, records: list[int]) -> bool:
    """Is the heading a label, linked nowhere, over records that open with a link of their own
    (each to a different address; one of three or more may lack it, as an event not yet online)?
    (A linked headline over its text is a story.)"""
    if blocks[start].links:
        return False
    firsts = [link for i in records if (link := _opening_link(blocks[i])) is not None]
    return len(set(firsts)) == len(firsts) >= max(2, len(records) - (len(records) >= 3))


def _opening_link(block: Block) -> str | None:
    """The address of the link a record opens with, perhaps after its date in bold ("**2 May:**
    [Harbour fair](…) – …", as event listings write it)."""
    if (opening := after_date_lead(block.strong, block.text)) is None:
        return block.links[0].url if leading_link(block) else None
    return block.links[0].url if block.links and opening.startswith(block.links[0].text) else None


_POINT = re.compile(r"\s*\(?(\d{1,2})[.)]\s")  # "1. ", "(2) ": a numbered point's mark


def _numbered_points(blocks: list[Block], start: int, nested: list[int]) -> bool:
    """ "## The Code Review / …went over the following pointers: / ### 1. … / ### 2. …": the
    headings under a story's text that announces them, numbered from one, are its points."""
    numbers = [_POINT.match(blocks[i].text) for i in nested]
    if not all(numbers) or [int(n.group(1)) for n in numbers if n] != list(range(1, len(nested) + 1)):
        return False
    lead = [b for b in blocks[start + 1 : nested[0]] if is_body(b)]
    return bool(lead) and lead[-1].text.rstrip().endswith(":")


def announced_points(blocks: list[Block], starts: list[int]) -> set[int]:
    """The same points where the headings' levels were lost (a text part): starts numbered from
    one right after a story whose text ends by announcing them."""
    points: set[int] = set()
    for n, start in enumerate(starts[:-1]):
        run: list[int] = []
        for later in starts[n + 1 :]:
            if not (match := _POINT.match(blocks[later].text)) or int(match.group(1)) != len(run) + 1:
                break
            run.append(later)
        if len(run) >= 2 and _numbered_points(blocks, start, run):
            points.update(run)
    return points


def has_direct_body(blocks: list[Block], shapes: list[Shape | None], index: int) -> bool:
    """Prose right after the candidate, before any other candidate; or its byline ("By Ann
    Lee"): a section's label has no writer, an article's headline has."""
    for k in range(index + 1, len(blocks)):
        if shapes[k] is not None or blocks[k].kind == "rule":
            return False
        if is_body(blocks[k]) or (k == index + 1 and BYLINE.match(blocks[k].text)):
            return True
    return False
