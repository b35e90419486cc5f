"""Rendering an issue into its editions (the registry in editions.py): email.html, email.txt,
message.eml, issue.json. Nothing about the issue is decided here.

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
import math
import re

from digest.config import Config
from digest.models import Editions, Issue, Story
from digest.render.editions import EDITIONS, HTML, Rendering, html_page
from digest.render.environment import render_template
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


def template_context(issue: Issue, config: Config) -> dict:
    numbers: dict[str, int] = {}  # every URL in order, numbered from 1
    for section in issue.sections:
        for story in section.all_stories:
            for url in [story.url, *(r.url for r in story.related)]:
                if url:
                    numbers.setdefault(url, len(numbers) + 1)
    links = list(numbers)
    base = config.newsletter.base_url
    folder = issue.folder
    return {
        "issue": issue,
        "newsletter": config.newsletter,
        "subject": issue.subject,
        "preheader": issue.preheader,
        "direction": "rtl" if config.newsletter.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr",
        "issue_url": f"{base}{folder}/" if base and folder else None,
        "archive_url": base,
        "story_facts": story_facts,
        "links": links,
        "link_number": numbers.__getitem__,
        "related_line": lambda story: "; ".join(
            f"{r.title} [{numbers[r.url]}]" if r.url else r.title for r in story.related
        ),
    }


def render_html(issue: Issue, config: Config) -> str:
    """email.html with its CSS inlined (what the size budget measures)."""
    return html_page(config, template_context(issue, config))


# the style blocks inlining removes (those marked data-premailer="ignore" stay: @media rules)
_REMOVED_STYLES = re.compile(r"<style(?![^>]*data-premailer)[^>]*>.*?</style>", re.S | re.I)


def rough_html_size(issue: Issue, config: Config) -> int:
    """The bytes of email.html as the template writes it, less the style blocks inlining
    removes: a cheap stand-in for its size, roughly proportional to it, and below it but for
    what inlining shortens (an entity written as its character)."""
    html = render_template(config.templates_dir, HTML, template_context(issue, config))
    return len(html.encode("utf-8")) - sum(len(m.encode("utf-8")) for m in _REMOVED_STYLES.findall(html))


def render_editions(issue: Issue, config: Config, sent_at: dt.datetime | None = None) -> Editions:
    """Every edition of the registry, in its order; each may use the ones before it (the
    message holds the HTML and plaintext editions)."""
    rendering = Rendering(issue, config, template_context(issue, config), sent_at or dt.datetime.now(dt.UTC))
    for edition in EDITIONS:
        rendering.files[edition.file] = edition.render(rendering)
    return Editions(files=rendering.files)
