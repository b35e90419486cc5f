"""Credit lines: the short line under a headline that says who wrote the story, where it ran
and how long it takes to read, as fields set apart by dots, bars or spaced dashes ("Ann Lee
in Coastal Review · 6 min read", "Porthaven Echo · 3 min", "A Berg, J Holm - Journal of
Coastal Studies, 2026"); and lines that only name people ("Anna Berg, Jonas Holm and Priya
Nair"). A credit line is part of a story's head, never a headline nor text.
"""

from __future__ import annotations

import re

from digest.stories.dates import CLOCK, find_date
from digest.stories.segments import Segment
from digest.stories.teasers import is_sentence
from digest.structure.blocks import Block
from digest.structure.messages import person
from digest.words import STOPWORDS, word_count

PUBLICATION_WORDS = re.compile(
    r"\b(news|post|times|daily|press|journal|magazine|herald|wire|tribune|review|weekly|gazette|report|"
    r"telegraph|guardian|observer|chronicle|insider|today|media|network|agency|yahoo|bbc|cnn|reuters|"
    r"bulletin|digest|quarterly|proceedings|transactions|annals)\b",
    re.I,
)
_FIELD_SEPARATOR = re.compile(r"\s[·|•]\s|\s[-–—]\s")
# "6 min read", "4 min de lectura", "3 Min. Lesezeit", "5 minuti di lettura"
_READING_TIME = re.compile(
    r"^\d+\s*(?:min(?:ute[sn]?|utos?|uti)?|m)\b\.?(?:\s+(?:read|listen|watch|(?:de |di )?\w+))?$", re.I
)
# a writer's name after the word for "by" in a credit line: "Por Ana López · 4 min de lectura"
_BY = re.compile(r"^(?i:by|von|par|por|di|door)\s+(?=[A-Z])")
_YEAR_AFTER = re.compile(r",\s*(?:19|20)\d\d$")  # "Journal of Coastal Studies, 2026"
_NAME = r"[A-Z][\w'’.-]*(?:\s(?:[A-Z][\w'’.-]*|de|van|von|da|del|la|le|bin)){1,3}"
# "Ann Lee, Harbour Times", "Ann Lee, Tom Berg, Quay Weekly": the writers, then the publication
_WRITER_COMMA = re.compile(rf"^(?P<who>{_NAME}(?:(?:,\s*|\s+and\s+){_NAME})*),\s+(?P<where>[A-Z][^,]{{1,40}})$")


def _writers_comma(text: str) -> re.Match[str] | None:
    """ "Ann Lee, Harbour Times": a writer, then a publication; after a list of writers, the last
    name is a publication only when it is one word, or "The …", or says what it is ("A Berg,
    J Holm, P Nair" is three writers)."""
    match = _WRITER_COMMA.match(text)
    if match is None or re.match(r"[A-Z]\.?\s", where := match.group("where")):
        return None  # ("C Mendes, R Adeyemi": an initial starts a writer's name)
    if "," not in match.group("who"):
        return match
    return match if len(where.split()) == 1 or where.startswith("The ") or PUBLICATION_WORDS.search(where) else None


_WRITER_IN = re.compile(rf"^(?P<who>{_NAME})\s+in\s+(?P<where>[A-Z].{{1,60}})$")
_NAMES = re.compile(rf"^{_NAME}(?:(?:,\s*|,?\s+and\s+|\s*&\s*){_NAME})*$")
CREDIT_WORDS = 16


def credit_line(text: str) -> tuple[str | None, str | None] | None:
    """(byline, source) of a credit line; None for any other line. One of its fields must be a
    reading time or a date (a year after the publication counts), the others names."""
    if len(text) > CREDIT_WORDS * 12 or not _FIELD_SEPARATOR.search(text) or len(text.split()) > CREDIT_WORDS:
        return None  # (most lines: asked often, answered cheaply)
    parts = [part.strip() for part in _FIELD_SEPARATOR.split(text.strip())]
    timed = [bool(_READING_TIME.match(p) or find_date(p) or _YEAR_AFTER.search(p)) for p in parts]
    if len(parts) < 2 or not any(timed):
        return None
    byline = source = None
    for part, is_time in zip(parts, timed, strict=True):
        name = _BY.sub("", _YEAR_AFTER.sub("", part).strip())
        if is_time and (not name or _READING_TIME.match(name) or find_date(part)):  # ("Mar 11, 2025": the whole date)
            continue
        if byline is None and source is None and (match := _WRITER_IN.match(name) or _writers_comma(name)):
            byline, source = match.group("who"), match.group("where").strip()  # "Ann Lee, Harbour Times"
        elif byline is None and source is None and names_line(name) and not PUBLICATION_WORDS.search(name):
            byline = name
        elif source is None and name[:1].isupper():
            source = name  # after the writer, or a publication by its name
        elif not (byline and source and name[:1].isupper()):
            return None  # (after both, a title-case field is the section's: "… | Ferry News | June 3")
    return (byline, source) if byline or source else None


# "Ann Lee <ann@quay.example>", '"Ann Lee (Quay Works)" <ann@…> Sep 28 12:03AM': a message's
# sender as a digest prints it over the message — who wrote it, perhaps when
_SENDER = re.compile(r'^"?(?P<name>[^"<>@]{2,60}?)"?\s*<[^<>\s@]+@[^<>\s]+>\s*(?P<rest>.{0,40})$')


def sender_line(text: str) -> str | None:
    """The writer a "Name <address>" line names (a note in parentheses left out), when the
    rest of the line is at most when it was sent; None for any other line."""
    if "@" not in text or (match := _SENDER.match(text.strip())) is None:
        return None
    rest = match.group("rest").strip()
    if rest and not (find_date(rest) or CLOCK.search(rest)):
        return None
    return person(text.strip()[: match.start("rest")]) or None


def names_line(text: str) -> bool:
    """A line that only names people: "Anna Berg, Jonas Holm and Priya Nair", "Tom Hale"."""
    return _NAMES.match(text.strip()) is not None


# "412 upvotes", "312 points by ann" (but "1. tidecal" is a list's first entry)
_TALLY = re.compile(r"^(?!\d{1,3}[.)]\s)[\d.,]+\s?[kKmM]?\s+[^\W\d]+(?:\s+by\s+\S+)?$")


# "+13★ today", "1.2k ⭐ this week": a repository's stars
_STARS = re.compile(r"^[+-]?[\d.,]+\s?[kKmM]?\s?[★⭐]\s*(?:today|this week|this month)?$")
SOURCE_WORDS = 3  # "Hacker News", "GitHub Trending", "Python": where an entry was found, its language


def tally_line(text: str) -> bool:
    """A line of counts ("412 upvotes · 87 comments", "312 points by ann | 87 comments"), perhaps
    beside where the entry was found ("Hacker News · 36 points", "GitHub Trending · +13★ today ·
    Python"): how a link fared, part of the entry's head, never its headline or its text."""
    if len(text) > 80:
        return False  # (checked first: most lines asked about are paragraphs)
    parts = [part.strip() for part in _FIELD_SEPARATOR.split(text.strip())]
    tallies = [p for p in parts if _TALLY.match(p) or _STARS.match(p)]
    names = [p for p in parts if p not in tallies]
    return (
        bool(tallies)
        and (not names or len(parts) >= 2)
        and all(word_count(p) <= SOURCE_WORDS and not re.search(r"[.!?:]$", p) for p in names)
    )


# "Ann Lee announced", "ann_lee later replied:", "[Ann Lee](…) reports": a digest of a forum's
# threads names who wrote each message over it (a name has no digits, "Quaykit 2 announced" is
# news; nor common words: "To be announced"; and a headline capitalises its verb: "Winners Announced")
_ANNOUNCED = re.compile(
    r"^(?P<who>(?:[^\W\d][\w.'’-]*\s+){0,3}[^\W\d][\w.'’-]*)(?:\s+(?:later|then|also|further))?\s+"
    r"(?P<verb>announce[sd]|says|said|writes|wrote|replie[sd]|asks|asked|added|answered|explain(?:s|ed)"
    r"|respond(?:s|ed)|commented|reports|reported|notes|noted|shares|shared|comments)\s*:?$"
)
NAME_PARTICLES = frozenset(["van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al"])
# verbs that are nouns as well ("Bug reports", "Release notes", "Reader comments"): a writer's
# line only when the name is a link (to the writer's profile)
_NOUN_TOO = frozenset(["reports", "notes", "shares", "comments"])


def announced_by(block: Block) -> str | None:
    """Who a "Name announced" line names, or None when it is not one."""
    match = _ANNOUNCED.match(block.text)
    if match is None:
        return None
    who = re.sub(r"\s+(?:later|then|also|further)$", "", match.group("who"), flags=re.I)
    words = who.split()
    if not words or words[-1].lower() in STOPWORDS or any(w in STOPWORDS or w.lower() == "later" for w in words):
        return None  # "To be announced", "It Was Said": words, not a name ("Will Lee says" is one)
    if len(words) > 1 and not all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words):
        return None  # "A reader writes": a name of several words capitalises them (a handle is one word)
    if match.group("verb") in _NOUN_TOO and not (
        len(block.links) == 1 and block.links[0].text in (who, block.links[0].url)
    ):
        return None  # (a plain-text part writes the linked name "Ann Lee (https://…) reports")
    return who


TRAILING_CREDITS = 3  # records ending with a line of names, for the line to be their credit
CREDIT_TAIL_WORDS = 6


def trailing_credits(segments: list[Segment]) -> None:
    """The records of one document end the same way: where three or more stories' text ends
    with a line that only names people ("Ann Lee", "Tom Berg and Mia Holm"), the short line
    each story ends with is its credit ("Quay Works", "Holm, Berg, et al."), its byline, not a
    caption to leave out."""
    tails = [
        s for s in segments if len(s.blocks) >= 2 and _credit_tail(s.blocks[-1]) and is_sentence(s.blocks[-2].text)
    ]
    named = sum(names_line(s.blocks[-1].text) for s in tails)
    if named < TRAILING_CREDITS or named * 3 < len(tails) * 2:
        return
    for segment in tails:
        segment.byline = segment.byline or segment.blocks[-1].text.strip()
        segment.blocks = segment.blocks[:-1]


def _credit_tail(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and not block.links
        and 1 <= word_count(text) <= CREDIT_TAIL_WORDS
        and text[:1].isupper()
        and not re.search(r"[!?:;]$", text)
    )


_SENDER_NAME = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}")


def sender_named(text: str, sender: str | None) -> bool:
    """A line that is a person's name, the name the message's sender goes by: the author."""
    return (
        bool(sender)
        and _SENDER_NAME.fullmatch(text) is not None
        and re.search(rf"\b{re.escape(text)}\b", sender or "") is not None
    )
