"""The structural form every reader produces: a document as a sequence of blocks.

A block is what a reader sees as one unit of layout: a heading, a paragraph, a list item, a
quoted line, a rule, or a line between `<br>`s. It carries what the source said about it
(its heading level, its links, a bold run it starts with, how it is styled) so that the story
splitter can decide from the document's shape, the same way for every format, where stories
begin. A `message` block opens a message inside the document (a post, an e-mail in a digest,
a forwarded newsletter) and carries that message's headers.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from digest.words import DECORATION

BlockKind = Literal["heading", "paragraph", "item", "quote", "rule", "message", "marker"]
# the style of a block that is a picture alone (markdown's "[![alt](pic)](https://…)"): no words,
# perhaps a link; never a headline nor text, but the link of the story it stands over
PICTURE_STYLE = "md:picture"


# query parameters that only tell the sender who clicked: not part of where a link goes
_TRACKING_PARAMETER = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok)$", re.I)
# a redirect's parameter that holds the address it sends the reader on to
_TARGET_PARAMETERS = ("url", "q", "u", "target", "dest", "destination", "redirect", "redirect_url", "to")


def direct_link(url: str) -> str:
    """Where a link really goes: a mail client's or search engine's redirect
    ("…safelinks.protection.outlook.com/?url=https%3A%2F%2F…", "google.com/url?q=https://…")
    unwrapped, and the tracking parameters (utm_source, fbclid, …) taken off."""
    for _ in range(3):  # a redirect may wrap a redirect
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        target = next(
            (v for k, v in query if k.lower() in _TARGET_PARAMETERS and v.lower().startswith(("http://", "https://"))),
            None,
        )
        if target is None:
            break
        url = target
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMETER.match(k)]
    if len(kept) == len(parse_qsl(parts.query, keep_blank_values=True)):
        return url  # nothing to take off: the address as written
    return urlunsplit(parts._replace(query=urlencode(kept)))


def undecorated(text: str) -> str:
    """The text without the emoji it opens with ("🐦 [Headline](…): …", "📦 Tool 2.0"): an icon
    before a line is decoration, and the line's headline or link starts after it. Symbols of the
    Latin-1 range stay ("© 2026 Quay Weekly")."""
    start = 0
    while start < len(text) and (
        text[start].isspace() or (ord(text[start]) >= 0x2000 and unicodedata.category(text[start]) in DECORATION)
    ):
        start += 1
    return text[start:] if start else text


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    url: str

    @field_validator("text")
    @classmethod
    def _undecorated(cls, value: str) -> str:
        return undecorated(value)

    @field_validator("url")
    @classmethod
    def _direct(cls, value: str) -> str:
        return direct_link(value) if value.lower().startswith(("http://", "https://")) else value


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: BlockKind
    text: str = ""
    level: int = 0  # headings: 1-6
    depth: int = 0  # list items: nesting depth (1 = top level); quotes: quote depth
    links: list[Link] = Field(default_factory=list)
    strong: str = ""  # the bold or emphasised text the block starts with (all of it: a bold line)
    style: str = ""  # how it looks in its source (HTML: tag path and inline style; markdown: markup)
    fields: dict[str, str] = Field(default_factory=dict)  # message blocks: subject, from, date, …

    @field_validator("text", "strong")
    @classmethod
    def _undecorated(cls, value: str) -> str:
        return undecorated(value)

    @property
    def link_share(self) -> float:
        """How much of the text is link text (0 for none, 1 for a line that is one link)."""
        if not self.text:
            return 0.0
        return min(1.0, sum(len(link.text) for link in self.links) / len(self.text))


def quoted_headings_as_text(blocks: list[Block]) -> list[Block]:
    """Headings inside a quotation ("> ### Tidechat 0.9" under "### Tidechat", a project's
    announcement quoted whole) are the quoted writer's, not the document's: where the document
    has headings of its own outside any quotation, a quoted one is a line of the quotation's
    text. (A document quoted whole keeps its headings.)"""
    if not any(b.kind == "heading" and not b.depth for b in blocks):
        return blocks
    return [
        b.model_copy(update={"kind": "paragraph", "level": 0}) if b.kind == "heading" and b.depth else b for b in blocks
    ]


_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of text: whitespace runs become one space, no-break and zero-width spaces go."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\u200c", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


def plain_text(blocks: list[Block]) -> str:
    """The blocks as plain text, one block a paragraph (what `common_lines` and `explain` read)."""
    lines = []
    for block in blocks:
        if block.kind == "heading":
            lines.append("#" * max(1, block.level) + " " + block.text)
        elif block.kind == "item":
            lines.append("- " + block.text)
        elif block.kind == "message":
            lines.append("\n".join(f"{name}: {value}" for name, value in block.fields.items()))
        elif block.kind in ("paragraph", "quote"):
            lines.append(block.text)
    return "\n\n".join(line for line in lines if line)
