"""Rendering an issue into its editions: email.html, email.txt, message.eml, issue.json.

The template context (what a curator's own templates receive):

    issue        Issue      number (None for a draft), date, title, sections[] (id, title,
                            stories[], more[]), held_back, quarantined, size
    newsletter   Newsletter the `newsletter:` block of config.yaml (title, description,
                            language, base_url, unsubscribe_url, …)
    subject      str        the email's subject line
    preheader    str        the hidden line inboxes show after the subject
    direction    str        "ltr" or "rtl", from newsletter.language
    issue_url    str|None   this issue's page in the web archive (needs newsletter.base_url)
    archive_url  str|None   the web archive's index (newsletter.base_url)
    story_facts  story -> list[str]   source (every copy's, when merged), date and reading time, those known
    links        list[str]  (email.txt) every URL in order; [n] refers to links[n-1]
    link_number  url -> int (email.txt) the reference number of a URL
    related_line story -> str  (email.txt) "Title [n]; Other title" for story.related
"""

from __future__ import annotations

import datetime as dt
import json
import math

from digest.archive.folders import folder_name
from digest.config import Config
from digest.issue.budget import fit_to_budget
from digest.models import Editions, Issue, Story
from digest.render.environment import render_string, render_template
from digest.render.inline import inline_css
from digest.render.message import build_message
from digest.render.text_layout import short_date

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}
WORDS_PER_MINUTE = 230


def story_facts(story: Story) -> list[str]:
    facts = []
    if len(story.sources) > 1:
        facts.append(" · ".join(story.sources))  # the same article from several publications
    elif story.source:
        facts.append(story.source)
    if story.published:
        facts.append(short_date(story.published))
    minutes = max(1, math.ceil(len(story.body.split()) / WORDS_PER_MINUTE))
    facts.append(f"{minutes} min read")
    return facts


def issue_folder_name(issue: Issue) -> str | None:
    return folder_name(issue.number, issue.date) if issue.number is not None else None


def issue_json(issue: Issue) -> str:
    return json.dumps(issue.to_json_data(), indent=2, ensure_ascii=False) + "\n"


def lead_title(issue: Issue) -> str:
    return next((s.stories[0].title for s in issue.sections if s.stories), "")


def make_subject(issue: Issue, config: Config) -> str:
    """The subject from `email.subject`; a draft, which has no number yet, says it is a draft."""
    lead = lead_title(issue)
    if issue.number is None:
        return f"[DRAFT] {config.newsletter.title}: {lead}" if lead else f"[DRAFT] {config.newsletter.title}"
    context = {"title": config.newsletter.title, "number": issue.number, "date": issue.date, "lead": lead}
    subject = " ".join(render_string(config.email.subject, context, "email.subject in config.yaml").split())
    return subject if lead else subject.rstrip(": ")


def make_preheader(issue: Issue, config: Config) -> str:
    if config.email.preheader:
        return config.email.preheader
    titles = [s.stories[0].title for s in issue.sections if s.stories][:3]
    text = " · ".join(titles)
    return text if len(text) <= 140 else text[:139].rsplit(" ", 1)[0] + "…"


def _context(issue: Issue, config: Config) -> dict:
    links: list[str] = []
    for section in issue.sections:
        for story in section.all_stories:
            for url in [story.url, *(r.url for r in story.related)]:
                if url and url not in links:
                    links.append(url)
    base = config.newsletter.base_url
    folder = issue_folder_name(issue)
    return {
        "issue": issue,
        "newsletter": config.newsletter,
        "subject": make_subject(issue, config),
        "preheader": make_preheader(issue, config),
        "direction": "rtl" if config.newsletter.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr",
        "issue_url": f"{base}{folder}/" if base and folder else None,
        "archive_url": base,
        "story_facts": story_facts,
        "links": links,
        "link_number": lambda url: links.index(url) + 1,
        "related_line": lambda story: "; ".join(
            f"{r.title} [{links.index(r.url) + 1}]" if r.url else r.title for r in story.related
        ),
    }


def render_html(issue: Issue, config: Config) -> str:
    return inline_css(render_template(config.templates_dir, "email.html", _context(issue, config)))


def render_editions(issue: Issue, config: Config, sent_at: dt.datetime | None = None) -> tuple[Issue, Editions]:
    """The four files of an issue; the issue comes back fitted to the size budget."""
    issue, html = fit_to_budget(issue, lambda i: render_html(i, config), config.email.size_budget_kb * 1024)
    context = _context(issue, config)
    text = render_template(config.templates_dir, "email.txt", context)
    sent_at = sent_at or dt.datetime.now(dt.UTC)
    return issue, Editions(
        html=html,
        text=text,
        eml=build_message(issue, config, context["subject"], text, html, sent_at),
        json_text=issue_json(issue),
    )
