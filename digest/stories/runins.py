"""Headline text and run-in heads: whether some words can be a headline, and the title a
paragraph starts with — in bold, as a link (perhaps after a kind such as "VIDEO:" or a date in
bold), before a dash ("Headline — text"), or as a phrase in title case closed by a full stop
whose bold was lost ("Dredging the Inner Basin. At the last meeting…").

features.py builds a block's shape on these; they never look at a block's neighbours.
"""

from __future__ import annotations

import re

from digest.stories.dates import DATE_PATTERN, after_date_lead, find_date
from digest.stories.offers import MORE_LINK, offers_more
from digest.stories.teasers import is_abbreviation, is_sentence, split_sentences
from digest.structure.blocks import Block
from digest.words import ENUMERATOR, LETTER_WORD, SMALL_WORDS, word_count

BYLINE = re.compile(
    r"^(?:by|written by|edited by|text by|reporting by|words by|reviewed by|posted by|von|par)\s*[:\-]?\s+(?P<who>[^\n]{2,120})$",
    re.I,
)
# "By Ann Lee. The harbour reopened…": a byline of a few names run into a long paragraph
BYLINE_SENTENCE = re.compile(r"^(?i:by)\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){0,3}\.\s+[\"“‘A-Z].*)$", re.S)
# a web address written out ("https://…", "www.…"); a line of one, alone or after a short
# label ("Archive: https://…")
WRITTEN_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$")
WRITTEN_ADDRESS_LINE = re.compile(r"^(?:[^\W\d][\w-]*(?:\s+[\w-]+){0,2}\s*:\s*)?" + WRITTEN_ADDRESS.pattern)
# what separates a run-in headline from its text: a dash (an em or en dash may touch the words,
# a hyphen must stand alone: "**Linux**-based" is one word), a colon, a bar or a bullet
RUNIN_SEPARATOR = re.compile(r"^\s*(?:—|–|--)\s*|^\s+-\s+|^\s*[:|·•]\s+|^\s*：")  # (a full-width colon needs no space)
# a colon or a dash after a link, before what the link is (not "·" or "|", between links)
_DESCRIBING = re.compile(r"^\s*(?:[:：]|—|–|--|\s-\s)")
# "[Title](url). A phrase of its own.": the phrase after the link's full stop
_STOPPED_DESCRIPTION = re.compile(r"^\.\s+[A-Z0-9\"“‘'(`].*[.!?)]$", re.S)
# what separates a run-in head from its text: "**Ferries.** The…", "Part 2. --By Ann Lee"
RUNIN_REST = re.compile(r"^[\s*_]*(?:(?:--?|—|–|:|：|\||·|•|,|\.)[\s*_]*){0,2}")

# "Hi everyone!", "Hello friends,", "Dear readers", "Welcome to Quay Weekly #150!": the writer
# greeting the readers, never a headline nor the publication's name
GREETING = re.compile(r"^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|welcome)\b", re.I)
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 220


def dated_entry(block: Block) -> bool:
    """A date, then a link that is the rest of the line ("2025-10-14 [Headline](…)", as a list of
    links written by a script dates each), or the link then its date ("[Headline](…) - 2025-10-14"):
    an entry of the list, not a date line."""
    if len(block.links) != 1 or MORE_LINK.match(block.links[0].text):
        return False
    link = block.links[0].text
    if block.text.endswith(link):
        before = block.text[: -len(link)].strip()
        return bool(before) and DATE_PATTERN.fullmatch(before) is not None
    after = block.text[len(link) :].strip(" -–—|·,") if block.text.startswith(link) else ""
    return bool(after) and DATE_PATTERN.fullmatch(after) is not None and word_count(link) >= 2


def without_closing_stop(text: str) -> str:
    """A linked entry's words without the full stop that closes its line ("[Headline](…).");
    an ellipsis stays."""
    return re.sub(r"(?<!\.)\.$", "", text)


# "Submitted by Ann Lee.", "Developed by …", "(Stats).": who made the thing, or its tag
_CREDIT = re.compile(r"^\W*(?:(?:\w+ed|written)\s+)?by\s+\S|^\W*\([^)]*\)\W*$", re.I)


def _only_names(rest: str) -> bool:
    """What follows a linked name is only names: the thing's full title in title case and who
    made it ("[suwo](…), Access Nature Media Repositories Through R. Submitted by Ann."): a
    catalogue entry, not a headline over its story."""
    sentences = [s for s in split_sentences(rest.lstrip(" ,;:—–-")) if not _CREDIT.match(s)]
    return bool(sentences) and all(title_case(s) for s in sentences)


def title_case(text: str) -> bool:
    """Most longer words capitalised, as headlines are written ("Bush Back To Work On Reform");
    never text in a script without capitals, whatever names it spells in Latin letters."""
    words = LETTER_WORD.findall(text)
    letters = [c for c in text if c.isalpha()]
    if sum(not c.isupper() and not c.islower() for c in letters) > 0.25 * len(letters):
        return False  # ("轻量级 Postgres 打包为 WASM…": a sentence, its names capitalised)
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 3:
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


LIST_COMMAS = 2  # more, and a line in capitals is a list of names, not a headline's sentences


def headline_cased(text: str) -> bool:
    """Every longer word capitalised but the small ones, as a headline of sentences is written
    ("The Market Reopened. Nobody Told the Gulls."); a sentence naming many things keeps its
    own words in lower case ("The recording of the May Harbour Sync is up."). A list of names is
    in capitals too, its commas tell it ("Ashdown, Griffin, De Zeeuw, Primus, Taylor.")."""
    if text.count(",") > LIST_COMMAS:
        return False
    words = [w for w in LETTER_WORD.findall(text) if len(w) > 3]
    return title_case(text) and all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words)


def headline_text(text: str) -> bool:
    count = word_count(text)
    if not 1 <= count <= MAX_TITLE_WORDS or len(text) > MAX_TITLE_CHARS:
        return False
    if not (text[:1].isalnum() or text[:1] in "\"'“‘«£$€¿¡([*`#@"):
        return False
    if BYLINE.match(text) or WRITTEN_ADDRESS_LINE.match(text):
        return False  # a byline, or an address written out ("Archive: https://…"), is not a headline
    # headlines do not end in a comma, a colon (a label: "To sum up:") or a full stop, unless
    # written in title case ("Ferry Fares Rise. Night Crossings Don't."), which prose never is; a
    # trailing "..." is a cut headline, "U.S." an abbreviation
    if re.search(r"[,;:]$", text):
        return False
    return not re.search(r"(?<!\.\.)(?<!…)(?<![A-Z])\.$", text) or headline_cased(text)


# (an em dash may be set close, as typography wants it: "Apples and bananas—Ann Lee takes on…";
# a head may end in its question: "Who is playing whom?—Tom Berg weighs in…")
_DASHED = re.compile(r"^(?P<head>[^.!?:;]{3,100}?[?!]?)(?:\s+(?:-|–|—|--)\s+|\s*—\s*)(?P<rest>[A-Z0-9\"“‘'(].*)$")
# "Dear Quay: Is the Ferry Late? --The council…": an em dash typed as two hyphens and run into
# the text, a plain-text newsletter's run-in head (the head may then be a question)
_ATTACHED_DASH = re.compile(r"^(?P<head>\S.{2,150}?)\s+--(?=[A-Z0-9\"“‘'(])(?P<rest>.*)$")


def _dashed_head(text: str) -> str | None:
    """A list item written "Headline - A sentence about it." with no markup at all (plain-text
    newsletters): the words before the dash, when they read as a headline and a sentence follows."""
    match = _DASHED.match(text) or _ATTACHED_DASH.match(text)
    if match is None or not 2 <= word_count(match.group("head")) <= 14:
        return None
    head = match.group("head").strip()
    return head if headline_text(head) and is_sentence(match.group("rest")) else None


# a teaser that offers its link ends the question of whether it is a record: its head is any
# headline before its first dash ("GNU/Linux and WiFi: Ann Lee's aspirin—can Tom Berg…")
_OFFERED_SEPARATOR = re.compile(r"\s+(?:-|–|—|--)\s+|\s*—\s*|\s+--(?=\S)")


def _offered_head(text: str) -> str | None:
    """The headline of a paragraph that offers its link: the words before a dash, the first
    that makes a headline ("FOSDEM—A Personal Account—Ann Lee had…": the second)."""
    # ("The Harbour Strip - 27 --By Ann Lee. …": a dash run into the text is the run-in's)
    match = _ATTACHED_DASH.match(text) or _DASHED.match(text)
    heads = [(match.group("head"), match.group("rest"), "")] if match else []
    heads += [(text[: m.start()], text[m.end() :], m.group()) for m in _OFFERED_SEPARATOR.finditer(text, 0, 200)]
    for head, rest, dash in heads:
        head = without_closing_stop(head.strip())  # "Part 2: Plug me in. --By Ann Lee."
        if dash.strip() in ("-", "--") and rest[:1].islower():
            continue  # "It's not an attachment -- it's stored online…": a typed dash inside one sentence
        if 2 <= word_count(head) <= MAX_TITLE_WORDS and headline_text(head) and word_count(rest) >= 3:
            return head
    return None


# a run-in head set in bold loses its bold in a page's or message's text, not its capitals and
# its full stop: "Harbour Dredging Approved. The board voted…", "New Berths: The North Quay.The new…"
_STOPPED_HEAD = re.compile(
    r"^(?P<head>[A-Z0-9][^.!?;\n]{2,80}?[^\W_]{2})\.(?:\s+|(?=[A-Z]))(?P<rest>[A-Z\"“‘].*)$", re.S
)
STOPPED_HEAD_WORDS = 10
QUESTION_WORDS = 12  # "Summer of Code: where are they now?" alone on its line


def _stopped_head(text: str) -> str | None:
    """The head of a paragraph that opens with a short phrase in title case closed by a full stop,
    then sentences: its bold lost, the run-in head of a plain-text record."""
    match = _STOPPED_HEAD.match(text)
    if match is None or not 2 <= word_count(head := match.group("head")) <= STOPPED_HEAD_WORDS:
        return None
    if is_abbreviation(head.rsplit(None, 1)[-1]):
        return None  # "Vermont Sen. Bernie Sanders, who…": a title before a name, not a head's stop
    # (a LETTER_WORD that keeps "GNU/Linux" whole: one word, one capital)
    words = [w for w in re.findall(r"[^\W\d_][\w'’/-]*", head) if w.lower() not in SMALL_WORDS]
    capitalised = bool(words) and all(w[0].isupper() for w in words)
    rest = match.group("rest")
    # (what follows must be the story's text: a second sentence in title case is the headline's)
    return head if capitalised and is_sentence(rest) and not title_case(rest) else None


_KIND_LABEL = re.compile(r"^[A-Z]{2,12}:\s+")  # "VIDEO: [Headline](…), …": what the link leads to


def leading_link(block: Block) -> str | None:
    """The text of a link the block starts with (perhaps after a label saying what it leads
    to), when text follows it ("[Title](url) — text")."""
    first = block.links[0].text if block.links else ""
    if re.fullmatch(r"@[\w.-]+", first):
        return None  # "[@annlee](…) fixed the tide table": a person's handle, the sentence's subject
    text = ENUMERATOR.sub("", block.text, count=1)  # "3、[Tool](…)：…", numbered in its paragraph
    text = text[label.end() :] if (label := _KIND_LABEL.match(text)) else text
    if (lead := _date_lead(text)) is not None:
        text = text[lead.end() :]
        first = first[lead.end() :] if first.startswith(lead.group(0)) else first  # (the link may hold its date)
    return first if first and text.startswith(first) and word_count(text[len(first) :]) >= 3 else None


# "2 May 2026: [Open evening](…) – …": the date an event listing opens each entry with, in plain
# text where it lost its bold ("**2 May 2026:**", see dates.after_date_lead)
_LEAD = re.compile(r"^(?P<lead>[^:–—\n]{4,40}?)\s*(?::|\s[–—-])\s+")


def _date_lead(text: str) -> re.Match[str] | None:
    lead = _LEAD.match(text)
    if lead is None or after_date_lead(lead.group(0), text) is None:
        return None  # (the words before the colon are no date, or too many)
    date = DATE_PATTERN.search(lead.group("lead"))
    return lead if date is not None and len(lead.group("lead")) - len(date.group(0)) <= 6 else None


# "(PDF)", "(video)", "（英文）": a few words in brackets saying what the link leads to
_LINK_NOTE = re.compile(r"\s*[(（\[]\s*[^()（）\[\].!?。]{1,12}?\s*[)）\]]\s*$")


def link_note(block: Block) -> str | None:
    """ "[Headline](…) (PDF)": the bracketed note after a headline that is the block's only
    link, as the text it adds; None when the block is not so made."""
    if len(block.links) != 1:
        return None
    text = ENUMERATOR.sub("", block.text, count=1)
    rest = text.removeprefix(block.links[0].text)
    if rest == text or not (note := _LINK_NOTE.fullmatch(rest)):
        return None
    return note.group(0).strip()


# "[podcast] [Headline](…)", "(Easy) [Headline](…)", "blog [Headline](…)": a word or two in
# brackets, or one word in lower case (a badge), before the link, saying what kind of item it is
_LINK_TAG = re.compile(r"(?:\[[^\[\]()]{1,20}\]|\([^\[\]()]{1,20}\)|(?P<badge>[a-z][a-z0-9-]{1,19}))\s+")


def link_tag(block: Block) -> str | None:
    """The tag before a block's first link, when the link follows right after it (and, after a
    word in lower case, starts as a headline does, in capitals or a digit)."""
    if not block.links:
        return None
    text = ENUMERATOR.sub("", block.text, count=1)
    link = block.links[0].text
    if not (tag := _LINK_TAG.match(text)) or not text[tag.end() :].startswith(link):
        return None
    if tag.group("badge") and not (link[:1].isupper() or link[:1].isdigit()):
        return None
    return tag.group(0)


def runin_title(block: Block) -> str | None:
    """The title a paragraph starts with in bold or as a link, followed by its text
    ("**Title**—text", "- [Title](url), by Ann: text")."""
    strong = block.strong
    if block.links and block.text.startswith(block.links[0].text) and len(strong) < len(block.links[0].text):
        strong = ""  # a word set in bold inside a link's text (a search term) is part of the link
    if not strong or strong == block.text or not block.text.startswith(strong):
        link = leading_link(block)
        if link is None and (block.kind == "item" or ENUMERATOR.match(block.text)):
            return _dashed_head(ENUMERATOR.sub("", block.text, count=1))  # "- Headline - Text", "3. Headline --Text"
        if link is None and offers_more(block):
            return _offered_head(block.text)
        if link is None and block.kind == "paragraph":
            return _stopped_head(block.text)  # "Harbour Dredging Approved. The board voted…"
        if link is None or not headline_text(link.rstrip(" :—–-")):
            return None
        rest = block.text[block.text.index(link) + len(link) :]
        # what follows the link must read as its description, not as more of a title
        # ("IR-2007-79 April 17 Tax Deadline Rapidly Approaching" is one title)
        described = (
            (is_sentence(rest) and not _only_names(rest))
            # "[vim](…)：Vim 官方仓库", "[tidecal](…): tide tables for the quay": words after a
            # colon or a dash say what the link is, however few
            or (_DESCRIBING.match(rest) is not None and word_count(rest) >= 3 and not title_case(rest))
            or (word_count(rest) >= 5 and not title_case(rest))
            or bool(re.match(r"^\W*by\s+\S", rest, re.I) and word_count(rest) <= 8)  # "[Title](url) by Ann Lee"
            # "- [dispatcher](url). Many-to-many channels.": in a list, a full stop closes the
            # headline and the phrase after it, however short, says what the link is
            or (block.kind == "item" and _STOPPED_DESCRIPTION.match(rest) is not None and word_count(rest) >= 2)
            # "- [Title](url) (note: worth reading twice)": an item's aside about its link
            or (block.kind == "item" and re.fullmatch(r"\s*[(（][^()（）]*\s[^()（）]*[)）]\s*", rest) is not None)
            # "- [Title](url), Quay Weekly, 28 Nov 2019": who published it and when
            or (
                rest.lstrip().startswith(",") and word_count(rest) <= CREDIT_AFTER_WORDS and find_date(rest) is not None
            )
        )
        # a list item that opens with a link is that item's headline ("- [Tool](url), by Ann: …");
        # a paragraph needs a real separator ("[Tool](url) — …"): "[Tool](url), the web
        # framework, shipped…" is a sentence about the link
        if block.kind == "item":
            return link.rstrip(" :—–-") if described else None
        return link.rstrip(" :—–-") if described and RUNIN_SEPARATOR.match(rest) else None
    dated = after_date_lead(strong, block.text)
    if dated and block.links and dated.startswith(block.links[0].text) and headline_text(block.links[0].text):
        # "**2 May 2019:** [Harbour fair](…) – …": the date's event (a date and a link alone: dated_entry)
        return block.links[0].text if word_count(dated[len(block.links[0].text) :]) >= 3 else None
    rest = block.text[len(strong) :]
    title = strong.rstrip(" :—–-")
    if GREETING.match(title) and strong.rstrip().endswith(("!", ",")):
        return None  # "**Welcome to Quay Weekly #150!** I started…": the editor's letter, not a story
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]  # "**Title.** text": the full stop ends the run-in head, not the headline
    if not headline_text(title) or word_count(rest) < 3:
        return None
    if strong.rstrip().endswith(":") and word_count(strong) <= 4 and block.kind != "item":
        return None  # a label inside a story's text ("Why it matters:", "Details:"); a list's items are records
    # "**Title**—text", "**Title:** text", "**Title.** text", "**A Title** The text…" (a new
    # sentence starts after it); a bold name that is the subject of its sentence ("**Quay
    # Weekly** is a blog…") is not a headline
    separated = (
        RUNIN_SEPARATOR.match(rest) is not None
        or strong.rstrip().endswith((":", ".", "?", "!"))
        or (word_count(title) >= 2 and re.match(r"^\s+[\"“‘'(]?[A-Z]", rest) is not None)
        or _when_follows(rest)
    )
    return title if separated else None


# "**Harbour Jazz Night**, Friday 7pm, Quay Hall. …": an event listing's name, then when
CREDIT_AFTER_WORDS = 8


_WHEN = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h)\b|\bnoon\b", re.I
)


def _when_follows(rest: str) -> bool:
    """After a bold name, a comma and a clause that says when ("**Name**, Friday 7pm, Quay Hall.")."""
    clause = re.match(r"^,\s+([^.;!?]{2,60})", rest)
    return clause is not None and (_WHEN.search(clause.group(1)) is not None or find_date(clause.group(1)) is not None)
