"""Text as a text browser saves a page (w3m, lynx): numbered link markers with their list of
addresses at the end, and rules drawn with box-drawing lines."""

from __future__ import annotations

from digest.structure.text import text_blocks

SAVED = """Harbour notes

[1] Need help

[2]@annlee is calling for helpers to test the tide watcher before its next release.

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

New tools

  • [video] [3]Wiring a tide gauge in ten minutes.
  • [4]tideline 1.0, a tide calendar for the terminal.


References:

[1] -#need-help
[2] https://code.example.org/annlee
[3] https://video.example.com/watch/tide-gauge
[4] https://code.example.org/tideline/releases/1.0
"""


def test_a_link_to_a_place_on_the_same_page_is_no_link_and_leaves_no_marker():
    blocks = text_blocks(SAVED)
    [help_line] = [b for b in blocks if "Need help" in b.text]
    assert help_line.text == "Need help" and not help_line.links
    assert not any("-#need-help" in b.text or "References" in b.text for b in blocks)


def test_a_line_of_box_drawing_characters_is_a_rule():
    kinds = [b.kind for b in text_blocks(SAVED) if b.kind == "rule" or not b.text]
    assert kinds == ["rule"]


def test_a_tag_before_a_marker_leaves_the_marker_marking_the_items_words():
    items = [(b.text, [(link.text, link.url) for link in b.links]) for b in text_blocks(SAVED) if b.kind == "item"]
    assert items == [
        (
            "[video] Wiring a tide gauge in ten minutes.",
            [("Wiring a tide gauge in ten minutes", "https://video.example.com/watch/tide-gauge")],
        ),
        (
            "tideline 1.0, a tide calendar for the terminal.",
            [("tideline 1.0, a tide calendar for the terminal", "https://code.example.org/tideline/releases/1.0")],
        ),
    ]
    # the short line over items that open with their links (after a tag) is their label
    assert any(b.kind == "heading" and b.text == "New tools" for b in text_blocks(SAVED))


def test_a_label_with_a_note_over_its_list_of_entries_is_a_heading():
    saved = """Tools we use

Programs that members of the club keep for everyone on the water.

  • [1]tidecal, a calendar of the tides for the terminal.
  • [2]quaymap is a map of every berth with its depth.

Slipway closed for repairs

The slipway is closed until Friday while the ramp is resurfaced.

  • [3]Notice
  • [4]Map


References:

[1] https://tidecal.example.org/
[2] https://code.example.org/quaymap
[3] https://harbour.example.org/notices/slipway
[4] https://harbour.example.org/maps/north-ramp
"""
    blocks = text_blocks(saved)
    # over entries with words of their own, the note is the list's and the line its label; over
    # links of a word each ("Notice", "Map"), the sentence is a story's text and they its links
    assert [b.text for b in blocks if b.kind == "heading"] == ["Tools we use"]


def test_a_marker_inside_a_line_marks_its_words_up_to_a_run_in_dash():
    saved = """Coming up

  • 12 December 2026: [1]Winter boat jumble – two days of second-hand gear in the loft.

References:

[1] https://jumble.example/december
"""
    [item] = [b for b in text_blocks(saved) if b.kind == "item"]
    assert [(link.text, link.url) for link in item.links] == [("Winter boat jumble", "https://jumble.example/december")]


def test_an_address_lynx_shows_under_its_items_words_is_that_items_one_link():
    saved = """  Harbour updates

     * Cy Dee has released a new version of the berth booking tool, with a
       calendar view: [1]https://git.example.org/berths/releases
     * The harbour office moved its notices to a new board by the east
       gate, photographs of it here:
       [2]https://harbour.example.org/notices

References

   1. https://git.example.org/berths/releases
   2. https://harbour.example.org/notices
"""
    items = [(b.text, [(link.text, link.url) for link in b.links]) for b in text_blocks(saved) if b.kind == "item"]
    assert items == [
        (
            "Cy Dee has released a new version of the berth booking tool, with a calendar view:"
            " https://git.example.org/berths/releases",
            [("https://git.example.org/berths/releases", "https://git.example.org/berths/releases")],
        ),
        (
            "The harbour office moved its notices to a new board by the east gate, photographs of it here:"
            " https://harbour.example.org/notices",
            [("https://harbour.example.org/notices", "https://harbour.example.org/notices")],
        ),
    ]


def test_a_marker_after_a_bar_marks_the_lines_next_part_commas_and_all():
    saved = """     * [1]Harbour Blogs | [2]A slower, safer crane for the boatyard

References

   1. https://blogs.quay.example/
   2. https://crane.example.net/slower-safer/
"""
    [item] = [b for b in text_blocks(saved) if b.kind == "item"]
    assert ("A slower, safer crane for the boatyard", "https://crane.example.net/slower-safer/") in [
        (link.text, link.url) for link in item.links
    ]


def test_a_marker_that_opens_an_item_marks_its_headline_over_the_items_next_line():
    saved = """  • [1]Announcing two new editors for the harbour's tide tables: Ann Lee
    and Tom Berg by Mia Holm and Jo Lund. Introducing the editors who will
    look after the tables from January.
  • [2]Stand by the north quay for the regatta
  • [3]quaymap, developed by Bo Chan: a map of every berth in the harbour.

References:

[1] https://blog.example.org/new-editors
[2] https://regatta.example.org/north-quay
[3] https://code.example.org/quaymap
"""
    items = [[link.text for link in b.links] for b in text_blocks(saved) if b.kind == "item"]
    assert items == [
        ["Announcing two new editors for the harbour's tide tables: Ann Lee and Tom Berg"],
        ["Stand by the north quay for the regatta"],
        ["quaymap"],
    ]
