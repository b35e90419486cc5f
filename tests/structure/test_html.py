"""HTML as the readers keep it: every word of the text, whatever markup sits between words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.structure.html import html_blocks

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(words=WORDS, data=st.data())
def test_comments_between_words_never_take_words_away(words, data):
    # mail clients put comments (Word's "<![endif]>", Outlook's "<!--[if mso]>") inside paragraphs
    pieces = []
    for word in words:
        if data.draw(st.booleans()):
            pieces.append(data.draw(st.sampled_from(["<!-- note -->", "<![if !supportLists]>", "<![endif]>"])))
        pieces.append(word)
    [block] = html_blocks("<html><body><p>" + " ".join(pieces) + "</p></body></html>")
    assert block.text.split() == words
