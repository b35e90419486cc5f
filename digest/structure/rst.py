"""reStructuredText into blocks, through docutils (the reference parser): its HTML writer's
output read as any HTML (structure/html.py), so underlined titles are headings and
`words`_ links point where their `.. _words: https://…` targets say.

Mailing-list newsletters of Python-world projects are written in it and sent as the plain-text
body; a curator saves them as .txt or .rst. The only place docutils is used: nothing is read
from other files, no raw HTML passes, and its warnings about the markup are not ours to show.
"""

from __future__ import annotations

import re

from digest.errors import DocumentError
from digest.structure.blocks import Block

_SETTINGS = {
    "report_level": 5,  # no system messages in the output
    "halt_level": 5,  # never stop on a markup error: read what can be read
    "warning_stream": False,
    "file_insertion_enabled": False,  # ".. include::" of the curator's files: never
    "raw_enabled": False,
    "_disable_config": True,
    "input_encoding": "unicode",
    "embed_stylesheet": False,
}

# ".. _Harbour Notes: https://…" (or the address on the next line), ".. |logo| image:: …",
# ".. note::": the lines only reStructuredText writes
_TARGET = re.compile(r"^\.\. (?:_[^:\n]+:|\|[^|\n]+\| \w+::|\w[\w-]*::)", re.M)
# a title underlined (and perhaps overlined) with = - ~ ^ * or #, as long as its words
_UNDERLINED = re.compile(r"^(?P<title>\S[^\n]{2,})\n(?P<line>[=\-~^*#])(?P=line){2,}\s*$", re.M)
RST_TARGETS = 2


def written_in_rst(text: str) -> bool:
    """A plain text written in reStructuredText: link targets or directives, and a title
    underlined as the markup writes it."""
    return len(_TARGET.findall(text)) >= RST_TARGETS and _UNDERLINED.search(text) is not None


def rst_blocks(text: str) -> list[Block]:
    from docutils.core import publish_parts

    from digest.structure.html import html_blocks

    try:
        parts = publish_parts(source=text, writer_name="html5", settings_overrides=_SETTINGS)
    except Exception as exc:  # docutils raises its own errors, and ValueErrors of its parser
        raise DocumentError(f"could not read it as reStructuredText ({type(exc).__name__}: {exc})") from None
    return html_blocks(f"<div>{parts['html_title']}{parts['html_subtitle']}{parts['body']}</div>", fragment=True)
