"""The static web archive: each issue's web page, an index of every issue (newest first) and
an Atom feed, regenerated after every publish and publishable as-is on any static host.

It lives in the issues folder (or `paths.site`): NNNN-YYYY-MM-DD/index.html is the issue's
HTML edition, the page its "View in your browser" link points to when `newsletter.base_url`
is set; index.html and feed.xml sit beside the issue folders.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from pathlib import Path

from digest.archive.folders import HTML, ISSUE_JSON, is_issue_folder, list_issues, load_issue
from digest.archive.writer import replace_file
from digest.config import Config
from digest.render.environment import render_template

LEAD_TITLES = 3


def site_dir(config: Config) -> Path:
    return config.resolve(config.paths.site) if config.paths.site else config.issues_dir


def build_site(config: Config) -> Path:
    """(Re)write every issue page, index.html and feed.xml from the issues on disk."""
    target = site_dir(config)
    entries = []
    archived = list(reversed(list_issues(config.issues_dir)))
    for archived_issue in archived:
        folder = archived_issue.path
        issue = load_issue(folder)
        page = target / folder.name / "index.html"
        if not page.exists() or page.stat().st_mtime < (folder / HTML).stat().st_mtime:
            page.parent.mkdir(parents=True, exist_ok=True)
            replace_file(page, (folder / HTML).read_bytes())
        published = dt.datetime.fromtimestamp((folder / ISSUE_JSON).stat().st_mtime, dt.UTC).replace(microsecond=0)
        stories = [story for section in issue.sections for story in section.all_stories]
        entries.append(
            {
                "folder": folder.name,
                "number": issue.number,
                "date": issue.date,
                "title": issue.title,
                "stories": len(stories),
                "lead_titles": [s.title for s in stories[:LEAD_TITLES]],
                "updated": published.isoformat().replace("+00:00", "Z"),
                "id": f"{config.newsletter.base_url}{folder.name}/"
                if config.newsletter.base_url
                else _urn(config, folder.name),
            }
        )
    if target != config.issues_dir:
        _remove_stale_pages(target, {a.path.name for a in archived})
    base = config.newsletter.base_url or ""
    context = {
        "newsletter": config.newsletter,
        "entries": entries,
        "base": base,
        "feed_id": base or _urn(config, "feed"),
        "updated": entries[0]["updated"]
        if entries
        else dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }
    target.mkdir(parents=True, exist_ok=True)
    replace_file(target / "index.html", render_template(config.templates_dir, "archive.html", context).encode("utf-8"))
    replace_file(target / "feed.xml", render_template(config.templates_dir, "feed.xml", context).encode("utf-8"))
    return target


def _remove_stale_pages(target: Path, current: set[str]) -> None:
    """A separate site folder drops the page of an issue folder that is gone (the folder of an
    interrupted publish, replaced by its redo)."""
    if not target.is_dir():
        return
    for page_folder in target.iterdir():
        page = page_folder / "index.html"
        if is_issue_folder(page_folder.name) and page_folder.name not in current and page.is_file():
            page.unlink()
            with contextlib.suppress(OSError):
                page_folder.rmdir()


def _urn(config: Config, name: str) -> str:
    """A stable id when there is no base_url: the same newsletter and issue give the same id."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"digest:{config.newsletter.title}:{name}").urn
