"""E-mails (.eml): the newsletter in the message, and the message inside a forward.

Subject is the title, the sender the source, Date the date. The HTML part is read whole from
the DOM (a newsletter is many stories: no article extractor), else the text part by the shape
of its lines. A forward is a container: an attached `message/rfc822`, or a "Forwarded
message" line over the original's headers in the body, is read as the inner newsletter — its
sender is the source, its date the date, and the forwarder's note is left out.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import functools
import re
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, MIMEPart

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.encoding import normalise_newlines
from digest.stories.dates import parse_date
from digest.structure.blocks import Block, plain_text
from digest.structure.html import html_blocks
from digest.structure.markdown import markdown_blocks, written_in_markdown
from digest.structure.messages import (
    FORWARD_LINE,
    HEADER,
    MESSAGE_HEADERS,
    clean_subject,
    message_block,
    message_date,
    person,
)
from digest.structure.rst import rst_blocks, written_in_rst
from digest.structure.text import text_blocks


class _RememberedHeaders(HeaderRegistry):
    """The standard library's header parsing, each (name, value) parsed once a process.

    `email.policy.default` parses a header again every time it is read, and walking a message's
    parts reads each Content-Type a dozen times: parsing one newsletter took 4–5 ms, most of
    it Content-Type over and over. Parsed headers are immutable strings, so one parse can be
    shared by every read (and by the next message with the same header)."""

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one registry per process: the cache lives as long anyway)
    def __call__(self, name: str, value: str) -> BaseHeader:
        return super().__call__(name, value)


POLICY = email.policy.default.clone(header_factory=_RememberedHeaders())


def read_email(file: InboxFile, data: bytes) -> Document:
    if not data.strip():
        raise DocumentError("the file is empty")
    try:
        message = email.message_from_bytes(data, policy=POLICY)
    except (ValueError, TypeError, LookupError) as exc:
        raise DocumentError(f"is not a readable email message: {exc}") from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise DocumentError("is not an email message (no headers found)")
    headers = _headers(message)
    while len(members := _attached_messages(message)) == 1:  # a forward: the message it passes on
        message, headers = members[0], _headers(members[0])
    if members:
        # a digest: each message it carries is one of its messages, under its own headers
        blocks = [b for m in members for b in [message_block(_headers(m)), *_body_blocks(m, message_body=True)]]
    else:
        blocks = _body_blocks(message)
        forwarded, blocks = _inline_forward(blocks)
        if forwarded:
            headers = {**headers, **forwarded, "date": message_date(forwarded) or headers.get("date", "")}
    if not any(b.text for b in blocks):
        raise DocumentError("the email has no text")
    return Document(
        name=file.name,
        content_hash=file.content_hash,
        format="email",
        text=plain_text(blocks),
        blocks=blocks,
        title=clean_subject(headers.get("subject", "")) or None,
        source=_sender_name(headers),
        published=_date(headers.get("date")),
    )


# "[Quay Rowing] Abridged summary…", "Quay-announce Digest, Vol 109, Issue 3": the list a digest
# comes from, named by its subject
_LIST_NAME = re.compile(r"^\s*(?:\[(?P<tag>[^\]\n]{2,40})\]|(?P<name>\S.{1,40}?)\s+digest,?\s+vol\b)", re.I)


def _sender_name(headers: dict[str, str]) -> str | None:
    """The sender's name; for a list that sends from an address alone (a digest), the list's
    name its subject gives."""
    if not headers.get("from"):
        return None
    sender = person(headers["from"])
    if "@" in sender and (listed := _LIST_NAME.match(headers.get("subject", ""))):
        return listed.group("tag") or listed.group("name")
    return sender


def _headers(message: EmailMessage) -> dict[str, str]:
    found = {}
    for name in ("subject", "from", "date"):
        try:
            value = message.get(name)
        except (ValueError, TypeError, LookupError):
            value = None
        if value:
            found[name] = " ".join(str(value).split())
    return found


def _date(value: str | None):
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return parse_date(value)


def _attached_messages(message: EmailMessage) -> list[EmailMessage]:
    """The messages attached to this one (message/rfc822 parts, not those inside them): one is
    a forward; several, a mailing list's MIME digest (a multipart/digest of messages)."""
    found: list[EmailMessage] = []

    def visit(container: EmailMessage) -> None:
        for part in container.iter_parts():
            if part.get_content_type() == "message/rfc822":
                payload = part.get_payload()
                inner = payload[0] if isinstance(payload, list) and payload else payload
                if isinstance(inner, EmailMessage):
                    found.append(inner)
            elif part.is_multipart() and isinstance(part, EmailMessage):
                visit(part)

    if message.is_multipart():
        visit(message)
    return found


def _body_blocks(message: EmailMessage, message_body: bool = False) -> list[Block]:
    """The HTML part's blocks (its structure says most); the plain part's when there is no
    HTML, or when the HTML holds much less text than it (an e-mail of pictures whose words are
    in the plain part). `message_body`: a digest's message, whose signature is marked."""
    html_part = message.get_body(preferencelist=("html",))
    text_part = message.get_body(preferencelist=("plain",))
    plain = normalise_newlines(_content(text_part)) if text_part is not None else ""
    if html_part is not None:
        blocks = html_blocks(_content(html_part))
        words = sum(len(b.text.split()) for b in blocks)
        if words and words * PLAIN_PART_SHARE >= len(plain.split()):
            return blocks
    if text_part is not None:
        return _plain_blocks(plain, message_body)
    if html_part is not None:
        return blocks
    raise DocumentError("the email has no text or HTML part")


PLAIN_PART_SHARE = 3  # the HTML part is read unless the plain part has this many times its words


def _plain_blocks(plain: str, message_body: bool = False) -> list[Block]:
    """A plain-text part as its writer wrote it: markdown, reStructuredText (a mailing list's
    newsletter), or lines of text."""
    if written_in_markdown(plain):
        return markdown_blocks(plain)
    if written_in_rst(plain):
        try:
            return rst_blocks(plain)
        except DocumentError:
            pass
    return text_blocks(plain, message_body)


def _content(part: MIMEPart) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError, ValueError, TypeError):  # an unknown or wrong charset label
        payload = part.get_payload(decode=True)
        payload = payload if isinstance(payload, bytes) else b""
        from digest.readers.encoding import decode_bytes

        try:
            return decode_bytes(payload)
        except DocumentError:
            return payload.decode("latin-1", errors="replace")


def _inline_forward(blocks: list[Block]) -> tuple[dict[str, str], list[Block]]:
    """A "Forwarded message" line over the original's headers, or the original's header block
    alone near the top (Outlook's "From: … Sent: … To: … Subject: …" under the forwarder's
    note): (those headers, the blocks of the original), the note before it dropped. ({}, blocks)
    when there is none."""
    for index, block in enumerate(blocks):
        if block.kind == "message" and index <= 3:  # a text part: already a message block
            return dict(block.fields), blocks[index + 1 :]
        if FORWARD_LINE.match(block.text):
            headers, end = _header_run(blocks, index + 1)
            if "from" in headers or "subject" in headers:
                return headers, blocks[end:]
        elif index <= FORWARD_NOTE_BLOCKS:
            headers, end = _header_run(blocks, index)
            if len(headers) >= 3 and "from" in headers and "subject" in headers:
                return headers, blocks[end:]
    return {}, blocks


FORWARD_NOTE_BLOCKS = 6  # how far down a forwarder's note may push the original's header block


def _header_run(blocks: list[Block], start: int) -> tuple[dict[str, str], int]:
    """The message headers in the blocks from `start` on ("From: …", "Sent: …"), and where they end."""
    headers: dict[str, str] = {}
    end = start
    while end < len(blocks):
        lines = blocks[end].text.split("\n") if blocks[end].text else []
        matches = [HEADER.match(line.strip()) for line in lines] if lines else []
        if not matches or not all(m and m.group("name").lower() in MESSAGE_HEADERS for m in matches):
            break
        for m in matches:
            headers.setdefault(m.group("name").lower(), m.group("value").strip())  # type: ignore[union-attr]
        end += 1
    return headers, end
