"""Turning pydantic's validation errors into one line each a curator can act on:
the key path, the line in config.yaml, and what is wrong."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel

from digest.support import yamlfile

DUPLICATE_ID = re.compile(r"duplicate section id '([^']*)'")


def _allowed_keys(loc: list[Any]) -> list[str]:
    """The keys the model at this key path accepts (list positions skipped)."""
    from digest.config.schema import Config

    model: Any = Config
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return []
        model = _model_in(field.annotation)
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _model_in(annotation: Any) -> Any:
    """The model class inside `X`, `list[X]` or `X | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        if (found := _model_in(argument)) is not None:
            return found
    return None


def _did_you_mean(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _second_id(root: yamlfile.Node, section_id: str) -> yamlfile.Node | None:
    """The `id:` node of the second section with this id: where the duplicate is."""
    if not isinstance(root, yamlfile.MappingNode):
        return None
    sections = next((v for k, v in root.value if k.value == "sections"), None)
    if not isinstance(sections, yamlfile.SequenceNode):
        return None
    seen = 0
    for item in sections.value:
        if isinstance(item, yamlfile.MappingNode):
            for key, value in item.value:
                if key.value == "id" and isinstance(value, yamlfile.ScalarNode) and value.value == section_id:
                    seen += 1
                    if seen == 2:
                        return value
    return None


def describe_error(error: Any, root: yamlfile.Node | None) -> str:
    """One readable line for a pydantic error: 'sections[2].id (line 14): field required'."""
    loc = [part for part in error["loc"]]
    key_path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    node = _node_at(root, loc)
    where = f" (line {node.start_mark.line + 1})" if node is not None else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        message = "unknown key" + _did_you_mean(str(loc[-1]), _allowed_keys(loc[:-1]))
    elif kind == "missing":
        message = "required key is missing"
    else:
        message = error["msg"].removeprefix("Value error, ")
    if (duplicate := DUPLICATE_ID.search(message)) and root is not None:
        node = _second_id(root, duplicate.group(1)) or node
        where = f" (line {node.start_mark.line + 1})" if node is not None else where
        key_path = "sections"
    # YAML 1.1 reads an unquoted 8:00 as the sexagesimal number 480: say so.
    if isinstance(node, yamlfile.ScalarNode) and ":" in node.value and not node.style:
        message += f" (YAML read the unquoted {node.value} as a number; put it in quotes)"
    return f"{key_path or '(top level)'}{where}: {message}"


def _node_at(root: yamlfile.Node | None, loc: list[Any]) -> yamlfile.Node | None:
    """Find the YAML node for a key path, for line numbers; None when it is not in the file."""
    node = root
    for part in loc:
        if isinstance(node, yamlfile.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
            if node is None:
                # the key itself is wrong or missing: point at the mapping that holds it
                return None
        elif isinstance(node, yamlfile.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return None
            node = node.value[part]
        else:
            return node
    return node
