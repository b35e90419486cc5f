"""issue.json is written by pydantic's serializer: the same text json.dumps(…, indent=2,
ensure_ascii=False) would write for the contract's data, for any text a document may hold."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.models import HeldBack, Issue, IssueSection, Story
from digest.render.editions import issue_json


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.text(min_size=1, max_size=40), min_size=4, max_size=4), number=st.none() | st.integers(1, 999))
def test_issue_json_is_the_contracts_data_indented(words, number):
    title, teaser, reason, source = words
    story = Story(id="s1", title=title, teaser=teaser, body=teaser, documents=["a.txt"], source=source or None)
    issue = Issue(
        number=number,
        date=dt.date(2026, 1, 5),
        title=title,
        sections=[IssueSection(id="news", title=title, stories=[story])],
        held_back=[HeldBack(title=title, documents=["b.txt"], section=None, reason=reason)],
    )
    written = issue_json(issue)
    assert written == json.dumps(issue.to_json_data(), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(written) == issue.to_json_data()
