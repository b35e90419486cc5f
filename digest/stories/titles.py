"""A headline's words as the issue prints them: without the marks, numbers, notes and side
links around them in the document ("## 1. Headline (PDF) ([HN](…)) (5 min read)")."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from digest.stories.dates import DATE_PATTERN
from digest.stories.features import ONE_LINK_SHARE
from digest.stories.links import named_site, side_links
from digest.stories.runins import link_note, link_tag
from digest.structure.blocks import Block
from digest.words import ENUMERATOR, without_pictographs, word_count

# "(4 minute read)", "(5 min read)", "[3 min]": how long the linked page takes, not the headline
_READING_TIME = re.compile(r"\s*[(\[]\s*\d+\s*(?:-\s*\d+\s*)?min(?:ute)?s?(?:\s+read)?\s*[)\]]\s*$", re.I)


# "#1 The harbour reopens": a ranked list's place, not the headline's words ("10 Ways…" keeps its
# 10); a larger number names an issue ("#119 Busy Quays" is that title)
_RANK = re.compile(r"^[\s*_#]*#(?:[1-9]|1\d|20)(?!\d)[.:)]?\s+")


# "Board minutes [pdf]", "Knots at sea [video]": one word in brackets at the end, what the link is
_KIND_AFTER = re.compile(r"\s+\[[A-Za-z]{2,8}\]\s*$")


_WRITTEN_ADDRESS = re.compile(r"\s*\(\s*https?://[^\s()]+\s*\)")


# "(example.com)" after a headline: the site the link goes to, as link digests print it
_SITE_AFTER = re.compile(r"\s*\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\)\s*$", re.I)
# "Headline | Harbour Times": the page's title copied with its site's name after a bar
_BAR_SITE = re.compile(r"\s+\|\s+(?P<site>[^|.!?:]{2,40}?)\s*$")
SITE_WORDS = 4


def site_after(text: str) -> str | None:
    """The site's name a copied page title ends with ("Headline | Harbour Times"), if it does."""
    match = _BAR_SITE.search(text)
    if match is None or match.start() == 0 or not 1 <= len(site := match.group("site").split()) <= SITE_WORDS:
        return None
    return match.group("site") if all(w[:1].isupper() or w[:1].isdigit() for w in site) else None


def subject_title(text: str) -> str:
    """A document's own title, as a headline: a subject line typed in lower case starts with a
    capital ("council closes…"), but a name that is lower case on purpose stays ("iPhone …",
    and any name in a newsletter's records: "tideline 0.9")."""
    if text[:1].islower() and not text[1:2].isupper() and " " in text:
        return text[0].upper() + text[1:]
    return text


def clean_title(text: str) -> str:
    # markdown's marks around a headline ("## Title ##", "**Title**"), not a word's own "#" ("F#")
    text = _RANK.sub("", without_pictographs(text))
    # (and "#119 Busy Quays": a hash on a number is the issue's, not a mark)
    text = ENUMERATOR.sub("", text, count=1)
    # ("_quaykit is…": an underscore that opens a name and closes nothing is the name's own)
    named = re.match(r"_[^\W_]", text) is not None and not text.rstrip().endswith("_")
    text = re.sub(r"^(?:[\s*]|#(?=[\s#]))+" if named else r"^(?:[\s*_]|#(?=[\s#]))+", "", text)
    text = re.sub(r"(?:\s#+)?[\s*_]*$", "", text)
    text = _WRITTEN_ADDRESS.sub("", text)  # "Lantern 2.0 is out (https://…)": the headline's link, written out
    text = _KIND_AFTER.sub("", _SITE_AFTER.sub("", _READING_TIME.sub("", text)))
    if site_after(text):
        text = _BAR_SITE.sub("", text)
    return re.sub(r"\s+", " ", text)


def same_title(block: str, title: str | None) -> bool:
    if not title:
        return False

    def normal(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return normal(clean_title(block)) == normal(title)


# "Harbour fees rise, Quay Weekly, 29 Apr 2019": who published the linked page and when, after
# its headline (a link list's entry: "[Headline](…), Quay Weekly, 29 Apr 2019")
_CREDIT_AFTER = re.compile(r"^(?P<head>.{8,}?),\s+(?P<who>[^,]{2,40}),\s+(?P<date>[^,]{6,30})$")
CREDIT_WORDS = 4


def _without_credit(text: str) -> str:
    match = _CREDIT_AFTER.match(text)
    if match is None or len(match.group("who").split()) > CREDIT_WORDS:
        return text
    date = DATE_PATTERN.fullmatch(match.group("date").strip().rstrip("."))
    return match.group("head") if date is not None else text


# “What makes a harbour great?” by Ann Lee: a title written as a quotation, and its writer
_QUOTED_BY = re.compile(
    r"^[“\"](?P<title>[^”\"]{3,}?)[”\"]\s*,?\s+by\s+(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$"
)


def title_and_writer(text: str) -> tuple[str, str | None]:
    """A headline and the writer named after it, when the headline is a quoted title followed by
    "by" and a name (a roundup's "“Why you moor stern-to” by Tom Berg"); else the headline alone."""
    match = _QUOTED_BY.match(text.strip())
    return (match.group("title").strip(), match.group("who")) if match else (text, None)


def headline_words(text: str, block: Block | None) -> str:
    """A headline without the bracketed links or note after its own link: "Headline ([HN](…))"
    names its discussion, "Headline (PDF)" what the link leads to, "Name ([website](…))" where
    the name is found."""
    if block is not None and (side := side_links(block)):
        text = text.removesuffix(side)
    if block is not None and (tag := link_tag(block)):
        text = text.removeprefix(tag)
    if block is not None and (note := link_note(block)):
        text = text.removesuffix(note).rstrip()
    if block is not None and (named := named_site(block)):
        text = text.removesuffix(named[0].strip()).rstrip()  # "Quaykit ([website](…))": the name
    if block is not None and block.links and text == block.links[0].text:
        text = _without_credit(text)  # a text browser marks where a link starts, not where it ends
    for _ in range(2):  # "Headline - The Startup - Medium": the last part, then the one before
        if site := linked_site(text, block):
            text = text[: text.rindex(site)].rstrip().removesuffix("|").rstrip(" -–—·")
    return text


# "Headline - Quay Times" / "Headline – Quay Times" / "Headline | Quay Times": a page's title
# copied with its site's name after a dash or a bar
_SITE_PART = re.compile(r"\s+[-–—|·]\s*(?P<site>[^-–—|·]{2,40})$")
_SITE_NAME_CHARS = 4  # the shortest site name taken as agreeing with an address ("quay", not "om")


def linked_site(text: str, block: Block | None) -> str | None:
    """The site's name after a linked headline, when it agrees with the address the headline
    links to ("… - Quay Times" linked to quaytimes.com, "… – Harbour Log by Ann Lee" to
    harbourlog.net): the page's title as the browser showed it, its last part the source."""
    if block is None or len(block.links) != 1 or block.link_share < ONE_LINK_SHARE:
        return None
    match = _SITE_PART.search(text)
    host = re.sub(r"^www\d?\.", "", urlsplit(block.links[0].url).hostname or "")
    if match is None or match.start() == 0 or not host:
        return None
    site = match.group("site").strip()
    name = re.sub(r"[^a-z0-9]", "", site.lower())
    labels = [label for label in host.split(".")[:-1] if len(label) > _SITE_NAME_CHARS]
    letters = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0])
    agrees = (len(name) >= _SITE_NAME_CHARS and name in letters) or any(label in name for label in labels)
    return site if agrees else None


# "Tidewatch - a small tool that reads the gauge…": a name, a dash, then what it is in lower case
_NAME_THEN_WHAT = re.compile(r"^(?P<name>[^-–—]{2,60}?)\s+[-–—]\s+[a-z]")
NAME_WORDS = 6


def described_name(lead: str) -> str | None:
    """The name a brief's lead opens with, when the rest describes it ("Tidewatch - a tool
    that…"): that name is its headline, not the first words of the description."""
    match = _NAME_THEN_WHAT.match(lead)
    return match.group("name") if match and word_count(match.group("name")) <= NAME_WORDS else None
