"""The archive of published issues on disk: one folder per issue, `NNNN-YYYY-MM-DD/`, holding
the issue's editions (the registry in digest/render/editions.py), `issue.json` among them.

This module is the one place that knows the folder's name and pattern and how to list and
load the issues in it (as Issue models: the web archive, the preview, `check`, `send`,
`explain` and `repair` all read the archive through it). The archive and the state database must tell the same story: `check_archive`
refuses to publish when the archive holds an issue the state does not record (a lost or
replaced state.db would otherwise restart at #1 and send every document again).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from pydantic import ValidationError

from digest.errors import StateError
from digest.models import Issue
from digest.render.editions import EDITIONS, HTML, ISSUE_JSON, MESSAGE, TEXT
from digest.render.message import parse_message

__all__ = ["HTML", "ISSUE_JSON", "MESSAGE", "TEXT", "parse_message"]  # for the commands: the archive's files

ISSUE_FOLDER = re.compile(r"^(?P<number>\d{4,})-(?P<date>\d{4}-\d{2}-\d{2})$")
EDITION_FILES: dict[str, str] = {edition.file: edition.media_type for edition in EDITIONS}  # name → media type


@dataclass(frozen=True)
class ArchivedIssue:
    number: int
    date: dt.date
    path: Path


def folder_name(number: int, date: dt.date) -> str:
    return f"{number:04d}-{date.isoformat()}"


def is_issue_folder(name: str) -> bool:
    return ISSUE_FOLDER.match(name) is not None


def list_issues(issues_dir: Path) -> list[ArchivedIssue]:
    """Every issue folder in the archive, by number (then name)."""
    if not issues_dir.is_dir():
        return []
    found = []
    for path in issues_dir.iterdir():
        match = ISSUE_FOLDER.match(path.name)
        if match and path.is_dir():
            try:
                date = dt.date.fromisoformat(match.group("date"))
            except ValueError:
                continue
            found.append(ArchivedIssue(int(match.group("number")), date, path))
    return sorted(found, key=lambda a: (a.number, a.path.name))


def load_issue(folder: Path) -> Issue:
    """An issue folder's issue.json as the Issue it was made from. An issue.json written before
    issues carried their subject (0.1) gets it from the folder's message.eml."""
    path = folder / ISSUE_JSON
    try:
        issue = Issue.model_validate_json(path.read_text(encoding="utf-8"))
        if issue.number is not None and not issue.folder:
            issue = issue.model_copy(update={"folder": folder.name})
        if not issue.subject and (folder / MESSAGE).is_file():
            issue = issue.model_copy(update={"subject": str(load_message(folder).get("Subject", ""))})
        return issue
    except OSError as exc:
        raise StateError(f"{path} cannot be read: {exc.strerror or exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StateError(f"{path} is not an issue.json digest can read ({where}: {first['msg']})") from None


def load_message(folder: Path) -> EmailMessage:
    """An issue folder's message.eml, parsed."""
    path = folder / MESSAGE
    try:
        return parse_message(path.read_bytes())
    except OSError as exc:
        raise StateError(f"{path} cannot be read: {exc.strerror or exc}") from None


def check_archive(issues_dir: Path, recorded: dict[int, str], publishing: int | None, state_file: Path) -> None:
    """Raise StateError when the archive holds issues the state does not know.

    `recorded` maps each recorded issue number to its folder's name; `publishing` is the
    number of a publish that was under way when it was interrupted: its folder is expected
    to be unrecorded (and will be replaced)."""
    unknown = [a for a in list_issues(issues_dir) if a.number not in recorded and a.number != publishing]
    by_number: dict[int, list[str]] = defaultdict(list)
    for issue in list_issues(issues_dir):
        by_number[issue.number].append(issue.path.name)
    twice = {n: names for n, names in by_number.items() if len(names) > 1 and n != publishing}
    if twice:
        listed = "; ".join(f"#{n}: {', '.join(names)}" for n, names in sorted(twice.items()))
        raise StateError(
            f"the archive {issues_dir} holds more than one folder for the same issue number ({listed}); "
            "keep the one that was sent, move the other out of the archive, then run `digest repair`"
        )
    if unknown:
        names = ", ".join(a.path.name for a in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise StateError(
            f"the archive {issues_dir} holds issues that {state_file} does not record ({names}): the state "
            "database was lost, emptied or replaced. Nothing was published, so no issue number is reused and no "
            "document is sent twice. Run `digest repair` to rebuild the state from the archive's issue.json files."
        )
