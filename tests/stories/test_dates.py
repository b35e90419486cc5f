"""Dates and times in a story's lines."""

from __future__ import annotations

import pytest

from digest.stories.dates import is_timestamp


@pytest.mark.parametrize(
    "line", ["Thursday @ 9:28 PM", "May 24, 2026 at 5:59 AM", "10:14 pm", "Sunday", "2026-03-09", "Today · 7:05"]
)
def test_a_line_that_only_says_when_is_a_timestamp(line):
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line", ["Ferry fares frozen", "Sunday at the quay", "The 7pm ferry is cancelled", "Regatta on May 24"]
)
def test_a_headline_that_mentions_a_time_is_not_a_timestamp(line):
    assert not is_timestamp(line)
