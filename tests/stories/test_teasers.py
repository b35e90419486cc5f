"""Titles and teasers made from a story's own text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _own_case_by_definition(text: str) -> frozenset[str]:
    """own_case_words as its docstring defines it, word by word, with nothing skipped."""
    import re
    from collections import Counter

    found: Counter[str] = Counter()
    for line in text.splitlines():
        words = re.findall(r"[A-Za-z][A-Za-z'’]*", line)
        for i, word in enumerate(words):
            shouted = any(len(w) >= 2 and w.isupper() for w in words[i - 1 : i] + words[i + 1 : i + 2])
            own = 2 <= len(word) <= 6 if word.isupper() else word not in (word.lower(), word.capitalize())
            if own and not (word.isupper() and shouted):
                found[word] += 1
    return frozenset(w for w, n in found.items() if n >= 2)


@given(
    st.lists(
        st.lists(st.sampled_from(["the", "Harbour", "HWA", "iPhone", "McLean", "HELP", "A", "US", "don't", "UNESCOS"])),
        max_size=6,
    )
)
@settings(max_examples=200, deadline=None)
def test_own_case_words_are_the_words_written_in_a_case_of_their_own_twice(lines):
    text = "\n".join(" ".join(words) for words in lines)
    assert own_case_words(text) == _own_case_by_definition(text)
