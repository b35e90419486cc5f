"""Plain text (.txt): the text itself; its structure is read by the story splitter."""

from __future__ import annotations

from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes


def read_text(file: InboxFile, data: bytes) -> Document:
    text = decode_bytes(data)
    return Document(name=file.name, content_hash=file.content_hash, format="text", text=normalise_newlines(text))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")
