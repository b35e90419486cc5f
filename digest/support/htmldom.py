"""HTML as a DOM. lxml is imported here and nowhere else: readers, the structure layer and
`digest check` get their trees from `parse_html` and walk them with the element API."""

from __future__ import annotations

from typing import TypeAlias

import lxml.html
from lxml import etree

Element: TypeAlias = etree._Element


def parse_html(html: str, fragment: bool = False) -> Element | None:
    """The document's root element (a fragment's, under a <div>), or None when it cannot be
    parsed (empty, or nothing lxml recognises as HTML)."""
    try:
        if fragment:
            return lxml.html.fragment_fromstring(html, create_parent="div")
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def is_element(value: object) -> bool:
    return isinstance(value, etree._Element)
