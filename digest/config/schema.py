"""The schema of config.yaml: every option typed, with its default and its description
(Field(description=...)), from which docs/config.md and the `digest init` config are made.
Paths in config.yaml are relative to the folder holding config.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)


class Keyword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1, description="A word or phrase.")
    weight: float = Field(1.0, gt=0, description="How much a match counts (default 1).")


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Short stable identifier (letters, digits, - and _); used in issue.json.")
    title: str = Field(description="Heading shown in the editions.")
    description: str = Field(
        "", description="One sentence on what belongs here; its words count, a little, towards matching."
    )
    keywords: list[Keyword] = Field(
        default_factory=list,
        description="Words or phrases that place a story here, as plain strings or {term: …, weight: …} "
        "(or the short form {qubit: 2}). Short upper-case acronyms (AI, EV) match case-sensitively.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Words or phrases that rule this section out for a story containing them."
    )
    include: list[str] = Field(
        default_factory=list,
        description="Regular expressions; a story whose title matches one goes here, whatever its scores.",
    )
    max_items: int | None = Field(
        None,
        ge=1,
        description="At most this many stories; the rest are held back naming this section. Absent or null: no cap.",
    )
    catch_all: bool = Field(False, description="Takes the stories that match no other section.")

    @field_validator("keywords", mode="before")
    @classmethod
    def _short_keyword_forms(cls, value: object) -> object:
        if not isinstance(value, list):
            return value
        items = []
        for item in value:
            if isinstance(item, str):
                items.append({"term": item})
            elif isinstance(item, dict) and len(item) == 1 and "term" not in item:
                ((term, weight),) = item.items()
                items.append({"term": str(term), "weight": weight})
            else:
                items.append(item)
        return items

    @field_validator("include")
    @classmethod
    def _include_compiles(cls, patterns: list[str]) -> list[str]:
        return _check_patterns(patterns)

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", value):
            raise ValueError("must be letters, digits, '-' or '_' (no spaces)")
        return value


class Newsletter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="The newsletter's name, shown in the masthead and the subject.")
    timezone: str = Field(
        "UTC", description="IANA time zone name (e.g. Europe/Berlin); the schedule and issue dates use it."
    )
    language: str = Field("en", description="Language tag of the editions (the HTML `lang`).")
    from_address: str = Field(
        "digest@localhost", description="The From header of message.eml, e.g. 'Frontier Tech <news@example.org>'."
    )
    to_address: str = Field("undisclosed-recipients:;", description="The To header of message.eml.")
    description: str = Field("", description="One line on what the newsletter is; shown in the footer.")
    base_url: str | None = Field(
        None,
        description="Where the web archive is published (https://…/issues/); enables the 'view in browser' and archive links.",
    )
    unsubscribe_url: str | None = Field(
        None,
        description="An https: or mailto: address for unsubscribing; shown in both editions and, when https, "
        "sent as List-Unsubscribe with one-click (RFC 8058).",
    )

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http://)")
        return value.rstrip("/") + "/" if value else value

    @field_validator("unsubscribe_url")
    @classmethod
    def _unsubscribe_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://", "mailto:")):
            raise ValueError("must be an https:// or mailto: address")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin") from None
        return value


class Paths(BaseModel):
    model_config = ConfigDict(extra="forbid")

    inbox: str = Field("inbox", description="Folder of documents to compile. Never modified.")
    issues: str = Field("issues", description="Archive folder; each published issue gets NNNN-YYYY-MM-DD/ in it.")
    state: str = Field(".digest", description="Folder of the state database (state.db) and drafts.")
    templates: str | None = Field(
        None, description="Folder whose files override the default email templates, file by file."
    )
    log: str | None = Field(None, description="A log file for `digest run`, besides stderr.")
    site: str | None = Field(
        None,
        description="Folder of the web archive (index.html, feed.xml, a page per issue); default: the issues folder.",
    )
    corrections: str = Field(
        "corrections.yaml",
        description="Optional file of the curator's corrections: story title (or id) → section id. "
        "A correction moves the story and teaches the section's learned profile.",
    )


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)?\s*$", re.I)
_UNITS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


def _duration(value: object) -> object:
    """'30m', '2h', '1d', '1w' or a number of seconds → timedelta."""
    if isinstance(value, dt.timedelta) or value is None:
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.timedelta(seconds=value)
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a duration; write e.g. 30m, 2h, 1d or 1w")
    return dt.timedelta(seconds=float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()])


Duration = Annotated[dt.timedelta, BeforeValidator(_duration)]


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cron: str = Field(
        "0 8 * * mon",
        description="5-field crontab (minute hour day month weekday) in newsletter.timezone; "
        "a 6th leading seconds field is accepted for very short schedules.",
    )
    misfire: Literal["catch_up", "skip"] = Field(
        "catch_up",
        description="A run missed while digest was not running: catch_up publishes it once when `digest run` "
        "starts within misfire_grace; skip records it as skipped.",
    )
    misfire_grace: Duration = Field(
        dt.timedelta(days=1), description="How late a missed run may still be caught up (e.g. 1d, 6h)."
    )
    skip_empty: bool = Field(True, description="With nothing new, publish no issue (the run is recorded and logged).")
    min_stories: int | None = Field(
        None, ge=1, description="With fewer stories than this, publish nothing and keep everything for the next run."
    )
    cutoff: Duration | None = Field(
        None, description="Documents that arrive later than this before a run (e.g. 2h) wait for the next issue."
    )
    max_age: Duration = Field(
        dt.timedelta(days=14),
        description="Stories held back over a section cap come back next time, unless first seen longer ago than this.",
    )

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        from digest.schedule.scheduler import check_cron

        check_cron(value)
        return value


class Cleanup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    drop_patterns: list[str] = Field(
        default_factory=list, description="Regular expressions; a line matching one is dropped from every document."
    )

    @field_validator("drop_patterns")
    @classmethod
    def _compilable(cls, patterns: list[str]) -> list[str]:
        return _check_patterns(patterns)


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a valid regular expression: {exc}") from None
    return patterns


class Reading(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_document_mb: float = Field(
        10, gt=0, description="A document larger than this (in MB) is quarantined as too large, unread."
    )
    time_limit: Duration = Field(
        dt.timedelta(seconds=30),
        description="Reading and cutting one document may take this long (e.g. 30s); a document that takes "
        "longer is quarantined and the rest of the issue is built.",
    )
    settle: Duration = Field(
        dt.timedelta(seconds=5),
        description="`digest run` leaves a document modified more recently than this for the next run: it may "
        "still be being written.",
    )


class Matching(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_score: float = Field(
        2.0,
        ge=0,
        description="A story needs at least this score for a section; below it, it goes to the catch-all section or is held back.",
    )
    learn_min_examples: int = Field(
        10,
        ge=1,
        description="A section learns from the archive once this many of its stories have been published.",
    )


class Rule(BaseModel):
    """A curator's rule: stories from this source, or from documents matching this pattern,
    go to this section whatever their scores."""

    model_config = ConfigDict(extra="forbid")

    section: str = Field(description="The section id the matching stories go to.")
    source: str | None = Field(None, description="A story's source, compared case-insensitively.")
    documents: str | None = Field(None, description="A glob on the document's path in the inbox, e.g. 'space/*'.")

    @model_validator(mode="after")
    def _one_condition(self) -> Rule:
        if (self.source is None) == (self.documents is None):
            raise ValueError("a rule needs exactly one of source: or documents:")
        return self


class Email(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str = Field(
        "{{ title }} #{{ number }}: {{ lead }}",
        description="Jinja template of the Subject: title, number, date and lead (the first story's title).",
    )
    preheader: str | None = Field(
        None, description="The hidden line inboxes show after the subject; default: the top stories' titles."
    )
    size_budget_kb: int = Field(
        90,
        ge=10,
        description="Largest email.html in KB (Gmail clips above ~102 KB). Over it, teasers are shortened, "
        "then the lowest-ranked stories move to a 'More this week' list of titles.",
    )


class Smtp(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field("localhost", description="SMTP server for `digest send`.")
    port: int = Field(587, ge=1, le=65535, description="SMTP port: 587 for STARTTLS, 465 for SSL, 25 for none.")
    security: Literal["starttls", "ssl", "none"] = Field("starttls", description="starttls, ssl or none.")
    username: str | None = Field(None, description="Login name; the password comes from password_env only.")
    password_env: str = Field(
        "DIGEST_SMTP_PASSWORD",
        description="The environment variable holding the SMTP password (never put it in config).",
    )


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    newsletter: Newsletter
    paths: Paths = Field(default_factory=Paths)
    schedule: Schedule = Field(default_factory=Schedule)
    sections: list[Section] = Field(min_length=1, description="In the order the issue shows them.")
    cleanup: Cleanup = Field(default_factory=Cleanup)
    reading: Reading = Field(default_factory=Reading)
    matching: Matching = Field(default_factory=Matching)
    email: Email = Field(default_factory=Email)
    smtp: Smtp = Field(default_factory=Smtp)
    rules: list[Rule] = Field(
        default_factory=list, description="Curator's rules that override the scores, first match wins."
    )
    on_publish: str | None = Field(
        None,
        description="A command `digest run` runs after each scheduled publish, with the issue folder as its last "
        "argument (e.g. your ESP's CLI). Its output is logged; its failure is reported but the issue stays published.",
    )

    _base_dir: Path = PrivateAttr(default_factory=Path.cwd)
    _source: Path | None = PrivateAttr(default=None)  # the file it was loaded from

    @model_validator(mode="before")
    @classmethod
    def _empty_blocks_take_defaults(cls, data: Any) -> Any:
        """`email:` with every key commented out reads as null: it means the defaults."""
        if isinstance(data, dict):
            return {
                k: (
                    {}
                    if v is None and k in ("paths", "schedule", "cleanup", "reading", "matching", "email", "smtp")
                    else v
                )
                for k, v in data.items()
            }
        return data

    @model_validator(mode="after")
    def _sections_consistent(self) -> Config:
        seen: set[str] = set()
        for section in self.sections:
            if section.id in seen:
                raise ValueError(f"duplicate section id {section.id!r}")
            seen.add(section.id)
        if sum(s.catch_all for s in self.sections) > 1:
            raise ValueError("at most one section may have catch_all: true")
        for number, rule in enumerate(self.rules):
            if rule.section not in seen:
                raise ValueError(f"rules[{number}].section: no section has the id {rule.section!r}")
        return self

    # Paths resolved against the folder of config.yaml.
    def resolve(self, relative: str) -> Path:
        return (self._base_dir / relative).resolve()

    @property
    def base_dir(self) -> Path:
        return self._base_dir

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def inbox_dir(self) -> Path:
        return self.resolve(self.paths.inbox)

    @property
    def issues_dir(self) -> Path:
        return self.resolve(self.paths.issues)

    @property
    def state_dir(self) -> Path:
        return self.resolve(self.paths.state)

    @property
    def templates_dir(self) -> Path | None:
        return self.resolve(self.paths.templates) if self.paths.templates else None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)
