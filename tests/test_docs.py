"""The docs tell the truth: the config reference is generated and current; every template
variable and every command is documented."""

from __future__ import annotations

import datetime as dt

from conftest import REPO

from digest.config import Config
from digest.config.reference import config_reference
from digest.models import Issue
from digest.render import template_context


def test_config_reference_is_current():
    assert (REPO / "docs" / "config.md").read_text() == config_reference(), (
        "docs/config.md is stale: python -m digest.config.reference > docs/config.md"
    )


def test_every_template_variable_is_documented():
    config = Config.model_validate({"newsletter": {"title": "T"}, "sections": [{"id": "a", "title": "A"}]})
    issue = Issue(number=1, date=dt.date(2026, 1, 1), title="T #1", sections=[])
    documented = (REPO / "docs" / "templates.md").read_text()
    for name in template_context(issue, config):
        assert f"`{name}`" in documented, name


def test_readme_documents_every_command_and_links_the_docs():
    from digest.cli import main

    readme = (REPO / "README.md").read_text()
    for command in main.commands:
        assert f"digest {command}" in readme, command
    for doc in ("docs/config.md", "docs/templates.md", "docs/architecture.md"):
        assert doc in readme and (REPO / doc).is_file()
