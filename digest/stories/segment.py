"""Where the stories of a document begin and end: found from its structure, not its words.

A newsletter is a list of records: the same shape — a headline, then text, then perhaps a
link — repeated once per story. The segmenter groups headline candidates by shape (see
features.py) and takes as story starts the shapes that repeat over bodies of text:

1. A candidate *has a body* when prose follows it before the next candidate as prominent as
   it (a plain short line under a linked headline — a source, a place — does not end it).
2. A shape with two or more candidates that have bodies is a *record shape*. A candidate of a
   record shape that has a body starts a story, unless it sits inside a more prominent story
   (a sub-heading). A candidate without a body is a *label* (a section name such as FOOTBALL,
   or a heading over stories); it ends the story before it.
3. A list whose items come back later as headlines is a table of contents and is dropped.
4. Link lines without text of their own after a label are headline-only stories (a release
   list); after a story's text, its links — unless three or more paragraphs there each open
   with a link of their own (briefs.trailing_entries). A list of news (briefs.py) is a story
   per item.
5. A document whose only prominent heading opens it, over a few short sub-headings with long
   sections, is one article. A document without a record shape is one story. What stands
   before the first story (a masthead) is not a story; the last ends where its text stops
   looking like the other stories' text (a footer).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from digest.stories.agreement import headings_as_headlines
from digest.stories.articles import is_interview, one_article
from digest.stories.briefs import (
    briefs_after,
    briefs_under,
    is_tally,
    left_by_news,
    linked_entry,
    news_groups,
    news_items,
    trailing_entries,
)
from digest.stories.contents import contents_list, repeated_later
from digest.stories.credits import trailing_credits
from digest.stories.features import Shape, container_key, is_body, shape
from digest.stories.framing import (
    announced_points,
    dates_an_issue,
    first_section_label,
    has_direct_body,
    issue_heading,
    names_a_newsletter,
    opens_with_masthead,
    sections_over_records,
    trim_last_story,
    unlike_the_records,
)
from digest.stories.linklists import described_entry, link_list_groups, linked_items_only, names_only, site_menu
from digest.stories.links import name_sources, sources_before_links
from digest.stories.looks import with_separated_lines, with_styled_lines, with_titled_parts
from digest.stories.lostbold import with_lost_bold
from digest.stories.pieces import headline_only, news_entry, segment_at
from digest.stories.records import (
    address_records,
    attributed_items,
    headed_text_before,
    labelled_records,
    line_records,
    linked_paragraphs,
    linked_siblings,
)
from digest.stories.segments import Segment, Segmentation
from digest.stories.spans import before_notices, has_body, span_ends
from digest.structure.blocks import Block, Link

LINE_MIN_RECORDS = 3  # plain short lines need more repetitions than marked ones
LINES_OVER_MARKED = 2  # ... and count beside marked ones when they head this many times as many bodies


def segment(blocks: list[Block], title: str | None = None, signed: bool = False) -> Segmentation:
    """Where the stories of `blocks` begin; `title` is the document's own title from its metadata
    (front matter, a page's og:title), if any; `signed`, whether that metadata names its writer."""
    blocks = with_lost_bold(blocks)  # "Ferries. The ferry…" three times in a row: bold run-ins, unmarked
    # "[Harbour Blogs](…) | [Headline](…)": the line is its story's link, from the source it names
    named = sources_before_links(blocks)
    segmented = [pair[0] if pair else b for pair, b in zip(named, blocks, strict=True)]
    result = _segment(segmented, title, signed)
    result.blocks = segmented
    name_sources(result.segments, named)
    return result


def _segment(blocks: list[Block], title: str | None, signed: bool) -> Segmentation:
    shapes = with_titled_parts(
        blocks, with_separated_lines(blocks, with_styled_lines(blocks, [shape(b) for b in blocks]))
    )
    candidates = [i for i, s in enumerate(shapes) if s is not None]
    bodied = {i for i in candidates if has_body(blocks, shapes, i)}
    records, repeated = _record_shapes(blocks, shapes, candidates, bodied)
    shapes = _lines_as_peers(shapes, records)
    starts = linked_siblings(blocks, shapes, _story_starts(blocks, shapes, candidates, bodied, records))
    starts, sections = sections_over_records(blocks, shapes, candidates, bodied, repeated, starts)
    starts = linked_siblings(blocks, shapes, starts)  # the records found under sections have theirs too
    if news := news_groups(blocks, candidates):
        inside = {s for s in starts for h, end in news.items() if h < s < end}
        starts, sections = sorted((set(starts) - inside) | set(news)), [i for i in sections if i not in news]
    # labels over links are records too (and, where nothing else repeats, labels over described links)
    described = not starts
    if groups := link_list_groups(blocks, candidates, described):
        starts = sorted(set(starts) | set(groups))
    if len(starts) < 2 and (listed := address_records(blocks, shapes, candidates)):
        # a list of links: its entries that read as sentences take the shape of the others
        model = next(shapes[i] for i in listed if shapes[i] is not None)
        shapes = [model if i in listed and found is None else found for i, found in enumerate(shapes)]
        candidates, starts = sorted(set(candidates) | set(listed)), listed
    if len(starts) < 2 and (
        found := attributed_items(blocks) or labelled_records(blocks) or line_records(blocks, shapes)
    ):
        # stories without headlines over bodies: briefs ending with their source, labelled fields,
        # records of lines in a repeated order
        result = Segmentation([], preamble=blocks[: found[0].start], multi=True)
        for r in found:
            head_links = [Link(text=r.title, url=r.url)] if r.title and r.url else []
            head = Block(kind="paragraph", text=r.title, links=head_links) if r.title else None
            result.segments.append(Segment(r.blocks, r.why, r.title, head, r.headline_only, source=r.source))
        return result
    result = Segmentation(segments=[])
    if is_interview(blocks, starts):
        result.segments.append(_whole(blocks, set()))
        return result
    if linked := linked_paragraphs(blocks, starts, title):
        # a periodical's sections of paragraphs, each with its one link: each paragraph is a story
        result.multi, result.preamble = True, blocks[: starts[0]]
        for n, (section, index) in enumerate(linked):
            result.segments.append(Segment([blocks[index]], "a paragraph with its one link", section=section))
            before = linked[n - 1][1] + 1 if n else starts[0]
            result.dropped.extend((b.text, "a section's label") for b in blocks[before:index] if b.text)
        return result
    introductions: set[int] = set()
    for i in sections:
        first = next((s for s in starts if s > i), len(blocks))
        introductions.update(range(i, first))
        result.dropped.extend(
            (b.text, "a section's heading and introduction: its records below are the stories")
            for b in blocks[i:first]
            if b.text
        )
    contents = contents_list(blocks, candidates, starts) | introductions
    # a heading right over a contents list names the list ("Contents", "In this issue")
    contents |= {s for s in starts if s + 1 in contents - introductions and blocks[s].kind == "heading"}
    for i in sorted(contents - introductions):
        result.dropped.append((blocks[i].text, "contents list (or an earlier copy) repeating a later headline"))
    if contents & set(starts):
        # an entry that had text after it was the list's last; its text is the list's note
        starts = [s for s in starts if s not in contents]
    masthead = -1
    if len(starts) > 2 and not any(b.text for b in blocks[: starts[0]]) and opens_with_masthead(blocks, starts):
        masthead, starts = starts[0], starts[1:]  # the first "headline" names the newsletter, over its welcome
    elif unlike_the_records(blocks, starts):
        masthead, starts = starts[0], starts[1:]  # its tagline, where every record has its credit line
    lone = None if starts else _lone_story(blocks, candidates, bodied, title)
    starts = [lone] if lone is not None else starts  # an issue of one story, under the newsletter's name
    if (len(starts) < 2 and not news and lone is None) or one_article(blocks, shapes, starts, title, signed):
        result.segments.append(_whole(blocks, contents))
        return result
    if masthead < 0 and issue_heading(blocks, starts):
        masthead, starts = starts[0], starts[1:]  # "#13 - Cross builds" over an epigraph
    elif masthead < 0 and blocks and blocks[0].kind == "heading" and names_a_newsletter(blocks[0].text):
        masthead = 0  # ("## Quay Notes #12" over its welcome, before labels over links)
    starts = sorted(set(starts) | set(headed_text_before(blocks, shapes, starts)) - {masthead})
    starts, headed = headings_as_headlines(blocks, shapes, candidates, starts)
    points = announced_points(blocks, starts)  # "…the following pointers:" / "1. …" / "2. …": one story's
    starts = [s for s in starts if s not in points]
    result.multi = True
    result.preamble = [b for k, b in enumerate(blocks[: starts[0]]) if k not in contents]
    is_start = set(starts)
    result.first_label = first_section_label(
        blocks, shapes, [i for i in candidates if i not in bodied], starts, is_start
    )
    ends = span_ends(blocks, shapes, [c for c in candidates if c not in points], starts)
    # what a story sits under: a section's heading, a heading ("Reminders") over a group of records,
    # or a label right over them ("INSIDE THE SITE", a headline-shaped line with no body of its own)
    labels = {i for i in candidates if i not in bodied and i + 1 < len(blocks) and shapes[i + 1]}
    headings = {i for i in candidates if blocks[i].kind == "heading"}
    headers = sorted(set(sections) | ((headings | labels) - is_start))
    record_keys = {container_key(shapes[s]) for s in starts}  # type: ignore[arg-type]
    story_level = min((blocks[s].level for s in starts if blocks[s].kind == "heading"), default=None)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        group_end = min(groups.get(start, end), end)
        if briefs := briefs_under(blocks, start, end):
            result.dropped.append((blocks[start].text, "a label over briefs, each with its link"))
            result.segments.extend(
                Segment([blocks[k] for k in b], "a brief with its link", section=start) for b in briefs
            )
            leftover = [k for k in range(briefs[-1][-1] + 1, end) if k not in contents]  # (past a rule)
            result.segments.extend(headline_only(blocks, shapes, leftover, result, record_keys, story_level))
            continue
        news_end = min(news.get(start, start), end)  # a list of news (or a tally) under this heading
        news_list = news_items(blocks, start, news_end) if start in news else []
        if news_list or (start in news and is_tally(blocks[start + 1 : news_end])):
            result.dropped.extend(left_by_news(blocks, start, news_end, news_list))
            result.segments.extend(news_entry(entry, shapes, blocks, start) for entry in news_list)
            leftover = [k for k in range(news_end, end) if k not in contents]
            result.segments.extend(headline_only(blocks, shapes, leftover, result, record_keys, story_level))
            continue
        grouped = start in groups
        if links := linked_items_only(blocks, start, group_end, 1 if grouped else 2, described and grouped, grouped):
            # a heading over nothing but linked items ("Quick hits"): a label over headline-only stories
            after = blocks.index(links[-1][0], start) + 1  # (the list ends at the next heading)
            if names_only(links):
                result.dropped.extend((b.text, "a list of names, not headlines") for b in blocks[start:after])
            elif site_menu([(title, b.links[0].url) for b, title, _ in links]):
                result.dropped.extend(
                    (b.text, "a menu of the site's own pages, not headlines") for b in blocks[start:after]
                )
            else:
                # the label, and its note on the list ("*Questions folks are discussing:*")
                note = blocks[start : blocks.index(links[0][0], start)]
                result.dropped.extend((b.text, "a label over a list of links") for b in note if b.text)
                result.segments.extend(
                    segment_at(b, shapes[blocks.index(b, start)], [])  # type: ignore[arg-type]
                    if described_entry(b)
                    else Segment([], "a link in a list under a label", t, b, headline_only=True, source=src)
                    for b, t, src in links
                )
            leftover = [k for k in range(after, end) if k not in contents]
            result.segments.extend(headline_only(blocks, shapes, leftover, result, record_keys, story_level))
            continue
        own_end = before_notices(blocks, start, ends[start])
        # "[Tool 0.11](…) – what it does" three times after the story's text: stories of their own
        entries = trailing_entries(blocks, start, own_end) or own_end
        body = [b for k, b in enumerate(blocks[start + 1 : entries], start + 1) if k not in contents]
        segment_ = segment_at(blocks[start], shapes[start], body, start in headed)  # type: ignore[arg-type]
        above = bisect.bisect_left(headers, start)
        segment_.section = headers[above - 1] if above else None
        result.segments.append(segment_)
        listed = [k for k in range(entries, own_end) if blocks[k].kind == "paragraph" and blocks[k].text]
        result.segments.extend(linked_entry(blocks[k]) for k in listed)
        leftover = [k for k in range(entries, end) if k not in contents and k not in listed]
        result.segments.extend(headline_only(blocks, shapes, leftover, result, record_keys, story_level))
    trailing_credits(result.segments)  # "… its text. / Ann Lee" in record after record: their bylines
    result.dropped.extend(
        (b.text, "after the last story's end (not shaped like the stories' text)")
        for b in trim_last_story(result.segments)
        if b.text
    )
    return result


def _record_shapes(
    blocks: list[Block], shapes: list[Shape | None], candidates: list[int], bodied: set[int]
) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Shapes repeated over bodies of text: the document's records, and every shape that
    repeats so, plain lines included."""
    found: dict[tuple[str, ...], list[int]] = {}
    for i in candidates:
        found.setdefault(shapes[i].key, []).append(i)  # type: ignore[union-attr]
    records = set()
    bodied_count: dict[tuple[str, ...], int] = {}
    for key, members in found.items():
        with_body = bodied_count[key] = sum(i in bodied for i in members)
        strength = shapes[members[0]].strength  # type: ignore[union-attr]
        needed = LINE_MIN_RECORDS if strength == 1 else 2
        share = 0.6 if strength == 1 else 0.3 if strength == 3 else 0.5
        # (an "In this issue" list of the same shape as the headlines it lists is not counted)
        counted = len(members) - len(repeated_later(blocks, members) - bodied)
        if strength == 1:
            # (nor a plain line right over another headline with text: a label over it, as
            # "Featured changes" over "141041: Fix the tide table…", not a headline without text)
            counted -= sum(_right_over_bodied(blocks, shapes, i, bodied) for i in members if i not in bodied)
        if with_body >= needed and with_body >= share * counted:
            records.add(key)
    # plain short lines are the weakest evidence: only where nothing marked repeats (or, see
    # framing.sections_over_records, under headings that hold nothing else), or where they head
    # far more bodies than anything marked does: text whose headings lost their marks (a page
    # saved by a text browser), where a few headlines that are links look marked
    strong = {key for key in records if key[0] != "line"}
    most_marked = max((bodied_count[key] for key in strong), default=0)
    lines = {key for key in records - strong if bodied_count[key] >= LINES_OVER_MARKED * max(1, most_marked)}
    # plain lines that label groups of marked records are headings: those over text are stories,
    # as two headings over text are (the first label before any record, as headings are)
    first_marked = min((i for key in strong for i in found[key] if i in bodied), default=len(blocks))
    for key in (k for k in found if k[0] == "line" and bodied_count[k] >= 2):
        labels = _labels_over_marked(shapes, found[key], bodied, strong)
        if len(labels) >= 2 and labels[0] < first_marked:
            lines.add(key)
    return (strong | lines) if strong else records, records


def _right_over_bodied(blocks: list[Block], shapes: list[Shape | None], index: int, bodied: set[int]) -> bool:
    """Is the block right after `index` a headline over prose of its own?"""
    after = index + 1
    return after + 1 < len(blocks) and shapes[after] is not None and after in bodied and is_body(blocks[after + 1])


def _labels_over_marked(
    shapes: list[Shape | None], members: list[int], bodied: set[int], strong: set[tuple[str, ...]]
) -> list[int]:
    """The plain lines of `members` without a body of their own that stand right over two or
    more marked records ("Latest content" over "Title—text…" after "Title—text…"): labels of
    groups of records, as headings are, so the lines of that shape that head text are headings
    too (text whose headings lost their marks, where the records kept theirs). A line under
    each record (a picture's caption) labels no group."""
    labels = []
    for i in members:
        if i in bodied:
            continue
        group = 0
        for k in range(i + 1, len(shapes)):
            if shapes[k] is None:
                continue
            if k not in bodied or shapes[k].key not in strong:  # type: ignore[union-attr]
                break
            group += 1
        if group >= 2:
            labels.append(i)
    return labels


def _lines_as_peers(shapes: list[Shape | None], records: set[tuple[str, ...]]) -> list[Shape | None]:
    """Plain lines that are records beside marked ones are headlines of the same rank: in text
    whose headings lost their marks, a headline that is also a link is no more prominent than
    one that is not, and neither holds the other."""
    marked = [s.rank for s in shapes if s is not None and s.key in records and s.strength == 2]
    if not marked or not any(key[0] == "line" for key in records):
        return shapes
    rank = min(marked)
    return [replace(s, rank=rank) if s is not None and s.key in records and s.key[0] == "line" else s for s in shapes]


def _story_starts(
    blocks: list[Block],
    shapes: list[Shape | None],
    candidates: list[int],
    bodied: set[int],
    records: set[tuple[str, ...]],
) -> list[int]:
    """Candidates of record shapes with bodies that no more prominent story encloses; and the
    briefs under a label inside a story (a "Weekly review" over short items)."""
    starts: list[int] = []
    open_stories: list[tuple[float, int]] = []  # (rank, index) of stories whose span is still open
    brief_rank: float | None = None  # inside a list of briefs: the rank of its label
    for n, i in enumerate(candidates):
        rank = shapes[i].rank  # type: ignore[union-attr]
        # any candidate as prominent as an open story ends it (labels included)
        open_stories = [(r, s) for r, s in open_stories if r < rank]
        if brief_rank is not None and rank <= brief_rank:
            brief_rank = None
        if (
            open_stories
            and shapes[i].strength >= 2  # type: ignore[union-attr]  # a heading or marked label, not a plain line
            and not has_direct_body(blocks, shapes, i)
            and briefs_after(blocks, shapes, candidates[n + 1 :], rank) >= 2
        ):
            open_stories, brief_rank = [], rank  # a label over briefs closes the story it sits in
            continue
        if brief_rank is not None:
            if has_direct_body(blocks, shapes, i):
                starts.append(i)
            continue
        if shapes[i].key in records and i in bodied and not open_stories:  # type: ignore[union-attr]
            starts.append(i)
            open_stories.append((rank, i))
    return starts


def _whole(blocks: list[Block], contents: set[int]) -> Segment:
    return Segment([b for k, b in enumerate(blocks) if k not in contents], "whole document")


def _lone_story(blocks: list[Block], candidates: list[int], bodied: set[int], title: str | None) -> int | None:
    """An issue of a newsletter with one story: the document opens with a heading that names
    the newsletter or dates the issue ("# Quay Tools Weekly", "# Harbour Pulse — 2026-11-30"),
    and one heading under it has text of its own (perhaps under its link line): that heading is
    the story's headline, not the newsletter's name."""
    if not blocks or blocks[0].kind != "heading":
        return None
    name = title or blocks[0].text
    if not (names_a_newsletter(name) or dates_an_issue(name)):
        return None
    headed = [
        i
        for i in candidates
        if i > 0
        and blocks[i].kind == "heading"
        and (i in bodied or (i + 1 in bodied and blocks[i + 1].kind == "paragraph" and bool(blocks[i + 1].links)))
    ]
    return headed[0] if len(headed) == 1 else None
