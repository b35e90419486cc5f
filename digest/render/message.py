"""message.eml: multipart/alternative, plaintext first, HTML second, UTF-8 quoted-printable."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import hashlib
from email.message import EmailMessage

from digest.config import Config
from digest.models import Issue


def message_id(issue: Issue, config: Config) -> str:
    """Stable for an issue: rendering it again gives the same Message-ID."""
    domain = email.utils.parseaddr(config.newsletter.from_address)[1].rpartition("@")[2] or "digest.invalid"
    key = f"{config.newsletter.title}|{issue.number}|{issue.date.isoformat()}"
    return f"<issue-{issue.number or 'draft'}.{hashlib.sha256(key.encode()).hexdigest()[:12]}@{domain}>"


def build_message(issue: Issue, config: Config, subject: str, text: str, html: str, sent_at: dt.datetime) -> bytes:
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = subject
    message["From"] = config.newsletter.from_address
    message["To"] = config.newsletter.to_address
    message["Date"] = email.utils.format_datetime(sent_at)
    message["Message-ID"] = message_id(issue, config)
    unsubscribe = config.newsletter.unsubscribe_url
    if unsubscribe and unsubscribe.startswith("https://"):
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    elif unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def parse_message(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)
