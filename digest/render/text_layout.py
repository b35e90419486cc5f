"""Plain text layout: wrapping at 72 columns without ever breaking a word or a URL (Chinese,
Japanese and Korean, which put no spaces between words, break between any two characters)."""

from __future__ import annotations

import re
import textwrap

WIDTH = 72


def short_date(date: object) -> str:
    """23 Nov 2026 (the date of a story, in both editions)."""
    return f"{date.day} {date:%b %Y}" if date else ""  # type: ignore[attr-defined]


def wrap_paragraph(text: str, width: int = WIDTH, indent: str = "", subsequent: str | None = None) -> str:
    text = " ".join(str(text).split())
    later = indent if subsequent is None else subsequent
    if _WIDE.search(text):
        return _wrap_wide(text, width, indent, later)
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=later,
        break_long_words=False,
        break_on_hyphens=False,
    )


# Chinese, Japanese and Korean characters (and full-width forms): two columns each, and a line
# may break between any two of them, as those scripts put no spaces between words
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]"
)
_PIECE = re.compile(_WIDE.pattern + r"|[^\s" + _WIDE.pattern[1:-1] + r"]+|\s+")


def _wrap_wide(text: str, width: int, indent: str, later: str) -> str:
    """Wrapping by columns where wide characters stand: a break between any two of them or at
    a space, never inside a word or a URL."""
    lines: list[str] = []
    line, columns = indent, len(indent)
    for piece in _PIECE.findall(text):
        size = 0 if piece.isspace() else 2 * len(piece) if _WIDE.match(piece) else len(piece)
        if piece.isspace():
            if columns + 1 <= width:
                line, columns = line + " ", columns + 1
            continue
        if columns + size > width and line.strip():
            lines.append(line.rstrip())
            line, columns = later, len(later)
        line, columns = line + piece, columns + size
    lines.append(line.rstrip())
    return "\n".join(lines)
