"""config.yaml: the schema (schema.py), reading and validating it (loading.py), and turning
pydantic's errors into messages a curator can act on (errors.py)."""

from digest.config.loading import load_config, nested_folders
from digest.config.schema import (
    Cleanup,
    Config,
    Email,
    Keyword,
    Matching,
    Newsletter,
    Paths,
    Reading,
    Rule,
    Schedule,
    Section,
    Smtp,
)

__all__ = [
    "Cleanup",
    "Config",
    "Email",
    "Keyword",
    "Matching",
    "Newsletter",
    "Paths",
    "Reading",
    "Rule",
    "Schedule",
    "Section",
    "Smtp",
    "load_config",
    "nested_folders",
]
