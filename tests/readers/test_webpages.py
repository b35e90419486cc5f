"""Saved web pages of ../shared/corpus/webpages against their expected metadata (Mozilla
Readability's own output, so a disagreement is a question, not a verdict: the cases where we
differ on purpose are named below)."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS

from digest.readers import read_document
from digest.readers.inbox import scan_inbox
from digest.stories import split_into_stories

PAGES = sorted(p.name for p in (CORPUS / "webpages").iterdir() if p.is_dir()) if (CORPUS / "webpages").is_dir() else []
# theverge: Readability takes <title>; we take the headline the page shows (og:title and h1 agree).
# guardian-1: Readability keeps the author's name that og:title appends ("… | Eleanor Ainge Roy");
# we cut it, as the h1 and <title> agree (the name is the byline).
# bbc-1: Readability's byline is the site's name; we leave the byline empty rather than repeat the source.
TITLE_DIFFERS = {"theverge", "guardian-1"}
BYLINE_DIFFERS = {"bbc-1"}


def story_of(page: str):
    files = scan_inbox(CORPUS / "webpages" / page).files
    [file] = [f for f in files if f.name == "source.html"]
    return split_into_stories(read_document(file))


@pytest.mark.parametrize("page", PAGES)
def test_one_story_with_the_page_title_byline_and_site(corpus, page):
    expected = json.loads((CORPUS / "webpages" / page / "expected-metadata.json").read_text())
    stories = story_of(page)
    assert len(stories) == 1, [s.title for s in stories]
    [story] = stories
    if page not in TITLE_DIFFERS:
        assert story.title == expected["title"]
    else:
        assert story.title.split()[:3] == expected["title"].split()[:3], "the same headline, differently cut"
    if expected.get("byline") and page not in BYLINE_DIFFERS:
        assert story.byline == expected["byline"].removeprefix("By ")
    if expected.get("siteName"):
        assert story.source.lower() == expected["siteName"].lower()
    if expected.get("publishedTime"):
        assert story.published.isoformat() == expected["publishedTime"][:10]
    assert len(story.teaser.split()) >= 15 and story.teaser[0].isupper(), story.teaser


def test_a_page_byline_that_is_a_form_label_is_dropped_for_the_printed_byline(corpus):
    # wapo-1's extracted author is a form label; the page prints "By Erin Cunningham" in its
    # byline element
    [story] = story_of("wapo-1")
    assert story.byline == "Erin Cunningham"
