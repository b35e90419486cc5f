"""YAML front matter, as static-site generators write it: a `---` line, YAML, a `---` (or
`...`) line, at the very start of a markdown or HTML file."""

from __future__ import annotations

import re

from digest.errors import DocumentError
from digest.support import yamlfile

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_FRONT_MATTER_NODES = 10_000

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(the front matter as a mapping, the text after it); ({}, text) when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yamlfile.parse(match.group(1), MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_NODES).data or {}
    except yamlfile.YamlError as exc:
        where = f" (line {exc.line + 1})" if exc.line is not None else ""
        raise DocumentError(f"its front matter is not valid YAML{where}: {exc.problem}") from None
    if not isinstance(meta, dict):
        raise DocumentError("its front matter must be a mapping of keys (title:, url:, …)")
    return meta, text[match.end() :]
