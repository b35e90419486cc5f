"""Plain text layout: wrapping at 72 columns without ever breaking a word or a URL."""

from __future__ import annotations

import textwrap

WIDTH = 72


def short_date(date: object) -> str:
    """23 Nov 2026 (the date of a story, in both editions)."""
    return f"{date.day} {date:%b %Y}" if date else ""  # type: ignore[attr-defined]


def wrap_paragraph(text: str, width: int = WIDTH, indent: str = "", subsequent: str | None = None) -> str:
    return textwrap.fill(
        " ".join(str(text).split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )
