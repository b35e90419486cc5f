"""Web addresses written out in a line's words, as markdown and HTML lines both carry them.

A line's links are not only its marked ones: "read the announcement here: https://…" links
its address too, a line that is nothing but an address is a link to it, and "Headline
https://… - 2026-03-09" (a link list written by a script) is a linked headline with a date. The
markdown and HTML readers both finish their lines here, so a newsletter reads the same in
either form.
"""

from __future__ import annotations

import re

from digest.structure.blocks import Link

# a line that is one address and nothing else ("https://…", "<https://…>", and "[https://…]" as
# some mailing tools write a link in a plain-text part)
URL_ALONE = re.compile(r"^\s*(?P<open>[<\[])?(?P<url>https?://\S+?)(?(open)[>\]])\s*$")

# an address written out in the text, less the punctuation that closes the sentence after it
BARE_URL = re.compile(r"https?://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]")
_HEADLINE_AND_ADDRESS = re.compile(
    r"^(?P<words>[^\n]{3,160}?[^\s.,;:!])\s+<?https?://\S+?>?(?P<after>\s+[-–—|·]\s+[^\n]{1,40})?$"
)


def written_links(text: str) -> list[Link]:
    """The addresses written out in words that are not a link's (each a link to itself)."""
    return [Link(text=url, url=url) for url in BARE_URL.findall(text)]


def with_written_address(text: str, links: list[Link]) -> tuple[str, list[Link]]:
    """A finished line and its links, an address alone on the line or after a headline's words
    read as the link it is."""
    if (bare := URL_ALONE.match(text)) and [k.url for k in links] in ([], [bare.group("url")]):
        return text, [Link(text=text, url=bare.group("url"))]  # an address alone on its line, unmarked
    if len(links) == 1 and links[0].text == links[0].url and (cited := _HEADLINE_AND_ADDRESS.match(text)):
        # "- A Brutally Honest Report Card https://… - 2026-03-09": the headline's address, as
        # a plain-text link list writes it (the words of a sentence citing its source keep theirs)
        return cited.group("words") + (cited.group("after") or ""), [Link(text=cited.group("words"), url=links[0].url)]
    return text, links
