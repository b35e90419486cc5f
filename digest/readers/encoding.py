"""Bytes to text, for the encodings curators really have.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
charset-normalizer, which tells GB18030 from Windows-1252 by what decodes into real words.
"""

from __future__ import annotations

import codecs
import html
import re

from digest.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a document's bytes; raise DocumentError with the reason when it is not text."""
    if not data.strip():
        raise DocumentError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(
                    f"starts with a {encoding} byte-order mark but does not decode as {encoding}"
                ) from None
    if b"\x00" in data[:4096]:
        raise DocumentError("looks like a binary file (it contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    text = _guess(data)
    if text is None:
        raise DocumentError("its text encoding could not be recognised (not UTF-8, UTF-16, GB18030, Windows-1252, …)")
    if _mostly_control_characters(text):
        raise DocumentError("looks like a binary file, not a text document")
    return text


def _guess(data: bytes) -> str | None:
    """charset-normalizer's reading, preferring Windows-1252 among equally clean candidates.

    On short Western text several single-byte code pages decode without any oddity (cp1252,
    cp1257, cp775…); Windows-1252 is by far the commonest in real files, so it wins a tie.
    """
    from charset_normalizer import from_bytes  # imported on first use: most files are UTF-8

    matches = list(from_bytes(data))
    if not matches:
        return None
    cleanest = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos <= cleanest + 0.02 and "cp1252" in match.could_be_from_charset:
            return data.decode("cp1252", errors="replace")
    return str(matches[0])


def _mostly_control_characters(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls > len(sample) * 0.05


_ENTITY = re.compile(r"&(#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalise_newlines(text: str) -> str:
    """Unix newlines, no BOM, and HTML entities (&#163;, &amp;) that clipping tools leave in text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
