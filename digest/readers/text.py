"""Plain text (.txt): its structure is read from the shape of its lines (digest/structure/text.py),
a post or an e-mail saved as text from its header block. A text written in markdown is read as
markdown, one written in reStructuredText (.rst, or a .txt with its link targets and underlined
titles: a mailing list's plain-text newsletter) as reStructuredText."""

from __future__ import annotations

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.encoding import decode_bytes, normalise_newlines
from digest.readers.markdown import read_markdown
from digest.structure.blocks import plain_text
from digest.structure.markdown import written_in_markdown
from digest.structure.rst import rst_blocks, written_in_rst
from digest.structure.text import text_blocks


def read_text(file: InboxFile, data: bytes) -> Document:
    text = normalise_newlines(decode_bytes(data))
    if written_in_markdown(text):
        return read_markdown(file, data)
    if written_in_rst(text):
        try:
            return read_rst(file, data)
        except DocumentError:
            pass  # it only looked like reStructuredText: its lines are read as they stand
    return Document(name=file.name, content_hash=file.content_hash, format="text", text=text, blocks=text_blocks(text))


def read_rst(file: InboxFile, data: bytes) -> Document:
    blocks = rst_blocks(normalise_newlines(decode_bytes(data)))
    return Document(
        name=file.name, content_hash=file.content_hash, format="rst", text=plain_text(blocks), blocks=blocks
    )
