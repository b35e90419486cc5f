"""The editions of an issue: the registry of the files an issue folder holds, in the order
they are rendered, each with its media type and the function that renders it.

To add an edition (a JSON Feed of the issue, say): write its render function — here, or in a
module of its own for anything longer — and add one line to EDITIONS. The archive, the
preview and `digest check` read the file names from this registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from digest.config import Config
from digest.models import TO_JSON_EXCLUDED, Issue
from digest.render.environment import render_template
from digest.render.inline import inline_css
from digest.render.message import build_message

HTML = "email.html"
TEXT = "email.txt"
MESSAGE = "message.eml"
ISSUE_JSON = "issue.json"


@dataclass
class Rendering:
    """One issue being rendered: its template context and the editions rendered so far."""

    issue: Issue
    config: Config
    context: dict[str, Any]
    sent_at: dt.datetime
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Edition:
    file: str
    media_type: str
    render: Callable[[Rendering], bytes]


def html_page(config: Config, context: dict[str, Any]) -> str:
    """email.html: the template rendered, its CSS inlined for mail clients."""
    return inline_css(render_template(config.templates_dir, HTML, context))


def issue_json(issue: Issue) -> str:
    """issue.json: `Issue.to_json_data()` indented, written by pydantic's serializer (the same
    text as json.dumps(…, indent=2, ensure_ascii=False), whose indenting encoder is pure Python:
    a tenth of a second for a backlog's issue)."""
    return issue.model_dump_json(indent=2, exclude=TO_JSON_EXCLUDED) + "\n"


def _html(r: Rendering) -> bytes:
    return html_page(r.config, r.context).encode("utf-8")


def _text(r: Rendering) -> bytes:
    return render_template(r.config.templates_dir, TEXT, r.context).encode("utf-8")


def _message(r: Rendering) -> bytes:
    text, html = r.files[TEXT].decode("utf-8"), r.files[HTML].decode("utf-8")
    return build_message(r.issue, r.config, r.issue.subject, text, html, r.sent_at)


def _issue_json(r: Rendering) -> bytes:
    return issue_json(r.issue).encode("utf-8")


EDITIONS: list[Edition] = [
    Edition(HTML, "text/html; charset=utf-8", _html),
    Edition(TEXT, "text/plain; charset=utf-8", _text),
    Edition(MESSAGE, "message/rfc822", _message),
    Edition(ISSUE_JSON, "application/json", _issue_json),
]
