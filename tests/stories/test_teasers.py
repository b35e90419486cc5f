"""Titles and teasers made from a story's own text."""

from __future__ import annotations

import pytest

from digest.stories.teasers import recased


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("FERRY FARES TO RISE IN APRIL", "Fares on the ferry will rise in April.", "Ferry Fares to Rise in April"),
        # a word the story writes in a case of its own keeps it
        ("NASA PICKS THE QUAY", "NASA said on Monday…", "NASA Picks the Quay"),
        ("Already In Mixed Case", "", "Already In Mixed Case"),
        # a name in capitals alone (a release, an agency) is not shouting
        ("SWR 2.2", "", "SWR 2.2"),
        ("TIDES", "", "TIDES"),
        ("TIDES TURN", "", "Tides Turn"),
    ],
)
def test_all_caps_headlines_are_recased_keeping_the_texts_own_spelling(title, text, expected):
    assert recased(title, text) == expected
