"""YAML front matter, as static-site generators write it: a `---` line, YAML, a `---` (or
`...`) line, at the very start of a markdown or HTML file."""

from __future__ import annotations

import re

import yaml

from digest.errors import DocumentError

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(the front matter as a mapping, the text after it); ({}, text) when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise DocumentError(f"its front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise DocumentError("its front matter must be a mapping of keys (title:, url:, …)")
    return meta, text[match.end() :]
