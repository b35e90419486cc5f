"""Stories found without headlines over bodies: marked lines each over its own address (a
digest of links); a periodical's sections of paragraphs that each carry one link (a briefing
that runs its items as paragraphs under section labels); linked items under a label; one-
sentence items each ending with their source; and records of labelled fields ("Title: …",
"Link: …", "Summary: …") that alert services and feed digests send.

The segmenter (segment.py) tries these when the usual records, a headline shape repeated over
text, are not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.stories.dates import find_date
from digest.stories.features import Shape, is_body, is_meta
from digest.stories.framing import PERIODICAL
from digest.stories.offers import MORE_LINK
from digest.stories.runins import runin_title
from digest.structure.blocks import Block
from digest.words import LETTER_WORD, SMALL_WORDS, word_count

ADDRESS_RECORDS = 3  # marked lines each over its own address and no text: a list of links


def address_records(blocks: list[Block], shapes: list[Shape | None], candidates: list[int]) -> list[int]:
    """Marked lines of one shape, each with its address written under it and no text ("1. A
    headline (site.com) / 312 points / https://…"): a digest of links, one story per line."""
    by_key: dict[tuple[str, ...], list[int]] = {}
    for i in candidates:
        if shapes[i].strength >= 2 or blocks[i].kind == "item":  # type: ignore[union-attr]  # a bullet is a mark
            by_key.setdefault(shapes[i].key, []).append(i)  # type: ignore[union-attr]
    for members in sorted(by_key.values(), key=len, reverse=True):
        ends = [*members[1:], len(blocks)]
        linked = [i for i, end in zip(members, ends, strict=True) if _over_address(blocks, i, min(end, i + 4))]
        if len(linked) >= ADDRESS_RECORDS and len(linked) >= 0.75 * len(members):
            # and the same list's entries that read as sentences ("Is it safe to swim after a meal?")
            first = blocks[linked[0]]
            siblings = [
                i
                for i, b in enumerate(blocks[:-1])
                if b.kind == first.kind == "item" and b.style == first.style and blocks[i + 1].style == "text:url"
            ]
            return sorted(set(linked) | set(siblings))
    return []


def _over_address(blocks: list[Block], index: int, end: int) -> bool:
    """Is the line at `index` over its address, with no text of its own before it?"""
    for block in blocks[index + 1 : end]:
        if block.style == "text:url":
            return True
        if is_body(block):
            return False
    return False


LABEL_WORDS = 3  # a section's label: "Town", "Sea", "Arts and culture"
LINKED_PARAGRAPHS = 3


def linked_paragraphs(blocks: list[Block], starts: list[int], title: str | None) -> list[tuple[int, int]]:
    """Under the short labels of a periodical (its masthead or title names an issue, a date or
    a kind of newsletter), paragraphs that each hold exactly one link, to an address of its
    own: (label, paragraph) for each; empty when the document is not so made."""
    if len(starts) < 2 or not all(
        blocks[s].kind == "heading" and word_count(blocks[s].text) <= LABEL_WORDS for s in starts
    ):
        return []
    masthead = [title or "", *(b.text for b in blocks[: starts[0]])]
    if not any(PERIODICAL.search(text) or find_date(text) for text in masthead):
        return []
    found: list[tuple[int, int]] = []
    addresses: set[str] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        for index in range(start + 1, end):
            block = blocks[index]
            if not block.text:
                continue
            if not (is_body(block) and len(block.links) == 1 and block.links[0].url not in addresses):
                return []  # every paragraph of every section, or the document is not one of these
            addresses.add(block.links[0].url)
            found.append((start, index))
    return found if len(found) >= LINKED_PARAGRAPHS else []


LINKED_ITEM_SHARE = 0.5
# "[Title](…) (Porthaven Echo)": a linked item's trailing parenthesis names where the link goes
SOURCE_AFTER = re.compile(r"\s*\((?P<name>[A-Z][\w&'’. -]{1,40})\)\s*$")


ATTRIBUTED_ITEMS = 3
WELCOME_WORDS = 40


@dataclass
class Record:
    """A story found without a headline over a body: where it starts, its text, and what its
    line or fields say."""

    start: int
    blocks: list[Block]
    why: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    headline_only: bool = False  # no text of its own: an entry of a list, with its few words


def attributed_items(blocks: list[Block]) -> list[Record]:
    """A briefing written as a list of one-sentence items, each ending with the publication it
    comes from in parentheses ("• Ferry fares will rise in April. (Porthaven Echo)"); empty
    when the document is not so made."""
    items = [(i, b) for i, b in enumerate(blocks) if b.kind == "item"]
    found = []
    for index, block in items:
        match = SOURCE_AFTER.search(block.text)
        text = block.text[: match.start()].rstrip() if match else ""
        lead = block.model_copy(update={"text": text, "kind": "paragraph"})
        if match and is_body(lead):
            found.append(Record(index, [lead], "an item ending with its source", source=match.group("name").strip()))
    # the items are the document: beside them, a welcome line at most, not an article's prose
    prose = sum(word_count(b.text) for b in blocks if b.kind != "item" and is_body(b))
    return found if len(found) >= ATTRIBUTED_ITEMS and len(found) == len(items) and prose <= WELCOME_WORDS else []


# "Title: …", "Link: https://…", "Source: …", "Summary: …": the fields of a generated digest
_FIELD = re.compile(r"^(?P<label>[A-Za-z]+(?: [A-Za-z]+)?)\s*:\s+(?P<value>\S.*)$")
_FIELD_ROLES = {
    "title": "title", "headline": "title", "subject": "title", "story": "title", "article": "title",
    "link": "url", "url": "url", "address": "url", "read more": "url",
    "source": "source", "publication": "source", "publisher": "source", "site": "source",
    "summary": "text", "description": "text", "snippet": "text", "excerpt": "text", "text": "text",
}  # fmt: skip
FIELD_RECORDS = 2


def labelled_records(blocks: list[Block]) -> list[Record]:
    """Lines of labelled fields, repeated: each run that opens with a title field is a story,
    its other fields giving its link, source, date and text."""
    found: list[Record] = []
    for index, block in enumerate(blocks):
        match = _FIELD.match(block.text)
        role = _FIELD_ROLES.get(match.group("label").lower()) if match else None
        if match is None or (role is None and not found):
            continue
        value = match.group("value").strip()
        if role == "title":
            found.append(Record(index, [], "a record of labelled fields", title=value))
        elif not found:
            continue
        elif role == "url":
            found[-1].url = next((k.url for k in block.links), value)
        elif role == "source":
            found[-1].source = value
        elif role == "text":
            found[-1].blocks.append(block.model_copy(update={"text": value, "links": []}))
        else:
            found[-1].blocks.append(block)  # a date, an author: the story's head reads them
    return found if len(found) >= FIELD_RECORDS else []


LINE_RECORDS = 3  # as for any plain short lines over text (segment.LINE_MIN_RECORDS)
RECORD_MAX_LINES = 8  # a record of lines: a headline and at most seven lines under it
_SEPARATED = re.compile(r"\s[·|•]\s")  # "Ann Lee in Coastal Review · 6 min read"


def _role(block: Block, shape_: Shape | None) -> str:
    """What a block is, coarsely enough that a record's lines agree from record to record: an
    address alone, a "read more", a byline or date, prose, or a short line in title case or
    sentence case, with or without separated fields."""
    text = block.text
    if len(block.links) == 1 and block.link_share >= 0.9 and text.startswith(("http://", "https://")):
        return "address"
    if MORE_LINK.match(text):
        return "more"
    if block.kind == "heading":
        return f"heading{block.level}"
    if is_meta(block):
        return "meta"
    if shape_ is None and is_body(block):
        return "body"  # (a list item of a few words is a headline candidate first)
    if shape_ is not None and shape_.strength >= 2:
        return "marked:" + ":".join(shape_.key)  # numbered, bold, a link: its mark, whatever its case
    words = [w for w in LETTER_WORD.findall(text) if w.lower() not in SMALL_WORDS]
    capitalised = sum(w[:1].isupper() for w in words)
    case = "title" if len(words) >= 2 and capitalised >= 0.7 * len(words) else "sentence"
    return f"{block.kind}:{case}{':fields' if _SEPARATED.search(text) else ''}"


def line_records(blocks: list[Block], shapes: list[Shape | None]) -> list[Record]:
    """Records of lines in the same order, repeated ("A headline / its authors / its journal /
    its address", "A headline / a dek / Ann Lee · 6 min read"): the longest run of blocks whose
    roles repeat with one period, each period a story headed by its first line."""
    roles = [_role(b, s) for b, s in zip(blocks, shapes, strict=True)]
    best: tuple[int, int, int] | None = None  # (covered, period, start)
    for period in range(2, RECORD_MAX_LINES + 1):
        run = 0
        for index in range(len(roles) - period - 1, -1, -1):
            run = run + 1 if roles[index] == roles[index + period] else 0
            covered = run + period
            enough = covered // period >= (3 if period == 2 else 2)
            if enough and (best is None or covered > best[0]):
                best = (covered, period, index)
    if best is None:
        return []
    covered, period, first = best
    cycle = roles[first : first + period]
    lines = [
        k
        for k, role in enumerate(cycle)
        if role.split(":")[0] in ("paragraph", "item", "marked", "heading1", "heading2")
    ]
    # lines alone, in title case and in sentence case, make no record (a list of fixtures, a
    # poem): a record holds an address, a date or byline, text, or a line of separated fields
    # (with text alone, the plain lines over it must repeat as often as elsewhere: three times)
    fielded = any(role in ("address", "more", "meta") or role.endswith(":fields") for role in cycle)
    if sorted(cycle) == ["address", "body"]:
        return _texts_over_addresses(blocks, first, covered, cycle.index("body"))
    if len(set(cycle)) < 2 or not lines or not (fielded or "body" in cycle):
        return []
    entries = "body" not in cycle
    # the record opens with a line that follows the previous record's address, text or date
    phase = next((k for k in lines if ":" not in cycle[k - 1] or cycle[k - 1].startswith("heading")), lines[0])
    starts = range(first + phase, first + covered - period + 1, period)
    # the headline is the record's first line that is more than a label in every record
    # ("r/sailing" over "What I learned from a winter liveaboard"): a label is a field
    offsets = [(k - phase) % period for k in lines]
    heading = next(
        (o for o in sorted(offsets) if all(word_count(blocks[s + o].text) > LABEL_WORDS - 1 for s in starts)), 0
    )
    found = []
    for start in starts:
        head = blocks[start + heading]
        url = head.links[0].url if len(head.links) == 1 and head.link_share >= 0.9 else None
        fields = [b for b in blocks[start : start + period] if b is not head]
        found.append(
            Record(start, fields, "a record of lines repeated in order", head.text, url, headline_only=entries)
        )
    return found if len(found) >= (2 if fielded else LINE_RECORDS) else []


def _texts_over_addresses(blocks: list[Block], first: int, covered: int, phase: int) -> list[Record]:
    """Paragraphs each followed by its address alone on a line ("1: The 4.2 release is out…" /
    "https://…"): each paragraph is a story without a headline (titled by its first sentence),
    and the address below it is its link."""
    starts = range(first + phase, first + covered - 1, 2)
    found = [Record(s, [_unnumbered(blocks[s]), blocks[s + 1]], "a paragraph over its own address") for s in starts]
    return found if len(found) >= LINE_RECORDS else []


_ITEM_NUMBER = re.compile(r"^\s*\d{1,3}[:.)]\s+")  # "4: ", "4. ": the list's number, not the item's words


def _unnumbered(block: Block) -> Block:
    text = _ITEM_NUMBER.sub("", block.text, count=1)
    return block if text == block.text else block.model_copy(update={"text": text})


def linked_siblings(blocks: list[Block], shapes: list[Shape | None], starts: list[int]) -> list[int]:
    """A list whose items open with a link and say something after it ("[Tool](url). What it
    does.") also holds items that are the link alone ("[Tool 2.0 released](url)."): its
    headline-only entries, not labels over the others nor an introduction to them."""
    found = set(starts)
    for start in starts:
        if (
            blocks[start].kind != "item"
            or not blocks[start].links
            or runin_title(blocks[start]) != blocks[start].links[0].text
        ):
            continue
        for step in (-1, 1):
            k = start + step
            while 0 <= k < len(blocks) and blocks[k].kind == "item" and blocks[k].style == blocks[start].style:
                if k not in found and (shapes[k] is None or shapes[k].key[0] != "link"):  # type: ignore[union-attr]
                    break
                found.add(k)
                k += step
    return sorted(found)


def own_text(blocks: list[Block], shapes: list[Shape | None], indices: list[int], index: int) -> list[int]:
    """The paragraphs directly under the heading at `index` (up to the next heading, marked
    line or linked entry), when they start with prose; [] otherwise."""
    own: list[int] = []
    for j in indices[indices.index(index) + 1 :]:
        if j != (own[-1] if own else index) + 1 or blocks[j].kind == "heading":
            break
        if shapes[j] is not None and (not is_body(blocks[j]) or blocks[j].link_share >= LINKED_ITEM_SHARE):
            break  # a marked line, or an entry that is all link ("- [Event on Friday at the quay](…)")
        own.append(j)
    return own if own and is_body(blocks[own[0]]) else []


def headed_text_before(blocks: list[Block], shapes: list[Shape | None], starts: list[int]) -> list[int]:
    """Headings before the first story over paragraphs of their own, as deep as the stories'
    headings or deeper ("### Releases" under "## Announcements", above the labelled lists of
    links that are the other stories): stories too, not the issue's introduction."""
    levels = {blocks[s].level for s in starts if blocks[s].kind == "heading"}
    before = list(range(starts[0])) if starts else []
    return [
        k
        for k in before
        if blocks[k].kind == "heading"
        and shapes[k] is not None  # a headline candidate ("# Quay Weekly 392 (2021-05-26)" is a date line)
        and blocks[k].level in levels
        and own_text(blocks, shapes, before, k)
    ]
