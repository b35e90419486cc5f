"""Assembling the issue: sections in config order, each story once, caps applied."""

from __future__ import annotations

import datetime as dt

from digest.config import Config
from digest.models import HeldBack, Issue, IssueSection, PlacedStory, Quarantined


def ranking_key(placed: PlacedStory) -> tuple:
    """Most relevant first, then newest; undated after dated; then title and id, so the
    order is the same on every run."""
    published = placed.story.published
    return (
        -placed.score,
        published is None,
        -(published.toordinal() if published else 0),
        placed.story.title.lower(),
        placed.story.id,
    )


def build_issue(
    placed: list[PlacedStory],
    quarantined: list[Quarantined],
    config: Config,
    number: int | None,
    date: dt.date,
    documents: list[str],
) -> Issue:
    held_back: list[HeldBack] = []
    sections: list[IssueSection] = []
    for section in config.sections:
        members = sorted((p for p in placed if p.section == section.id), key=ranking_key)
        cap = section.max_items
        kept = members if cap is None else members[:cap]
        for extra in members[len(kept) :]:
            held_back.append(
                HeldBack(
                    title=extra.story.title,
                    documents=extra.story.documents,
                    section=section.id,
                    reason=f"over the section's max_items ({cap})",
                )
            )
        if kept:
            # a headline without text of its own goes in the section's short list of titles
            full = [p.story for p in kept if p.story.teaser]
            titles = [p.story for p in kept if not p.story.teaser]
            sections.append(IssueSection(id=section.id, title=section.title, stories=full, more=titles))
    for p in placed:
        if p.section is None:
            held_back.append(HeldBack(title=p.story.title, documents=p.story.documents, section=None, reason=p.reason))
    title = f"{config.newsletter.title} #{number}" if number is not None else f"{config.newsletter.title} (draft)"
    return Issue(
        number=number,
        date=date,
        title=title,
        sections=sections,
        held_back=held_back,
        quarantined=sorted(quarantined, key=lambda q: q.document),
        documents=sorted(documents),
    )
