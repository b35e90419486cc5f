"""Plain text (.txt): its structure is read from the shape of its lines (digest/structure/text.py),
a post or an e-mail saved as text from its header block."""

from __future__ import annotations

from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes, normalise_newlines
from digest.readers.markdown import read_markdown
from digest.structure.markdown import written_in_markdown
from digest.structure.text import text_blocks


def read_text(file: InboxFile, data: bytes) -> Document:
    text = normalise_newlines(decode_bytes(data))
    if written_in_markdown(text):
        return read_markdown(file, data)
    return Document(name=file.name, content_hash=file.content_hash, format="text", text=text, blocks=text_blocks(text))
