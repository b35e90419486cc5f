"""The newsletter talking about itself: promotion, notes to readers, invitations to its own
pages, credits."""

from __future__ import annotations

from digest.stories.house import (
    is_empty_standing_section,
    is_house_note,
    is_house_promotion,
    is_promotional,
    publisher_names,
)


def test_promotional_copy():
    assert is_promotional("At Acme, we help companies prepare for what’s next.")
    assert is_promotional("Let’s design a custom tour where you’ll meet the experts.")
    assert not is_promotional(
        "“We finally crossed the line,” the lead author said of the result, which took a decade of work by the team."
    )


def test_a_publisher_inviting_readers_to_its_own_pages_is_a_promotion_not_a_story():
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


def test_a_credits_or_about_heading_makes_its_text_a_note_about_the_newsletter():
    text = "This issue was written by Gil Hart and Ivy Kent, with photographs by Jo Lund."
    assert is_house_note(text, "Credits")
    assert is_house_note(text, "About this newsletter")
    # the same words under a news headline are news
    assert not is_house_note(text, "Photographers' exhibition opens at the museum")


def test_notes_about_the_subscription_and_past_issues_are_the_newsletters_own():
    assert is_house_note("To upgrade your free subscription to paid, visit the upgrade page.")
    assert is_house_promotion("Please visit our past issues page.")
    assert not is_house_promotion("Please drive carefully near the harbour this weekend.")


def test_a_standing_section_with_nothing_in_it_this_time():
    assert is_empty_standing_section("No jobs listed for this week.")
    assert is_empty_standing_section("Nothing much this week.")
    # with its call for next time's material
    assert is_empty_standing_section(
        "Sadly, there was no suggestion for this week's Tool of the Week. Submit your suggestions for next week!"
    )
    # news told in the negative has a who or a why, or more to say
    assert not is_empty_standing_section("No one was hurt this week when the crane fell.")
    assert not is_empty_standing_section("There were no ferries today because of the storm.")
    assert not is_empty_standing_section("No decision on the ferry yet. The council meets again on Monday.")
