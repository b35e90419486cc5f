"""The draft: the issue as it would be published now, written to `.digest/draft/` (the preview
shows it). A draft whose inputs did not change is not built again: its signature covers
everything it depends on."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from digest import __version__
from digest.archive.folders import load_issue
from digest.config import Config
from digest.errors import StateError
from digest.models import InboxFile, Issue, Quarantined
from digest.render.editions import ISSUE_JSON
from digest.render.environment import template_signature
from digest.support.cache import code_fingerprint

DRAFT_SIGNATURE_KEY = "draft_signature"


def draft_dir(config: Config) -> Path:
    return config.state_dir / "draft"


def draft_signature(
    config: Config, files: list[InboxFile], unopened: list[Quarantined], date: dt.date, next_number: int
) -> str:
    """Everything a draft depends on: when none of it changed, the draft on disk is current."""
    parts = [
        __version__,
        code_fingerprint("."),  # a new digest (or a changed one) builds the draft again
        date.isoformat(),
        sorted((f.name, f.content_hash) for f in files),
        sorted((q.document, q.reason) for q in unopened),
        config.model_dump_json(),
        _file_signature(config.resolve(config.paths.corrections)),
        template_signature(config.templates_dir),
        next_number,
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def signature_key(folder: Path, config: Config) -> str:
    """Where the signature of the draft written to `folder` is kept (one per folder)."""
    return DRAFT_SIGNATURE_KEY if folder == draft_dir(config) else f"{DRAFT_SIGNATURE_KEY}:{folder.resolve()}"


def current_draft(folder: Path, signature: str, recorded: str | None) -> Issue | None:
    """The draft in `folder` when it was made from exactly these inputs (`recorded` is the
    signature stored when it was written)."""
    if recorded != signature or not (folder / ISSUE_JSON).is_file():
        return None
    try:
        return load_issue(folder)
    except StateError:
        return None  # damaged: built again


def _file_signature(path: Path) -> list:
    return [path.stat().st_mtime_ns, path.stat().st_size] if path.is_file() else []
