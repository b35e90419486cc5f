"""A story's offer of its link: "Read more", "Full story", "More →" as a link's words, or as the
last words of a teaser whose address a plain-text part writes after them ("… make money. read
more... (https://…)"). The words are the link's, not the story's text."""

from __future__ import annotations

import re

from digest.structure.blocks import Block
from digest.words import word_count

# "Read more", "Full story", "Go deeper", "More »", "More on this story"; but "More Mike Gravel, Please" is
# a headline: after "more" comes punctuation, nothing, or what the more is of
MORE_LINK = re.compile(
    r"^\W*(?:(?:read|see|continue|full|watch|listen|details|learn\ more|find\ out\ more|go\ deeper|keep\ reading)\b.{0,30}"
    r"|more\b(?:\s*[^\w\s].{0,30}|\s+(?:on|from|about|in|at|of|for|news|stories|headlines|info|information|"
    r"details|coverage|articles|videos?|photos?|here)\b.{0,30})?)$"
    r"|^\W*(?:weiter(?:lesen)?|mehr (?:lesen|erfahren)|zum (?:artikel|beitrag)|lire (?:la suite|plus)|en savoir plus"
    r"|leer m[aá]s|seguir leyendo|m[aá]s informaci[oó]n|leggi (?:di pi[uù]|tutto)|lees meer|ler mais|saiba mais"
    r"|l[äa]s mer|les mer|l[æa]s mere|lue lis[äa][äa]"
    # Japanese, Chinese and Korean: "続きを読む", "詳しくはこちら", "阅读全文", "查看详情", "자세히 보기"
    r"|続きを読む|(?:詳しく|詳細)はこちら|阅读(?:全文|原文|更多)|閱讀(?:全文|更多)|查看(?:详情|全文)|자세히 보기|더 보기)\W*$",
    re.I,
)
# a link that is all the line and reads as a call to read the story: "Read how the tide gauge
# on the north pier works" (the link's own words may run longer than a sentence's offer)
READ_LINK = re.compile(r"^\W*read\b.{0,45}$", re.I)

# where a paragraph's last words may start: after its last sentence ("… money. read more...",
# "… development.read more...") or a separator ("… money | Read more")
_LAST_WORDS = re.compile(r"(?:[.!?…]\s*|\s[|·»›]\s)(?=\S)")


def offered_more(block: Block) -> int | None:
    """Where a paragraph's offer of its link starts, when it ends so ("… make money. read
    more... (https://…)", as a plain-text part writes a teaser's link): the teaser of a story told
    elsewhere. None for any other block."""
    if block.kind != "paragraph":
        return None  # (with no link: a text part that lost the offer's address still offers it)
    offset = max(0, len(block.text) - 40)
    for match in _LAST_WORDS.finditer(block.text, offset):
        if MORE_LINK.match(block.text[match.end() :]):
            return match.end()
    return None


def offers_more(block: Block) -> bool:
    return offered_more(block) is not None


# "… welcomed the news. [...]": a feed's mark that its excerpt goes on, not the story's words
_EXCERPT_MARK = re.compile(r"\s*[\[(]\s*(?:\.{3}|…)\s*[\])]\s*$")


# an address written out after a paragraph's words, as its link: "…have a look! <https://…>"
_WRITTEN_ADDRESS = re.compile(r"[\s:(<\[–—-]+(?P<url>https?://[^\s<>)\]]+)[)>\]]?[.,;]?\s*$")


def without_more_link(block: Block) -> str:
    """A paragraph's text without the "Read more…"/"More →" link it ends with (the link is the
    story's, the words are not its text), the address written out after its words, or the
    "[...]" a feed's excerpt ends with."""
    for link in block.links:
        if MORE_LINK.match(link.text) and block.text.endswith(link.text) and block.text != link.text:
            return block.text[: -len(link.text)].rstrip(" |·-–—»›>")
    if (offer := offered_more(block)) is not None:
        return block.text[:offer].rstrip(" |·-–—»›>")  # "… make money. read more...": its link's words
    if (
        "http" in block.text
        and (address := _WRITTEN_ADDRESS.search(block.text))
        and word_count(block.text[: address.start()]) >= 4
    ):
        return block.text[: address.start()].rstrip(" :,;-–—")  # "… take a look: https://…": its link
    closed = len(block.text) > 8 and block.text.rstrip().endswith(("]", ")"))  # the only texts it can end
    return _EXCERPT_MARK.sub("", block.text) if closed else block.text
