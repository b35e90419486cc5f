"""Debris rules: what they remove, what they leave, and the markers they leave behind."""

from __future__ import annotations

import pytest

from digest.stories.debris import MARKER, common_lines, drop_debris, is_promotional


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


def test_promotional_copy():
    assert is_promotional("At Acme, we help companies prepare for what’s next.")
    assert is_promotional("Let’s design a custom tour where you’ll meet the experts.")
    assert not is_promotional(
        "“We finally crossed the line,” the lead author said of the result, which took a decade of work by the team."
    )


def test_a_publisher_inviting_readers_to_its_own_pages_is_a_promotion_not_a_story():
    from digest.stories.debris import is_house_promotion, publisher_names

    source = "QuayNews.com Weekday Morning Edition"
    assert publisher_names(source) == ["Quay News"]
    assert is_house_promotion("Quay News on the go. Sport, weather and more. Listen or download.", source)
    assert is_house_promotion(
        "Recipes and tips, all in one place. Visit The Harbour Show online.", source, "The Harbour Show"
    )
    # news that names the publisher, or an invitation without it, is not
    assert not is_house_promotion("Quay News reporters watched the lifeboat launch at dawn on Sunday.", source)
    assert not is_house_promotion("Divers inspect the chains on Sunday. Check the tide tables first.", source)
    assert not is_house_promotion("Listen or download the harbour master's talk.", "Harbour Weekly")
