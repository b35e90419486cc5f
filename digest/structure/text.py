"""Plain text into blocks, by the shape of its lines.

What a plain-text newsletter or clipping uses for layout: blank lines between paragraphs,
markdown-style `#` headings, lines underlined with `===` or `---`, separators (`-----`,
`* * *`, `. . .`, `____`), bullets, numbered lines (`1.`, `01)`), ALL-CAPS lines, a URL alone on
a line, indentation, and hard-wrapped prose. A message header block (From:, Subject:, …) at
the start, after a separator or after a "Forwarded message" line opens a message; inside one,
quoted lines, attributions and the signature are marked. Each line's own shape and the links
it writes out are read in digest/structure/lines.py.
"""

from __future__ import annotations

import re

from digest.structure.addresses import URL_ALONE
from digest.structure.blocks import Block, clean_text
from digest.structure.layout_headings import labels_over_link_lists, outdented_headings
from digest.structure.lines import FRAMED_HEADING, LABELLED_URL, line_block, linked_heading
from digest.structure.messages import (
    FORWARD_LINE,
    archived_message_head,
    header_block_at,
    mark_quotes_and_signature,
    message_block,
    unquote_forwarded,
)
from digest.structure.references import link_markers, take_references
from digest.structure.wrapping import ADDRESS_FIRST, CLOSES_SENTENCE, Wrapping, goes_on, join_wrapped
from digest.structure.wrapping import runs_on as group_runs_on

RULE = re.compile(r"^\s*(?:([-=_*~+.•·─━═—])\s?){3,}\s*$")
_EMAIL_HEADING = re.compile(r"^\s*\*{1,3}\s+")  # "** Title" over a rule: an e-mail tool's heading
SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
STRAY_HEADER = re.compile(
    r"^(?:Lines|Organization|NNTP-Posting-Host|Message-ID|Article-I\.D\.|Distribution|X-[\w-]+):\s"
)


def text_blocks(text: str, message_body: bool = False) -> list[Block]:
    """The blocks of a plain text (see the module's docstring); `message_body` when the text is
    a message's body without its headers (its quotes and signature are marked as such)."""
    lines, addresses = take_references(unquote_forwarded(archived_message_head(text.split("\n"))))
    lines = _headings_run_on(lines)
    wrapping = Wrapping.of(lines)
    blocks: list[Block] = []
    marked = _mark_lines(lines, message_body)
    outdented = outdented_headings(lines)
    group: list[tuple[str, str]] = []

    def flush() -> None:
        blocks.extend(_group_blocks(group, wrapping))
        group.clear()

    index = 0
    while index < len(marked):
        line, what = marked[index]
        if what == "message":
            flush()
            found = header_block_at(lines, index)
            assert found is not None
            headers, end = found
            forwarded = index > 0 and any(what == "forward" for _, what in marked[max(0, index - 2) : index])
            blocks.append(message_block(headers, forwarded))
            index = end
            continue
        if what in ("forward", "header"):
            flush()
            index += 1
            continue
        if what == "text" and index in outdented:
            flush()
            text, links = linked_heading(clean_text(line))
            blocks.append(Block(kind="heading", text=text, level=outdented[index], links=links, style="text:outdent"))
            index += 1
            continue
        if not line.strip() or what == "rule":
            flush()
            if what == "rule":
                blocks.append(Block(kind="rule", text="", style="text:rule"))
            index += 1
            continue
        if (
            what == "text"
            and SETEXT.match(line)
            and group
            and group[-1][1] == "text"
            and not URL_ALONE.match(group[-1][0])
            and not LABELLED_URL.match(group[-1][0])  # ("Url: https://…" over a rule closes a frame)
        ):
            # the line above is underlined: a heading
            title, _ = group.pop()
            # a heading a program wrapped: "** Poll results—Do you help friends with their" /
            # "problems?", or its address under it, "** Headline" / "(https://…)", then the rule
            while (
                group
                and group[-1][1] == "text"
                and (
                    (_EMAIL_HEADING.match(group[-1][0]) and not _EMAIL_HEADING.match(title))
                    or (ADDRESS_FIRST.match(title.strip()) and not URL_ALONE.match(group[-1][0]))
                )
            ):
                title = join_wrapped(group.pop()[0].rstrip(), title.strip())
            flush()
            level = 1 if line.strip().startswith("=") else 2
            # ("** Title" over a rule: how e-mail tools write a heading in a plain-text part)
            text, links = linked_heading(clean_text(_EMAIL_HEADING.sub("", title)))
            blocks.append(Block(kind="heading", text=text, level=level, links=links, style="text:setext"))
            index += 1
            continue
        group.append((line, what))
        index += 1
    flush()
    linked = [link_markers(b, addresses) for b in _topics_as_subjects(mend_broken_paragraphs(blocks))]
    return labels_over_link_lists(linked)


# "Topic: Meeting Tonight" (with its "Url: …") over the messages a digest lists under it, as
# group digests write a thread: the subject of its first message, when that has none; the
# replies after it are the thread's discussion (set aside as quotes are), not stories
_TOPIC = re.compile(r"^(?:topic|thread|subject)\s*:\s*(?P<subject>\S.{0,200})$", re.I)


def _topics_as_subjects(blocks: list[Block]) -> list[Block]:
    """The blocks with each "Topic:" line folded into the first message under it (its subject
    and address), and the replies after that message marked as a thread's discussion."""
    kept: list[Block] = []
    topic: tuple[str, str] | None = None  # (subject, address) of the thread the messages are under
    answered = replying = False  # the thread's first message was seen; a reply to it is being read
    for n, block in enumerate(blocks):
        if block.kind == "paragraph" and (match := _TOPIC.match(block.text)) and _message_follows(blocks, n):
            topic, answered, replying = (match.group("subject").strip(), ""), False, False
            continue
        if topic is not None and not answered and not topic[1] and block.style == "text:url" and block.links:
            topic = (topic[0], block.links[0].url)  # the thread's own address, under its subject
            continue
        if block.kind == "message" and topic is not None and not block.text:
            replying = answered  # a reply in the thread: its text is the discussion, not the story's
            if replying:
                continue
            fields = {**block.fields, "url": topic[1]} if topic[1] else block.fields
            block = block.model_copy(update={"text": topic[0], "fields": fields})
            answered = True
        elif replying and block.kind in ("paragraph", "item"):
            block = Block(kind="quote", text=block.text, style="text:reply")
        kept.append(block)
    return kept


def _message_follows(blocks: list[Block], index: int) -> bool:
    """Does a message begin after `index` before any text (past its address, rules, a counter)?"""
    for block in blocks[index + 1 :]:
        if block.kind == "message":
            return True
        if block.kind == "paragraph" and block.style != "text:url" and not RULE.match(block.text):
            return False
    return False


def _mark_lines(lines: list[str], message_body: bool = False) -> list[tuple[str, str]]:
    """Each line with its role: "message" (a header block starts here), "forward", "rule",
    "quote", "attribution", "signature" or "text"."""
    marked: list[tuple[str, str]] = []
    body_start = 0
    index = 0
    previous_blank = True
    while index < len(lines):
        line = lines[index]
        # a header block starts after a blank line, a rule, a forward's line, or a separator
        # that counts the messages ("---------- 2 of 3 ----------")
        starts_message = (
            previous_blank
            or (marked and marked[-1][1] in ("rule", "forward"))
            or (index > 0 and FRAMED_HEADING.match(lines[index - 1]) is not None)
        )
        if starts_message and line.strip() and (found := header_block_at(lines, index)):
            _, end = found
            marked.extend((lines[i], "message" if i == index else "header") for i in range(index, end))
            index = end
            body_start = len(marked)
            previous_blank = False
            continue
        if FORWARD_LINE.match(line):
            marked.append((line, "forward"))
        elif RULE.match(line) and (previous_blank or not SETEXT.match(line)):
            marked.append((line, "rule"))  # a line of dashes under text is an underline, not a rule
        else:
            marked.append((line, "text"))
        previous_blank = not line.strip()
        index += 1
    if message_body:
        return _mark_message_bodies([("", "message"), *marked])[1:]  # the body of a message begun before
    if body_start or any(what == "message" for _, what in marked):
        marked = _mark_message_bodies(marked)
    return marked


def _mark_message_bodies(marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Inside each message, quotes, attributions and the signature (until the next message)."""
    result: list[tuple[str, str]] = []
    body: list[str] = []
    in_message = False

    def flush() -> None:
        if in_message:
            result.extend(mark_quotes_and_signature(body))
        else:
            result.extend((line, "text") for line in body)
        body.clear()

    for line, what in marked:
        if in_message and what == "text" and STRAY_HEADER.match(line):
            result.append((line, "header"))  # a header line a newsreader put after the blank line
            continue
        if what in ("message", "header", "forward"):
            flush()
            in_message = what != "forward" or in_message
            result.append((line, what))
        elif what == "rule" and not in_message:
            result.append((line, what))
        else:
            body.append(line)
    flush()
    # a rule line inside a message body that was turned into "text" stays a rule (a line of
    # "=" or "-" only after a blank line: under text it underlines it)
    return [
        (line, "rule" if what == "text" and RULE.match(line) and _not_underline(result, n) else what)
        for n, (line, what) in enumerate(result)
    ]


def _not_underline(marked: list[tuple[str, str]], index: int) -> bool:
    """Is the line of "=" or "-" at `index` no heading's underline (no text right above it)?"""
    return not SETEXT.match(marked[index][0]) or index == 0 or not marked[index - 1][0].strip()


# "…to help you talk to your MP.OUR BIRTHDAY PARTY": a heading in capitals glued to the last
# sentence before it, as a mailing tool's plain-text part writes a heading that followed text
# with no break between them
_GLUED_HEADING = re.compile(
    r"^(?P<text>.*\S\s\S*[A-Za-z)]{2}[.!?])(?P<head>[A-Z][A-Z'’&-]+(?: [A-Z][A-Z'’&-]*){1,8}[?!]?)\s*$"
)


def _headings_run_on(lines: list[str]) -> list[str]:
    """Lines with a heading glued to their end, cut before the heading."""
    if not any(_GLUED_HEADING.match(line) for line in lines):
        return lines
    cut: list[str] = []
    for line in lines:
        if match := _GLUED_HEADING.match(line):
            cut.extend([match.group("text"), "", match.group("head")])
        else:
            cut.append(line)
    return cut


def _group_blocks(group: list[tuple[str, str]], wrapping: Wrapping) -> list[Block]:
    """The lines between blank lines as blocks: hard-wrapped prose joined into a paragraph,
    lines with a shape of their own (a heading, a bullet, a numbered or all-caps line, a URL
    alone, a short line before prose) kept apart. A paragraph or item joined from wrapped lines
    is read again as the one line it was before a program wrapped it, so that what a line's
    shape tells (a headline and its address, "Headline (https://…)") holds across the break."""
    blocks: list[Block] = []
    raws: list[str] = []  # each block's lines as one line
    rewrapped: set[int] = set()  # the blocks joined from several lines
    runs_on = group_runs_on(group)
    last_length = 0  # the previous raw line's length: a line that ran to the margin wraps
    for line, what in group:
        stripped = line.strip()
        # a capitalised line goes on from the one above only in wrapped prose
        continues = wrapping.by_program or stripped[:1].islower() or runs_on
        wrapped = continues and wrapping.ran_out(last_length, line)
        last_length = len(line.rstrip())
        if what in ("quote", "attribution", "signature"):
            text = re.sub(r"^(?:(?:\|?|[A-Za-z]{1,4})>\s?)+", "", stripped) if what == "quote" else stripped
            if blocks and blocks[-1].kind == "quote" and blocks[-1].style == f"text:{what}":
                blocks[-1] = blocks[-1].model_copy(update={"text": clean_text(blocks[-1].text + " " + text)})
            else:
                blocks.append(Block(kind="quote", text=clean_text(text), style=f"text:{what}"))
                raws.append(line)
            continue
        block = line_block(line)
        previous = blocks[-1] if blocks else None
        if previous is not None and goes_on(previous, block, line, wrapped, wrapping.greedy):
            joined = join_wrapped(previous.text, block.text)
            blocks[-1] = previous.model_copy(update={"text": joined, "links": previous.links + block.links})
            raws[-1] = join_wrapped(raws[-1].rstrip(), stripped)
            rewrapped.add(len(blocks) - 1)
            continue
        blocks.append(block)
        raws.append(line)
    for index in rewrapped:
        if (reread := line_block(raws[index])).kind == blocks[index].kind:
            blocks[index] = reread
    return blocks


def mend_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut in two by a stray blank line (OCR, copy and paste): one that ends
    mid-sentence, followed by one that starts in lower case ("heri-" + "tage" becomes
    "heritage", "in Guangdong" + "discovered" is joined)."""
    mended: list[Block] = []
    for block in blocks:
        previous = mended[-1] if mended else None
        if (
            previous is not None
            and previous.kind == "paragraph"
            and block.kind == "paragraph"
            and previous.style == block.style == "text"
            and block.text[:1].islower()
            and not CLOSES_SENTENCE.search(previous.text)
            # the rest of a sentence, not a lone name under a label ("Tools and Libraries" / "tideline")
            and (
                CLOSES_SENTENCE.search(block.text) is not None
                or len(block.text.split()) >= 6
                or _hyphen_break(previous)
            )
            and (len(previous.text.split()) >= 4 or _hyphen_break(previous))
        ):
            mended[-1] = previous.model_copy(
                update={"text": join_wrapped(previous.text, block.text), "links": previous.links + block.links}
            )
            continue
        mended.append(block)
    return mended


def _hyphen_break(block: Block) -> bool:
    """A word cut at the line's end ("heri-")."""
    return block.text.endswith("-") and block.text[-2:-1].isalpha()
