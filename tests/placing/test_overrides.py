"""The curator's word: corrections, front matter, rules and include patterns beat scores."""

from __future__ import annotations

import pytest

from digest.errors import ConfigError
from digest.models import Story
from digest.placing.overrides import load_corrections, override_for


def story(title: str, **fields) -> Story:
    return Story(id="s1", title=title, teaser="", body="Body text of the story.", documents=["a/b.txt"], **fields)


def test_a_correction_moves_a_story_by_title_or_id(newsletter):
    newsletter.root.joinpath("corrections.yaml").write_text('"Moon water found": quantum\ns2: space\n')
    config = newsletter.config()
    assert override_for(story("Moon water found"), config) == ("quantum", "correction in corrections.yaml")
    assert (
        override_for(
            story(
                "Other",
            ).model_copy(update={"id": "s2"}),
            config,
        )[0]
        == "space"
    )
    assert override_for(story("Unrelated"), config) is None


def test_a_correction_to_an_unknown_section_names_the_file(newsletter):
    newsletter.root.joinpath("corrections.yaml").write_text('"Moon water found": astrology\n')
    with pytest.raises(ConfigError, match=r"(?s)corrections.yaml.*no section has the id .astrology."):
        load_corrections(newsletter.config())


def test_front_matter_beats_rules(newsletter):
    newsletter.write_config(newsletter.config_path.read_text() + "rules:\n  - documents: 'a/*'\n    section: quantum\n")
    config = newsletter.config()
    assert override_for(story("X", section_hint="space"), config) == ("space", "front matter section:")
    assert override_for(story("X"), config) == ("quantum", "rule: document matches 'a/*'")
