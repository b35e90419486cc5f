"""Links written as numbered references, as text-mode renderings of HTML e-mails and pages
put them: a marker in the text ("LIGHTHOUSE GOES SOLAR [1]", "the new rules[2]", lynx's
"[3]Ferry timetable") and, at the end, the list that gives each number its address
("[1] https://…", "[2]: https://…", or "2. https://…" under a "References" or "Links" line).

The list is taken out of the text and each marker becomes a link on the words it marks: the
whole line when it ends or starts one, else the phrase it follows (or, touching the next
word, the phrase it opens).
"""

from __future__ import annotations

import re
from functools import partial

from digest.structure.blocks import Block, Link, clean_text

# a saved page's list holds any kind of address ("javascript:void(0)", "android-app://…", w3m's
# "-#part" for a place on the same page); only those a reader can follow become links, the
# others' markers are dropped with them
_REFERENCE = re.compile(
    r"^\s*(?:\[(?P<bracketed>\d{1,3})\]:?|(?P<numbered>\d{1,3})\.)\s+"
    r"<?(?P<url>(?:[a-z][a-z0-9+.-]*://|mailto:|file:|javascript:|tel:|data:|-?#)\S*?)>?\s*$"
)
_FOLLOWED = re.compile(r"^(?:https?://|ftp://|mailto:|file:/)", re.I)
# lynx heads its list "References", then "Visible links:" and, for a page's <link>s, "Hidden links:"
_LIST_LABEL = re.compile(r"^\s*(?:references|(?:visible |hidden )?links|urls|sources)\s*:?\s*$|^\s*[-=_]{3,}\s*$", re.I)
_WRITTEN_MARKER = re.compile(r"\[(?P<number>\d{1,3})\]")
# While the lines become blocks a marker is held in private-use characters, so that no rule
# for brackets ("[Headline] text", a forum's) reads it as text.
_MARKER = re.compile(r"\s?\ue000(?P<number>\d{1,3})(?::(?P<words>\d{1,3}))?\ue001(?=(?P<touching>[\w#@$£€(\"“‘'¿¡])?)")
# "[video] ", "(Easy) ", "VIDEO: ": a list's tag, before an item's link, on what the link leads to
ITEM_TAG = r"(?:[\[(][^\[\]()]{1,12}[\])]|[A-Z]{2,12}:)\s+"
LEADING_ITEM_TAG = re.compile("^" + ITEM_TAG)  # the tag an item's words open with
# lynx's "   * [1]Partial fetches for large repositories": a marker that opens its line (after an
# item's mark, perhaps an emoji or a tag: "[video] [2]Wiring a gauge") marks the words to the
# line's end, and no further than a run-in dash or the end of a sentence ("[3]Rigging a gaff
# cutter. A long guide with…"); a number in brackets before it is another marker, not a tag
_OPENS_LINE = re.compile(
    rf"^\s*(?:[-*+•·o]\s+|\d{{1,3}}[.)]\s+)?(?:[^\w\s\[]{{1,4}}\s+)?(?:(?![\[(]\d){ITEM_TAG})?\[(?P<number>\d{{1,3}})\](?=\w)"
)
_HEAD_ENDS = re.compile(r"\s+(?:—|–|-{1,2})\s+|(?<=[a-z0-9)])[.!?]\s+(?=[A-Z])")  # a run-in dash, a sentence's end
_PHRASE_START = re.compile(r".*(?:^|[.!?;:,(—–]\s)")  # the phrase a marker follows starts after this
_PHRASE_WORDS = 8
# "Ann Lee announced [2]", "[announced](…)": the verb that reports a piece of news, whose link is its source
_REPORTING_VERB = re.compile(
    r"(?:announced|released|published|reported|posted|wrote|blogged|shared|updated|relayed|launched|unveiled|"
    r"proposed|presented|described|explained|summari[sz]ed)",
    re.I,
)


def take_references(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """The text's lines without its list of references, and the address of each number, when
    the text marks at least half of those numbers ({} and the lines unchanged when not)."""
    found = {
        index: (match.group("bracketed") or match.group("numbered"), match.group("url"))
        for index, line in enumerate(lines)
        if (match := _REFERENCE.match(line))
    }
    if not found:
        return lines, {}
    # "2. https://…" is a list of references only under a label; "[2] https://…" always
    numbered = {i for i, line in enumerate(lines) if i in found and not line.strip().startswith("[")}
    text = "\n".join(line for i, line in enumerate(lines) if i not in found)
    marked = {m.group("number") for m in _WRITTEN_MARKER.finditer(text)}
    listed = {number for number, _ in found.values()}
    if len(marked & listed) < max(1, len(listed) / 2) or (numbered and not _labelled(lines, min(numbered))):
        return lines, {}
    addresses = {number: url for number, url in found.values() if _FOLLOWED.match(url)}
    dropped = set(found)
    first = min(found)
    while first > 0 and (not lines[first - 1].strip() or _LIST_LABEL.match(lines[first - 1])):
        first -= 1
        dropped.add(first)

    def hold(match: re.Match[str], index: int) -> str:
        number, line = match.group("number"), lines[index]
        if number not in addresses:
            return "" if number in listed else match.group(0)  # (a script's or an app's address)
        if (opens := _OPENS_LINE.match(line)) and opens.end() == match.end():
            # (up to the next marker: "[1]Harbour Blogs | [2]New Home for the Tide Tables")
            rest = _WRITTEN_MARKER.split(line[match.end() :], maxsplit=1)[0].rstrip(" |·•–—-")
            head = _HEAD_ENDS.split(rest, maxsplit=1)[0]
            if head == rest and "[" not in line[match.end() :]:
                head = _wrapped_head(rest, lines[index + 1 : index + 1 + WRAPPED_HEAD_LINES])
            return f"\ue000{number}:{len(head.split())}\ue001"
        return f"\ue000{number}\ue001"

    kept = [_WRITTEN_MARKER.sub(partial(hold, index=i), line) for i, line in enumerate(lines) if i not in dropped]
    return kept, addresses


_CONTINUED = re.compile(r"^\s+(?![-*+•·o]\s|\d{1,3}[.)]\s|\[\d)\S")  # an item's next line, not a new item
# "… Andrew Heiss by Natalia da Silva, …", "orgmetrics, developed by Mark…": who made it, after a
# headline of a few words ("Stand by Me" is one)
_CREDIT_STARTS = re.compile(r"(?<=\S)(?:,\s+\w+ed)?\s+by\s+(?=[A-Z])")
CREDITED_HEAD_WORDS = 4
WRAPPED_HEAD_WORDS = 25
WRAPPED_HEAD_LINES = 3  # (the lines after it looked at: a long text's markers each cost a few lines, not the rest)


def _wrapped_head(rest: str, following: list[str]) -> str:
    """The words a marker that opens its line marks when they run on to the item's next lines
    ("• [97]Announcing New Editors: Ann" / "Lee and Tom Berg by Mia Holm. Introducing…"): to the
    end of the headline's sentence, a run-in dash or its credit, as far as WRAPPED_HEAD_WORDS."""
    words = rest
    for line in following:
        if not _CONTINUED.match(line) or "\ue000" in line or re.search(r"\[\d{1,3}\]", line):
            break
        words = f"{words} {line.strip()}"
        if _HEAD_ENDS.search(words) or _credit_at(words) is not None:
            break
    head = _HEAD_ENDS.split(words, maxsplit=1)[0]
    head = head[: credit.start()] if (credit := _credit_at(head)) is not None else head
    return head if len(head.split()) <= WRAPPED_HEAD_WORDS else rest


def _credit_at(words: str) -> re.Match[str] | None:
    credit = _CREDIT_STARTS.search(words)
    if credit is None or (
        not credit.group(0).startswith(",") and len(words[: credit.start()].split()) < CREDITED_HEAD_WORDS
    ):
        return None  # ("orgmetrics, developed by …" is a credit after any name)
    return credit


def _labelled(lines: list[str], index: int) -> bool:
    """Is the line at `index` under a "References" or "Links" label (blank lines between)?"""
    while index > 0 and not lines[index - 1].strip():
        index -= 1
    return (
        index > 0
        and bool(_LIST_LABEL.match(lines[index - 1]))
        and not lines[index - 1].strip().startswith(("-", "=", "_"))
    )


def link_markers(block: Block, addresses: dict[str, str]) -> Block:
    """The block with its reference markers taken out and the words they mark linked."""
    if not addresses or "\ue000" not in block.text:
        return block
    links = list(block.links)
    text = block.text
    for match in reversed(list(_MARKER.finditer(text))):
        url = addresses.get(match.group("number"))
        if url is None:
            continue
        before, after = text[: match.start()], text[match.end() :]
        text = before + (" " if match.group("touching") and before and not before.endswith(" ") else "") + after
        if match.group("words"):  # the words to its line's end (the full stop closes the item)
            words = " ".join(after.split()[: int(match.group("words"))])
            anchor = clean_text(_MARKER.sub(" ", re.sub(r"(?<!\.)\.$", "", words.rstrip(",;:"))))
        else:
            anchor = clean_text(_MARKER.sub(" ", _anchor(before, after, bool(match.group("touching")))))
        link = Link(text=anchor or url, url=url)  # (a marker alone on its line: the address)
        if link not in links:  # ("[2]https://…": the address written out is a link already)
            links.append(link)
    return block.model_copy(update={"text": clean_text(text), "links": links})


def _anchor(before: str, after: str, touching: bool) -> str:
    if not before.strip() or not after.strip():
        return (before + " " + after).strip()  # the marker starts or ends the line: all of it
    if touching and (address := re.match(r"https?://\S+", after)):
        return address.group(0).rstrip(".,;:)")  # lynx's "[4]https://…": the address it shows is the link's text
    if touching and re.search(r"[|·•]\s*$", before):
        # "Harbour Blogs | [4]A slower, safer crane": a link after a bar is the line's next part,
        # commas and all, up to the next bar or marker
        return " ".join(re.split(r"\s+[|·•]\s+|\ue000", after, maxsplit=1)[0].split()[: 2 * _PHRASE_WORDS])
    if touching:  # lynx: "[3]Ferry timetable changes" marks what follows
        return " ".join(re.split(r"[.!?;:,]|\s(?:—|–|-{1,2})\s", after, maxsplit=1)[0].split()[:_PHRASE_WORDS])
    return phrase_before(before)


def without_held_marker(line: str) -> str:
    """A line's words without the held marker it opens with ("[2]https://…" → "https://…")."""
    return _MARKER.sub("", line, count=1) if line.lstrip().startswith("\ue000") else line


def ends_reporting(phrase: str) -> bool:
    """Does the phrase end with the verb that reports its news ("Ann Lee announced",
    "published")? A link on it points where the news comes from."""
    words = phrase.split()
    return bool(words) and _REPORTING_VERB.fullmatch(words[-1]) is not None


def phrase_before(before: str) -> str:
    """The words a mark right after `before` names: back to the last punctuation, at most
    _PHRASE_WORDS ("Ann Lee announced [2]", "the museum's friends (https://…)")."""
    phrase = _PHRASE_START.sub("", before) if _PHRASE_START.match(before) else before
    return " ".join(phrase.split()[-_PHRASE_WORDS:])
