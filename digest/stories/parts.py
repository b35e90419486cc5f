"""A document's parts: the messages inside it (a post saved with its headers, each e-mail of a
digest, a forwarded newsletter), each with the facts its headers give — title, sender, date —
or, for most documents, the document itself."""

from __future__ import annotations

from dataclasses import dataclass

from digest.models import Document
from digest.stories.dates import parse_date
from digest.stories.heads import Facts, author_box
from digest.stories.teasers import own_case_words
from digest.structure.blocks import Block
from digest.structure.messages import person


@dataclass
class Part:
    facts: Facts
    blocks: list[Block]
    message: bool = False
    forwarded: bool = False  # a message passed on under a "Forwarded message" line


def document_parts(document: Document, blocks: list[Block]) -> tuple[list[Part], list[tuple[str, str]]]:
    """The document's messages, each with the facts its headers give, or the document itself;
    and what stands before the first message and after the last (a digest's header and footer),
    each with why it is not a story's."""
    dropped: list[tuple[str, str]] = []
    facts = Facts(
        document.title,
        document.url,
        document.source,
        document.byline,
        document.published,
        own_case_words(document.text),
    )
    if not facts.byline and (who := author_box(document.text)):
        facts.byline = who
    if not any(b.kind == "message" for b in blocks):
        return [Part(facts, blocks)], dropped
    parts: list[Part] = []
    current: Part | None = None
    for block in blocks:
        if block.kind == "message":
            date = parse_date(block.fields["date"]) if block.fields.get("date") else None
            sender = person(block.fields["from"]) if block.fields.get("from") else None
            if block.fields.get("forwarded"):
                # what a forwarder passed on: the sender is the publisher, not an author
                current = Part(
                    Facts(block.text or None, None, sender, None, date, facts.cased), [], message=True, forwarded=True
                )
            else:
                url = block.fields.get("url")  # a digest's thread, by its address
                current = Part(
                    Facts(block.text or None, url, facts.source, sender, date or facts.published, facts.cased),
                    [],
                    message=True,
                )
            parts.append(current)
        elif current is None:
            if block.text:
                dropped.append((block.text, "before the first message (the digest's or forward's own header)"))
        else:
            current.blocks.append(block)
    if len(parts) == 1 and document.format == "email" and not parts[0].facts.title:
        parts[0].facts.title = facts.title
    return parts, dropped + _digest_footer(parts)


def _digest_footer(parts: list[Part]) -> list[tuple[str, str]]:
    """A digest whose messages each end at the same kind of rule ("-----…"): after the last
    message's rule stands the digest's own footer (its list's name and address, "End of …
    Digest"), not more of that message."""
    ends = [next((b for b in reversed(p.blocks) if b.text or b.kind == "rule"), None) for p in parts[:-1]]
    if len(parts) < 2 or not all(b is not None and b.kind == "rule" for b in ends):
        return []
    last = parts[-1].blocks
    first_text = next((k for k, b in enumerate(last) if b.text), None)
    if (
        first_text is None
        or (cut := next((k for k in range(first_text, len(last)) if last[k].kind == "rule"), None)) is None
    ):
        return []
    footer = [(b.text, "after the last message (the digest's own footer)") for b in last[cut:] if b.text]
    del last[cut:]
    return footer
