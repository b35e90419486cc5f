"""Rendering an issue into its editions: email.html, email.txt, message.eml, issue.json.

The template context (documented for curators who write their own templates):

    issue        Issue      number (None for a draft), date, title, sections[].stories[], held_back, quarantined
    newsletter   Newsletter the `newsletter:` block of config.yaml
    subject      str        the email's subject line
    preheader    str        the hidden line inboxes show after the subject
    direction    str        "ltr" or "rtl", from newsletter.language
    story_facts  story -> list[str]   source, date and reading time, those that are known
    links        list[str]  (email.txt) every story URL in order; [n] refers to links[n-1]
    link_number  url -> int (email.txt) the reference number of a URL
    related_line story -> str  (email.txt) "Title [n]; Other title" for story.related
"""

from __future__ import annotations

import datetime as dt
import json
import math

from digest.config import Config
from digest.models import Editions, Issue, Story
from digest.render.environment import render_template
from digest.render.inline import inline_css
from digest.render.message import build_message

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}
WORDS_PER_MINUTE = 230


def story_facts(story: Story) -> list[str]:
    facts = []
    if story.source:
        facts.append(story.source)
    if story.published:
        facts.append(f"{story.published.day} {story.published:%b %Y}")
    minutes = max(1, math.ceil(len(story.body.split()) / WORDS_PER_MINUTE))
    facts.append(f"{minutes} min read")
    return facts


def make_subject(issue: Issue, config: Config) -> str:
    lead = next((s.stories[0].title for s in issue.sections if s.stories), None)
    subject = issue.title
    return f"{subject}: {lead}" if lead else subject


def make_preheader(issue: Issue) -> str:
    titles = [s.stories[0].title for s in issue.sections if s.stories][:3]
    text = " · ".join(titles)
    return text if len(text) <= 140 else text[:139].rsplit(" ", 1)[0] + "…"


def render_editions(issue: Issue, config: Config, sent_at: dt.datetime | None = None) -> Editions:
    links: list[str] = []
    for section in issue.sections:
        for story in section.stories:
            for url in [story.url, *(r.url for r in story.related)]:
                if url and url not in links:
                    links.append(url)
    subject = make_subject(issue, config)
    context = {
        "issue": issue,
        "newsletter": config.newsletter,
        "subject": subject,
        "preheader": make_preheader(issue),
        "direction": "rtl" if config.newsletter.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr",
        "story_facts": story_facts,
        "links": links,
        "link_number": lambda url: links.index(url) + 1,
        "related_line": lambda story: "; ".join(
            f"{r.title} [{links.index(r.url) + 1}]" if r.url else r.title for r in story.related
        ),
    }
    html = inline_css(render_template(config.templates_dir, "email.html", context))
    text = render_template(config.templates_dir, "email.txt", context)
    sent_at = sent_at or dt.datetime.now(dt.UTC)
    return Editions(
        html=html,
        text=text,
        eml=build_message(issue, config, subject, text, html, sent_at),
        json_text=json.dumps(issue.to_json_data(), indent=2, ensure_ascii=False) + "\n",
    )
