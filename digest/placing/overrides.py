"""The curator's word, which wins over every score. In order:

1. a correction (the corrections file: story title or id → section id);
2. front matter `section:` in a markdown document;
3. `rules:` in config.yaml, by source or by document name (first match wins);
4. a section's `include` patterns, matched against the story's title.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from pathlib import Path

from digest.config import Config
from digest.errors import ConfigError
from digest.models import Story
from digest.support import yamlfile


def load_corrections(config: Config) -> dict[str, str]:
    """The corrections file as {story title or id: section id}; {} when there is none."""
    path = config.resolve(config.paths.corrections)
    if not path.is_file():
        return {}
    stat = path.stat()
    return _read_corrections(path, stat.st_mtime_ns, stat.st_size, tuple(s.id for s in config.sections))


@lru_cache(maxsize=8)
def _read_corrections(path: Path, _mtime: int, _size: int, section_ids: tuple[str, ...]) -> dict[str, str]:
    try:
        data = yamlfile.parse(path.read_text(encoding="utf-8"), 4 * 1024 * 1024, 200_000).data or {}
    except (OSError, UnicodeDecodeError, yamlfile.YamlError) as exc:
        raise ConfigError(str(path), [f"cannot be read: {exc}"]) from None
    if not isinstance(data, dict):
        raise ConfigError(str(path), ["must be a mapping of story title (or id) to section id"])
    problems = [
        f"{title!r}: no section has the id {section!r}" for title, section in data.items() if section not in section_ids
    ]
    if problems:
        raise ConfigError(str(path), problems)
    return {str(title).strip(): str(section) for title, section in data.items()}


def named_by_curator(story: Story, config: Config, corrections: dict[str, str]) -> tuple[str, str] | None:
    """(section id, reason) when the curator named this very story's section: a correction, or
    its document's front matter. Only this brings back a story already published."""
    for key in (story.id, story.title.strip()):
        if key in corrections:
            return corrections[key], f"correction in {config.paths.corrections}"
    if story.section_hint and config.section(story.section_hint):
        return story.section_hint, "front matter section:"
    return None


def override_for(story: Story, config: Config, corrections: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(section id, reason) when the curator has decided where this story goes.
    `corrections` is load_corrections(config), passed in when placing many stories."""
    corrections = load_corrections(config) if corrections is None else corrections
    if named := named_by_curator(story, config, corrections):
        return named
    for rule in config.rules:
        if rule.source and story.source and rule.source.casefold() == story.source.casefold():
            return rule.section, f"rule: source is {rule.source!r}"
        if rule.documents and any(fnmatch.fnmatch(d, rule.documents) for d in story.documents):
            return rule.section, f"rule: document matches {rule.documents!r}"
    for section in config.sections:
        for pattern in section.include:
            if re.search(pattern, story.title, re.I):
                return section.id, f"include pattern '{pattern}' of section {section.id}"
    return None
