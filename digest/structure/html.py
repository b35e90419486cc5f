"""HTML into blocks, from the DOM (lxml), keeping what the layout says.

A newsletter's HTML (an e-mail's HTML part, a web version) is many short records, not one
article: it is read here whole, not through an article extractor. Every block-level element
(p, div, td, li, h1-h6, …) and every `<br>` ends a line; each line becomes a block with its
heading level, list depth, links, the bold text it starts with, and a *style*: the tags of its
container and the look of the text that fills it (its font size and colour).
Lines that look alike have the same style, which is how the splitter finds the repeated
record of a newsletter (a linked headline in 18px, then a description in 12px, …).

Scripts, styles, comments (Outlook's conditional blocks among them), forms' controls and
hidden elements (display:none preheaders) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.structure.addresses import with_written_address, written_links
from digest.structure.blocks import PICTURE_STYLE, Block, Link, clean_text, quoted_headings_as_text
from digest.structure.typesizes import headings_by_size
from digest.structure.wrapping import mend_wrapped_lines
from digest.support.htmldom import Element, is_element, parse_html

# a <footer> inside one ends that part, not the page (in a quotation or a figure: their credit line)
_CONTENT_TAGS = frozenset(["article", "main", "section", "blockquote", "figure"])
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "caption",
        "body",
        "html",
    ]
)
SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "head",
        "title",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
        "area",
        "audio",
        "video",
        "canvas",
    ]
)
# A paragraph set all in italics is marked as one set all in bold, as the markdown reader marks
# "*note*" as it marks "**head**", so a document reads the same in either form; whether such a
# line heads anything is the splitter's call (a caption or an italic footer under a story stays text).
BOLD_TAGS = frozenset(["b", "strong", "em", "i"])
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0", re.I)
_CSS = re.compile(r"(font-size|color|font-weight)\s*:\s*([^;]+)", re.I)


@dataclass(frozen=True)
class Look:
    """How a piece of text looks: enough to tell a headline's style from a description's."""

    link: str | None = None
    bold: bool = False
    size: str = ""
    color: str = ""

    def key(self) -> str:
        """The part of the look a block's style keeps: its type's size and colour. Whether its
        words are a link or bold is the block's shape's to say (a list of linked and of run-in
        items is one list, as in markdown)."""
        return f"{self.size},{self.color}"


@dataclass
class Context:
    path: tuple[str, ...] = ()  # block-level ancestors
    heading: int = 0
    depth: int = 0  # list nesting
    quote: int = 0
    look: Look = field(default_factory=Look)


@dataclass
class _Line:
    runs: list[tuple[str, Look]] = field(default_factory=list)
    context: Context | None = None


class _Reader:
    def __init__(self, plain: Element | None = None) -> None:
        self.blocks: list[Block] = []
        self.line = _Line()
        self.plain = plain  # a <pre> holding the page's text: a plain-text message in a web page
        self.after_break = False  # the line being read began at a <br>, inside its element
        self.broken: set[int] = set()  # the blocks that did (see mend_wrapped_lines)

    def flush(self) -> None:
        line, self.line = self.line, _Line()
        after_break, self.after_break = self.after_break, False
        if line.context is None or not line.runs:
            return
        text = clean_text("".join(text for text, _ in line.runs))
        if not text:
            return
        if after_break:
            self.broken.add(len(self.blocks))
        context = line.context
        text, links = with_written_address(text, _links(line.runs))
        strong = _leading_bold(line.runs)
        if context.heading:
            kind, extra = "heading", {"level": context.heading, "depth": context.quote}
        elif context.depth:
            kind, extra = "item", {"depth": context.depth}
        else:
            kind, extra = "paragraph", {"depth": context.quote}
        style = "html:" + ">".join(context.path[-2:]) + "|" + _dominant_look(line.runs).key()
        if context.quote:
            style += "|blockquote"
        self.blocks.append(Block(kind=kind, text=text, links=links, strong=strong, style=style, **extra))

    def add(self, text: str, context: Context) -> None:
        if not text:
            return
        if self.line.context is None:
            if not text.strip():
                return
            self.line.context = context
        self.line.runs.append((text, context.look))

    def walk(self, element: Element, context: Context) -> None:
        tag = _tag(element)
        if tag == "img" and not self.blocks and self.line.context is None and (logo := _logo_name(element)):
            # a picture before any text, named by its alt text: the newsletter's logo, its masthead
            self.blocks.append(Block(kind="paragraph", text=logo, style="html:img"))
        if not tag or tag in SKIPPED_TAGS or _hidden(element):
            # a skipped element's tail is still text, and so is a comment's ("<![endif]>Ann Lee,
            # berthing officer" in the lists Word writes)
            self.add(_text(element.tail), context)
            return
        if tag == "br":
            self.flush()
            self.after_break = True
            self.add(_text(element.tail), context)
            return
        if tag == "time" and (when := _machine_date(element)) is not None:
            # "<time datetime="2026-03-04T09:00Z">2 days ago</time>": the date the words stand for
            self.add(when, context)
            self.add(_text(element.tail), context)
            return
        if tag == "hr":
            self.flush()
            self.blocks.append(Block(kind="rule", style="html:hr"))
            self.add(_text(element.tail), context)
            return
        if tag == "p" and (picture := _picture(element)) is not None:
            # a paragraph that is one picture, perhaps linked, perhaps over its caption in italics:
            # read as markdown reads "![…](pic.png)" / "_its caption_" (its alt text is no text)
            self.flush()
            self.blocks.append(picture)
            self.add(_text(element.tail), context)
            return
        if self.plain is not None and element is self.plain:
            # the archive's page around a message: what precedes it is the archive's (and is said
            # to be dropped as such); the message is read as plain text; the page ends with it
            from digest.structure.messages import message_block
            from digest.structure.text import text_blocks

            self.flush()
            self.blocks.append(message_block({"subject": _page_subject(element.getroottree().getroot())}))
            self.blocks.extend(text_blocks("".join(element.itertext()), message_body=True))
            self.blocks.append(Block(kind="marker", text="footer"))
            return
        if tag == "footer" and self.blocks and not any(_tag(a) in _CONTENT_TAGS for a in element.iterancestors()):
            # the page's own footer (not an article's): what follows is the site's, not a story's
            self.flush()
            self.blocks.append(Block(kind="marker", text="footer"))
        inner = self._context_for(element, tag, context)
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.flush()
        self.add(_text(element.text), inner)
        for child in element:
            self.walk(child, inner)
        if is_block:
            self.flush()
        self.add(_text(element.tail), context)

    @staticmethod
    def _context_for(element: Element, tag: str, context: Context) -> Context:
        look = context.look
        style = element.get("style") or ""
        css = {name.lower(): value.strip().lower() for name, value in _CSS.findall(style)}
        bold = look.bold or tag in BOLD_TAGS or css.get("font-weight", "") in ("bold", "bolder", "700", "800", "900")
        if css.get("font-weight", "") in ("normal", "400"):
            bold = False
        size = css.get("font-size", look.size)
        color = css.get("color", look.color)
        if tag == "font":
            size = element.get("size", size)
            color = (element.get("color") or color).lower()
        link = look.link
        if tag == "a" and element.get("href"):
            link = element.get("href", "").strip()
        path = (*context.path, tag) if tag in BLOCK_TAGS else context.path
        heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else context.heading
        depth = context.depth + 1 if tag == "li" else context.depth
        quote = context.quote + 1 if tag == "blockquote" else context.quote
        return Context(path, heading, depth, quote, Look(link, bold, size, color))


def _picture(paragraph: Element) -> Block | None:
    """The picture a paragraph holds and nothing else but a caption in italics, as a block
    without words but with the picture's link; None for any other paragraph."""
    parts = [child for child in paragraph if _tag(child) != "br"]
    words = [paragraph.text, *(child.tail for child in paragraph)]
    if any(w and w.strip() for w in words) or not parts:
        return None
    if len(parts) == 2 and _tag(parts[1]) in ("em", "i") and not list(parts[1].iter("img")):
        parts = parts[:1]  # "<img …><em>Its caption</em>": the picture's words
    if len(parts) != 1:
        return None
    picture, link = parts[0], ""
    if _tag(picture) == "a" and len(picture) == 1 and not (picture.text or "").strip():
        picture, link = picture[0], picture.get("href", "").strip()
    if _tag(picture) != "img":
        return None
    alt = clean_text(picture.get("alt") or "") or "picture"
    links = [Link(text=alt, url=link)] if link.startswith(("http://", "https://")) else []
    return Block(kind="paragraph", text="", links=links, style=PICTURE_STYLE)


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.lower().split("}")[-1]


def _text(value: str | None) -> str:
    return value or ""


def _hidden(element: Element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style") or ""))


def _links(runs: list[tuple[str, Look]]) -> list[Link]:
    links: list[Link] = []
    current_url: str | None = None
    current: list[str] = []
    for text, look in [*runs, ("", Look())]:
        if look.link != current_url:
            label = clean_text("".join(current))
            # "#anchor" is a place in this document (a permalink, a contents entry), not a link out
            if current_url and label and not current_url.lower().startswith(("javascript:", "#")):
                links.append(Link(text=label, url=current_url))
            current_url, current = look.link, []
        if look.link is None:
            links.extend(written_links(text))  # "read the announcement here: https://…", unmarked
        current.append(text)
    return links


def _leading_bold(runs: list[tuple[str, Look]]) -> str:
    leading: list[str] = []
    for text, look in runs:
        if not text.strip() and not leading:
            continue
        if not look.bold:
            break
        leading.append(text)
    return clean_text("".join(leading))


def _dominant_look(runs: list[tuple[str, Look]]) -> Look:
    """The look of most of the line's letters."""
    weights: dict[Look, int] = {}
    for text, look in runs:
        weights[look] = weights.get(look, 0) + len(text.strip())
    best = max(weights, key=lambda look: weights[look])
    # a link's address differs from line to line; its look does not
    return Look("a" if best.link else None, best.bold, best.size, best.color)


def _machine_date(element: Element) -> str | None:
    """A <time> element's date as its datetime attribute gives it (2026-03-04), when its words
    do not say the year ("2 days ago", "March 4"); None when they do, or it gives none."""
    words = "".join(element.itertext())
    found = re.match(r"\s*(\d{4}-\d{2}-\d{2})", element.get("datetime") or "")
    return found.group(1) if found and not re.search(r"\b\d{4}\b", words) else None


def html_blocks(html: str, fragment: bool = False) -> list[Block]:
    """The blocks of an HTML document (or of a fragment, such as raw HTML inside markdown)."""
    root = html if is_element(html) else parse_html(html, fragment)
    if root is None:
        return []
    body = root.find(".//body") if not fragment else root
    reader = _Reader(_message_text(body if body is not None else root))
    reader.walk(body if body is not None else root, Context())
    reader.flush()
    return quoted_headings_as_text(headings_by_size(mend_wrapped_lines(reader.blocks, reader.broken)))


def _message_text(root: Element) -> Element | None:
    """The <pre> that holds most of a page's words, in words rather than code: a mailing list
    archive's page around a plain-text message (read as plain text, its lines and paragraphs
    kept), not a code sample."""

    def words(element: Element) -> int:
        return len("".join(element.itertext()).split())

    pres = list(root.iter("pre", "PRE"))
    if not pres:
        return None
    inside = {id(e) for pre in pres for e in pre.iter()}
    # the page's own words, its navigation's links left out (an archive page links a lot)
    outside = words(root) - sum(words(a) for a in root.iter("a", "A") if id(a) not in inside)
    for pre in pres:
        text = "".join(pre.itertext()).split()
        if len(text) * 2 > outside and sum(w.strip(".,;:!?'\"()").isalpha() for w in text) >= 0.7 * len(text):
            return pre
    return None


def _page_subject(root: Element) -> str:
    """A message page's subject: its first top heading, else its <title>."""
    for path in (".//h1", ".//H1", ".//title", ".//TITLE"):
        found = root.find(path)
        if found is not None and (text := clean_text("".join(found.itertext()))):
            return text
    return ""


LOGO_WORDS = 6


def _logo_name(image: Element) -> str:
    """The alt text of a picture that names something ("The Quay Letter"), not one that
    describes it ("image", "logo", a file name)."""
    alt = clean_text(image.get("alt") or "")
    if (
        not alt
        or len(alt.split()) > LOGO_WORDS
        or re.search(r"\.(?:png|jpe?g|gif|svg)$|^(?:logo|image|header|banner)$", alt, re.I)
    ):
        return ""
    return alt
