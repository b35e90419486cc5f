"""Forwarded and saved emails (.eml): Subject is the title, the sender is the source,
Date the publication date; the HTML part goes through the HTML reader, else the text part."""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from email.message import EmailMessage

from digest.errors import DocumentError
from digest.models import Document, InboxFile
from digest.readers.html import document_from_html
from digest.readers.text import normalise_newlines

_FORWARD_PREFIX = re.compile(r"^\s*(?:(?:fwd?|fw|re|aw|wg)\s*:\s*)+", re.I)


def read_email(file: InboxFile, data: bytes) -> Document:
    if not data.strip():
        raise DocumentError("the file is empty")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message.keys()):
        raise DocumentError("is not an email message (no headers found)")
    subject = _FORWARD_PREFIX.sub("", str(message.get("Subject", ""))).strip() or None
    source = _sender_name(message)
    published = None
    if message.get("Date"):
        try:
            published = email.utils.parsedate_to_datetime(str(message["Date"])).date()
        except (TypeError, ValueError):
            published = None
    html_part = message.get_body(preferencelist=("html",))
    text_part = message.get_body(preferencelist=("plain",))
    if html_part is not None:
        document = document_from_html(file.name, file.content_hash, _content(html_part), format="email")
    elif text_part is not None:
        document = Document(
            name=file.name,
            content_hash=file.content_hash,
            format="email",
            text=normalise_newlines(_content(text_part)),
        )
    else:
        raise DocumentError("the email has no text or HTML part")
    return document.model_copy(
        update={
            "title": subject or document.title,
            "source": source or document.source,
            "published": published or document.published,
        }
    )


def _content(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError):  # an unknown or wrong charset label
        payload = part.get_payload(decode=True) or b""
        from digest.readers.encoding import decode_bytes

        return decode_bytes(payload)


def _sender_name(message: EmailMessage) -> str | None:
    name, address = email.utils.parseaddr(str(message.get("From", "")))
    return name.strip() or address.strip() or None
