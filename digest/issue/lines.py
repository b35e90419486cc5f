"""The two lines an inbox shows before the issue is opened: the subject and the preheader."""

from __future__ import annotations

from digest.config import Config
from digest.models import Issue
from digest.render.environment import render_string

PREHEADER_CHARS = 140


def lead_title(issue: Issue) -> str:
    return next((s.stories[0].title for s in issue.sections if s.stories), "")


def make_subject(issue: Issue, config: Config, draft_number: int | None = None) -> str:
    """The subject from `email.subject`. A draft's is rendered the same way, with the number the
    issue would get, and marked "[DRAFT]": a mistake in the subject shows in the first draft."""
    lead = lead_title(issue)
    number = issue.number if issue.number is not None else draft_number
    context = {"title": config.newsletter.title, "number": number, "date": issue.date, "lead": lead}
    where = f"email.subject in {config.source or 'config.yaml'}"
    subject = " ".join(render_string(config.email.subject, context, where).split())
    subject = subject if lead else subject.rstrip(": ")
    return subject if issue.number is not None else f"[DRAFT] {subject}"


def make_preheader(issue: Issue, config: Config) -> str:
    if config.email.preheader:
        return config.email.preheader
    text = " · ".join([s.stories[0].title for s in issue.sections if s.stories][:3])
    return text if len(text) <= PREHEADER_CHARS else text[: PREHEADER_CHARS - 1].rsplit(" ", 1)[0] + "…"


def with_lines(issue: Issue, config: Config, draft_number: int | None = None) -> Issue:
    subject = make_subject(issue, config, draft_number)
    return issue.model_copy(update={"subject": subject, "preheader": make_preheader(issue, config)})
