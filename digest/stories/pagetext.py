"""The article of a web page saved as text, amid the page's furniture.

A page saved as text by a text browser (lynx, w3m) keeps everything the HTML had:
menus, share buttons, "most read" lists and footers, each a run of short links, around the one
article the reader saved. In HTML, trafilatura finds that article; in text, the blocks say it
(boilerplate detection by block features: Kohlschütter et al., 2010; jusText):

- the article is the main run of prose: paragraphs of sentences with few links, one after
  another, with no more than a few link lines between them (a figure's credit, "Read more",
  a sub-heading may stand between paragraphs; a menu may not);
- it holds most of the page's prose, and few linked headlines stand inside it (a newsletter's
  stories each open with theirs);
- the page's furniture stands before it and after it: link lines on both sides;
- its headline stands in the lines before it: a line of a few words, no sentence, no link, that
  says what the article tells (three or more of its words are the article's), the one the page
  repeats most (breadcrumbs, share texts and captions repeat a headline), a heading before a
  plain line, the farthest up on a tie (a caption sits between the headline and the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.stories.agreement import content_stems
from digest.stories.features import is_body, is_meta
from digest.stories.records import LINKED_ITEM_SHARE
from digest.stories.segments import Segment, Segmentation
from digest.stories.teasers import is_sentence
from digest.structure.blocks import Block
from digest.words import word_count

PROSE_WORDS = 20  # a paragraph of the article has at least this many words
LINK_LINES_BETWEEN = 3  # link lines two of its paragraphs may have between them
MAIN_SHARE = 0.75  # of the page's prose, in the article
MIN_PARAGRAPHS = 4
LINKED_HEADLINES = 0.25  # linked headlines inside the article, per paragraph, at most
FURNITURE = 5  # link lines before the article, and after it, on a page
HEADLINE_WINDOW = 25  # blocks before the article its headline may stand in
HEADLINE_TELLS = 0.5  # of a headline's words, the share the article uses…
HEADLINE_WORDS_TOLD = 3  # …and at least this many of them

_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")  # "Whale expert Hori Parata. Photograph: …": a caption


@dataclass(frozen=True)
class PageArticle:
    headline: int | None  # the headline's block, if one was found
    start: int  # the article's first paragraph
    end: int  # its last (inclusive)


def page_article(blocks: list[Block]) -> PageArticle | None:
    """The article of a page saved as text, or None when the blocks are not one."""
    run = _main_run(blocks)
    if run is None:
        return None
    start, end = run
    if sum(map(_mostly_links, blocks[:start])) < FURNITURE or sum(map(_mostly_links, blocks[end + 1 :])) < FURNITURE:
        return None  # no page around it: an essay, or a newsletter's opening letter over its links
    return PageArticle(_headline_before(blocks, start, end), start, end)


def _mostly_links(block: Block) -> bool:
    return bool(block.links) and block.link_share >= LINKED_ITEM_SHARE


def _paragraph(block: Block) -> bool:
    return is_body(block) and block.link_share < LINKED_ITEM_SHARE and word_count(block.text) >= PROSE_WORDS


def _main_run(blocks: list[Block]) -> tuple[int, int] | None:
    paragraphs = [i for i, b in enumerate(blocks) if _paragraph(b)]
    if not paragraphs:
        return None
    runs = [[paragraphs[0]]]
    for i in paragraphs[1:]:
        if sum(map(_mostly_links, blocks[runs[-1][-1] + 1 : i])) > LINK_LINES_BETWEEN:
            runs.append([i])
        else:
            runs[-1].append(i)

    def words(run: list[int]) -> int:
        return sum(word_count(blocks[i].text) for i in run)

    main = max(runs, key=words)
    if len(main) < MIN_PARAGRAPHS or words(main) < MAIN_SHARE * sum(map(words, runs)):
        return None
    inside = blocks[main[0] : main[-1]]
    if sum(_mostly_links(b) and word_count(b.text) >= 4 for b in inside) > LINKED_HEADLINES * len(main):
        return None  # linked headlines between its paragraphs: a newsletter's stories
    return main[0], main[-1]


def _headline_before(blocks: list[Block], start: int, end: int) -> int | None:
    told = set().union(*(content_stems(b.text) for b in blocks[start : end + 1]))
    texts = [b.text for b in blocks]
    best: tuple[tuple[int, bool, int], int] | None = None
    for k in range(start - 1, max(-1, start - HEADLINE_WINDOW), -1):
        block, text = blocks[k], blocks[k].text.strip()
        if not 4 <= word_count(text) <= 25 or _mostly_links(block) or is_meta(block) or is_sentence(text):
            continue
        if _SENTENCE_BREAK.search(text):
            continue
        own = content_stems(text)
        shared = len(own & told)
        if shared < HEADLINE_WORDS_TOLD or shared < HEADLINE_TELLS * len(own):
            continue
        key = (sum(text in other for other in texts), block.kind == "heading", -k)
        if best is None or key > best[0]:
            best = (key, k)
    return best[1] if best is not None else None


def article_segmentation(blocks: list[Block], article: PageArticle) -> Segmentation:
    """The page as one story, its headline's and its article's blocks; the rest dropped."""
    headline = blocks[article.headline] if article.headline is not None else None
    first = article.start if article.headline is None else article.headline  # the story's first block
    kept = blocks[article.start if article.headline is None else article.headline + 1 : article.end + 1]
    if headline is not None and not headline.links:
        # the page's own address: where its breadcrumb or a share line links the headline's words
        own = next((k for b in blocks for k in b.links if k.text.strip() == headline.text.strip()), None)
        headline = headline.model_copy(update={"links": [own]}) if own is not None else headline
    story = Segment(
        [b for b in kept if b.kind != "marker"],
        "the main text of a page saved as text",
        title=headline.text if headline is not None else None,
        title_block=headline,
    )
    furniture = blocks[:first] + blocks[article.end + 1 :]
    reason = "the page's furniture around its article (menus, share links, other articles)"
    return Segmentation([story], dropped=[(b.text, reason) for b in furniture if b.text])
