"""Readers turn one inbox file into a Document. One module per format, chosen by suffix.

To add a format: write `read_x(file: InboxFile, data: bytes) -> Document` in a module here,
raise DocumentError for a file it cannot use, and add its suffixes to READERS.
"""

from __future__ import annotations

from collections.abc import Callable

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.eml import read_email
from digest.readers.html import read_html
from digest.readers.inbox import DocumentChanged, hash_bytes, read_file_bytes
from digest.readers.markdown import read_markdown
from digest.readers.text import read_rst, read_text

Reader = Callable[[InboxFile, bytes], Document]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".rst": read_rst,
    ".html": read_html,
    ".htm": read_html,
    ".eml": read_email,
}


def read_document(file: InboxFile) -> Document:
    """Read one inbox file; raise DocumentError (the quarantine reason) when it cannot be used."""
    suffix = file.path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise DocumentError(f"unsupported file type {suffix or '(no extension)'!r}; digest reads {known}")
    data = read_file_bytes(file.path, file.size, file.size)
    if hash_bytes(data) != file.content_hash:
        raise DocumentChanged("changed since the inbox was scanned (still being written?)")
    document = reader(file, data)
    if not document.text.strip():
        raise DocumentError("no text was found in it")
    return document
