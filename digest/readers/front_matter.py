"""Metadata at the very start of a markdown or HTML file, as static-site generators write it:
YAML front matter (a `---` line, YAML, a `---` or `...` line), Hugo's TOML front matter
(between `+++` lines; read by the standard library's tomllib), or MultiMarkdown's and
Pelican's header (`Title: …`, `Date: …` lines up to the first blank line)."""

from __future__ import annotations

import re

from digest.errors import DocumentError
from digest.support import yamlfile

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_FRONT_MATTER_NODES = 10_000

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML_FRONT_MATTER = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)


# "Title: This Week in Rust 89" — a key of a word or two, a colon, a value; indented lines continue it
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)?):[ \t]*(?P<value>.*)$")
_HEADER_KEYS = {"title", "date", "author", "authors", "byline", "source", "url"}  # one names it a header


def split_front_matter(text: str) -> tuple[dict, str]:
    """(the front matter as a mapping, the text after it); ({}, text) when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return _toml_front_matter(text)
    try:
        meta = yamlfile.parse(match.group(1), MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_NODES).data or {}
    except yamlfile.YamlError as exc:
        where = f" (line {exc.line + 1})" if exc.line is not None else ""
        raise DocumentError(f"its front matter is not valid YAML{where}: {exc.problem}") from None
    if not isinstance(meta, dict):
        raise DocumentError("its front matter must be a mapping of keys (title:, url:, …)")
    return meta, text[match.end() :]


def _toml_front_matter(text: str) -> tuple[dict, str]:
    match = _TOML_FRONT_MATTER.match(text)
    if not match or len(match.group(1)) > MAX_FRONT_MATTER_BYTES:
        return {}, text
    import tomllib

    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(f"its front matter is not valid TOML: {exc}") from None
    return meta, text[match.end() :]


def split_metadata_header(text: str) -> tuple[dict[str, str], str]:
    """(MultiMarkdown's metadata, the text after it); ({}, text) when there is none. Its
    metadata: two or more `Key: value` lines before the first blank line, one
    of them a key that describes a document (title, date, author…); a first paragraph that
    merely begins "Note: …" is text."""
    head, blank, rest = text.lstrip("\ufeff").partition("\n\n")
    meta: dict[str, str] = {}
    key = None
    for line in head.split("\n"):
        if key is not None and line[:1] in (" ", "\t") and line.strip():
            meta[key] = f"{meta[key]} {line.strip()}".strip()
            continue
        found = _HEADER_LINE.match(line)
        if found is None:
            return {}, text
        key = found.group("key").lower()
        meta[key] = found.group("value").strip()
    if len(meta) < 2 or not meta.keys() & _HEADER_KEYS or not blank:
        return {}, text
    return meta, rest
