"""YAML (config.yaml, corrections.yaml, a document's front matter): PyYAML is used here and
nowhere else, and its errors become ours here.

Bounded: a text over `max_bytes` is refused unread, and so is one whose aliases would expand to
more than `max_nodes` nodes (a "billion laughs" of nested anchors is tiny on disk and endless
once expanded). Each node keeps its line, so an error can say where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode


class YamlError(ValueError):
    """The text is not YAML we will read; `line` and `column` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.problem = message
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{where}{message}")


@dataclass
class Parsed:
    data: Any
    root: Node | None  # the composed node tree, for pointing at lines


def parse(text: str, max_bytes: int, max_nodes: int) -> Parsed:
    """Parse `text`; raise YamlError for a syntax error, a text over `max_bytes` or aliases
    expanding beyond `max_nodes`."""
    size = len(text.encode("utf-8", errors="surrogateescape"))
    if size > max_bytes:
        raise YamlError(f"is {size / 1024:.0f} KB; at most {max_bytes // 1024} KB is read")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is not None and _expanded_size(root, max_nodes) > max_nodes:
            raise YamlError(f"its anchors and aliases expand to more than {max_nodes} values")
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is not None:
            raise YamlError(f"YAML syntax error: {problem}", mark.line + 1, mark.column + 1) from None
        raise YamlError(f"YAML syntax error: {problem}") from None
    except RecursionError:
        raise YamlError("nests too deeply to be read") from None
    return Parsed(data, root)


def _expanded_size(root: Node, limit: int) -> int:
    """How many nodes the tree holds once every alias is expanded (stops counting past `limit`).
    An alias is the same node object as its anchor, so sizes are memoised per node."""
    sizes: dict[int, int] = {}

    def size(node: Node, depth: int) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > 100:
            return limit + 1
        total = 1
        if isinstance(node, MappingNode):
            for key, value in node.value:
                total += size(key, depth + 1) + size(value, depth + 1)
                if total > limit:
                    break
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
                if total > limit:
                    break
        sizes[id(node)] = total
        return total

    return size(root, 0)
