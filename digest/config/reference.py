"""docs/config.md, generated from the config models' field descriptions.

    python -m digest.config.reference > docs/config.md

tests/test_docs.py fails when docs/config.md is stale.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from digest.config import Config

HEADER = """# config.yaml reference

Generated from digest's config models (`python -m digest.config.reference > docs/config.md`); do not
edit by hand. Paths are relative to the folder holding config.yaml. Unknown keys are an error
that names them. Durations are written `30m`, `2h`, `1d`, `1w` (or seconds).
"""


def field_default(info: FieldInfo) -> Any:
    """A field's default value, as config.yaml would spell it (a model's as a mapping)."""
    if info.default_factory is not None:
        value = info.default_factory()  # type: ignore[call-arg]
        return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    return info.get_default()


def yaml_value(value: Any) -> str:
    """A value written the way config.yaml reads it (durations as 1d, 2h, 30s)."""
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return (
            f"{seconds // 86400}d"
            if seconds % 86400 == 0
            else f"{seconds // 3600}h"
            if seconds % 3600 == 0
            else f"{seconds}s"
        )
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def _model_of(annotation: object) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def config_reference() -> str:
    lines = [HEADER]
    for name, info in Config.model_fields.items():
        model = _model_of(info.annotation)
        required = " (required)" if info.is_required() else ""
        lines.append(f"## `{name}`{required}\n")
        if info.description:
            lines.append(info.description + "\n")
        if model is None:
            lines.append(f"Default: `{yaml_value(field_default(info))}`\n")
            continue
        lines.append("| key | default | meaning |")
        lines.append("|---|---|---|")
        separator = "[]." if typing.get_origin(info.annotation) is list else "."
        for key, field in model.model_fields.items():
            default = "required" if field.is_required() else f"`{yaml_value(field_default(field))}`"
            meaning = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{name}{separator}{key}` | {default} | {meaning} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(config_reference(), end="")
