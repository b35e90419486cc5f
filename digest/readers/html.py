"""Saved web pages (.html, .htm) through trafilatura, which finds the main text and the
page's metadata and leaves navigation, ads and comment widgets behind.

The main text becomes paragraphs and "# heading" lines, so the story splitter sees the
page's structure the same way it sees markdown.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from digest.dates import parse_date
from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_SPACES = re.compile(r"\s+")

# trafilatura and htmldate report every page they find thin at WARNING; a curator does not
# need that on their terminal.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def read_html(file: InboxFile, data: bytes) -> Document:
    declared = _META_CHARSET.search(data[:4096])
    html = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    return document_from_html(file.name, file.content_hash, html, format="html")


def document_from_html(name: str, content_hash: str, html: str, format: str) -> Document:
    """Extract the main text and metadata of an HTML page (also used for HTML email parts)."""
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            # htmldate's extensive search hands free text to dateparser, which costs seconds
            # and guesses; the page's own metadata and URL patterns are enough.
            date_extraction_params={"extensive_search": False, "original_date": True},
            include_comments=False,
            include_tables=False,
            include_formatting=True,
            favor_recall=True,
        )
    except Exception as exc:  # trafilatura raises whatever lxml raises on broken input
        raise DocumentError(f"the HTML could not be parsed: {exc}") from None
    page = _page_metadata(html)
    text = _body_text(extracted.body) if extracted is not None and extracted.body is not None else ""
    if not text.strip():
        text = page.get("fallback_text", "")
    if not text.strip():
        raise DocumentError("no readable text was found in the page")
    meta: dict[str, Any] = extracted.as_dict() if extracted is not None else {}
    return Document(
        name=name,
        content_hash=content_hash,
        format=format,
        text=text,
        title=page.get("og_title") or page.get("h1") or meta.get("title") or page.get("title"),
        url=page.get("canonical") or meta.get("url"),
        source=page.get("site_name") or meta.get("sitename"),
        byline=_person(meta.get("author")),
        published=parse_date(meta["date"]) if meta.get("date") else None,
    )


def _body_text(body: etree._Element) -> str:
    """Trafilatura's XML body as paragraphs and '#' headings, separated by blank lines."""
    blocks: list[str] = []
    for element in body.iter("head", "p", "item", "quote"):
        if element.tag == "p" and element.getparent() is not None and element.getparent().tag == "quote":
            continue
        text = _SPACES.sub(" ", "".join(element.itertext())).strip()
        if not text:
            continue
        if element.tag == "head":
            level = (element.get("rend") or "h2").lstrip("h")
            text = "#" * (int(level) if level.isdigit() else 2) + " " + text
        elif element.tag == "item":
            text = "- " + text
        blocks.append(text)
    return "\n\n".join(blocks)


# What a page's author field holds when the extractor picked up a form label, not a person.
_NOT_AUTHORS = frozenset(
    ["username", "user", "admin", "administrator", "guest", "anonymous", "staff", "editor", "author", "login"]
)


def _person(author: str | None) -> str | None:
    return None if not author or author.strip().lower() in _NOT_AUTHORS else author


def _without_site(title: str, site: str | None) -> str:
    """'Obama admits … - BBC News' → 'Obama admits …' when BBC News is the site's name."""
    if site:
        for separator in (" - ", " | ", " – ", " — ", " :: "):
            if title.lower().endswith((separator + site).lower()):
                return title[: -len(separator + site)].strip()
    return title


def _page_metadata(html: str) -> dict[str, str]:
    """The page's own title candidates: og:title, the single h1, <title> (site suffix cut)."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}

    def meta(*keys: str) -> str | None:
        for key in keys:
            for attr in ("property", "name"):
                values = tree.xpath(f'//meta[@{attr}="{key}"]/@content')
                if values and values[0].strip():
                    return _SPACES.sub(" ", values[0]).strip()
        return None

    site = meta("og:site_name", "application-name")
    if site:
        found["site_name"] = site
    if value := meta("og:title", "twitter:title"):
        found["og_title"] = _without_site(value, site)
    h1s = [_SPACES.sub(" ", h.text_content()).strip() for h in tree.xpath("//h1")]
    h1s = [h for h in h1s if h]
    if len(h1s) == 1:
        found["h1"] = h1s[0]
    titles = tree.xpath("//title/text()")
    if titles and titles[0].strip():
        found["title"] = re.split(r"\s+[|–—-]\s+", _SPACES.sub(" ", titles[0]).strip())[0]
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or tree.xpath('//meta[@property="og:url"]/@content')
    if canonical and canonical[0].startswith(("http://", "https://")):
        found["canonical"] = canonical[0].strip()
    body = tree.find("body")
    if body is not None:
        found["fallback_text"] = "\n\n".join(
            _SPACES.sub(" ", p.text_content()).strip()
            for p in body.iter("p", "h1", "h2", "h3", "li")
            if p.text_content().strip()
        )
    return found
