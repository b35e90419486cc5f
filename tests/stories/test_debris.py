"""Debris rules: what they remove, what they leave, and the markers they leave behind."""

from __future__ import annotations

import pytest

from digest.stories.debris import MARKER, common_lines, drop_debris


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Please, Log in or Register to view URLs content!", "account prompt"),
        ("Sign in to continue reading", "account prompt"),
        ("Senior Member", "member badge"),
        ("Share this article", "share widget"),
        ("Tweet", "share widget"),
        ("12 Comments", "comments widget"),
        ("No comments yet...", "comments widget"),
        ("Thank you! Your submission has been received!", "sign-up form"),
        ("You may opt-out any time.", "sign-up form"),
        ("WRITTEN BY", "author box"),
        ("Related Articles", "related articles"),
        ("You may also like", "related articles"),
        ("See page 4", "page reference"),
        ("Continued on page 12", "page reference"),
        ("Photo: Jane Doe/Reuters", "image credit"),
        ("Researchers at the lab inspect the new detector on Tuesday. (Photo: Institute of Physics)", "image credit"),
        ("Advertisement", "navigation"),
        ("Unsubscribe", "email footer"),
        ("Sie erhalten diesen Newsletter, weil Sie sich angemeldet haben.", "email footer"),
        ("Vous recevez cet e-mail car vous êtes inscrit à notre lettre.", "email footer"),
        ("Darse de baja", "email footer"),
        ("FOR IMMEDIATE RELEASE", "press release furniture"),
        ("TL;DR:", "contents list"),
    ],
)
def test_debris_lines_are_removed_by_their_rule(line, rule):
    cleaned = drop_debris(f"A real sentence about the news comes first, said the editor.\n{line}\n")
    assert [r.rule for r in cleaned.removed] == [rule]
    assert line not in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "Scientists will register the new species with the international database next year.",
        "The share of renewable power rose to 40 percent, the report said.",
        "Comments from the minister were welcomed by researchers across the country.",
        "About 40 people attended the launch.",
        "Sie erhalten diesen Preis zum ersten Mal, sagte die Jury am Montag.",  # "you receive this prize"
        "The photo shows the probe above the crater, where it will land next week.",
        # a section's name, not a credit: the credit is the text after "Photo:" or "Photo by"
        "Credits",
        "Photos",
    ],
)
def test_prose_mentioning_debris_words_is_kept(line):
    assert drop_debris(line).removed == []


def test_structure_markers_are_left_in_place():
    cleaned = drop_debris("Story text here.\nRegistered Member\nMore text.\nRelated Articles\nOther.\n")
    assert f"{MARKER}post" in cleaned.text and f"{MARKER}related" in cleaned.text


def test_curator_patterns_drop_matching_lines_and_are_named():
    cleaned = drop_debris("Keep me.\nPROMO: mugs on sale\n", [r"^promo:"])
    assert [r.rule for r in cleaned.removed] == ["curator pattern '^promo:'"]


def test_lines_repeated_across_many_documents_are_boilerplate():
    texts = [f"Story {n} text.\nThe Daily Bugle — independent since 1901\n" for n in range(5)]
    boilerplate = common_lines(texts)
    assert boilerplate == frozenset({"the daily bugle — independent since 1901"})
    cleaned = drop_debris(texts[0], common_lines=boilerplate)
    assert [r.rule for r in cleaned.removed] == ["line repeated across many documents"]
    assert common_lines(texts[:2]) == frozenset(), "two documents sharing a line is not boilerplate"
