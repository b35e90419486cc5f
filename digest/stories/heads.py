"""What the lines around a headline say, and what a newsletter's masthead says: the
publication's name, the date, the author ("By Ann Lee", "Reuters | 19 May 2025", a
"Written by" box), and where a story was filed ("Berlin, 17 November")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.stories.credits import PUBLICATION_WORDS
from digest.stories.dates import DATE_PATTERN, DAY_AND_MONTH, MONTH_NAME, find_date
from digest.stories.features import ISSUE_NUMBER, shape
from digest.stories.framing import MASTHEAD_WORDS, names_a_newsletter
from digest.stories.runins import GREETING
from digest.stories.teasers import is_sentence
from digest.structure.blocks import Block
from digest.words import without_pictographs, word_count

AUTHOR_BOX = re.compile(r"^\s*(?:written|posted|published) by\s*$\n+^\s*(?P<who>[^\n]{2,60}?)\s*$", re.I | re.M)
SOURCE_LINE = re.compile(r"^(?:source|via|from)\s*:\s*(?P<name>[^\n]{2,60})$", re.I)
_BYLINE_TAIL = re.compile(r"\s+(?:published|updated|posted)\b.*$", re.I)
_HANDLE = re.compile(r"\s*\(\s*@[\w.-]+\s*\)")
_TRAILING_MONTH = r"\s*[–—|:-]\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s*)?(\d{4})?\s*$"
# "November 2026", "Winter 2026": when, not who
_MONTH_YEAR = re.compile(rf"(?i)(?:(?:{MONTH_NAME}|spring|summer|autumn|fall|winter)\s+)?\d{{4}}|{MONTH_NAME}")


@dataclass
class Facts:
    """What holds for every story of a document or message unless a story says otherwise."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    cased: frozenset[str] = frozenset()  # words the document writes in a case of their own ("IPB")


def masthead_facts(facts: Facts, preamble: list[Block]) -> Facts:
    """A multi-story document's masthead (what stands before its first story) may name the
    publication and the date."""
    names: list[tuple[int, str]] = []
    published = facts.published
    if facts.title and (name := _publication_name(facts.title)):
        # the document's own title (front matter) names the issue: "Quay Weekly 89"
        names.append((-1 if ISSUE_NUMBER.search(facts.title) else 0, name))
    welcomed = False
    for position, block in enumerate(preamble):
        text = block.text
        # a heading after the editor's welcome labels the first section ("General news")
        label = welcomed and block.kind == "heading" and not (MASTHEAD_WORDS.search(text) or ISSUE_NUMBER.search(text))
        welcomed = welcomed or (block.kind == "paragraph" and is_sentence(text) and word_count(text) >= 12)
        dated = find_date(text) if word_count(text) <= 12 and not is_sentence(text) else None
        published = published or dated
        # a heading, a marked line, a line that says it is a newsletter or an issue, the logo's
        # name, or the document's dated first line ("Quay Notes 2025-03-11")
        marked = (
            (position == 0 and dated is not None)
            or block.kind == "heading"
            or shape(block) is not None
            or MASTHEAD_WORDS.search(text) is not None
            or ISSUE_NUMBER.search(text) is not None
            or block.style == "html:img"
        )
        if label:
            continue
        # (a list's entry is not the publication's name: "[x] change the date", a to-do list)
        if (
            marked
            and block.kind != "item"
            and not is_dateline(text)
            and not block.links
            and (name := _publication_name(text))
        ):
            names.append((_masthead_rank(block, name), name))
        elif name := _welcomed_name(text):
            names.append((0, name))
    found = {name for _, name in names}
    names = [(rank, _without_issue_number(name, found)) for rank, name in names]
    source = facts.source or (min(names, key=lambda n: n[0])[1] if names else None)
    return Facts(facts.title, facts.url, source, facts.byline, published, facts.cased)


def _without_issue_number(name: str, names: set[str]) -> str:
    """ "Quay Notes 4" where the masthead also says "Quay Notes" (its welcome, its logo): the
    number is the issue's, not part of the name."""
    short = re.sub(r"\s+\d{1,4}$", "", name)
    return short if short in names else name


# what follows an issue number: the end, the bracket it is in, or a separator before the issue's
# themes ("#150: ferries", "(Issue 186): ferries"); "Python Still #1 and much more!" is a headline's
# words, its number a rank
_AFTER_NUMBER = re.compile(
    r"\s*(?:$|[:—–|·,(/\-!.（：)）\]】]|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.I
)
# "Quay'ish 213: the week's themes": a bare issue number between the name and the theme
_NUMBER_THEN_THEME = re.compile(r"(?<=\S)\s+\d{2,4}:\s")
# "This Week in Erlang Sept 8": the issue's day after the name
_TRAILING_DAY = re.compile(r"[\s,–—|:-]+(?:" + DAY_AND_MONTH.pattern.removeprefix("(?i)") + r")\s*$", re.I)


def _publication_name(text: str) -> str | None:
    """The name in a masthead line, without its issue number, date and pictographs
    ("Quay Weekly 🌊 Issue 12 — March 2024" → "Quay Weekly"); None for a sentence."""
    number = ISSUE_NUMBER.search(text)
    number = number if number and _AFTER_NUMBER.match(text[number.end() :]) else _NUMBER_THEN_THEME.search(text)
    if number and word_count(text[: number.start()]) >= 1:
        # "Quay Weekly #150: ferries, tides, …", "Quay'ish 213: Kubernetes 1.21, …": the name is before the number
        text = text[: number.start()].rstrip(" (（[【")
    if (head := re.split(r":\s", text, maxsplit=1)[0]) != text and names_a_newsletter(head):
        text = head  # "This Week on the Quay: the busy summer issue!": the name, then the issue's theme
    if is_sentence(text) or GREETING.match(text):
        return None
    name = _WEEKDAY_ANYWHERE.sub("", _PAGE.sub("", DATE_PATTERN.sub("", _TRAILING_DAY.sub("", text))))
    name = re.sub(_TRAILING_MONTH, "", ISSUE_NUMBER.sub("", name), flags=re.I).strip(" –—|:,-：·•")
    # "Quay Notes — 2017.06.14 edition": what is left of "the edition of that date"
    name = re.sub(r"\s*[–—|:-]\s*(?:edition|issue)$", "", name, flags=re.I)
    name = _without_kind(re.sub(r"[,\s]*\bno\.\s*\d+\s*$", "", name, flags=re.I))  # "…, No. 12"
    name = without_pictographs(name).strip(" –—|:,-*_：·•")  # "Quay Weekly 🌊 Issue 12", "*Name*"
    name = re.sub(r"\s*[(（]\s*[)）]", "", name)  # "Quay Weekly 392 (2026-05-26)": the date's brackets
    if word_count(name) >= 4 or MASTHEAD_WORDS.search(name):
        # "This Week on the Quay 89": the issue's number; but "Channel 4" and "Daily Top 10" are names
        name = re.sub(r"(?<![Tt][Oo][Pp])\s+\d{1,4}$", "", name)
    if not re.search(r"[^\W\d_]", name) or not MASTHEAD_WORDS.sub("", re.sub(r"(?i)\bthe\b", "", name)).strip():
        return None  # "Issue 2026-13": a number, no name; "Newsletter #16": a kind, no name
    return name if 1 <= word_count(name) <= 6 and not _MONTH_YEAR.fullmatch(name) else None


def _without_kind(name: str) -> str:
    """ "Quay Sailors Club - Digest of 3 messages" → "Quay Sailors Club": the name, then what it is."""
    parts = re.split(r"\s+[-–—|]\s+", name, maxsplit=1)
    if len(parts) == 2 and (
        MASTHEAD_WORDS.search(parts[0]) or MASTHEAD_WORDS.search(parts[1]) or re.search(r"\d", parts[1])
    ):
        return parts[0]
    return name


# "Welcome to the Quay Weekly Newsletter, Issue 45…", "Welcome to issue 2 of This Week on the
# Quay!", "…to the fifteenth issue of Quay Notes", "Welcome back to another Tuesday edition of
# Quay Notes": the editor naming the newsletter
_WELCOME = re.compile(
    r"\bwelcome (?:back )?to (?:the |(?:yet )?another )?(?:(?:latest|newest|new|first|\w+ week's|today's) )?"
    r"(?:(?:\w+ |#?\d+ )?(?:issue|edition) of |issue #?\d+ of )?"
    r"(?P<name>[A-Z][\w'’&.-]*(?: (?:[A-Z][\w'’&.-]*|of|on|in|the|and|for|at))*)",
    re.I,
)


def is_welcome(text: str) -> bool:
    """The editor's welcome to the issue ("Hello and welcome to the second issue of Quay Notes!")."""
    return _welcomed_name(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]) is not None


def _welcomed_name(text: str) -> str | None:
    """The newsletter's name in its welcome, when the welcome says it is an issue or the name
    says it is a newsletter ("Welcome to London!" names no newsletter)."""
    for match in _WELCOME.finditer(text):
        name = re.sub(r"(?: (?:of|on|in|the|and|for|at))+$", "", match.group("name"))
        if not name[:1].isupper():
            continue
        sentence = re.split(r"(?<=[.!?])\s", text[match.start() :], maxsplit=1)[0]
        issue = ISSUE_NUMBER.search(sentence) or re.search(r"\b(?:issue|edition) of\b", sentence, re.I)
        if (issue or MASTHEAD_WORDS.search(name)) and 1 <= word_count(name) <= 6:
            return name
    return None


def _masthead_rank(block: Block, name: str) -> int:
    """How surely a preamble line is the publication's name (lower is surer): one naming the
    issue whatever its look; then a heading or a name that says what it is ("… Newsletter");
    then any line but an all-caps one (more often a teaser for another page)."""
    if ISSUE_NUMBER.search(block.text):
        return -1
    if block.kind == "heading" or MASTHEAD_WORDS.search(name):
        return 0
    return 2 if name.isupper() else 1


def author_box(text: str) -> str | None:
    match = AUTHOR_BOX.search(text)
    return match.group("who").strip() if match else None


def is_dateline(text: str) -> bool:
    """'Berlin, 17 November' or 'LONDON, Nov 17 —': a place set before the date with a comma is
    where the story was filed, never its source."""
    date = DATE_PATTERN.search(text) or DAY_AND_MONTH.search(text)
    if date is None:
        return False
    before = _WEEKDAY.sub("", text[: date.start()].rstrip())  # "Thursday, December 3": a day, not a place
    return before.rstrip().endswith(",") and "|" not in before


_PAGE = re.compile(r"\bpage\s*\d+\b", re.I)  # a printed page's number beside the masthead
_DAY = r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b,?"
_WEEKDAY_ANYWHERE = re.compile(_DAY, re.I)
_WEEKDAY = re.compile(_DAY + "$", re.I)  # the day right before a date


def without_date(text: str) -> str:
    """'Porthaven Echo, 3 December 2026' → 'Porthaven Echo'."""
    return DATE_PATTERN.sub("", text).strip(" |·,–—-:")


def source_beside_date(text: str) -> str | None:
    """'Yahoo19-05-2025' or 'Reuters | 19 May 2025': a name glued to or beside the date."""
    if is_dateline(text):
        return None
    name = re.sub(r"^(published|updated|posted)\b.*", "", without_date(text), flags=re.I).strip()
    return name if 1 <= word_count(name) <= 4 and name[:1].isupper() and not find_date(name) else None


def looks_like_publication(text: str, following: list[Block]) -> bool:
    """A short line naming a publication in a story's head ('New York Post', '• Yahoo')."""
    name = text.lstrip("•·- ").strip()
    parts = name.split()
    if not 1 <= len(parts) <= 5 or not all(w[:1].isupper() for w in parts) or is_sentence(name):
        return False
    repeated = any(b.text.lstrip("•·- ").strip() == name for b in following)
    return repeated or bool(PUBLICATION_WORDS.search(name))


_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\b\.?)?", re.I)
_BYLINE_END = re.compile(r"^(?P<who>[^.!?;:]{2,80}?(?:\b[A-Z]\.\s?)*[^.!?;:]*?)[.;:!]\s+(?P<rest>\S.*)$")


def split_byline(who: str) -> tuple[str, str]:
    """'Ann Lee. The story starts here' (or 'Ann Lee: the story…', as link lists write it) →
    ('Ann Lee', 'The story starts here'); initials such as 'J. R. Smith' stay in the name."""
    match = _BYLINE_END.match(who)
    if match and len(match.group("rest").split()) >= 3 and len(match.group("who").split()) <= 8:
        return match.group("who").strip(), match.group("rest").strip()
    return who, ""


def clean_byline(who: str, published: dt.date | None = None) -> str:
    """'Priya Raman, 21 November 2026' → 'Priya Raman'; 'Du Qiongfang Published: …' → 'Du Qiongfang';
    'By Ann Lee' → 'Ann Lee'; 'Ann Lee; ANN LEE' → 'Ann Lee'; and 'Ann Lee May' → 'Ann Lee' when
    the story is from May (a page's "Ann Lee May 20" read as a name), never 'Theresa May'."""
    who = _BYLINE_TAIL.sub("", who)
    who = _HANDLE.sub("", who)  # "Ann Lee (@annlee)": the writer's name, not her account
    who = DATE_PATTERN.sub("", who)
    who = _CLOCK_TIME.sub("", who).strip()  # "Jo Marsh on Dec 1, 2026 08:14 am"
    # "Tom Hale on November 18, 2026", "Ann Lee on Monday, March 10, 2025 at 7:00 AM"
    who = re.sub(r"(?:\s+(?:on|at)\b|\s*[,|·–—-]|\s+" + _DAY + r")+\s*$", "", who, flags=re.I)
    who = re.sub(r"^\s*by\s+", "", who, flags=re.I)
    if published is not None and len(who.split()) > 2:
        who = re.sub(rf"\s+{published:%B}\s*$", "", who)
    names: list[str] = []
    for name in re.split(r"\s*;\s*", who):
        name = re.sub(r"\s+", " ", name).strip(" ,.;:|·–—-")
        if name.isupper() and len(name) > 3:
            name = name.title()  # "TOM HALE", as newspapers set bylines: "Tom Hale"
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return "; ".join(names)
