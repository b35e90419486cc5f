"""Markdown into blocks, through a real parser (markdown-it-py, CommonMark).

Headings (ATX and setext) keep their level; each list item's first paragraph is an `item`
block with its nesting depth; a blockquote's paragraphs are paragraphs styled `md:blockquote`
(in a link-list newsletter that is where an item's description lives); links, and a bold run
a paragraph starts with ("**Title**—text"), are recorded. HTML comments are dropped (they hide
editor notes and commented-out sections); other raw HTML is read as HTML.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from digest.structure.addresses import with_written_address, written_links
from digest.structure.blocks import PICTURE_STYLE, Block, Link, clean_text, quoted_headings_as_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use: an unchanged draft parses nothing

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


_HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}]*\}\s*$")
# attribute lists a site generator reads and readers never see: kramdown's (Jekyll's default)
# "[link](…){:target="_blank"}" or "{: .note}" anywhere, Pandoc's "{.class}" right after a span
_KRAMDOWN_ATTRIBUTES = re.compile(r"\{:[^{}\n]*\}")
_SPAN_ATTRIBUTES = re.compile(r"^\{[#.][^{}\s][^{}\n]*\}")


# a site generator's template tags left in its markdown source: Liquid/Jinja "{% include x %}",
# Handlebars "{{#> chatlog …}}", Hugo "{{< figure … >}}" — instructions to a program, not text
_TEMPLATE_TAG = re.compile(r"\{\{[^{}\n]{0,400}\}\}|\{%[^%\n]{0,400}%\}")


def markdown_blocks(text: str) -> list[Block]:
    tokens = _parser().parse(_TEMPLATE_TAG.sub("", text))
    blocks: list[Block] = []
    list_depth = 0
    quote_depth = 0
    item_open: list[bool] = []  # per open list item: has its first paragraph been seen
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            item_open.append(False)
        elif kind == "list_item_close":
            item_open.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "hr":
            blocks.append(Block(kind="rule", style="md:hr"))
        elif kind in ("fence", "code_block"):
            code = clean_text(token.content)
            if code:
                blocks.append(Block(kind="paragraph", text=code, style="md:code"))
        elif kind == "html_block":
            blocks.extend(_html(token.content))
        elif kind == "inline":
            if heading_level:
                for text, links, bold in _lines(token):
                    text = _HEADING_ATTRIBUTES.sub("", text)  # "## Updates {#updates}" (Pandoc, kramdown)
                    style = "md:blockquote" if quote_depth else f"md:h{heading_level}"
                    blocks.append(
                        _block((text, links, bold), "heading", level=heading_level, depth=quote_depth, style=style)
                    )
                continue
            if (picture := _picture(token)) is not None:
                blocks.append(picture)
                continue
            lines = _lines(token)
            if item_open and not item_open[-1]:
                item_open[-1] = True
                first, rest = lines[:1], lines[1:]
                blocks.extend(_block(line, "item", depth=list_depth, style="md:item") for line in first)
                blocks.extend(_block(line, "paragraph", depth=list_depth, style="md:item-text") for line in rest)
            elif quote_depth:
                blocks.extend(_block(line, "paragraph", depth=quote_depth, style="md:blockquote") for line in lines)
            else:
                blocks.extend(_block(line, "paragraph", style="md:p") for line in lines)
    kept = [b for b in blocks if b.kind == "rule" or b.text or (b.style == PICTURE_STYLE and b.links)]
    return quoted_headings_as_text(kept)


# An inline line: (text, links, leading bold text)
Line = tuple[str, list[Link], str]


def _lines(inline: Token) -> list[Line]:
    """The inline content as lines (hard breaks start a new line, and so does the end of a
    line that is all bold), with links and the bold text each line starts with."""
    lines: list[Line] = []
    parts: list[str] = []
    links: list[Link] = []
    link_url: str | None = None
    link_text: list[str] = []
    bold_depth = 0
    leading_bold: list[str] = []
    bold_closed = False  # the line's leading bold run has ended
    struck = 0  # inside "~~words the writer crossed out~~": not the text a reader is meant to take

    def emit() -> None:
        nonlocal parts, links, leading_bold, bold_closed
        text, links = with_written_address(clean_text("".join(parts)), links)
        if text:
            lines.append((text, links, clean_text("".join(leading_bold))))
        parts, links, leading_bold, bold_closed = [], [], [], False

    after_span = False  # the child before closed a link or an emphasis
    for child in inline.children or []:
        kind = child.type
        piece = ""
        if kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
            continue
        if struck and kind in ("text", "code_inline"):
            continue
        if kind == "code_inline":
            piece = child.content
        elif kind == "text":
            piece = _KRAMDOWN_ATTRIBUTES.sub("", child.content)
            piece = _SPAN_ATTRIBUTES.sub("", piece) if after_span else piece
            if link_url is None:  # "read the announcement here: https://…": a link, unmarked
                links.extend(written_links(piece))
        elif kind == "softbreak":
            if bold_closed and clean_text("".join(parts)) == clean_text("".join(leading_bold)) != "":
                emit()  # "**Race results**" alone on its line, the text below: a headline, as after <br>
                continue
            piece = " "
        elif kind == "hardbreak":
            emit()
            continue
        elif kind == "link_open":
            link_url, link_text = str(child.attrGet("href") or ""), []
        elif kind == "link_close":
            text = clean_text("".join(link_text))
            if link_url and text and not link_url.startswith("#"):  # "#anchor": a place in this document
                links.append(Link(text=text, url=link_url))
            link_url = None
        elif kind in ("strong_open", "em_open"):
            if not clean_text("".join(parts)):
                bold_depth += 1
        elif kind in ("strong_close", "em_close"):
            if bold_depth:
                bold_depth -= 1
                bold_closed = bold_depth == 0
        elif kind == "html_inline":
            continue  # tags (<br>, <span>) and comments carry no words
        after_span = kind in ("link_close", "strong_close", "em_close")
        if piece:
            parts.append(piece)
            if link_url is not None:
                link_text.append(piece)
            if bold_depth and not bold_closed:
                leading_bold.append(piece)
    emit()
    return lines


def _picture(inline: Token) -> Block | None:
    """A paragraph that is one picture, perhaps linked ("[![Python #1](pic.jpg)](https://…)") and
    perhaps with its caption in italics under it:
    a block of its own without words (its alt text is no headline and no text; it is kept as
    the link's words) but with its link, so a picture under a headline gives that headline its
    link."""
    children = [c for c in inline.children or [] if not (c.type in ("text", "softbreak") and not c.content.strip())]
    kinds = [c.type for c in children]
    caption = kinds[3:] if kinds[:1] == ["link_open"] else kinds[1:]
    if caption and caption[0] == "em_open" and caption[-1] == "em_close" and "image" not in caption:
        kinds = kinds[: len(kinds) - len(caption)]  # "![…](pic.png)" / "_Its caption_": the picture's words
    if kinds not in (["image"], ["link_open", "image", "link_close"]):
        return None
    image = children[kinds.index("image")]
    alt = clean_text(image.content) or "picture"
    url = str(children[0].attrGet("href") or "") if kinds[0] == "link_open" else ""
    links = [Link(text=alt, url=url)] if url.startswith(("http://", "https://")) else []
    return Block(kind="paragraph", text="", links=links, style=PICTURE_STYLE)


def _block(line: Line, kind: str, **fields: object) -> Block:
    text, links, bold = line
    return Block(kind=kind, text=text, links=links, strong=bold, **fields)


def _html(content: str) -> list[Block]:
    stripped = content.strip()
    if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
        return []
    from digest.structure.html import html_blocks

    return html_blocks(content, fragment=True)


_INLINE_LINK = re.compile(r"\[[^\]\n]{1,300}\]\((?:https?://|mailto:)[^)\s]+\)")
# "[Tern]: https://…", a reference link's definition ("[Tern] (a 1952 dinghy) …" uses it)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]{1,100})\]:\s+<?https?://\S+", re.M)
MARKDOWN_LINKS = 3  # "[words](https://…)" this often: markdown saved as plain text, not a text's citation


def written_in_markdown(text: str) -> bool:
    """A plain text written in markdown (a note saved as .txt, the plain part an e-mail tool
    wrote from its markdown): its links are "[words](https://…)", or references defined on
    lines of their own ("[words]: https://…"). A post or e-mail saved with
    its headers is read as the message it is."""
    # a numbered list "[1]: https://…" used as "the new rules [1]" is a text's footnotes, as
    # text-mode renderings write them (structure/references.py); markdown uses "[words][1]"
    labels = [m.group("label") for m in _REFERENCE_DEFINITION.finditer(text)]
    references = [k for k in labels if not k.isdigit() or f"][{k}]" in text]
    if len(_INLINE_LINK.findall(text)) + len(references) < MARKDOWN_LINKS:
        return False
    from digest.structure.messages import header_block_at

    lines = text.lstrip("\n").split("\n")
    return header_block_at(lines, 0) is None
