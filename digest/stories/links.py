"""Where a story's link is: the headline's own link, a "Read more", an address on a line of
its own or written after the text, a link on the very words of the headline, a reference in
parentheses at the end, or the subject link of a story under a label."""

from __future__ import annotations

import re

from digest.stories.features import CALL_TO_ACTION, is_body
from digest.stories.offers import MORE_LINK, READ_LINK, offers_more
from digest.stories.runins import RUNIN_REST, WRITTEN_ADDRESS_LINE, runin_title
from digest.stories.segments import Segment
from digest.structure.blocks import Block, Link
from digest.structure.references import ends_reporting
from digest.words import folded_words, word_count

SECTION_LABEL_WORDS = 3  # a heading this short over one item is the item's section ("Contributor Blog")
_SUBJECT_VERB = re.compile(r"^\s*(is|are|was|were|has|have|had|will)\b")


def subject_link(heading: Block | None, kept: list[Block]) -> tuple[Link, list[Block]] | None:
    """Under a short label heading, a story whose text opens with a link that is its
    sentence's subject ("[KCD Around the World](…) is a new series…") is about what the link
    names: the link is its headline, the heading only its section. With the story's text (the
    same, but for a list item's head, now the headline)."""
    if heading is None or heading.kind != "heading" or heading.links or word_count(heading.text) > SECTION_LABEL_WORDS:
        return None
    lead = kept[0] if kept else None
    if lead is None or lead.kind not in ("paragraph", "item") or not lead.links:
        return None
    link = lead.links[0]
    if not lead.text.startswith(link.text) or not 2 <= word_count(link.text) <= 12:
        return None
    if lead.kind == "item":
        # the label's one item, a linked headline with its description ("## Breaking changes" /
        # "- [Raw pointers are no longer self](…). Probably nobody…"): what the story is about
        if sum(b.kind == "item" for b in kept) > 1 or runin_title(lead) != link.text.rstrip(" :—–-"):
            return None
        rest = lead.model_copy(update={"text": RUNIN_REST.sub("", lead.text[len(link.text) :]), "kind": "paragraph"})
        return link, [rest, *kept[1:]]
    return (link, kept) if _SUBJECT_VERB.match(lead.text[len(link.text) :]) else None


def named_link(title: str, kept: list[Block]) -> str | None:
    """A headline with no link of its own ("## contact-red/tz") whose story links the very
    words of the headline ("the first release of [contact-red/tz](…)"): that is where the
    headline points."""
    wanted = folded_words(title)
    for block in kept:
        for link in block.links:
            if folded_words(link.text) == wanted and is_web_link(link.url):
                return link.url
    return None


def slug_link(title: str, blocks: list[Block]) -> str | None:
    """A headline whose words make up the last part of an address in its story ("gull-counter"
    and …/mia/gull-counter, "Harbour fair returns" and …/2026/05/harbour-fair-returns.html):
    the address names the headline, so that is where the headline points (the first such)."""
    wanted = _slug_words(title)
    if not wanted:
        return None
    for block in blocks:
        for link in block.links:
            if is_web_link(link.url) and _slug_words(_last_part(link.url)) == wanted:
                return link.url
    return None


def _last_part(url: str) -> str:
    path = re.sub(r"[?#].*", "", url.split("://", 1)[-1]).rstrip("/")
    return re.sub(r"\.(html?|php|aspx?)$", "", path.rsplit("/", 1)[-1]) if "/" in path else ""


def _slug_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def reported_link(kept: list[Block]) -> str | None:
    """A story whose headline has no link, whose lead's first sentence links its reporting
    verb ("Nick Lee [announced](…) the third alpha"): that link is where the news comes from.
    (When other paragraphs report news so too, they are briefs under a label, not its story.)"""
    found = [link for block in kept if block.kind == "paragraph" and (link := reporting_link(block))]
    return found[0] if len(found) == 1 and reporting_link(kept[0]) else None


def reporting_link(block: Block) -> str | None:
    """The link on the verb that reports a paragraph's news in its first sentence, if any."""
    first_sentence = re.split(r"(?<=[.!?])\s", block.text, maxsplit=1)[0]
    for link in block.links:
        # (a text part's "Ann Lee announced [1]" marks the phrase: its last word is the verb)
        if link.text in first_sentence and ends_reporting(link.text) and is_web_link(link.url):
            return link.url
    return None


def headline_link(block: Block | None) -> str | None:
    """The link a headline carries when it is (mostly) one link, perhaps followed by a side
    link in brackets ("[Headline](…) ([comments](…))")."""
    if block is None or not block.links:
        return None
    if len(block.links) == 1 and block.link_share >= 0.5 and is_web_link(block.links[0].url):
        return block.links[0].url
    if side_links(block) and is_web_link(block.links[0].url):
        return block.links[0].url
    if (named := named_site(block)) and is_web_link(named[1]):
        return named[1]
    return None


SIDE_LINK_CHARS = 20  # "(HN)", "(comments)", "(discussion)": a link beside the headline's own


def named_site(block: Block) -> tuple[str, str] | None:
    """ "Quaykit ([website](…))": a name, then its site's link in brackets, the block's only link;
    the bracketed text it adds and the link's address."""
    if len(block.links) != 1 or len(block.links[0].text) > SIDE_LINK_CHARS:
        return None
    match = re.fullmatch(r"(?P<name>.*\S)(?P<side>\s*\(\s*(?P<label>[^()]+?)\s*\))\s*", block.text)
    if match is None or match.group("label") != block.links[0].text:
        return None
    return match.group("side"), block.links[0].url


def side_links(block: Block) -> str | None:
    """ "[Headline](…) ([HN](…))": the bracketed side links after a headline that is its first
    link, as the text they add; None when the block is not so made."""
    if len(block.links) < 2 or not block.text.startswith(block.links[0].text):
        return None
    rest = block.text[len(block.links[0].text) :]
    brackets = re.findall(rf"\s*\(\s*([^()]{{1,{SIDE_LINK_CHARS}}}?)\s*\)", rest)
    if "".join(re.findall(r"\s*\([^()]*\)", rest)) != rest.rstrip() or not brackets:
        return None
    return rest if all(any(k.text == b for k in block.links[1:]) for b in brackets) else None


def is_web_link(url: str) -> bool:
    """A link a reader can follow from the issue: not an anchor in the page itself."""
    return url.lower().startswith(("http://", "https://"))


def closing_reference(kept: list[Block]) -> str | None:
    """A link set in parentheses at the very end of a story's text ("… for a decade
    ([report](…)).") or making up its whole last sentence ("… begins in October. [Board
    minutes](…).") points to the story's source; a link inside a sentence is about its words."""
    last = kept[-1] if kept else None
    if last is None or not last.links:
        return None
    if last.kind == "item" and len(kept) >= 2 and kept[-2].kind == "item" and kept[-2].links:
        return None  # the last of a list of linked entries: that entry's link, not the story's
    link = last.links[-1]
    if not is_web_link(link.url):
        return None
    # (an address written out after a colon ends its sentence too: "… on your site: https://…")
    before = r"(?:^|[.!?]\s+|:\s+)" if link.text == link.url else r"(?:^|[.!?]\s+)"
    closing = re.search(rf"(?:\(\s*{re.escape(link.text)}\s*\)|{before}{re.escape(link.text)})\W*$", last.text)
    return link.url if closing else None


def written_address(blocks: list[Block]) -> str | None:
    """The one address a plain-text record wrote out after its text ("… in February.
    (https://…)"): the reader set it apart from the words, so it is the record's link."""
    addresses = {k.url for b in blocks for k in b.links if k.text == k.url and k.url not in b.text}
    return next(iter(addresses)) if len(addresses) == 1 and is_web_link(next(iter(addresses))) else None


def bare_link(block: Block) -> str | None:
    """The address of a line that is one web address and nothing else, or after a short label
    ("Archive: https://…")."""
    if (
        len(block.links) != 1
        or block.links[0].text != block.links[0].url
        or not block.text.endswith(block.links[0].url)
    ):
        return None
    link = block.links[0]
    return link.url if is_web_link(link.url) and WRITTEN_ADDRESS_LINE.match(block.text) else None


def more_link(body: list[Block]) -> str | None:
    """A story's own "Read more" link: a link named like one, in its text or on a line of its own."""
    for block in body:
        for link in block.links:
            if (MORE_LINK.match(link.text) or READ_LINK.fullmatch(block.text.strip())) and is_web_link(link.url):
                return link.url
        if block.links and offers_more(block) and is_web_link(block.links[-1].url):
            return block.links[-1].url  # "… make money. read more... (https://…)", as a text part writes it
    return None


CLOSING_LINK_WORDS = 4


def closing_link(body: list[Block]) -> str | None:
    """A short line that is one link, right after the story's text ("Ver la nota", "The full
    report"), in any language: the story's link, as a "Read more" is."""
    text_ends = max((k for k, b in enumerate(body) if is_body(b)), default=-1)
    last = next((b for b in body[text_ends + 1 :] if b.text), None)  # the line right after the text
    if last is None or len(last.links) != 1 or not is_web_link(last.links[0].url):
        return None
    if last.kind == "item" and text_ends >= 0 and body[text_ends].kind == "item" and body[text_ends].links:
        return None  # the last of a list of links ("Further reading"), not a line of its own
    link = last.links[0]
    alone = last.link_share >= 0.8 or last.style == "text:url"  # "En savoir plus : https://…"
    if not alone or word_count(link.text) > CLOSING_LINK_WORDS or CALL_TO_ACTION.match(link.text):
        return None
    return link.url


CREDIT_WORDS = 5  # a publication's or site's name, not a sentence
# "… - [Tom's Hardware](…) and [GitHub](…).": the text, then the places it comes from
_CREDIT = re.compile(r"^(?P<lead>.*\w[^\w]*?)\s+[-–—]\s+(?P<credit>[^-–—]+?)[.\s]*$")


def credited_to(block: Block) -> tuple[str, str] | None:
    """A paragraph that ends by naming, as links, where it comes from ("A tide gauge on a
    phone - [Harbour Makers](…) and [GitHub](…)."): (its words before the credit, the first
    name); None when it does not."""
    match = _CREDIT.match(block.text)
    if match is None or not block.links:
        return None
    names = [k.text for k in block.links if k.text in match.group("credit")]
    rest = match.group("credit")
    for name in names:
        rest = rest.replace(name, "", 1)
    if (
        not names
        or re.sub(r"\b(?:and|via|on)\b|[,&()\s]", "", rest)
        or any(word_count(name) > CREDIT_WORDS for name in names)
    ):
        return None
    return match.group("lead"), names[0]


SOURCE_LINK_WORDS = 6  # a publication's name: "This Week on the Quay"
_HOUSE_LINK = re.compile(
    r"^\W*(?:unsubscribe|(?:update |manage )?(?:your )?preferences|forward(?: to a friend)?|view (?:online|in (?:your )?browser))\W*$",
    re.I,
)
_SOURCE_SEPARATOR = r"\s*[|·•:»›–—-]\s*"


def source_before_link(block: Block) -> tuple[Block, str] | None:
    """ "[Harbour Blogs](…) | [New Home](…)": where a story comes from, as a link, a separator,
    then the story's own link, as feed digests and aggregators write their items: the item
    with its story's link alone, and the source's name. None for any other block."""
    if len(block.links) != 2 or word_count(block.links[0].text) > SOURCE_LINK_WORDS:
        return None
    if any(_HOUSE_LINK.match(link.text) for link in block.links):
        return None  # "[Preferences](…) | [Unsubscribe](…)": the newsletter's own footer
    source, head = block.links
    shape = re.escape(source.text) + _SOURCE_SEPARATOR + re.escape(head.text) + r"\W{0,2}"
    if not re.fullmatch(shape, block.text) or not is_web_link(head.url):
        return None
    return block.model_copy(update={"text": head.text, "links": [head]}), source.text


def sources_before_links(blocks: list[Block]) -> list[tuple[Block, str] | None]:
    """source_before_link for each block, when two or more lines are so made: one such line is
    no list (a footer's "[Preferences](…) | [Unsubscribe](…)" is shaped the same)."""
    named = [source_before_link(b) for b in blocks]
    return named if sum(pair is not None for pair in named) >= 2 else [None] * len(named)


def name_sources(segments: list[Segment], named: list[tuple[Block, str] | None]) -> None:
    """Each story cut from a "Source | Headline" line takes that line's source, in order (one
    story listed from two sources has both, one each)."""
    sources: dict[tuple[str, str], list[str]] = {}
    for pair in filter(None, named):
        sources.setdefault((pair[0].text, pair[0].links[0].url), []).append(pair[1])
    for found in segments:
        head = found.title_block.links[0] if found.title_block and len(found.title_block.links) == 1 else None
        if head and not found.source and (names := sources.get((head.text, head.url))):
            found.source = names.pop(0)
