"""Lists of links: a label over linked items (headline-only stories), a document's labels
each over a group of them, runs of bare link lines, and the two lists of links that are not
headlines — a site's own menu, and a list of names.
"""

from __future__ import annotations

import itertools
from typing import TypeVar
from urllib.parse import urlsplit

from digest.stories.features import is_body
from digest.stories.records import LINKED_ITEM_SHARE, SOURCE_AFTER
from digest.stories.runins import dated_entry, runin_title, without_closing_stop
from digest.structure.blocks import Block
from digest.structure.layout_headings import NOTE_WORDS, note_over_entries
from digest.words import word_count


def linked_items_only(
    blocks: list[Block], start: int, end: int, minimum: int = 2, described: bool = False, grouped: bool = False
) -> list[tuple[Block, str, str | None]]:
    """Under a heading, nothing but `minimum` or more list items that are each mostly one link
    (or paragraphs that each are a dated one: "2025-10-14 [Headline](…)", a script's list): for
    each, the item, its headline (the link's text) and the publication its line names. (A note
    all in italics or bold may stand over them; the list ends at the next heading.) With
    `described`, items that go on to say what their link is count too; when `grouped` (one of
    the document's repeated labels over links), a note may close the list in markdown and HTML."""
    span = [
        b
        for b in blocks[start + 1 : next((k for k in range(start + 1, end) if blocks[k].kind == "heading"), end)]
        if b.text
    ]
    if len(span) > 2 and span[0].strong == span[0].text and is_body(span[0]) and span[1].kind == "item":
        span = span[1:] if not blocks[start].links else span  # (a linked heading's text is its story's)
    elif (
        len(span) > 2
        and blocks[start].style.startswith("text")
        and note_over_entries(span[0], list(itertools.takewhile(lambda b: b.kind == "item", span[1:])))
    ):
        # in plain text, where no note can be set in italics: a plain one, over a list of entries
        span = span[1:]
    elif intro := _intro_to_links(span):
        span = span[intro:]
    if grouped and not blocks[start].style.startswith("text") and (closing := _closing_note(span)):
        span = span[:-closing]
    if blocks[start].style == "text:label" and span and span[0].kind == "item":
        # a label plain text shows only by the list under it labels that list alone
        span = list(itertools.takewhile(lambda b: b.kind == "item", span))
    if len(span) < minimum or not all(
        (
            (b.kind == "item" or (b.kind == "paragraph" and dated_entry(b)))
            and len(b.links) == 1
            and b.link_share >= LINKED_ITEM_SHARE
        )
        or (described and described_entry(b))
        for b in span
    ):
        return []
    found = []
    for block in span:
        rest = block.text.replace(block.links[0].text, "", 1)
        source = match.group("name").strip() if (match := SOURCE_AFTER.fullmatch(rest)) else None
        found.append((block, without_closing_stop(block.links[0].text.strip()), source))
    return found


INTRO_PARAGRAPHS = 2
HEADLINE_LINK_WORDS = 2  # a link named by a headline ("Admin view sets"), not a story's own "Code" link


def _intro_to_links(span: list[Block]) -> int:
    """How many paragraphs open `span` as the introduction to the list of linked headlines
    under them: a sentence or two whose last ends with a colon ("RFCs are proposals for new
    features. / Here's this week's list:") over three or more items that are each one link
    named by a headline. The colon announces the list: it is what the heading is over. (A
    story's text over its own links — "Code", "Forum" — keeps them: their names are a word.)"""
    count = next((n for n, b in enumerate(span[: INTRO_PARAGRAPHS + 1]) if b.kind != "paragraph"), 0)
    intro, items = span[:count], list(itertools.takewhile(lambda b: b.kind == "item", span[count:]))
    if not intro or len(items) < 3 or not intro[-1].text.rstrip().endswith(":"):
        return 0
    if sum(word_count(b.text) for b in intro) > NOTE_WORDS or any(b.link_share >= LINKED_ITEM_SHARE for b in intro):
        return 0
    if not all(len(b.links) == 1 and word_count(b.links[0].text) >= HEADLINE_LINK_WORDS for b in items):
        return 0
    return count


def described_entry(block: Block) -> bool:
    """A list item that opens with its headline's link and goes on to say what it is
    ("[Berth bounds](…). This fixes some odd rules…"): an entry of a list of links."""
    return block.kind == "item" and bool(block.links) and runin_title(block) == block.links[0].text.rstrip(" :—–-")


CLOSING_NOTE_PARAGRAPHS = 2


def _closing_note(span: list[Block]) -> int:
    """How many paragraphs close `span` as a note after its list ("If you are running an event,
    add it to the [calendar](…)"): in markdown and HTML a list's items end where the list does,
    so the paragraphs after it are the label's, not its last item's text."""
    count = 0
    while count < len(span) and span[-1 - count].kind == "paragraph" and not dated_entry(span[-1 - count]):
        count += 1
    items = span[: len(span) - count]
    if not 1 <= count <= CLOSING_NOTE_PARAGRAPHS or len(items) < 2 or items[-1].kind != "item":
        return 0
    return count if all(word_count(b.text) <= NOTE_WORDS for b in span[-count:]) else 0


def link_list_groups(blocks: list[Block], candidates: list[int], described: bool = False) -> dict[int, int]:
    """Headings each over nothing but linked list items ("### Official" / "* [Announcing
    …](…)"), when a document has two or more such groups: a repeated record of a label and
    its links, so each heading is a label over headline-only stories wherever it stands (even
    before the first story with text, and with a single link under it). With `described` (a
    document where no other record repeats), entries that say what their link is count too.
    Each heading's index → where its links end (the next heading)."""
    headings = [i for i in candidates if blocks[i].kind == "heading"]
    ends = {i: headings[n + 1] if n + 1 < len(headings) else _list_end(blocks, i) for n, i in enumerate(headings)}
    groups = {i: end for i, end in ends.items() if linked_items_only(blocks, i, end, 1, described, grouped=True)}
    return groups if len(groups) >= 2 else {}


def _list_end(blocks: list[Block], heading: int) -> int:
    """Where the list under the document's last heading ends: the lines after it are the
    newsletter's sign-off ("That's all for this week!"), not more of that label's list."""
    end = heading + 1
    while end < len(blocks) and (blocks[end].kind == "item" or dated_entry(blocks[end]) or not blocks[end].text):
        end += 1
    return end


MENU_ENTRIES = 4
MENU_GAP = 3  # link lines this close (a label or two between them) are one run of links
Item = TypeVar("Item")


def link_runs(found: list[tuple[int | None, Item]]) -> list[list[Item]]:
    """The bare link lines (those with a block index) in runs: each run's lines follow one
    another, a label or two between."""
    runs: list[list[Item]] = []
    last = None
    for k, item in found:
        if k is None:
            last = None
            continue
        if last is None or k - last > MENU_GAP:
            runs.append([])
        runs[-1].append(item)
        last = k
    return runs


def site_menu(entries: list[tuple[str, str]]) -> bool:
    """Links (their names and addresses), four or more in a run, all to one site, named in a
    word or two ("Farmers", "Forms & Pubs", "Where to File -"), most near the site's root: the
    site's own menu in a header or footer, not a list of headlines (a digest's headlines are
    longer, and link to many sites or deep into one)."""
    if len(entries) < MENU_ENTRIES:
        return False
    words = sorted(word_count(title.strip(" -–—|:·.")) for title, _ in entries)
    addresses = [urlsplit(url) for _, url in entries]
    depths = sorted(len([part for part in a.path.split("/") if part]) for a in addresses)
    return (
        one_site({a.hostname or "" for a in addresses})
        and words[len(words) // 2] <= 2
        and words[-1] <= 4
        and depths[len(depths) // 2] <= MENU_DEPTH
    )


# A menu leads to the site's sections, near its root ("/store/", "/about/team"); a list of
# releases or posts, to pages deep inside it ("/quaykit/releases/tag/0.6.0").
MENU_DEPTH = 2


def one_site(hosts: set[str]) -> bool:
    """Hosts of one site: one host, and perhaps its own subdomains ("video.quay.example" beside
    "quay.example"; "www." aside)."""
    hosts = {host.removeprefix("www.") for host in hosts}
    shortest = min(hosts, key=len, default="")
    return bool(shortest) and all(host == shortest or host.endswith("." + shortest) for host in hosts)


def names_only(links: list[tuple[Block, str, str | None]]) -> bool:
    """Entries that are each one word, the last part of their own address ("[asayd](https://
    code.example/asayd)"): a list of people or accounts (contributors, authors), not headlines."""
    return all(
        len(title.split()) == 1
        and title.lower().strip("@*_") == block.links[0].url.rstrip("/").rsplit("/", 1)[-1].lower()
        for block, title, _ in links
    )
