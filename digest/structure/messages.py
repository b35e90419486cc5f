"""Messages inside documents: header blocks, forwards, quotes, attributions and signatures.

A post or an e-mail saved as text starts with an RFC 822 header block (From:, Subject:,
Date:, …); a mailing-list digest holds one such block per message; a forward puts the original
message's headers under a "Forwarded message" line. Each header block becomes a `message`
block carrying the headers that matter (subject, from, date, organization), and what follows
it is that message's body.

Inside a body, text written by someone else is marked so the splitter can leave it out of the
story: quoted lines (`>`), attributions ("In article <…>, X writes:", "On …, X wrote:") and the
signature after a `-- ` line.
"""

from __future__ import annotations

import email.utils
import re

from digest.structure.blocks import Block

HEADER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9.-]{1,30}):[ \t]*(?P<value>.*)$")
# Header names that, two or more together, make a block of lines a message header.
MESSAGE_HEADERS = frozenset(
    [
        "from",
        "to",
        "cc",
        "date",
        "sent",
        "subject",
        "newsgroups",
        "organization",
        "lines",
        "message-id",
        "reply-to",
        "keywords",
        "summary",
        "article-i.d.",
        "nntp-posting-host",
        "distribution",
        "sender",
        "x-newsreader",
        "content-type",
        "mime-version",
    ]
)
KEPT_HEADERS = ("subject", "from", "date", "organization")
FORWARD_LINE = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|begin forwarded message)\s*-{2,}|begin forwarded message:"
    r"|-{2,}\s*weitergeleitete nachricht\s*-{2,}|-{2,}\s*message transféré\s*-{2,})\s*$",
    re.I,
)
ATTRIBUTION = re.compile(
    r"^\s*(?:in (?:article|message) <[^>]*>,?.*\b(?:writes|wrote|said)\s*:"
    r"|on .{4,120}\bwrote\s*:"
    r"|.{2,80}\b(?:writes|wrote)\s*:)\s*$",
    re.I,
)
SIGNATURE_LINE = re.compile(r"^--\s?$")
# where a list archive shows a message's attachments ("-------------- next part --------------"
# over "An HTML attachment was scrubbed..."): the message's own text has ended
ATTACHMENT_LINE = re.compile(r"^-{2,}\s*next part\s*-{2,}\s*$", re.I)
# "> text", "|> text", and the initials some readers put before the ">" ("ku> text")
QUOTED_LINE = re.compile(r"^\s*(?:\|?>|[A-Za-z]{1,4}>)")
SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|fw|aw|wg|tr|sv|vs)\s*(?:\[\d+\])?\s*:\s*|\[[^\]]{1,40}\]\s*)+", re.I)


def clean_subject(subject: str) -> str:
    """'Re: [MSN] Fwd: Title' → 'Title': reply and forward prefixes and list tags off."""
    return SUBJECT_PREFIX.sub("", " ".join(subject.split())).strip()


def person(value: str) -> str:
    """The name in a From header ('Ann Lee <ann@x.org>', 'ann@x.org (Ann Lee)'), else the address."""
    name, address = email.utils.parseaddr(value)
    name = re.sub(r"(?<=\S)\s*\([^()]*\)$", "", name.strip())  # "Ann Lee (Quay Works)": a note on whom
    return (name or address or value).strip().strip('"')


def header_block_at(lines: list[str], start: int) -> tuple[dict[str, str], int] | None:
    """The headers of a message header block starting at `lines[start]`, and the index after
    it; None when the lines there are not one. A block needs two message headers, one of them
    From or Subject, and ends at a blank line (folded continuation lines are joined)."""
    headers: dict[str, str] = {}
    known = 0
    index = start
    last: str | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        if last and line[:1] in " \t":
            headers[last] += " " + line.strip()
            index += 1
            continue
        match = HEADER.match(line.strip())
        if not match:
            break
        name = match.group("name").lower()
        last = name
        headers.setdefault(name, match.group("value").strip())
        known += name in MESSAGE_HEADERS
        index += 1
    if known >= 2 and ("from" in headers or "subject" in headers) and known >= (index - start) * 0.6:
        return headers, index
    return None


def message_date(headers: dict[str, str]) -> str:
    """A message's date header: Outlook writes "Sent:" where others write "Date:"."""
    return headers.get("date") or headers.get("sent") or ""


def message_block(headers: dict[str, str], forwarded: bool = False) -> Block:
    """A message's header block; `forwarded` when it stands under a "Forwarded message" or
    "Original Message" line (the message is what the forwarder passed on)."""
    fields = {name: headers[name] for name in KEPT_HEADERS if headers.get(name)}
    if "date" not in fields and (date := message_date(headers)):
        fields["date"] = date
    if forwarded:
        fields["forwarded"] = "yes"
    return Block(kind="message", text=clean_subject(headers.get("subject", "")), fields=fields)


def mark_quotes_and_signature(lines: list[str]) -> list[tuple[str, str]]:
    """Each line of a message body with what it is: "text", "quote" (a `>` line), "attribution"
    or "signature" (everything after a `-- ` line)."""
    marked: list[tuple[str, str]] = []
    in_signature = False
    for line in lines:
        if (SIGNATURE_LINE.match(line.rstrip("\n")) and line.startswith("--")) or ATTACHMENT_LINE.match(line):
            in_signature = True
            marked.append((line, "signature"))
            continue
        if in_signature:
            marked.append((line, "signature"))
        elif QUOTED_LINE.match(line):
            marked.append((line, "quote"))
        elif ATTRIBUTION.match(line) and len(line) < 200:
            marked.append((line, "attribution"))
        else:
            marked.append((line, "text"))
    return marked


_ONE_QUOTE_LEVEL = re.compile(r"^\s*>\s?")


# "Ann Lee ann at quay.example" (a list archive hides the address so), "Ann Lee <ann@quay.example>"
_ARCHIVED_SENDER = re.compile(
    r"^\s*(?P<name>[^<>@\s][^<>@]{0,60}?)\s+<?(?P<user>[\w.+-]+)(?:@|\s+at\s+)(?P<domain>[\w-]+(?:\.[\w-]+)+)>?\s*$"
)
SUBJECT_WORDS = 25
HEAD_LINES = 8  # an archived message's head is its page's first lines


def archived_message_head(lines: list[str]) -> list[str]:
    """A message saved from a list archive's page (Mailman's: "[Harbour] Ferry times" over
    "Ann Lee ann at quay.example" over "Wed Apr 21 00:14:11 UTC 2010"): its subject, sender and
    date lines written as the header block they stand for, so it is read as the message it is."""
    filled = [i for i, line in enumerate(lines[: HEAD_LINES * 2]) if line.strip()]
    # the subject is one of the page's first three lines, the sender's line and the date under it
    for subject, sender, date in zip(filled[:3], filled[1:4], filled[2:5], strict=False):
        if sender - subject > 2 or date != sender + 1:
            continue
        match = _ARCHIVED_SENDER.match(lines[sender])
        words = len(lines[subject].split())
        if match is None or not 1 <= words <= SUBJECT_WORDS or email.utils.parsedate_tz(lines[date].strip()) is None:
            continue
        address = f"{match.group('user')}@{match.group('domain')}"
        head = [
            f"Subject: {lines[subject].strip()}",
            f"From: {match.group('name')} <{address}>",
            f"Date: {lines[date].strip()}",
        ]
        return lines[:subject] + head + lines[date + 1 :]
    return lines


def unquote_forwarded(lines: list[str]) -> list[str]:
    """A message forwarded as a quotation ("Begin forwarded message:" over "> From: …",
    "> Subject: …" and a quoted body, as Apple Mail writes it): its lines without one level of
    quoting, so it is read as the message it is, not as quoted text."""
    result = list(lines)
    for index, line in enumerate(lines):
        if not FORWARD_LINE.match(line):
            continue
        start = next((k for k in range(index + 1, len(lines)) if lines[k].strip()), len(lines))
        end = start
        while end < len(lines) and (_ONE_QUOTE_LEVEL.match(lines[end]) or not lines[end].strip()):
            end += 1
        unquoted = [_ONE_QUOTE_LEVEL.sub("", k, count=1) for k in lines[start:end]]
        if header_block_at(unquoted, 0) is not None:
            result[start:end] = unquoted
    return result
