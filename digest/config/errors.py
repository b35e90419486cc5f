"""Turning pydantic's validation errors into one line each a curator can act on:
the key path, the line in config.yaml, and what is wrong."""

from __future__ import annotations

from typing import Any

from digest.support import yamlfile


def describe_error(error: Any, root: yamlfile.Node | None) -> str:
    """One readable line for a pydantic error: 'sections[2].id (line 14): field required'."""
    loc = [part for part in error["loc"]]
    key_path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    node = _node_at(root, loc)
    where = f" (line {node.start_mark.line + 1})" if node is not None else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        message = "unknown key"
    elif kind == "missing":
        message = "required key is missing"
    else:
        message = error["msg"].removeprefix("Value error, ")
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
