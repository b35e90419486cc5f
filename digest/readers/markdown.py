"""Markdown (.md) with optional YAML front matter, or a MultiMarkdown/Pelican header
(`Title: …` lines before the first blank line).

Front matter keys: title (or subject), url, source, byline (or author, authors), date (or
publish_date, published_at, published), section; other keys are ignored, as static-site
generators do. A web clipper's note (Obsidian's: `source: https://…`, `author: ["[[Ann Lee]]"]`)
gives the page's address and its writer's name. A header's date that is not a date is ignored (a
header is plain text, not a promise); front matter's is an error. The markdown itself is parsed into blocks
(digest/structure/markdown.py): headings, list items, links and bold run-in titles are what
show where stories begin.
"""

from __future__ import annotations

import datetime as dt
import re

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes, normalise_newlines
from digest.readers.front_matter import split_front_matter, split_metadata_header
from digest.structure.blocks import direct_link, plain_text
from digest.structure.markdown import markdown_blocks


def read_markdown(file: InboxFile, data: bytes) -> Document:
    text = normalise_newlines(decode_bytes(data))
    meta, text = split_front_matter(text)
    strict = bool(meta)
    if not meta:
        meta, text = split_metadata_header(text)
    blocks = markdown_blocks(text)
    url, source = _string(meta.get("url")), _string(meta.get("source"))
    if source and source.lower().startswith(("http://", "https://")):
        # a web clipper's note (Obsidian's writes "source: https://…"): where the page is, not who published it
        url, source = url or direct_link(source), None
    return Document(
        name=file.name,
        content_hash=file.content_hash,
        format="markdown",
        text=plain_text(blocks),
        blocks=blocks,
        title=_string(meta.get("title") or meta.get("subject")),  # newsletter platforms export "subject"
        url=url,
        source=source,
        byline=_names(meta.get("byline") or meta.get("author") or meta.get("authors")),
        published=_date(_first(meta, "date", "publish_date", "published_at", "published"), strict),
        section=_string(meta.get("section")),
    )


def _first(meta: dict, *keys: str) -> object:
    return next((meta[key] for key in keys if meta.get(key) is not None), None)


def _string(value: object) -> str | None:
    if isinstance(value, list):  # "authors: [Ann Lee, Bo Chan]"
        value = ", ".join(str(item).strip() for item in value if item is not None) or None
    if value is None:
        return None
    return _WIKI_LINK.sub(r"\1", str(value)).strip() or None


def _names(value: object) -> str | None:
    """The writers the metadata names; not a site's account names ("admin", "[xxchan, tao]"),
    which say who pressed publish, not who a reader would credit."""
    names = _string(value)
    if names is None or all(re.fullmatch(r"[a-z0-9_.-]+", n.strip()) for n in names.split(",")):
        return None
    return names


# a note-taking app's link to another note, "[[Ann Lee]]" or "[[people/ann-lee|Ann Lee]]": its words
_WIKI_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]+)\]\]")


def _date(value: object, strict: bool = True) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from digest.stories.dates import parse_date

    parsed = parse_date(str(value))
    if parsed is None and strict:
        raise DocumentError(f"front matter date {value!r} is not a date")
    return parsed
