"""One line of plain text as a block: its shape (a heading, a bullet, a numbered or all-capitals
line, a quoted passage, a run-in head in asterisks) and the links it writes out in words
("Headline (https://…)", "<https://…>", "Read more: https://…"), as the plain-text parts of
e-mails and texts saved from pages write them. digest/structure/text.py groups the lines.
"""

from __future__ import annotations

import re

from digest.structure.addresses import URL_ALONE, with_written_address, written_links
from digest.structure.blocks import PICTURE_STYLE, Block, Link, clean_text
from digest.structure.references import LEADING_ITEM_TAG, ends_reporting, phrase_before
from digest.words import ENUMERATOR

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
# "=== NEWS ===", "--- Events ---", "*** SPORT ***": a section's name between marks
FRAMED_HEADING = re.compile(r"^\s*([=*~-])\1{2,}\s+(?P<text>[^=*~-].{0,60}?)\s+\1{3,}\s*$")
# "… the basin in February. (https://…)": an item's address written after its text
TRAILING_URL = re.compile(r"[\s(<\[]+(?P<url>https?://[^\s<>)\]]+)[)>\]]?[.,;]?\s*$")
# ("-- Headline": an old plain-text e-mail's bullet; a line of "--" alone is a signature's start)
BULLET = re.compile(r"^(?P<indent>\s*)(?P<mark>--|[-*•·▪►‣◦o])\s+(?P<text>\S.*)$")
NUMBERED = re.compile(ENUMERATOR.pattern + r"\S")
# the end of a sentence inside a line ("…three weeks early. More →"; not "Dart vs. F#")
_SENTENCE_END = re.compile(r"(?<=\w{3}[.!?])\s+(?=[A-Z0-9\"“‘'(¿¡])")
SENTENCE_WORDS = 4  # a sentence before the address's own words: they are the link's, not the sentence's
# "Read more: https://…", "Source: https://…": a short label naming the address after it
# ("Read more (https://…)": how e-mail tools write a link in a plain-text part)
LABELLED_URL = re.compile(
    r"^\s*(?P<label>\w[^:(]{0,39}?)\s*(?::\s*<?(?P<url>https?://\S+?)>?|\((?P<paren>https?://[^\s)]+)\))\s*$"
)
# "Second slipway approved <https://…>": the address at the end; the words before it are looked
# at apart (one pattern over both backtracked over every long line: 45 ms for 2,000 characters)
_ANGLE_ADDRESS = re.compile(r"\s*<(?P<url>https?://[^\s<>]+)>$")
INLINE_URL = re.compile(r"\s*\(https?://[^\s)]+\)")
_PICTURE_LINK = re.compile(r"^\((?P<url>https?://[^\s()]+)\)$")  # an address alone in brackets
_NAMED_SITE = re.compile(r"(?<=\S)\s*\(\s*(?P<label>[^()]{1,20}?)\s+\((?P<url>https?://[^\s()]+)\)\s*\)\s*$")
_ADDRESS_TWICE = re.compile(r"(https?://[^\s()<>]+)\s+\(\1\)")
# a list's item that opens with its linked words: "* Headline (https://…) — text", "2. Headline (https://…).",
# "3、标题 (https://…)"
_LEADING_LINK = re.compile(
    r"^\s*(?:[-*•·▪►‣◦]\s+|\(?\d{1,3}[.)]\s+|\d{1,3}[、．）]\s*|【\d{1,3}】\s*)"
    r"(?P<words>[^()\s](?:[^()!?]|\([^()]{1,30}\)){1,150}?[?!]?)\s*\((?P<url>https?://[^\s)]+)\)"
)  # (a headline may end in its question: "* Who still runs the old stacks? (https://…): …")
# a paragraph's first words and their address, then a dash and more ("tidecal 0.4 (https://…) –
# a tide calendar…") or a name ("A guide to indexes (https://…) Ann Lee"): a name or a headline;
# "The museum will house (https://…) the crane" is a sentence
_OPENING_LINK = re.compile(
    r"^\s*(?P<words>[^\s()*•·-](?:[^()!?;:,]|[.!?](?!\s))*?)\s*\((?P<url>https?://[^\s)]+)\)"
    r"\s*(?:(?:[–—|:]|\s-)\s+\S|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$)"  # (or its writer's name)
)
OPENING_LINK_WORDS = 10
# "[Headline] text…" or "Headline】text…": a forum's way of running a headline into its text
# (the opening bracket may be lost: "Headline] text", a translation's; but one opened inside
# the words is theirs: "… for [apt-tool][]—where …")
BRACKET_TITLE = re.compile(r"^[【\[]?(?P<title>[^\[\]【】\n]{15,160})[\]】]\s*(?P<text>\S.{40,})$")


def _angle_link(stripped: str) -> tuple[str, str] | None:
    """(the words, the address) of a line of words ending with "<https://…>"."""
    match = _ANGLE_ADDRESS.search(stripped) if stripped.endswith(">") else None
    words = stripped[: match.start()] if match else ""
    if match is None or "<" in words or ">" in words or not re.search(r"\w", words):
        return None
    return clean_text(words), match.group("url")


def _worded(links: list[Link], url: str, words: str) -> list[Link]:
    """The links, the one to `url` now named by `words` (the words written before its address).
    (A link keeps the address a click-tracker leads to: compared so.)"""
    target = Link(text=url, url=url).url
    return [Link(text=words, url=k.url) if k.url == target else k for k in links]


def linked_heading(text: str) -> tuple[str, list[Link]]:
    """A heading's words and its link: "** Headline (https://…)" over a rule is how e-mail
    tools write a linked heading in a plain-text part."""
    if "http" not in text:
        return text, []
    if site := _NAMED_SITE.search(text):
        words = clean_text(text[: site.start()])  # "Quaykit (website (https://…))": the name, and its site
        if own := TRAILING_URL.search(words):
            # "Headline (https://…) (QN (https://…))": the headline's own address, then a side
            # link to where it is discussed, written as markdown's "[Headline](…) ([QN](…))" is
            headline, label = clean_text(words[: own.start()]), site.group("label")
            return f"{headline} ({label})", [
                Link(text=headline, url=own.group("url")),
                Link(text=label, url=site.group("url")),
            ]
        return words, [Link(text=words, url=site.group("url"))]
    match = TRAILING_URL.search(text)
    words = clean_text(text[: match.start()]) if match else ""
    if match is None or not words or match.group(0).lstrip()[:1] not in "(<[":
        return text, []
    return words, [Link(text=words, url=match.group("url"))]


def line_block(line: str) -> Block:
    if line.lstrip().startswith(">"):
        # "> text" outside a message: a passage the newsletter quotes (a message's quotes are
        # marked before this, as replies), its words without the marks
        line = re.sub(r"^\s*(?:>\s?)+", "", line)
    if "(http" in line:  # "https://… (https://…)": a tool writing out a link whose words are its address
        line = _ADDRESS_TWICE.sub(r"\1", line)
    stripped = line.strip()
    indent = len(line) - len(line.lstrip())
    if match := HEADING.match(stripped):
        text, links = linked_heading(clean_text(match.group(2)))
        return Block(kind="heading", text=text, level=len(match.group(1)), links=links, style="text:#")
    if match := FRAMED_HEADING.match(stripped):
        text, links = linked_heading(clean_text(match.group("text")))
        return Block(kind="heading", text=text, level=2, links=links, style="text:framed")
    if match := _PICTURE_LINK.match(stripped):
        # "(https://…)" alone: a linked picture whose words the e-mail tool left out, as
        # markdown's "[![alt](pic)](https://…)" is a picture block with its link
        return Block(
            kind="paragraph", text="", links=[Link(text="picture", url=match.group("url"))], style=PICTURE_STYLE
        )
    if match := URL_ALONE.match(line):
        url = match.group("url")
        return Block(kind="paragraph", text=url, links=[Link(text=url, url=url)], style="text:url")
    if (match := LABELLED_URL.match(line)) and len(match.group("label").split()) <= 4 and not NUMBERED.match(stripped):
        # ("3、Tidecal (https://…)", a numbered entry, is a linked headline: read below)
        label, url = clean_text(match.group("label")), match.group("url") or match.group("paren")
        if match.group("paren"):
            # "Tidewatch (https://…)", "Read more (https://…)": how an e-mail tool writes a link
            # in its plain-text part; the words are the link's, whatever they say
            return Block(kind="paragraph", text=label, links=[Link(text=label, url=url)], style="text")
        return Block(kind="paragraph", text=f"{label}: {url}", links=[Link(text=label, url=url)], style="text:url")
    if (angled := _angle_link(stripped)) and not BULLET.match(line):
        # "Second slipway approved <https://…>": how mail programs write a link in plain text
        text, url = angled
        return Block(kind="paragraph", text=text, links=[Link(text=text, url=url)], style="text")
    links = written_links(stripped)
    if "http" in line and (match := TRAILING_URL.search(line)):
        words = line[: match.start()]
        marked = match.group(0).lstrip()[:1] in "(<["  # "Harbour plan approved (https://…)"
        # ("… here: <https://…>" introduces its address; "… in February. (https://…)" is the
        # item's link written after its text)
        cites = re.search(r":$" if marked else r"[.,;:]$", words.rstrip()) is not None
        if words.strip() and (marked or len(words.split()) >= 4) and not cites:
            # the address is the line's link and the line's words are its text, as the plain-text
            # part of a mailing ("* Headline (https://…)") writes a link; a sentence that cites
            # its source ("read the announcement here: https://…") keeps the address it ends with
            line, stripped = words, words.strip()
            label = clean_text(bullet.group("text") if (bullet := BULLET.match(line)) else stripped)
            # ("Harbour Blogs (https://…) | Headline (https://…)": the words after the first address)
            label = INLINE_URL.split(label)[-1].lstrip(" |·•–—-:") or label
            label = LEADING_ITEM_TAG.sub("", label)  # ("[video] Splicing an eye (https://…)": the list's tag)
            # "… Work begins in October. Board minutes (https://…).": the words of the last
            # sentence are the link's ("Board minutes"), not the paragraph's
            sentences = _SENTENCE_END.split(label)
            if len(sentences) > 1 and len(" ".join(sentences[:-1]).split()) >= SENTENCE_WORDS:
                label = sentences[-1]
            if not re.search(r"[.,;:]$", label):  # a headline's words, not a sentence that cites its source
                links = _worded(links, match.group("url"), label)
    if "(http" in line:  # "update your preferences (https://…)": the address is a link, not words
        if head := _LEADING_LINK.match(line):
            # "* Headline (https://…). A sentence about it.": an e-mail tool's plain-text part
            # writes "[Headline](…) text" so; the words before the address are the link's
            words = clean_text(head.group("words"))
            links = _worded(links, head.group("url"), words)
        elif (opening := _OPENING_LINK.match(line)) and len(opening.group("words").split()) <= OPENING_LINK_WORDS:
            # "tidecal 0.4 (https://…) – a tide calendar…": a paragraph that opens with its link
            links = _worded(links, opening.group("url"), clean_text(opening.group("words")))
        for inline in INLINE_URL.finditer(line):
            # "Ann Lee announced (https://…) the release": an address right after the verb that
            # reports the news links that phrase, as a text part's numbered references do
            url, words = inline.group(0).strip()[1:-1], phrase_before(INLINE_URL.sub("", line[: inline.start()]))
            if ends_reporting(words) and any(k.url == url and k.text == url for k in links):
                links = _worded(links, url, clean_text(BULLET.sub("", words)))
        line = INLINE_URL.sub("", line)
        stripped = line.strip()
    if match := BULLET.match(line):
        depth = 1 + len(match.group("indent")) // 2
        # ("- Headline https://… - 2026-03-09": the headline's address, as markdown reads it)
        text, links = with_written_address(clean_text(match.group("text")), links)
        text, strong = _emphasised_start(text)
        return Block(kind="item", text=text, depth=depth, links=links, strong=strong, style="text:bullet")
    text, strong = _emphasised_start(clean_text(stripped))
    if strong:
        return Block(kind="paragraph", text=text, links=links, strong=strong, style="text")
    if match := BRACKET_TITLE.match(text):
        title = match.group("title").strip()
        return Block(
            kind="paragraph", text=f"{title} — {match.group('text')}", strong=title, links=links, style="text:bracket"
        )
    if NUMBERED.match(stripped):
        style = "text:numbered"
    elif _is_caps(text):
        style = "text:caps"
    elif indent >= 4:
        style = "text:indent"
    else:
        style = "text"
    return Block(kind="paragraph", text=text, links=links, style=style)


# "**Ferries.** The ferry company…", "*Ferries.* The…": a run-in head set off by asterisks, as a
# plain-text part writes bold (or an HTML-to-text tool writes <strong>)
_EMPHASISED_START = re.compile(r"^(\*\*|\*|__)(?P<words>[^*_\s](?:[^*_]{0,120}[^*_\s])?)\1(?=[\s.,:;—–-]|$)")


def _emphasised_start(text: str) -> tuple[str, str]:
    """A line's text without the marks around the words it opens with, and those words."""
    match = _EMPHASISED_START.match(text)
    if match is None:
        return text, ""
    return match.group("words") + text[match.end() :], match.group("words")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = [c for c in letters if c.isascii()]
    return len(latin) >= 3 and len(latin) >= 0.8 * len(letters) and all(c.isupper() for c in latin)
