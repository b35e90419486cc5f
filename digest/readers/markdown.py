"""Markdown (.md) with optional YAML front matter.

Front matter keys: title, url, source, byline (or author), date, section; other keys are
ignored, as static-site generators do. Inline markup is
reduced to its words; headings stay as "# …" lines because they show where stories begin.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes
from digest.readers.text import normalise_newlines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def read_markdown(file: InboxFile, data: bytes) -> Document:
    text = normalise_newlines(decode_bytes(data))
    meta: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark else ""
            raise DocumentError(f"its front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
        if not isinstance(meta, dict):
            raise DocumentError("its front matter must be a mapping of keys (title:, url:, …)")
        text = text[match.end() :]
    return Document(
        name=file.name,
        content_hash=file.content_hash,
        format="markdown",
        text=markdown_to_text(text),
        title=_string(meta.get("title")),
        url=_string(meta.get("url")),
        source=_string(meta.get("source")),
        byline=_string(meta.get("byline") or meta.get("author")),
        published=_date(meta.get("date")),
        section=_string(meta.get("section")),
    )


def markdown_to_text(text: str) -> str:
    """Reduce inline markdown to words; keep headings, lists and paragraphs as lines."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    lines = []
    for line in text.split("\n"):
        line = _EMPHASIS.sub(r"\2", line)
        lines.append(line.rstrip())
    return "\n".join(lines)


def _string(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from digest.dates import parse_date

    parsed = parse_date(str(value))
    if parsed is None:
        raise DocumentError(f"front matter date {value!r} is not a date")
    return parsed
