"""Titles and teasers made from a story's own text."""

from __future__ import annotations

import pytest

from digest.stories.teasers import own_case_words, recased


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


def test_a_recased_headline_keeps_an_acronym_its_document_writes_elsewhere():
    # "WHAT'S NEXT FOR THE HWA?" over a story that says "the Act": the newsletter's other stories
    # write "the HWA" amid lower-case words, twice
    known = own_case_words("Repairs under the HWA start soon.\nThe HWA pays for them.\nPLEASE HELP US\nHELP! now")
    assert "HWA" in known
    assert "HELP" not in known and "US" not in known  # shouted, or met once
    assert recased("WHAT'S NEXT FOR THE HWA?", "The Act goes to committee.", known) == "What's Next for the HWA?"
    assert recased("WHAT A DAY", "A day of sun.", known) == "What a Day"  # "A" opening a sentence is no acronym
