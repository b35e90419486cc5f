"""The data passed between pipeline stages. Each stage takes and returns these models.

InboxFile ──read_document──▶ Document ──split_into_stories──▶ Story
Story ──merge_duplicates──▶ Story ──assign_sections──▶ PlacedStory
PlacedStory ──build_issue──▶ Issue ──render_editions──▶ Editions ──write_issue──▶ folder

The Issue is complete when build_issue returns it: its sections, what was held back and why,
its size report, subject and preheader. Rendering only writes it out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from digest.structure.blocks import Block


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


SAFE_SCHEMES = ("http://", "https://", "mailto:")
SCHEME_CHARACTERS = max(len(scheme) for scheme in SAFE_SCHEMES)


def safe_url(url: str | None) -> str | None:
    """The address when a reader may follow it from an issue: http, https or mailto only.
    Anything else (javascript:, data:, vbscript:, file:, a relative path) is not a link."""
    if not url:
        return None
    # the scheme as a browser reads it: invisible and blank characters inside it do not count
    # ("java\tscript:"); only its first characters are needed
    scheme: list[str] = []
    for ch in url.strip():
        if ch.isprintable() and not ch.isspace():
            scheme.append(ch)
            if len(scheme) == SCHEME_CHARACTERS:
                break
    return url.strip() if "".join(scheme).lower().startswith(SAFE_SCHEMES) else None


# What a scheduled run became, in the ledger of runs (state.db, table runs).
RunOutcome = Literal["published", "nothing new", "too few stories", "missed"]

# "html": read from the DOM (a newsletter, a list page); "article": the one article of a page
DocumentFormat = Literal["text", "markdown", "rst", "html", "article", "email"]


class InboxFile(Model):
    """A candidate document found in the inbox; nothing has been parsed yet."""

    path: Path  # absolute
    name: str  # relative to the inbox, with forward slashes; what issue.json calls a document
    content_hash: str  # sha256 of the bytes; what the state store keys publication on
    size: int
    modified: dt.datetime  # last modification, aware (UTC)


class Document(Model):
    """What a reader extracted from one file: plain text plus whatever metadata it carried."""

    name: str
    content_hash: str
    format: DocumentFormat
    text: str  # paragraphs separated by blank lines; markdown headings kept as "# ..."
    # The document's structure (digest/structure): what the splitter reads. Empty for a
    # Document made from plain text alone, whose blocks are then read from `text`; None for one
    # kept without them (state/stores.py), read again from its file if it must be cut again.
    blocks: list[Block] | None = Field(default_factory=list)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    section: str | None = None  # the curator's word, from front matter

    def named(self, name: str) -> Document:
        """This document as read from the file `name` (the same bytes renamed read the same)."""
        return self if self.name == name else self.model_copy(update={"name": name})


class Quarantined(Model):
    """A document that could not be used, with the reason a curator can act on."""

    document: str
    reason: str


class RelatedStory(Model):
    """Another story of the issue about the same event (not a duplicate of this one)."""

    id: str
    title: str
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _only_safe_links(cls, value: str | None) -> str | None:
        return safe_url(value)


class StoryFeatures(Model):
    """What the later stages need of a story's words, computed once when it is cut and kept
    with it in the split cache: no warm compile stems or signs a story again."""

    # bytes travel in the cache as base64
    model_config = ConfigDict(extra="forbid", ser_json_bytes="base64", val_json_bytes="base64")

    terms: dict[str, int]  # stemmed content words, title words counted thrice (learning, related stories)
    bands: list[int]  # MinHash LSH band keys of its body (duplicates, "already published")
    shingles: bytes = b""  # its body's 5-word shingles, packed (duplicates.pack_shingles)


class Story(Model):
    id: str
    title: str
    url: str | None = None
    source: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    teaser: str
    body: str = Field("", exclude=True)  # the full text; the editions show the teaser
    documents: list[str]
    section_hint: str | None = Field(None, exclude=True)  # front matter `section:`
    # "related" for an item of a page's "Related Articles" list: not what the curator
    # clipped, so it must earn its place by its title.
    context: str | None = Field(None, exclude=True)
    related: list[RelatedStory] = Field(default_factory=list)
    # The number of an earlier issue that published essentially this story (merge_duplicates
    # finds it from the archive's signatures); such a story is held back unless the curator
    # sends it again.
    published_in: int | None = Field(None, exclude=True)
    sources: list[str] = Field(default_factory=list)  # every copy's source, when copies were merged
    merged_titles: list[str] = Field(default_factory=list, exclude=True)  # the other copies' titles
    features: StoryFeatures | None = Field(None, exclude=True)  # None: computed when needed

    @field_validator("url")
    @classmethod
    def _only_safe_links(cls, value: str | None) -> str | None:
        """Links are safe by construction: a story never carries one a reader must not follow."""
        return safe_url(value)

    @staticmethod
    def make_id(*parts: str) -> str:
        """A stable id: the same inputs give the same id on every machine and run."""
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    def from_document(self, name: str) -> Story:
        """This story as cut from the document `name` (a cached cut of the same bytes)."""
        return self if self.documents == [name] else self.model_copy(update={"documents": [name]})


class PlacedStory(Model):
    """A story with the section it goes to (None: held back) and why."""

    story: Story
    section: str | None
    score: float = 0.0
    reason: str  # "matched keywords: qubit, quantum", "front matter", "matched no section", …


class HeldBack(Model):
    title: str
    documents: list[str]
    section: str | None
    reason: str


class IssueSection(Model):
    id: str
    title: str
    stories: list[Story]
    more: list[Story] = Field(default_factory=list)  # "More this week": titles only, to fit the size budget

    @property
    def all_stories(self) -> list[Story]:
        """Every story the section publishes: in full, then in "More this week"."""
        return [*self.stories, *self.more]


class SizeReport(Model):
    """How email.html was fitted into the size budget (Gmail clips larger messages)."""

    budget_bytes: int
    html_bytes: int
    actions: list[str] = Field(default_factory=list)


class ConsumedDocument(Model):
    """A document an issue used up: what `digest repair` marks as published again."""

    document: str
    sha256: str


class Issue(Model):
    number: int | None  # None for a draft that uses up no number
    date: dt.date
    title: str
    sections: list[IssueSection]
    held_back: list[HeldBack] = Field(default_factory=list)
    quarantined: list[Quarantined] = Field(default_factory=list)
    size: SizeReport | None = None
    documents: list[str] = Field(default_factory=list)  # every document this issue read
    consumed: list[ConsumedDocument] = Field(default_factory=list)  # what publishing it marked as published
    scheduled_run: str | None = None  # the ledger's period when `digest run` published it
    folder: str | None = None  # its folder in the archive, NNNN-YYYY-MM-DD (None for a draft)
    subject: str = ""  # the email's subject line ("" in an issue.json written before 0.2)
    preheader: str = ""  # the line inboxes show after the subject

    @property
    def story_count(self) -> int:
        return sum(len(s.all_stories) for s in self.sections)

    def to_json_data(self) -> dict:
        """issue.json as CONTRACT.md describes it."""
        return self.model_dump(mode="json", exclude=TO_JSON_EXCLUDED)


TO_JSON_EXCLUDED = {"documents"}  # what issue.json leaves out of an Issue


class Editions(Model):
    """The rendered files of an issue, in memory, ready to be written together: file name →
    bytes, in the order of the editions registry (digest/render/editions.py)."""

    files: dict[str, bytes]
