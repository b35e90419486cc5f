"""HTML as the readers keep it: every word of the text, whatever markup sits between words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.structure.blocks import PICTURE_STYLE
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


def test_prose_wrapped_with_a_br_at_each_line_end_is_one_paragraph_again():
    # how mail tools turn a plain-text message into HTML: the lines of a paragraph, each ended by <br>
    html = (
        "<div>This is a reminder that the harbour meeting is tonight at eight in the Sailing<br>"
        "Club. I had trouble with the boathouse heating so we cannot meet there, and I have<br>"
        "moved it to the ferry office instead.<br></div>"
    )
    [block] = html_blocks(f"<html><body>{html}</body></html>")
    assert block.text == (
        "This is a reminder that the harbour meeting is tonight at eight in the Sailing Club. I had trouble "
        "with the boathouse heating so we cannot meet there, and I have moved it to the ferry office instead."
    )


def test_lines_set_apart_with_a_br_on_purpose_stay_apart():
    # a headline, its description and its link, each on its line: a record, not wrapped prose
    html = (
        "<td>Harbour dredging approved after a long night of debate<br>"
        "The board voted to dredge the inner basin before the summer season.<br>"
        '<a href="https://news.example/dredging">Read more</a></td>'
    )
    blocks = html_blocks(f"<html><body><table><tr>{html}</tr></table></body></html>")
    assert [b.text for b in blocks] == [
        "Harbour dredging approved after a long night of debate",
        "The board voted to dredge the inner basin before the summer season.",
        "Read more",
    ]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=6))
def test_lines_broken_by_br_keep_every_word_in_order(words):
    lines = [" ".join(line) for line in words]
    blocks = html_blocks("<html><body><p>" + "<br>".join(lines) + "</p></body></html>")
    assert " ".join(b.text for b in blocks).split() == " ".join(lines).split()


def test_a_paragraph_that_is_a_picture_and_its_caption_has_no_words():
    # "<p><img alt=…><em>Illustration by …</em></p>", as a site renders "![…](pic)" / "_caption_":
    # read as markdown reads it, a picture with its link and no text of its own
    html = (
        "<h1>Community news</h1>"
        '<p><a href="https://example.com/gallery"><img src="garden.jpg" alt="A garden of people"></a>\n'
        "<em>Illustration of the community as a garden, used under a licence.</em></p>"
        "<h3>Join the rowing club</h3><p>The club meets on Tuesdays at the boathouse.</p>"
    )
    blocks = html_blocks(f"<html><body>{html}</body></html>")
    [picture] = [b for b in blocks if b.style == PICTURE_STYLE]
    assert picture.text == "" and [k.url for k in picture.links] == ["https://example.com/gallery"]
    assert not any("Illustration" in b.text for b in blocks)
    # a paragraph with words beside its picture is text
    [text] = html_blocks('<html><body><p>Our fair <img src="fair.jpg" alt="x"> is on Saturday.</p></body></html>')
    assert text.text == "Our fair is on Saturday."


def test_a_footer_inside_a_quotation_is_its_credit_not_the_pages_end():
    html = (
        "<h2>A reader writes</h2><blockquote><p>I have never been more sure of the ferry.</p>"
        "<footer>— Ann Lee</footer></blockquote><h2>Tide tables</h2><p>The new tables are out.</p>"
    )
    blocks = html_blocks(f"<html><body>{html}</body></html>")
    assert not any(b.kind == "marker" for b in blocks)
    assert "Tide tables" in [b.text for b in blocks]


def test_bold_lines_in_a_larger_type_are_headings_when_a_page_has_none():
    def line(size: int, words: str, bold: bool = False) -> str:
        return f'<p><span style="font-size:{size}px">{"<b>" if bold else ""}{words}{"</b>" if bold else ""}</span></p>'

    text = "The harbour board met on Monday and agreed the plan for the summer berths."
    html = line(24, "Harbour news", True) + line(18, "Berths agreed", True) + line(14, text) + line(14, "Why", True)
    blocks = html_blocks(f"<html><body>{html}{line(14, text)}</body></html>")
    assert [(b.kind, b.level, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", 1, "Harbour news"),
        ("heading", 2, "Berths agreed"),  # the text's own size in bold ("Why") stays a bold line
    ]
    # a page with heading tags keeps them as they are
    tagged = html_blocks(f"<html><body><h2>Harbour news</h2>{html}</body></html>")
    assert [b.text for b in tagged if b.kind == "heading"] == ["Harbour news"]
