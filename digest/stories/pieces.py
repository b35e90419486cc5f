"""The segments made of one story start: a record's (its run-in head, its text), a news
item's, and the headline-only stories among the blocks left between stories (link lines
after a label, short records). segment.py decides where the starts are; these make them.
"""

from __future__ import annotations

from digest.stories.agreement import with_headline_link
from digest.stories.briefs import NewsItem
from digest.stories.features import CALL_TO_ACTION, ONE_LINK_SHARE, Shape, container_key, describe
from digest.stories.linklists import link_runs, site_menu
from digest.stories.records import own_text
from digest.stories.runins import RUNIN_REST, WRITTEN_ADDRESS, dated_entry, link_tag, runin_title, without_closing_stop
from digest.stories.segments import Segment, Segmentation
from digest.structure.blocks import Block, Link
from digest.words import word_count


def news_entry(entry: NewsItem, shapes: list[Shape | None], blocks: list[Block], section: int) -> Segment:
    """An item of a list of news (briefs.news_items) as a story, headline-only when nothing follows it."""
    block, body = entry.head, [blocks[k] for k in entry.body]
    shape_ = None if entry.whole_line else shapes[entry.index]
    item = segment_at(block, shape_, body) if shape_ is not None else Segment(body, "a line of news", block.text, block)
    item.headline_only, item.section = item.headline_only or not item.blocks, section
    item.title = without_closing_stop(item.title or block.text)
    return item


def segment_at(block: Block, shape_: Shape, body: list[Block], over_its_link: bool = False) -> Segment:
    if over_its_link:  # agreement.py: a heading over its one linked record, the link line first in the body
        return Segment(body[1:], "a heading over its one linked record", block.text, with_headline_link(block, body[0]))
    title = runin_title(block)
    why = f"repeated {describe(shape_)}"
    if title:
        rest = block.text[block.text.index(title) + len(title) :]
        rest = RUNIN_REST.sub("", rest)
        lead = block.model_copy(update={"text": rest, "strong": "", "kind": "paragraph"})
        # the headline is the run-in head alone: its link is the story's ("- [Tool](url), by
        # Ann: a long description with [other](links)"), not lost in the share of the item
        # (a plain-text link may hold the date the entry opens with: "2 May 2026: Open evening")
        own = [k for k in block.links if k.text in title or k.text.endswith(title)]
        head = block.model_copy(update={"text": title, "links": own})
        return Segment([lead, *body], why, title=title, title_block=head)
    text = block.text.removeprefix(link_tag(block) or "")  # "[podcast] [Tool](url)": the tag aside
    if (
        not body
        and len(block.links) == 1
        and text.startswith(block.links[0].text)
        and len(block.links[0].text) >= ONE_LINK_SHARE * len(text)
    ):
        # "[Tool 2.0 released](url)." among linked entries: the link's words, and nothing to tell
        return Segment([], why, title=block.links[0].text, title_block=block, headline_only=True)
    return Segment(body, why, title=block.text, title_block=block)


def headline_only(
    blocks: list[Block],
    shapes: list[Shape | None],
    indices: list[int],
    result: Segmentation,
    record_keys: set[tuple[str, ...]],
    story_level: int | None,
) -> list[Segment]:
    """After a label, link lines with no text of their own, and records shaped like the
    stories' whose text is too short to be a body ("**Analyst** — Hybrid."): headline-only
    stories. A heading over paragraphs of its own among them, as deep as the stories' headings
    or deeper, is a story too ("### DConf announced!" once, under a section of `##` stories);
    a shallower one ("## Last words" over `###` stories) is the issue's own note."""
    # each story in the document's order, with its block's index when it is a bare link line
    found: list[tuple[int | None, Segment]] = []
    taken: set[int] = set()  # the text of a heading's own story
    label: int | None = None  # the last line left between stories: a label over what follows

    def add(entry: tuple[int | None, Segment]) -> None:
        entry[1].section = label  # the label over it ("## Sponsor"), for what the label says of it
        found.append(entry)

    for k in indices:
        block, shape_ = blocks[k], shapes[k]
        if k in taken:
            continue
        deep = story_level is not None and block.level >= story_level
        if block.kind == "heading" and deep and (under := _address_under(blocks, indices, k)):
            # "### js-tide 0.40 released" / (a line quoting it) / "https://…": a headline over its address
            address, between = under
            taken.update(range(k + 1, k + 2 + len(between)))
            head = block.model_copy(update={"links": [Link(text=block.text, url=address)]})
            why = "a heading over its address"
            add((None, Segment(between, why, block.text, head, headline_only=not between)))
            continue
        if block.kind == "heading" and deep and (own := own_text(blocks, shapes, indices, k)):
            taken.update(own)
            add((None, Segment([blocks[j] for j in own], "heading over its own text", block.text, block)))
            continue
        if _plain_text_headline(block, shape_) and (own := own_text(blocks, shapes, indices, k)):
            # plain text's headline, a line at the margin over its text, after a list under a label;
            # the links of a word or two right after that text are its own ("• Notice", "• Map")
            for j in indices[indices.index(own[-1]) + 1 :]:
                if j != own[-1] + 1 or not _link_label(blocks[j]):
                    break
                own.append(j)
            taken.update(own)
            add((None, Segment([blocks[j] for j in own], "a headline line over its own text", block.text, block)))
            continue
        linked = block.kind == "paragraph" and len(block.links) == 1 and block.link_share >= ONE_LINK_SHARE
        if linked and k and blocks[k - 1].kind == "heading" and (own := own_text(blocks, shapes, indices, k)):
            # "[RSS Dashboard](…)" over a paragraph about it, right under a label ("Gem of the Week")
            taken.update(own)
            title = without_closing_stop(block.links[0].text)
            add((None, Segment([blocks[j] for j in own], "a linked headline over its own text", title, block)))
            continue
        if CALL_TO_ACTION.match(block.text):
            result.dropped.append((block.text, "a call to action, not a headline"))
            continue
        if (
            shape_ is not None
            and block.links
            and (block.link_share >= ONE_LINK_SHARE or dated_entry(block) or _tagged_link(block))
            and len(block.links) == 1
        ):
            # "[Headline](url)." — the link's words; the full stop closes the item (or its date follows)
            text = block.text.removeprefix(link_tag(block) or "")  # ("[video] [Headline](…)": the list's tag)
            title = block.links[0].text if text.startswith(block.links[0].text) else block.text
            title = without_closing_stop(title)
            link = Segment([], "link without text after a label", title=title, title_block=block, headline_only=True)
            add((k, link))
        elif shape_ is not None and container_key(shape_) in record_keys and shape_.key[0] == "runin" and block.links:
            add((None, segment_at(block, shape_, [])))
        elif block.text:
            result.dropped.append((block.text, "between stories, not part of one (a label or a list heading)"))
            label = k
    menus = {id(s) for run in link_runs(found) if site_menu([name_and_address(s) for s in run]) for s in run}
    result.dropped.extend(
        (s.title or "", "a menu of the site's own pages, not headlines") for _, s in found if id(s) in menus
    )
    found = [(k, s) for k, s in found if id(s) not in menus]
    if sum(k is not None for k, _ in found) >= 2:
        return [segment_ for _, segment_ in found]
    # one link line alone after a story is not a list of headlines; but one item of a few words
    # under a label of its own is that label's one headline ("Upcoming events" / "• 6 December:
    # hack night at the boathouse")
    listed = {id(s) for k, s in found if k is not None and _labelled_entry(blocks, k, s)}
    result.dropped.extend(
        (s.title or "", "a link alone between stories") for k, s in found if k is not None and id(s) not in listed
    )
    return [segment_ for k, segment_ in found if k is None or id(segment_) in listed]


LABELLED_ENTRY_WORDS = 4


def _labelled_entry(blocks: list[Block], index: int, found: Segment) -> bool:
    """The one item of a list right under its label, of a few words (a note between them makes
    it the note's example: "Dee sent her first change:" / "• docs: explain the file format")."""
    return (
        found.section is not None
        and index > 0
        and blocks[index - 1].kind == "heading"
        and blocks[index].kind == "item"
        and (index + 1 == len(blocks) or blocks[index + 1].kind != "item")  # (the list's one item)
        and word_count(found.title or "") >= LABELLED_ENTRY_WORDS
    )


def _plain_text_headline(block: Block, shape_: Shape | None) -> bool:
    """A short line of a plain text at the margin: as much a headline as plain text can mark."""
    return shape_ is not None and shape_.key[0] == "line" and block.kind == "paragraph" and block.style == "text"


def _link_label(block: Block) -> bool:
    """A list item that is one link of a word or two ("Code", "Slides"): a story's link."""
    return (
        block.kind == "item"
        and len(block.links) == 1
        and block.link_share >= ONE_LINK_SHARE
        and word_count(block.text) <= 3
    )


def name_and_address(segment_: Segment) -> tuple[str, str]:
    links = segment_.title_block.links if segment_.title_block is not None else []
    return (segment_.title or "", links[0].url if links else "")


def _address_under(blocks: list[Block], indices: list[int], index: int) -> tuple[str, list[Block]] | None:
    """The first address of a line of web addresses and nothing else under the heading at
    `index`, when the heading has no text of its own: right under it, or under one short line
    that quotes or describes it ("> How to start with the tide tables" / "https://…"); that
    line is returned as the story's text. (An address may be shown cut short: "https://…/tides...".)"""
    between: list[Block] = []
    for j in range(index + 1, min(index + 3, len(blocks))):
        line = blocks[j]
        if j not in indices or line.kind not in ("paragraph", "item"):
            return None
        if line.kind == "paragraph" and line.links and all(WRITTEN_ADDRESS.match(k.text) for k in line.links):
            shown = {k.text for k in line.links}
            return (line.links[0].url, between) if set(line.text.split()) <= shown else None
        if between or line.links or word_count(line.text) > SHORT_LINE_WORDS:
            return None
        between.append(line)
    return None


SHORT_LINE_WORDS = 12


def _tagged_link(block: Block) -> bool:
    """ "[video] [Headline](…)": a link that is all of the item but the list's tag before it."""
    tag = link_tag(block)
    return tag is not None and len(block.links[0].text) >= ONE_LINK_SHARE * len(block.text.removeprefix(tag))
