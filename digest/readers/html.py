"""Saved web pages (.html, .htm) and the HTML of e-mails.

A page that says it is one article (og:type article, a JSON-LD Article, an `<article>`
element) goes through trafilatura, the article extractor, which leaves navigation, ads and
comment widgets behind; its title is chosen by agreement among the page's own statements
(readers/page_meta.py). Anything else — a newsletter's web version, an e-mail's HTML — holds
many stories, which an article extractor would drop: it is read whole, from the DOM, into
blocks (digest/structure/html.py). So is a page that calls itself an article but whose main
text is made of linked items (a static site's issue page: a list of linked news). A
static-site page may start with YAML front matter (title, date), which is read and removed
first.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes
from digest.readers.front_matter import split_front_matter
from digest.readers.page_meta import page_meta
from digest.stories.dates import parse_date
from digest.structure.blocks import Block, plain_text
from digest.structure.html import html_blocks
from digest.support.htmldom import Element, parse_html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_SPACES = re.compile(r"\s+")

# trafilatura and htmldate report every page they find thin at WARNING; a curator does not
# need that on their terminal.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def read_html(file: InboxFile, data: bytes) -> Document:
    declared = _META_CHARSET.search(data[:4096])
    html = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    front, html = split_front_matter(html)
    document = document_from_html(file.name, file.content_hash, html, format="html")
    updates: dict[str, Any] = {}
    if front.get("title") and not document.title:
        updates["title"] = str(front["title"]).strip()
    if front.get("date") and not document.published:
        updates["published"] = parse_date(str(front["date"]))
    return document.model_copy(update=updates) if updates else document


def document_from_html(name: str, content_hash: str, html: str, format: str, article: bool | None = None) -> Document:
    """A page or an e-mail's HTML part as a Document. `article` None: the page decides."""
    root = parse_html(html)
    if root is None:
        raise DocumentError("the HTML could not be parsed")
    meta = page_meta(root)
    if article is None:
        article = meta.article
    extracted = _extract_article(html) if article else None
    if extracted is not None and extracted.body is not None and _list_of_links(extracted.body):
        # an issue page of a newsletter's site marked up as one article: its main text is a
        # list of linked items, so it is read whole, from the DOM, like any newsletter
        article, extracted = False, None
    if extracted is not None and extracted.body is not None:
        blocks = _article_blocks(extracted.body)
    else:
        blocks = html_blocks(root)
    if not any(b.text for b in blocks):
        raise DocumentError("no readable text was found in the page")
    found: dict[str, Any] = extracted.as_dict() if extracted is not None else {}
    extra_title = [("trafilatura", found["title"])] if found.get("title") else []
    date = meta.date or found.get("date")
    title = meta.title(extra_title)
    return Document(
        name=name,
        content_hash=content_hash,
        format="article" if extracted is not None and extracted.body is not None else format,
        text=plain_text(blocks),
        blocks=blocks,
        title=title,
        url=meta.url or found.get("url"),
        source=meta.site or found.get("sitename") or meta.site_name(title),
        # the extractor's author guess only for an article; the page's own metadata for any page
        byline=meta.author(found.get("author")) if article else meta.author(),
        published=parse_date(date) if date else None,
    )


# Of an article's main text, the share of paragraphs, items and headings that are mostly a
# link (link density per block, Kohlschütter et al., 2010): an article links words inside its
# sentences (0-14 % of its blocks on the corpus's article pages, none on a link-rich essay);
# a page listing linked items is made of them (38 % on a static site's issue page).
LIST_LINKED_BLOCKS = 0.25
LIST_MIN_LINKED = 3


def _list_of_links(body: Element) -> bool:
    def words(texts: Any) -> int:
        return len(" ".join(texts).split())

    blocks = [e for e in body.iter("p", "item", "head") if words(e.itertext())]
    linked = [e for e in blocks if words(t for ref in e.iter("ref") for t in ref.itertext()) * 2 >= words(e.itertext())]
    return len(linked) >= LIST_MIN_LINKED and len(linked) >= LIST_LINKED_BLOCKS * len(blocks)


def _extract_article(html: str) -> Any:
    try:
        import trafilatura  # imported on first use: warm compiles read no page

        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            # htmldate's extensive search hands free text to dateparser, which costs seconds
            # and guesses; the page's own metadata and URL patterns are enough.
            date_extraction_params={"extensive_search": False, "original_date": True},
            include_comments=False,
            include_tables=False,
            include_formatting=True,
            include_links=True,  # to tell a page of linked items from an article (_list_of_links)
            favor_recall=True,
        )
    except Exception:  # trafilatura raises whatever lxml raises on broken input
        return None


def _article_blocks(body: Element) -> list[Block]:
    """trafilatura's XML body as blocks: headings, paragraphs, list items, quotes."""
    blocks: list[Block] = []
    for element in body.iter("head", "p", "item", "quote"):
        parent = element.getparent()
        if element.tag == "p" and parent is not None and parent.tag in ("quote", "item"):
            continue  # read with the quote or list item it is in
        text = _SPACES.sub(" ", "".join(element.itertext())).strip()
        if not text:
            continue
        if element.tag == "head":
            level = (element.get("rend") or "h2").lstrip("h")
            blocks.append(
                Block(kind="heading", text=text, level=int(level) if level.isdigit() else 2, style="article:head")
            )
        elif element.tag == "item":
            blocks.append(Block(kind="item", text=text, depth=1, style="article:item"))
        else:
            blocks.append(Block(kind="paragraph", text=text, style=f"article:{element.tag}"))
    return blocks
