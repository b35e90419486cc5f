"""Plain text (.txt): its structure is read from the shape of its lines (digest/structure/text.py),
a post or an e-mail saved as text from its header block."""

from __future__ import annotations

import html
import re

from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes
from digest.structure.markdown import written_in_markdown
from digest.structure.text import text_blocks


def read_text(file: InboxFile, data: bytes) -> Document:
    text = normalise_newlines(decode_bytes(data))
    if written_in_markdown(text):
        from digest.readers.markdown import read_markdown  # (which reads its text with normalise_newlines)

        return read_markdown(file, data)
    return Document(name=file.name, content_hash=file.content_hash, format="text", text=text, blocks=text_blocks(text))


_ENTITY = re.compile(r"&(#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalise_newlines(text: str) -> str:
    """Unix newlines, no BOM, and HTML entities (&#163;, &amp;) that clipping tools leave in text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
