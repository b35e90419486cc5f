"""Plain text (.txt): the text itself; its structure is read by the story splitter."""

from __future__ import annotations

import html
import re

from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes


def read_text(file: InboxFile, data: bytes) -> Document:
    text = decode_bytes(data)
    return Document(name=file.name, content_hash=file.content_hash, format="text", text=normalise_newlines(text))


_ENTITY = re.compile(r"&(#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalise_newlines(text: str) -> str:
    """Unix newlines, no BOM, and HTML entities (&#163;, &amp;) that clipping tools leave in text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
