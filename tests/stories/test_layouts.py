"""Common newsletter layouts, written for the repository (tests/fixtures/layouts/), each cut
into the stories a reader sees: their headlines, links and sources. These are the shapes the
splitter must handle for any publisher, not one publisher's quirks."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from conftest import FIXTURES

from digest.readers import read_document
from digest.readers.inbox import scan_inbox
from digest.stories import explain_split, split_into_stories

LAYOUTS = FIXTURES / "layouts"


def stories_of(tmp_path, name: str) -> list:
    shutil.copy(LAYOUTS / name, tmp_path / name)
    [file] = scan_inbox(tmp_path).files
    return split_into_stories(read_document(file))


def report_of(tmp_path, name: str):
    """The fixture's stories with what was dropped and why (what `digest explain` shows)."""
    shutil.copy(LAYOUTS / name, tmp_path / name)
    [file] = scan_inbox(tmp_path).files
    return explain_split(read_document(file))


def test_plain_text_link_list_records_keep_the_address_under_their_headline(tmp_path):
    # "Headline / https://… / a sentence", grouped under section labels, under a masthead
    stories = stories_of(tmp_path, "plain-link-list.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("How to Profile a Slow Web Service", "https://example.com/profiling-web"),
        ("Understanding the Global Interpreter Lock", "https://example.org/gil-explained"),
        ("Writing Parsers With Combinators", "https://blog.example.net/combinators"),
        ("tideline", "https://github.com/example/tideline"),  # not glued to the label above it
        ("quaymap", "https://github.com/example/quaymap"),
        ("PyCon Harbour 2026", "https://pycon.example/2026"),
    ]
    # the masthead names the issue: it is the source, not a story
    assert {s.source for s in stories} == {"PYTHON WEEKLY"}


def test_read_more_lines_are_the_stories_links_not_their_text(tmp_path):
    stories = stories_of(tmp_path, "numbered-briefing.txt")
    assert [s.url for s in stories] == [
        "https://news.example.com/storm",
        "https://news.example.com/budget",
        "https://news.example.com/gallery",
    ]
    assert not any("Read more" in s.teaser or "http" in s.teaser for s in stories)


def test_a_blog_post_clipped_as_markdown_is_one_story_under_its_front_matter_title(tmp_path):
    [story] = stories_of(tmp_path, "blog-post.md")
    assert story.title == "What I learned running a harbour for a year"
    assert story.byline == "Ann Lee"
    assert story.teaser.startswith("When I took over the harbour office")
    assert "kettle" in story.body and "storm plan" in story.body


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "markdown-link-list.md",
            [
                ("Designing a tide model in Rust", "https://blog.example.com/tide-model"),
                ("Why our buoys run on SQLite", "https://eng.example.org/buoys-sqlite"),
                ("A field guide to mooring knots", "https://knots.example.net/guide"),
                ("quaymap 2.0", "https://github.com/example/quaymap/releases/2.0"),
                ("tideline 0.9", "https://github.com/example/tideline/releases/0.9"),
            ],
        ),
        (
            "table-newsletter.html",
            [
                ("New breakwater opens after three years of work", "https://news.example.com/a1"),
                ("Fishing quotas cut for the second year", "https://news.example.com/a2"),
                ("Ferry timetable changes from December", "https://news.example.com/a3"),
            ],
        ),
        ("club-news.html", [("Winter lay-up dates", None), ("New safety officer", None), ("Annual dinner", None)]),
        (
            # a newsletter as a text browser saves it: labels at the margin over items whose
            # links are numbered references, some led by a tag ("[podcast] [3]Tides…")
            "tagged-links-saved-as-text.txt",
            [
                ("Why the gull counter moved to SQLite", "https://gulls.example.org/2026/03/sqlite/"),
                ("Tides, charts and Jo Lund", "https://radio.example.com/2026/03/jo-lund/"),
                ("Mooring knots, part 3", "https://knots.example.net/part-3"),
                ("quaymap: label the new slipway", "https://code.example.com/quaymap/issues/512"),
                ("tideline 1.0, a tide calendar for the terminal", "https://code.example.com/tideline/releases/1.0"),
                ("Port the gauge reader to the new board", "https://code.example.com/gauge/issues/77"),
            ],
        ),
        (
            # a newsletter saved by a text browser, its headings plain lines at the margin; the
            # two headlines that are links look marked, and still do not hold the plain ones
            # under them ("Gull census results" after "Regatta entries…") nor outrank them
            "headings-lost-saved-as-text.txt",
            [
                ("Harbour office news", None),
                ("Tide gauge repaired", "https://tides.example.org/north"),
                ("New berths for dinghies", None),
                ("Ferry fares go up in May", "https://porthaven.example/2026/04/ferry-fares"),
                ("Regatta entries close on Friday", "https://quaytimes.example.com/regatta-entries"),
                ("Gull census results", "https://gulls.example.org/census/2026.csv"),
            ],
        ),
        (
            # saved by a text browser: labels at the margin, each with a plain note over its list
            # of entries (no italics to tell a note from a story's text: the entries' words do);
            # then a headline line over its text and its two links of a word each
            "notes-over-entries-saved-as-text.txt",
            [
                (
                    "Who clears the ice from the north pontoon in winter?",
                    "https://forum.example.org/t/ice-north-pontoon",
                ),
                ("Can visiting boats use the fuel berth after dark?", "https://forum.example.org/t/fuel-after-dark"),
                ("Where do I report a broken mooring ring?", "https://forum.example.org/t/broken-ring"),
                ("tidecal, a calendar of the tides for the terminal", "https://tidecal.example.org/"),
                ("quaymap is a map of every berth with its depth", "https://code.example.org/quaymap"),
                ("Slipway closed for repairs", "https://harbour.example.org/notices/slipway"),
            ],
        ),
        (
            # bold lines over a quoted teaser and an address: headlines of two sentences in title
            # case end with a full stop and are still headlines, not glued to the story above
            "headline-lines-over-quoted-teasers.md",
            [
                (
                    "Night Ferry Runs Twice an Hour From March",
                    "https://porthaven.example/2026/03/night-ferry.html?position=1",
                ),
                (
                    "The Fish Market Reopened. Nobody Told the Gulls.",
                    "https://porthaven.example/2026/03/fish-market.html?position=2",
                ),
                (
                    "Have Ideas for the Q.W.A. Harbour Plan? Now It’s Your Turn.",
                    "https://porthaven.example/2026/03/harbour-plan-ideas.html?position=3",
                ),
                (
                    "Tide Gauge Back Online After the January Storm",
                    "https://porthaven.example/2026/03/tide-gauge.html?position=4",
                ),
                (
                    "Ann Lee Rowed the Channel. She Says She Won’t Again.",
                    "https://porthaven.example/2026/03/channel-row.html?position=5",
                ),
            ],
        ),
        (
            # a briefing's plain-text part: its bold run-in heads ("**Dredging.** The board…")
            # lost their bold; four paragraphs in a row that open so are its items, the greeting
            # above them and the sign-off below are not
            "runins-lost-their-bold.txt",
            [
                ("Dredging", None),
                ("New moorings officer", "https://porthaven.example/news/moorings-officer"),
                ("Lighthouse open day", None),
                ("Tides", None),
            ],
        ),
        (
            # saved by a text browser: the headings are plain lines, the records kept their dashes;
            # the lines that label groups of records ("Latest articles") are headings, so those
            # over text of their own are stories, not the records' introduction
            "labels-over-dashed-records-saved-as-text.txt",
            [
                ("Harbour office news", None),
                ("Tide tables for beginners", "https://quayweekly.example/tide-tables"),
                ("Mending a dinghy sail", "https://quayweekly.example/dinghy-sail"),
                ("The lighthouse keepers' logbooks", "https://quayweekly.example/logbooks"),
                ("A winter on the north quay", "https://quayweekly.example/north-quay-winter"),
                ("Reader poll results", None),
            ],
        ),
        (
            # saved by a text browser: plain headings over lists of points, and a label
            # ("Featured Changes") over two linked headlines with text; the headings are stories
            # with their points, not the introduction of the linked ones
            "headings-over-points-saved-as-text.txt",
            [
                ("Council News", None),
                ("Ferry Updates", None),
                ("1207: Tide table shows summer time correctly", "https://code.example.org/tidecal/pull/1207"),
                ("1212: Berth bookings accept dinghies", "https://code.example.org/tidecal/pull/1212"),
                ("Club Events", None),
                ("Weather Watch", None),
                ("Volunteer Corner", None),
            ],
        ),
        (
            # an event listing in plain text, each entry opening with its date where the HTML had
            # it in bold: the event's name is the headline, its link the story's
            "dated-events-plain-text.txt",
            [
                ("Carol service on the quay", "https://porthaven.example/carols"),
                ("Winter boat jumble", "https://jumble.example/december"),
                ("Lantern walk", "https://lanterns.example/walk"),
            ],
        ),
        (
            # a plain-text part: a heading's own address, then a side link to where it is discussed
            # ("Headline (https://…) (QN (https://…))"), and items tagged with what they lead to
            # ("[video] Headline (https://…)") under a label that is also a call to watch
            "side-links-and-tags-plain-text.txt",
            [
                ("Tidecal 3.0 is out", "https://code.example.org/tidecal/3.0"),
                ("Gull counter moves to a new board", "https://gulls.example.org/board"),
                ("Splicing a three-strand eye", "https://video.example.com/watch?v=splice"),
                ("Tides, charts and Jo Lund", "https://radio.example.com/jo-lund"),
            ],
        ),
        (
            # a plain-text part: a linked picture is its address alone in brackets, the picture's
            # words left out; under a label, each over its paragraph is a brief with that link
            "pictured-briefs-plain-text.txt",
            [
                ("The lifeboat crew tests its new radio", "https://lifeboat.example.org/new-radio"),
                (
                    "Jo Lund built a buoy that blinks when the tide turns, from a jar…",
                    "https://social.example.org/jo/buoy",
                ),
                ("Mia Holm put a gull counter on the fish market roof…", "https://social.example.org/mia/counter"),
            ],
        ),
        (
            # a plain-text part: a linked headline that is a question, its address, then what it is
            # about ("* Should the tide app show the moon? (https://…): most people…"); and the one
            # linked item right under the last label, that label's one headline
            "questions-with-their-addresses-plain-text.txt",
            [
                ("Should the tide app show the moon?", "https://lists.quay.example/msg101"),
                ("Who still has the old berth maps?", "https://lists.quay.example/msg102"),
                ("6th December: hack night at the boathouse", "https://forum.quay.example/t/301"),
            ],
        ),
        (
            # a plain-text part's list of news: the link of the last item is on the words that
            # report the news ("published (https://…) its yearly report"), a line of news with its
            # link inside, so the list is news, not links alone, and that item is not lost
            "news-list-with-reporting-link-plain-text.txt",
            [
                ("The fish market opens on Sundays", None),
                ("A new crane for the boatyard", None),
                ("Tide tables for the whole coast", "https://tides.example.org/coast"),
                ("Knots every crew should know", "https://blog.example.net/knots"),
                ("The lifeboat station published its yearly report", "https://lifeboat.example.org/report"),
            ],
        ),
    ],
)
def test_newsletter_layouts_are_cut_into_their_stories(tmp_path, name, expected):
    assert [(s.title, s.url) for s in stories_of(tmp_path, name)] == expected


def test_an_essay_sent_by_email_is_one_story_with_its_link_and_author(tmp_path):
    # the post's own headline links to the post; the line under it is the sender's name
    [story] = stories_of(tmp_path, "essay-by-email.eml")
    assert story.title == "Why the tide tables are wrong this year"
    assert story.url == "https://annlee.substack.example/p/tide-tables"
    assert story.byline == "Ann Lee"
    assert "Unsubscribe" not in story.body and "free subscriber" not in story.body


def test_underlined_headlines_between_separators_under_a_masthead(tmp_path):
    stories = stories_of(tmp_path, "underlined-bulletin.txt")
    assert [s.title for s in stories] == [
        "Harbour master retires after 30 years",
        "Pontoon repairs finished early",
        "Fish market moves indoors for winter",
    ]
    assert {s.source for s in stories} == {"THE QUAYSIDE BULLETIN"}, "the masthead's date is not its name"


def test_a_markdown_note_is_one_story_under_its_heading(tmp_path):
    [story] = stories_of(tmp_path, "note.md")
    assert story.title == "Ideas for the spring regatta"
    assert "lifeboat crew" in story.body


def test_bold_lines_over_text_are_headlines_and_a_group_of_notes_to_readers_is_dropped(tmp_path):
    # "**Race results**" on its own line, the text on the next (one markdown paragraph); under
    # "Reminders", most records ask readers to invite, donate…: the group is the club's notices
    stories = stories_of(tmp_path, "club-letter.md")
    assert [s.title for s in stories] == ["Race results", "Working party", "Bar opening hours"]
    assert stories[0].teaser.startswith("The autumn series ended on Sunday")


def test_a_feed_digest_has_bylines_dates_and_read_more_addresses_under_a_masthead(tmp_path):
    stories = stories_of(tmp_path, "blog-digest.txt")
    assert [(s.title, s.byline, s.url) for s in stories] == [
        ("Cleaning a diesel injector", "Tom Hale", "https://blogs.example.com/tom/injector"),
        ("Winter covers that survive a gale", "Priya Shah", "https://blogs.example.com/priya/covers"),
        ("Teaching knots to eight-year-olds", "Joan Reed", "https://blogs.example.com/joan/knots"),
    ]
    assert {s.source for s in stories} == {"Harbour Blogs Daily Digest"}


def test_linked_headings_with_italic_bylines(tmp_path):
    stories = stories_of(tmp_path, "markdown-headings-with-bylines.md")
    assert [(s.title, s.byline) for s in stories] == [
        ("Async sensors without the pain", "Ann Lee"),
        ("A crate for NMEA sentences", "Bo Chen"),
        ("Embedded Rust on the chart plotter", "Cy Diaz"),
    ]
    assert all(s.url and s.url.startswith("https://rust.example.com/") for s in stories)


def test_plain_bullets_under_framed_section_names(tmp_path):
    # "=== NEWS ===" over "* Headline - A sentence. (https://…)"
    stories = stories_of(tmp_path, "framed-sections.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Harbour dredging approved", "https://news.example.com/dredge"),
        ("New pontoon for visitors", "https://news.example.com/pontoon"),
        ("Christmas lights parade", "https://events.example.com/parade"),
        ("New Year's Day swim", "https://events.example.com/swim"),
    ]
    assert stories[0].teaser == "The board voted to dredge the inner basin in February."
    assert {s.source for s in stories} == {None}, "a section's name is not the publication's"


def test_story_blocks_with_bylines_a_caption_and_a_sponsored_line(tmp_path):
    stories = stories_of(tmp_path, "story-blocks.html")
    assert [(s.title, s.byline, s.url) for s in stories] == [
        ("Harbour fees frozen for 2027", "Joan Reed", "https://ml.example.com/1"),
        ("Boatyard crane lifts its first yacht", "Tom Hale", "https://ml.example.com/2"),
        ("Lifeboat station opens to visitors", "Priya Shah", "https://ml.example.com/3"),
    ]
    assert not any("Sponsored" in s.body or "Chandlery" in s.body for s in stories)


def test_list_items_led_by_a_bold_label_with_a_details_link(tmp_path):
    # "<li><strong>Tide gauge repaired:</strong> the gauge… <a>Details</a></li>"
    stories = stories_of(tmp_path, "bold-label-items.html")
    assert [(s.title, s.url) for s in stories] == [
        ("Tide gauge repaired", "https://h.example.com/gauge"),
        ("Slipway closed Monday", "https://h.example.com/slipway"),
        ("Lost property", "https://h.example.com/lost"),
    ]
    assert stories[0].teaser == "the gauge at the pier head is working again after a month offline."


def test_stories_with_bold_labels_inside_and_a_go_deeper_link(tmp_path):
    # "Why it matters:" and "By the numbers:" are inside a story; "Go deeper" is its link
    stories = stories_of(tmp_path, "smart-brevity.html")
    assert len(stories) == 3
    assert stories[0].url == "https://n.example.com/shore-power"
    assert "Why it matters" in stories[0].body and "14 ports" in stories[0].body
    assert stories[1].title == "Fish prices hit a five-year high"


def test_reading_times_are_not_part_of_headlines(tmp_path):
    stories = stories_of(tmp_path, "link-digest-reading-times.html")
    assert [s.title for s in stories][:3] == [
        "Harbour AI spots oil spills from satellite images",
        "Open-source tide predictor beats the almanac",
        "Robot divers inspect harbour walls",
    ]


def test_the_plain_text_part_an_email_tool_writes(tmp_path):
    # "** Headline" over a rule, "Read more (https://…)", "update your preferences (https://…)"
    stories = stories_of(tmp_path, "email-tool-plain-text.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("New breakwater opens after three years of work", "https://news.example.com/a1"),
        ("Fishing quotas cut for the second year", "https://news.example.com/a2"),
        ("Ferry timetable changes from December", "https://news.example.com/a3"),
    ]
    assert {s.source for s in stories} == {"HARBOUR NEWS"}
    assert not any("http" in s.teaser or "Read more" in s.teaser for s in stories)


def test_an_article_with_a_list_of_points_is_one_story(tmp_path):
    # list items without full stops are a list's points, each the next one's sibling, not
    # headlines with the next point as their text
    [story] = stories_of(tmp_path, "article-with-points.txt")
    assert story.title == "Harbour board sets out plans for the basin"
    assert "wider one for visiting boats" in story.body and "final version in March" in story.body


def test_an_address_over_a_rule_is_not_a_heading():
    from digest.structure.text import text_blocks

    blocks = text_blocks("TOPIC: Pontoon closed\nhttp://groups.example.com/t/aaa\n==========\n\nThe pontoon is closed.")
    assert not any(b.kind == "heading" for b in blocks)


def test_a_mailing_list_digest_keeps_linked_entries_that_have_only_a_byline(tmp_path):
    stories = stories_of(tmp_path, "mailing-list-digest.md")
    assert [(s.title, s.url, s.byline) for s in stories] == [
        ("Partial fetches for large repositories", "https://lists.example.org/harbourlib/2026-11/0012.html", None),
        ("Rethinking the configuration file format", "https://lists.example.org/harbourlib/2026-11/0031.html", None),
        ("Flaky tests on slow machines", "https://lists.example.org/harbourlib/2026-11/0044.html", None),
        # "[Title](…) by Ann." is a headline-only entry with its author, not too little text to keep
        ("How we cut our build times in half", "https://blog.example.com/builds", "Erin Ash"),
        ("A visual guide to merge strategies", "https://example.net/merges", "Finn Ward"),
    ]
    # the credits under the last entry are not its text; the masthead is every story's source
    assert not any("prepared by" in s.body for s in stories)
    assert {s.source for s in stories} == {"Harbourlib Weekly"}


def test_a_credits_section_is_the_newsletter_talking_about_itself(tmp_path):
    stories = stories_of(tmp_path, "headed-sections-with-credits.md")
    assert [s.title for s in stories] == ["Ferry timetable changes in January", "Harbour wall repairs finish early"]
    assert not any("Gil Hart" in s.body for s in stories)


def test_an_interview_is_one_story_not_one_per_question(tmp_path):
    [story] = stories_of(tmp_path, "interview.md")
    assert story.title == "Five questions for the new harbour master"
    assert story.teaser.startswith("Ann Lee took over the harbour office")
    assert "What would you change first?" in story.body and "booking system" in story.body


def test_a_link_list_entry_with_a_few_words_is_kept_and_the_week_number_is_not_the_source(tmp_path):
    stories = stories_of(tmp_path, "bold-link-list.md")
    assert [s.title for s in stories] == [
        "The economics of small harbours",
        "Lighthouses after automation",
        "A year of tide data, visualised",
        "tidecal",  # "— A command-line tide calendar.": four words, still an entry with its link
        "buoyant",
    ]
    assert stories[3].url == "https://github.com/example/tidecal"
    assert stories[3].teaser == "A command-line tide calendar."
    assert {s.source for s in stories} == {"Tidewater Links"}


def test_the_last_story_ends_at_the_line_that_closed_every_other_story(tmp_path):
    stories = stories_of(tmp_path, "press-summary.txt")
    assert [(s.source, s.url) for s in stories] == [
        ("The Porthaven Echo", "https://echo.example.com/ferry-fares"),
        ("Coastal Times", "https://coastal.example.com/trust-head"),
        ("Porthaven Radio", "https://radio.example.com/storm-bill"),
    ]
    assert "Do not forward" not in stories[-1].body


def test_story_cards_with_read_more_buttons_and_a_social_footer(tmp_path):
    stories = stories_of(tmp_path, "story-cards.html")
    assert [(s.title, s.url) for s in stories] == [
        ("Chipmaker opens a plant by the port", "https://news.example.com/chips"),
        ("Undersea cable reaches the islands", "https://news.example.com/cables"),
        ("Drones to inspect the lighthouse", "https://news.example.com/drones"),
    ]
    assert not any("Read more" in s.body or "Unsubscribe" in s.body for s in stories)


def test_plain_titles_of_parts_set_off_by_separators_are_headlines(tmp_path):
    stories = stories_of(tmp_path, "separated-parts.txt")
    # "New Moorings Officer" would read as a bare name anywhere else; after a separator it opens a part
    assert [s.title for s in stories] == [
        "Boat Jumble Raises Record Sum",
        "Talk: The Wrecks of the Outer Bank",
        "New Moorings Officer",
    ]
    # the line naming the newsletter is the source, not the season under it
    assert {s.source for s in stories} == {"Harbour Society Newsletter"}


def test_a_contents_list_of_anchors_over_bold_headlines(tmp_path):
    stories = stories_of(tmp_path, "contents-and-bold-headlines.html")
    assert [s.title for s in stories] == [
        "Christmas bin collections",
        "Library opens on Sundays",
        "Community grants: apply by January",
    ]
    assert stories[0].teaser.startswith("Bins due on Christmas Day")


def test_an_essay_page_keeps_its_closing_sections_and_its_author_line(tmp_path):
    [story] = stories_of(tmp_path, "essay-post.html")
    assert story.title == "Why the quay needs a night market"
    # "Ann Lee · Dec 2, 2026" under the dek: the page's author (its metadata agrees) and the date
    assert (story.byline, story.published.isoformat(), story.source) == ("Ann Lee", "2026-12-02", "Quay Letters")
    # closing sections that speak to readers as "we" and "you" are the essay's, not promotion
    assert "a dozen traders" in story.body and "close at ten" in story.body
    assert "Subscribe" not in story.body


def test_a_mailing_list_digest_of_topics_with_date_and_from_lines(tmp_path):
    stories = stories_of(tmp_path, "mailing-list-topics.txt")
    # "TOPIC:" starts every headline: the layout's label, not the headline's words
    assert [s.title for s in stories] == ["Winter lay-up crane booking", "Lost: blue kayak paddle"]
    # "From:" beside "Date:" is a message's writer, not a publication
    assert [(s.byline, s.published.isoformat()) for s in stories] == [
        ("Ann Lee", "2026-11-30"),
        ("Jo Lund", "2026-12-01"),
    ]
    assert {s.source for s in stories} == {"Quay Sailors Club"}


def test_numbered_headlines_each_over_its_address_and_no_text_are_a_digest_of_links(tmp_path):
    stories = stories_of(tmp_path, "numbered-links-with-addresses.txt")
    # "(example.com)" after a headline is the site the link goes to, not the headline's words
    assert [(s.title, s.url) for s in stories] == [
        ("Show HN: A tiny database written in a weekend", "https://example.com/tiny-db"),
        ("The hidden cost of microservices", "https://blog.example.org/microservices-cost"),
        ("Why our rockets kept exploding", "https://spaceco.example/why"),
        ("Ask HN: How do you keep notes?", "https://news.example.com/item?id=123"),
    ]
    assert {s.source for s in stories} == {"Harbour News Daily Digest"}


def test_a_saved_news_page_is_its_article_without_navigation_or_readers_comments(tmp_path):
    [story] = stories_of(tmp_path, "news-page-with-comments.html")
    assert story.title == "Harbour dredging to start in spring"
    # the site's name is what the page's <title> adds after the headline
    assert (story.byline, story.source, story.published.isoformat()) == ("Tom Hale", "Porthaven Echo", "2026-12-03")
    assert "licensed site offshore" in story.body
    # readers' comments are not stories of their own, nor the article's text
    assert "harbourwatcher" not in story.body and "About time too" not in story.body


def test_bold_run_in_heads_ending_in_a_full_stop(tmp_path):
    stories = stories_of(tmp_path, "bold-run-in-briefing.md")
    assert [s.title for s in stories] == ["Ferries", "Harbour wall", "Fish market", "Weather"]
    # "**Ferries.** The ferry company…": the text starts after the head's full stop
    assert stories[0].teaser.startswith("The ferry company will run")


def test_a_bulletin_forwarded_as_text_is_its_stories_with_the_sender_as_source(tmp_path):
    stories = stories_of(tmp_path, "forwarded-bulletin.txt")
    # ALL-CAPS headlines are shown in title case
    assert [s.title for s in stories] == ["Dredging Dates Confirmed", "New Visitor Moorings", "Winter Opening Hours"]
    # the forwarded message's sender published it, on the day Outlook's "Sent:" line gives
    assert {(s.source, s.byline, s.published.isoformat()) for s in stories} == {
        ("Harbour Board Bulletin", None, "2026-12-01")
    }
    # the forwarder's note is not a story
    assert not any("see below" in s.body for s in stories)


def test_linked_headings_over_quoted_excerpts_and_a_comment(tmp_path):
    stories = stories_of(tmp_path, "quoted-excerpts.md")
    assert [s.url for s in stories] == [
        "https://example.com/oysters",
        "https://example.org/lighthouses",
        "https://example.net/seals",
    ]
    # the excerpt quoted from the linked article is the story's text, not a quote to drop
    assert stories[0].teaser.startswith("Oyster beds that vanished a century ago")
    assert {s.source for s in stories} == {"Harbour Reading"}  # "No. 12" numbers the issue


def test_a_sponsor_labelled_after_its_text_is_dropped_and_short_entries_of_the_same_shape_kept(tmp_path):
    stories = stories_of(tmp_path, "link-list-with-sponsor-and-jobs.html")
    assert [s.title for s in stories] == [
        "Profiling a slow tide model",
        "Parsing buoy data with combinators",
        "What we learned from a year of on-call",
        "Senior engineer at Quay Systems",
        # "— Hybrid. Apply by December.": too short for a body, an entry like the others all the same
        "Data analyst at Porthaven Council",
    ]
    assert stories[-1].url == "https://jobs.example.com/2"


def test_a_briefing_of_paragraphs_each_with_its_link_under_section_labels(tmp_path):
    stories = stories_of(tmp_path, "linked-paragraphs-under-labels.html")
    # each paragraph is an item with its one link, not the section labels "Town", "Sea", "Sport"
    assert [s.url for s in stories] == [
        "https://news.example.com/quay-road",
        "https://news.example.com/library",
        "https://news.example.com/lifeboat",
        "https://news.example.com/seal",
        "https://news.example.com/rovers",
    ]
    assert stories[0].title.startswith("The council voted to close the quay road")
    assert {s.source for s in stories} == {"The Porthaven Roundup"}


def test_a_news_tip_sent_by_email_takes_its_one_address(tmp_path):
    [story] = stories_of(tmp_path, "news-tip-by-email.txt")
    # the subject typed in lower case starts with a capital; the address in the middle is the link
    assert (story.title, story.url, story.byline) == (
        "Council closes quay road on Sundays",
        "https://news.example.com/quay-road",
        "Bob Roe",
    )
    assert story.teaser.startswith("Thought this might be one for the newsletter")


def test_a_clipping_ending_with_its_source_line_and_address(tmp_path):
    [story] = stories_of(tmp_path, "clipping-with-source-line.txt")
    assert (story.title, story.source, story.published.isoformat(), story.url) == (
        "Ferry strike called off",
        "Porthaven Echo",
        "2026-12-03",
        "https://echo.example.com/ferry-strike-off",
    )
    assert "Source:" not in story.body


def test_a_newspaper_page_with_capital_headlines_bylines_and_a_jump_line(tmp_path):
    stories = stories_of(tmp_path, "newspaper-page.txt")
    # "DREDGING" in the jump line "See DREDGING, Page 5" is shouting, not the word's own spelling
    assert [(s.title, s.byline) for s in stories] == [
        ("Harbour Board Approves Dredging Plan", "Tom Hale"),
        ("Library Hours to Grow", "Jo Lund"),
        ("Seal Pup Draws Crowds", None),
    ]
    # the masthead line with the weekday, date and page number names the paper and the day
    assert {(s.source, s.published.isoformat()) for s in stories} == {("THE PORTHAVEN ECHO", "2026-12-03")}
    assert not any("Page 5" in s.body for s in stories)


def test_numbered_headings_over_briefs_with_one_link_or_a_more_arrow(tmp_path):
    stories = stories_of(tmp_path, "numbered-headings-with-inline-links.md")
    # "… three weeks early. [More →](…)" is a sentence with its more-link, not a label
    assert [(s.title, s.url) for s in stories] == [
        ("The ferry timetable changes", "https://ferry.example.com/timetable"),
        ("Harbour wall repairs are done", "https://council.example.gov/wall"),
        ("Sunday fish market", None),
        ("Lifeboat's busiest month", "https://lifeboat.example.org/nov"),
        ("Seal pup on the slipway", None),
    ]


def test_stories_with_their_own_link_lists_and_a_label_over_links(tmp_path):
    stories = stories_of(tmp_path, "stories-with-link-lists.html")
    # sections that each carry their own links are a newsletter's stories, not one essay's parts
    assert [(s.title, s.url, s.source) for s in stories] == [
        ("A newsroom walkout", None, "Media Matters Tonight"),  # two links under it: neither is the story's
        ("Radio licence renewed", "https://regulator.example.gov/decision", "Media Matters Tonight"),
        # "Quick hits" over nothing but links: a label; "(Press Gazette)" names where each link goes
        ("Coastal Times names a new editor", "https://press.example.com/editor", "Press Gazette"),
        ("Harbour FM launches a daily podcast", "https://press.example.com/podcast", "Radio Today"),
        ("The Quay Herald drops its paywall", "https://press.example.com/paywall", "Nieman Lab"),
    ]


def test_a_briefing_of_one_sentence_items_each_ending_with_its_source(tmp_path):
    stories = stories_of(tmp_path, "attributed-briefs.txt")
    assert [s.source for s in stories] == ["Porthaven Echo", "Coastal Times", "Porthaven Radio", "Porthaven Echo"]
    assert stories[1].title == "The harbour trust has named a former naval officer as its new chief executive"
    assert not any("(" in s.body for s in stories)  # the source's name is not the story's text


def test_an_article_whose_points_cite_their_sources_stays_one_story(tmp_path):
    points = "\n".join(
        f"- {claim} ({name})"
        for claim, name in [
            ("Ferry fares rose faster than inflation for five years running.", "Porthaven Echo"),
            ("Most passengers travel before eight in the morning on weekdays.", "Coastal Times"),
            ("The operator's fuel bill doubled between 2021 and 2023.", "Porthaven Radio"),
        ]
    )
    prose = (
        "The island ferry has become the most argued-about service in the county. Passengers say the "
        "boats are crowded and dear; the operator says its costs have never been higher. Three "
        "findings stand out from the reporting of the last year, and each of them points to the "
        "same conclusion about who should pay for the crossings."
    )
    (tmp_path / "ferry.md").write_text(f"# Who pays for the ferry?\n\n{prose}\n\n{points}\n\n{prose}\n")
    [file] = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(file))
    assert story.title == "Who pays for the ferry?"


def test_a_how_to_with_short_sections_of_points_is_one_article(tmp_path):
    [story] = stories_of(tmp_path, "how-to-with-point-lists.md")
    assert story.title == "How to winterise your boat"
    assert story.teaser.startswith("A few hours in October save a season of repairs")
    assert "Change the oil" in story.body and "check the batteries" in story.body


def test_a_release_announcement_keeps_its_highlights_section(tmp_path):
    # "## Highlights" over unlinked points is the article's section, not a contents list to remove
    [story] = stories_of(tmp_path, "release-announcement.md")
    assert story.title == "Quaytools 2.0 released"
    assert "ten times faster" in story.body and "no longer supported" in story.body


def test_records_of_labelled_fields_from_an_alert_service(tmp_path):
    stories = stories_of(tmp_path, "labelled-field-records.txt")
    assert [(s.title, s.url, s.source) for s in stories] == [
        ("Ferry fares to rise in April", "https://echo.example.com/ferry-fares", "Porthaven Echo"),
        ("New head for harbour trust", "https://coastal.example.com/trust-head", "Coastal Times"),
        ("Storm damage bill passes one million", "https://radio.example.com/storm-bill", "Porthaven Radio"),
    ]
    assert stories[0].published.isoformat() == "2026-12-02"
    assert stories[0].teaser.startswith("Fares on the island ferry")  # the summary, without its label


def test_numbered_references_at_the_end_are_the_links_of_the_lines_that_mark_them(tmp_path):
    # "LIGHTHOUSE GOES SOLAR [1]" … "Links: [1] https://…", as text renderings of HTML e-mail write links
    stories = stories_of(tmp_path, "numbered-references.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Lighthouse Goes Solar", "https://lantern.example.org/2026/12/solar-light"),
        ("Ferry Union Votes to Accept Pay Offer", "https://lantern.example.org/2026/12/ferry-vote"),
        ("Tide Gauges Online", "https://lantern.example.org/2026/12/tide-gauges"),
    ]
    assert not any("[" in s.teaser or "http" in s.body for s in stories)


def test_records_of_lines_in_a_repeated_order_are_one_story_each(tmp_path):
    # title / authors / journal / address, four times over: a table-of-contents alert
    stories = stories_of(tmp_path, "journal-contents-alert.txt")
    assert [(s.title, s.url, s.byline) for s in stories] == [
        ("Sediment transport in estuaries under rising sea levels", "https://doi.org/10.5555/jcs.2026.1021",
         "Anna Berg, Jonas Holm, Priya Nair"),
        ("Salt-marsh restoration and bird populations: a ten-year study", "https://doi.org/10.5555/jcs.2026.1039",
         "Carlos Mendes, Ruth Adeyemi"),
        ("Harbour dredging and seagrass recovery", "https://doi.org/10.5555/jcs.2026.1053",
         "Mei Lin, Oskar Lund, Fatima Zahra, Ben Carter"),
    ]  # fmt: skip
    assert stories[0].teaser == "Journal of Coastal Studies 2026; 41(6): 1021–1038"


def test_a_reading_list_digest_gives_each_story_its_dek_writer_and_publication(tmp_path):
    # headline / dek / "Ann Lee in Coastal Review · 6 min read"
    stories = stories_of(tmp_path, "reading-list-digest.txt")
    assert [(s.title, s.byline) for s in stories] == [
        ("How Small Ports Are Rethinking Winter Storage", "Maria Okafor"),
        ("The Quiet Revival of Wooden Boatbuilding", "Tom Hale"),
        ("Why Tide Tables Still Matter in the GPS Age", "Lena Fischer"),
    ]
    assert stories[0].source == "Coastal Review" and stories[2].source == "Sea Notes"
    assert stories[2].teaser == "A harbour pilot on the numbers no app can replace"
    assert not any("min read" in s.teaser for s in stories)


def test_posts_sent_by_a_feed_service_are_stories_with_their_links_writers_and_dates(tmp_path):
    stories = stories_of(tmp_path, "feed-posts-by-email.txt")
    assert [(s.title, s.url, s.byline, str(s.published)) for s in stories] == [
        ("Repairing a clinker dinghy, part 2", "https://harbournotes.example.com/2026/12/clinker-2", "Jo Marsh",
         "2026-12-01"),
        ("What the gulls know about the weather", "https://harbournotes.example.com/2026/11/gulls", "Jo Marsh",
         "2026-11-28"),
    ]  # fmt: skip
    # the "Recent Articles" list under them is the blog's, not this e-mail's stories
    assert not any("mooring checklist" in s.title or "mooring checklist" in s.body for s in stories)


def test_a_score_line_under_each_headline_is_not_part_of_the_headline(tmp_path):
    # "1. A headline (site.com)" / "312 points by x | 87 comments" / its address
    stories = stories_of(tmp_path, "link-votes-digest.txt")
    assert [s.title for s in stories] == [
        "A tiny tide predictor in 400 lines of C",
        "Show HN: I mapped every lighthouse in Europe",
        "The economics of container shipping, explained",
        "Why sailing rigs still use hemp",
    ]
    assert stories[1].url == "https://lightmap.example.org/"
    assert not any("points" in s.title + s.teaser for s in stories)


def test_a_credit_line_under_a_headline_is_its_byline_and_source_not_a_headline(tmp_path):
    # "### Headline" / "*Porthaven Echo · 3 min*" / text
    stories = stories_of(tmp_path, "credit-lines-under-headings.md")
    assert [s.title for s in stories] == [
        "Ferry fares to rise in April",
        "New pontoon for visiting yachts",
        "Lighthouse keeper's cottage to become a museum",
    ]
    # a lone name could be a writer's; beside the other records' publications it is one too
    assert [(s.source, s.byline) for s in stories] == [
        ("Porthaven Echo", None),
        ("Harbour News", None),
        ("Coastal Review", None),
    ]
    assert not any("min" in s.teaser.split() for s in stories)


def test_a_paper_alert_gives_each_paper_its_link_authors_and_journal(tmp_path):
    # linked title / "A Berg, J Holm - Journal of Coastal Studies, 2026" / snippet
    stories = stories_of(tmp_path, "paper-alert.html")
    assert [(s.title, s.url, s.byline, s.source) for s in stories] == [
        ("Sediment transport in estuaries under rising sea levels", "https://papers.example.org/a/1021",
         "A Berg, J Holm, P Nair", "Journal of Coastal Studies"),
        ("Salt-marsh restoration and bird populations: a ten-year study", "https://papers.example.org/a/1039",
         "C Mendes, R Adeyemi", "Wetlands Review"),
        ("Harbour dredging and seagrass recovery", "https://papers.example.org/a/1053",
         "M Lin, O Lund, F Zahra", "Marine Pollution Notes"),
    ]  # fmt: skip
    assert stories[1].teaser.startswith("Ten years after breaching a sea wall")


def test_an_html_reading_digest_of_headings_deks_and_credit_lines(tmp_path):
    stories = stories_of(tmp_path, "reading-list-digest.html")
    assert [(s.title, s.url, s.byline) for s in stories] == [
        ("How Small Ports Are Rethinking Winter Storage", "https://read.example.com/p/winter-storage", "Maria Okafor"),
        ("The Quiet Revival of Wooden Boatbuilding", "https://read.example.com/p/wooden-boats", "Tom Hale"),
        ("Why Tide Tables Still Matter in the GPS Age", "https://read.example.com/p/tide-tables", "Lena Fischer"),
    ]
    assert stories[0].teaser == "Boatyards are swapping cradles for racks as insurance costs climb"


def test_plain_line_items_under_underlined_section_names_are_the_stories(tmp_path):
    # NEWS / ==== / "* Headline - Source" / address / text, under two sections
    stories = stories_of(tmp_path, "underlined-sections-of-items.txt")
    assert [s.url for s in stories] == [
        "https://echo.example.com/berths-online",
        "https://seanotes.example.org/tide-api",
        "https://github.com/example/tidecal",
        "https://github.com/example/quaymap",
    ]
    # the site's name after the headline agrees with its address: the story's source
    assert (stories[2].title, stories[2].source) == ("tidecal 2.0 released", "GitHub")
    assert (stories[1].title, stories[1].source) == ("Tide data feed opens to developers", "Sea Notes")
    assert stories[3].teaser == "Draws berth plans from a CSV file."


def test_event_listings_are_one_story_each_and_the_closing_appeal_is_none(tmp_path):
    # "<strong>Name</strong>, Friday 7pm, Quay Hall. What it is."
    stories = stories_of(tmp_path, "event-listings.html")
    assert [s.title for s in stories] == [
        "Harbour Jazz Night",
        "Lifeboat Open Day",
        "Winter Craft Market",
        "Talk: The Wrecks of the Bay",
    ]
    assert stories[0].teaser.startswith("Friday 7pm, Quay Hall.")
    assert not any("Know of an event" in s.body for s in stories)


def test_an_essay_with_a_lead_and_long_subheadings_is_one_story(tmp_path):
    # h1 / subtitle / byline / two lead paragraphs / "## What a second slipway would cost" / …
    [story] = stories_of(tmp_path, "essay-with-long-subheadings.html")
    assert story.title == "Why the harbour needs a second slipway"
    assert story.byline == "Ann Lee"
    assert story.teaser.startswith("Every Saturday from April to October")
    assert "one-pound rise" in story.body  # its last section
    assert "Subscribe for free" not in story.body and "Unsubscribe" not in story.body


def test_clipping_service_items_keep_their_link_and_their_own_date(tmp_path):
    # "► Headline" / "Porthaven Echo | 2 Dec 2026" / its address
    stories = stories_of(tmp_path, "clipping-service-items.txt")
    assert [(s.title, s.url, str(s.published)) for s in stories] == [
        ("Ferry fares to rise 6 percent in April", "https://echo.example.com/fares-april", "2026-12-02"),
        ("Visiting yachts break harbour record", "https://harbournews.example.com/record-season", "2026-12-02"),
        ("Breakwater light out of action after storm", "https://coastalreview.example.org/breakwater-light",
         "2026-12-01"),
    ]  # fmt: skip
    assert [s.source for s in stories] == ["Porthaven Echo", "Harbour News", "Coastal Review"]


def test_a_message_of_briefs_each_with_its_own_link_is_a_newsletter_from_its_sender(tmp_path):
    # From:/Subject: then "CAPS HEADLINE / a sentence / Read more: <a mail client's safe link>"
    stories = stories_of(tmp_path, "newsletter-in-a-message.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry Fares Frozen", "https://harbourweekly.example.com/fares-frozen"),
        ("Slipway Approved", "https://harbourweekly.example.com/slipway"),
        ("Light Back On", "https://harbourweekly.example.com/light"),  # no utm_source either
    ]
    assert {(s.source, s.byline) for s in stories} == {("Harbour Weekly", None)}


def test_links_written_in_angle_brackets_after_their_words(tmp_path):
    # "Second slipway approved <https://…>": a mail program's plain-text part
    stories = stories_of(tmp_path, "angle-bracket-links.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry fares frozen for island residents", "https://harbourweekly.example.com/fares-frozen"),
        ("Second slipway approved", "https://harbourweekly.example.com/slipway"),
        ("Breakwater light back on", "https://harbourweekly.example.com/light"),
    ]


def test_a_link_that_is_a_storys_whole_last_sentence_is_its_link(tmp_path):
    # "… Work begins in October. [Board minutes](https://…)."; a welcome above and a sign-off below
    stories = stories_of(tmp_path, "roundup-with-link-sentences.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Storm repairs booked for February", "https://harbour.example.org/notices/pontoons"),
        ("Second slipway approved", "https://harbour.example.org/minutes/2026-12"),
        ("The last net-maker", "https://echo.example.com/net-maker"),
    ]
    assert not any("See you on the water" in s.body or "wild week" in s.body for s in stories)


def test_an_html_email_of_styled_cards_gives_each_story_its_clean_link(tmp_path):
    # headlines are linked <div>s set large and bold; every link carries ?utm_source=
    stories = stories_of(tmp_path, "styled-cards-newsletter.eml")
    assert [(s.title, s.url) for s in stories] == [
        ("Storm repairs booked for February", "https://echo.example.com/storm-repairs"),
        ("Second slipway approved", "https://echo.example.com/slipway"),
        ("The last net-maker", "https://echo.example.com/net-maker"),
    ]
    assert {s.source for s in stories} == {"Porthaven Echo"}


def test_emoji_that_decorate_headlines_and_the_masthead_are_not_part_of_them(tmp_path):
    # "# Quay Weekly 🌊 Issue 12" / "## 🚢 Ferry fares frozen for island residents"
    stories = stories_of(tmp_path, "emoji-headings.md")
    assert [s.title for s in stories] == [
        "Ferry fares frozen for island residents",
        "Second slipway approved",
        "Breakwater light back on",
    ]
    assert {s.source for s in stories} == {"Quay Weekly"}


@pytest.mark.parametrize(
    "name",
    [
        "read-more-in-german.html",  # "Zum Artikel", "Mehr erfahren", "Weiterlesen"
        "closing-link-lines.html",  # "Ver la nota", "Nota completa": no list of phrases has them
        "labelled-links-in-french.txt",  # "En savoir plus : https://…"
    ],
)
def test_a_short_link_line_after_a_storys_text_is_its_link_in_any_language(tmp_path, name):
    stories = stories_of(tmp_path, name)
    assert len(stories) == 3
    assert all(s.url and s.url.startswith(("https://hafen.example.de/", "https://port.example.fr/")) for s in stories)
    assert len({s.url for s in stories}) == 3
    assert not any(phrase in s.teaser for s in stories for phrase in ("Artikel", "nota", "savoir"))


def test_dash_bullets_each_over_its_address_under_capital_labels(tmp_path):
    # "TOP STORIES" / "-- A headline" / "http://…", and a question as a headline under another label
    stories = stories_of(tmp_path, "dash-bullets-over-addresses.txt")
    assert [s.title for s in stories] == [
        "Cold-water swimmers report fewer winter colds",
        "New clinic opens on the quay for fishermen",
        "Sea air and sleep: what the study really found",
        "Is it safe to swim after a big meal?",
        "How much sun do you need in winter?",
    ]
    assert all(s.url and s.url.endswith("/index.html") for s in stories)


def test_starred_headlines_of_a_plain_text_part(tmp_path):
    # "*Headline*" / text / "Read more <https://…>", under "*Harbour Bulletin* | Issue 9"
    stories = stories_of(tmp_path, "starred-headlines-plain-text.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Second slipway approved", "https://harbour.example.org/slipway"),
        ("Ferry fares frozen", "https://harbour.example.org/fares"),
        ("Breakwater light back on", "https://harbour.example.org/light"),
    ]
    assert {s.source for s in stories} == {"Harbour Bulletin"}


def test_a_signed_list_article_is_one_story(tmp_path):
    # "# Seven knots …" / "*By Jo Marsh, …*" / a lead / "## 1. Bowline" …: an article, not five stories
    [story] = stories_of(tmp_path, "numbered-list-article.md")
    assert story.title == "Seven knots every sailor should know"
    assert story.byline == "Jo Marsh"
    assert "Bowline" in story.body and "Round turn" in story.body


def test_a_label_line_over_each_headline_is_a_field_not_the_headline(tmp_path):
    # "r/sailing" / "What I learned …" / "412 upvotes · 87 comments" / its address
    stories = stories_of(tmp_path, "community-label-over-headline.txt")
    assert [s.title for s in stories] == [
        "What I learned from a winter liveaboard in Porthaven",
        "Finished my first clinker dinghy after two years",
        "The storm that twisted the Porthaven pontoons, seen from the harbour cam",
    ]
    assert stories[0].url == "https://forum.example.com/r/sailing/comments/abc123"
    assert not any("upvotes" in s.teaser or "upvotes" in s.title for s in stories)


def test_a_list_of_links_with_and_without_blurbs_is_one_list_of_stories(tmp_path):
    # "* [Headline](url)." and "* [Headline](url). A blurb." in one list: all entries are stories
    stories = stories_of(tmp_path, "link-list-with-and-without-blurbs.md")
    titles = [s.title for s in stories]
    assert titles[:8] == [
        "Porthaven's tide gauge goes online",
        "Rigging a gaff cutter, step by step",
        "Why the ferry timetable changed",
        "Ten years of the Harbour Choir",
        "Mending nets by lamplight",
        "Kestrel",
        "Tern 2.0 released",
        "Puffin",
    ]
    assert stories[2].url == "https://ferries.example.com/timetable" and stories[2].teaser == ""
    assert stories[1].teaser.startswith("A long, patient guide")


def test_a_multimarkdown_header_names_the_issue_and_dates_its_stories(tmp_path):
    # "Title: The Quay Weekly 142" / "Date: 2026-03-09" before the first blank line
    stories = stories_of(tmp_path, "link-list-with-and-without-blurbs.md")
    assert {s.source for s in stories} == {"The Quay Weekly"}
    assert {s.published for s in stories} == {dt.date(2026, 3, 9)}
    assert not any("Category" in s.title or "Category" in s.teaser for s in stories)


def test_headings_linked_to_their_own_anchors_over_link_lists(tmp_path):
    # "### [tidecal](#tool-tidecal)", its text, "- [Code](https://…)"; "## [Updates](#updates) {#updates}"
    stories = stories_of(tmp_path, "anchored-headings-with-link-lists.md")
    assert [s.title for s in stories] == ["tidecal", "knotbook", "berthplan"]
    # each keeps a link of its own list (never an anchor of the page, never none)
    assert all(s.url and s.url.startswith("https://") and s.title in s.url for s in stories)
    # a sentence ending in a colon over a list is the list's lead-in, and the list goes with it
    assert stories[2].teaser.startswith("berthplan received some updates lately. Among the new features:")
    assert "winter berths" in stories[2].body
    assert not any("{#" in s.title or "{#" in s.teaser for s in stories)


def test_a_part_over_labelled_groups_of_records_is_no_story(tmp_path):
    # "# Updates from the community" / its note / "## Need help" / "### tidewatch…" / "## New tools" / "### …"
    stories = stories_of(tmp_path, "labelled-groups-under-parts.md")
    titles = [s.title for s in stories]
    assert titles[1:7] == [
        "tidewatch: testers wanted!",
        "berth-planner",
        "gull-counter",
        "Harbour fees rise again",
        "Should you tar your own ropes?",
        "Ferry timetable - winter changes",
    ]
    assert "Updates from the quay community" not in titles
    # the part's note is not glued to the first record of its first group
    assert not any("The community is busy" in s.body for s in stories)
    by_title = {s.title: s for s in stories}
    # the address named like the headline is its link, not a project the text compares it to
    assert by_title["gull-counter"].url == "https://code.example.org/miaholm/gull-counter"
    # a paragraph opening in bold under a heading is that heading's lead, not a headline of its own
    assert by_title["Should you tar your own ropes?"].teaser.startswith("Yes, every spring!")
    # a site's name after a linked headline, agreeing with its address, is the source ("- Quay
    # Times" to quaytimes…); a dash followed by words of the headline stays
    assert by_title["Harbour fees rise again"].source == "Quay Times"
    # the calls to recommend the newsletter and to share news with it are the publisher's notes
    assert not any("Recommend it" in s.body or "friends already" in s.title for s in stories)
    assert "Want to contribute?" not in titles


def test_a_heading_inside_a_quoted_announcement_is_the_quotes_not_a_headline(tmp_path):
    # "### Tidechat ([website](…))" / what it is / "[Jo Lund](…) reports" / "> ### Tidechat 0.9" / "> text"
    stories = stories_of(tmp_path, "quoted-announcements.md")
    assert [(s.title, s.byline, s.url) for s in stories] == [
        ("Quayserver", "Ann Lee", "https://code.example.org/quay/quayserver"),
        ("Tidechat", "Jo Lund", "https://code.example.org/jo/tidechat"),
        ("Gullwatch", "Mia Holm", "https://code.example.org/mia/gullwatch"),
    ]
    assert stories[1].teaser.startswith("After a two-year wait the new stable version is out!")


def test_pictured_briefs_ending_with_their_credits_are_stories_of_their_own(tmp_path):
    # "[![…](pic)](url)" / "A tide gauge on an old phone - [Harbour Blog](…) and [Forum](…)." under a label
    stories = stories_of(tmp_path, "pictured-briefs-with-credits.md")
    assert [(s.title, s.source, s.url) for s in stories] == [
        ("Quayboard 2.0 released", None, "https://code.example.org/quay/quayboard/releases"),
        ("A tide gauge on an old phone", "Harbour Blog", "https://blog.example.org/2026/11/tide-gauge-on-a-phone"),
        ("Counting gulls with a camera and forty lines of code", "Video", "https://video.example.com/watch?v=gulls"),
        # "Name - what it is in lower case - [Code](…)": the name is the headline
        ("Rope Tester", "Code", "https://code.example.org/mia/rope-tester"),
    ]  # fmt: skip
    # a to-do list over the welcome is not the publication's name
    assert not any("update the date" in (s.source or "") for s in stories)


def test_a_heading_over_a_quoted_line_and_its_address_is_a_story_with_that_link(tmp_path):
    # "### Tom Berg, Mooring lines explained" / "> How to tie up…" / "[https://…explained...](https://…)"
    stories = stories_of(tmp_path, "headings-over-quotes-and-addresses.md")
    assert [s.title for s in stories] == [
        "Ann Lee, A first look at the tide tables",
        "Tom Berg, Mooring lines explained",
        "Mia Holm, Gulls of the north pier",
        # an underscore that opens a name and closes nothing is the name's, not emphasis
        "_quaykit is looking for people to help with its documentation",
    ]
    mooring = stories[1]
    assert mooring.url == "https://medium.example.com/boats/mooring-lines-explained-4f2a9c?source=home---4------0"
    assert mooring.teaser == "How to tie up a boat in any weather"


def test_emoji_before_each_linked_entry_is_decoration(tmp_path):
    # "- 🐦 [Headline](url): a blurb." / "- 📦 [Tool 2.2](url)" under "## ⚓ Harbour {#harbour}"
    stories = stories_of(tmp_path, "emoji-bulleted-links.md")
    assert [s.title for s in stories] == [
        'Ann Lee - "Open timetables are the best thing the ferry company did this year"',
        "The old tide server is no longer maintained",
        "Reading a tide table, line by line",
        "BERTH 2.2",
        "Tying the bowline in ten seconds",
        "How the timetable data is built",
        "ferrytime 1.0 released",
    ]
    assert stories[2].url == "https://blog.example.net/tide-table"
    assert stories[2].teaser.lower() == "a patient guide for newcomers to the quay."
    # the front matter's title names the issue before its number; a greeting names nothing
    assert {s.source for s in stories} == {"Harbour Dev Weekly"}


def test_a_story_under_a_section_label_among_sections_that_are_stories(tmp_path):
    # "<h2>" sections with their own text are the stories; "<h2>Around the coast</h2>" is a label
    # over one "<h3>" story with paragraphs and an "<h3>" over a list of linked notices
    stories = stories_of(tmp_path, "sections-with-one-story-under-a-label.html")
    titles = [s.title for s in stories]
    assert titles[:2] == ["Harbour works", "Club news"] and titles[-3] == "Tip of the week"
    # a heading over linked entries that read as sentences: entries, not the heading's own text
    assert titles[-2:] == [
        "Jo Marsh will be teaching knots at the boathouse on May 2 at seven",
        "The Porthaven regatta will be starting on July 4 at the outer mark",
    ]
    [regatta] = [s for s in stories if s.url == "https://regatta.example.org/2026"]
    assert regatta.url == "https://regatta.example.org/2026"
    assert "volunteers" in regatta.body
    # a linked notice ending in a full stop is an entry like the others
    assert titles[3:6] == [
        "Dredging at the east channel: expect delays on weekday mornings",
        "New visitor moorings at Gull Point",
        "Lighthouse open days in May",
    ]


def test_labelled_groups_of_links_before_the_stories_with_text(tmp_path):
    # "## Updates …" / "### Official" / "* [Headline](url)" … then "## Boat of the Week" with text
    stories = stories_of(tmp_path, "labelled-link-groups-before-stories.md")
    assert [s.title for s in stories] == [
        "Harbour master announces the summer berth plan",
        "Help test the new mooring booking site",
        "Sailing club annual report 2025",  # one link under its label is an entry too
        "Why the tide tables were wrong in March",
        "Ordering rope: how hard can it be?",
        "Splicing a three-strand eye",
        "Boat of the Week",
        "Call for Volunteers",
    ]
    assert stories[2].url == "https://club.example.org/report-2025"
    assert {s.source for s in stories} == {"This Week on the Quay"}


def test_link_groups_beside_run_in_records_and_a_list_of_contributors(tmp_path):
    # "### News" over links, "### Discussions" over "[Title](url): blurb" records, "### Contributors"
    # over "[handle](…/handle)" entries: the people are not headlines
    stories = stories_of(tmp_path, "link-groups-runin-records-and-contributors.md")
    assert [s.title for s in stories] == [
        "Get a regatta t-shirt by contributing to the tide app",
        "Jo has started publishing some neat chart widgets",
        "Can we move the mailing list to a chat room?",
        "Who still runs the old harbour stacks?",
        "6th October: harbour hack night at the boathouse",
    ]
    assert stories[3].teaser.lower().startswith("ann has dug up")


def test_a_lead_in_announces_headlines_each_with_its_link(tmp_path):
    # "Here is the list of the open proposals this week:" over items that are each a headline's
    # link: each is a headline-only story with its own link, not text glued under the heading
    stories = stories_of(tmp_path, "lead-in-over-a-list-of-links.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Harbour works", None),
        ("Quiet hours on the visitors' pontoon", "https://council.example.org/p/101"),
        ("A second fuel berth", "https://council.example.org/p/102"),
        ("Winter storage on the east quay", "https://council.example.org/p/103"),
    ]
    dropped = dict(report_of(tmp_path, "lead-in-over-a-list-of-links.md").dropped)
    assert dropped["Here is the list of the open proposals this week:"] == "a label over a list of links"


def test_a_lead_in_keeps_a_stories_own_links(tmp_path):
    # the same lead-in over links named by a word ("Code", "Forum") is the story's text, and
    # those its links: the story stays whole
    text = (LAYOUTS / "lead-in-over-a-list-of-links.md").read_text()
    for n, word in zip((101, 102, 103), ("Rules", "Forum", "Minutes"), strict=True):
        text = re.sub(
            rf"\[[^]]+\]\(https://council.example.org/p/{n}\)", f"[{word}](https://council.example.org/p/{n})", text
        )
    (tmp_path / "own-links.md").write_text(text)
    [file] = scan_inbox(tmp_path).files
    stories = split_into_stories(read_document(file))
    assert [s.title for s in stories] == ["Harbour works", "Open proposals"]
    assert "Here is the list of the open proposals this week:" in stories[1].body


def test_a_greeting_in_bold_is_not_a_brief(tmp_path):
    # "**Hi everyone!** A short one this week…" over "**Headline.** Text" briefs; the front
    # matter of a newsletter platform's export names it with `subject` and dates it `publish_date`
    stories = stories_of(tmp_path, "greeting-in-bold-over-runin-briefs.md")
    assert [s.title for s in stories] == ["Ferry fares frozen", "Nets mended by lamplight", "The choir turns ten"]
    assert {s.source for s in stories} == {"Quay Briefs"}
    assert {s.published for s in stories} == {dt.date(2026, 5, 30)}


def test_numbered_linked_entries_in_chinese(tmp_path):
    # "1、[标题](url)" / a one-sentence description, under "## 资讯"; masthead "港口周刊：第 12 期"
    stories = stories_of(tmp_path, "numbered-links-chinese.md")
    assert [(s.title, s.url) for s in stories] == [
        ("渡轮票价今年夏天不变", "https://quay.example/fares"),
        ("新的浮码头下周开放", "https://quay.example/pontoon"),
        ("灯塔开放日", "https://quay.example/lighthouse"),
        ("tidecal", "https://code.example/tidecal"),
        ("knotbook", "https://code.example/knotbook"),
    ]
    assert stories[2].teaser == "五月每个周六都开放。"
    assert {s.source for s in stories} == {"港口周刊"}


def test_a_bracketed_issue_number_and_notes_on_where_links_lead(tmp_path):
    # masthead "港口周刊（第 13 期）：夏季航班"; "1、[标题](url)（英文）" beside "3、[标题](url)" with no note
    stories = stories_of(tmp_path, "bracketed-issue-number-and-link-notes.md")
    assert [(s.title, s.url) for s in stories] == [
        ("渡轮公司的夏季时刻表", "https://quay.example/timetable"),
        ("潮汐表 2026", "https://quay.example/tides.pdf"),
        ("灯塔的历史", "https://quay.example/lighthouse"),
    ]
    assert {s.source for s in stories} == {"港口周刊"}


def test_a_note_after_a_linked_headline_is_not_part_of_it(tmp_path):
    # "1. [Headline](url) (video)" over an indented paragraph, beside an entry with no note
    stories = stories_of(tmp_path, "link-notes-after-headlines.md")
    assert [(s.title, s.url) for s in stories] == [
        ("The ferry company's summer timetable", "https://quay.example/timetable"),
        ("Tide tables for 2026", "https://quay.example/tides.pdf"),
        ("A history of the lighthouse", "https://quay.example/lighthouse"),
    ]
    assert stories[1].teaser.startswith("The whole year's tides")
    assert {s.source for s in stories} == {"Quay Weekly"}


def test_a_numbered_entry_of_a_lead_in_over_links_is_one_story(tmp_path):
    # "2、**名字**" / a lead-in / three linked items, between numbered linked entries
    stories = stories_of(tmp_path, "numbered-entry-over-a-list-of-links.md")
    assert [s.title for s in stories] == ["潮汐表", "三个看船的地方", "灯塔的历史"]
    assert stories[1].teaser.startswith("下面三个地方")
    assert stories[1].url == "https://quay.example/pier"


def test_a_forum_digest_of_threads_with_archive_lines_and_who_announced(tmp_path):
    # a contents list; "## Headline" / "Archive: https://…" / "### Ann Lee announced" / (a "####"
    # part of the message) / text: the headline, its thread's address and its writer
    stories = stories_of(tmp_path, "forum-digest-with-archive-lines.html")
    assert [(s.title, s.url, s.byline) for s in stories] == [
        ("The harbour office is hiring two pilots", "https://forum.quay.example/t/pilots-wanted/412", "Mara Quist"),
        (
            "Summer regatta: volunteers wanted for the committee boat",
            "https://lists.quay.example/arc/sailing/2026-05/msg00004.html",
            "Olle Brandt",
        ),
        (
            "tidecal 0.4: tide tables in the terminal",
            "https://forum.quay.example/t/ann-tidecal-0-4/388/5",
            "Ines Varga",
        ),
    ]
    assert stories[2].teaser.startswith("I wanted to announce that version 0.4")
    assert {s.source for s in stories} == {"Quay Forum Weekly"}


@pytest.mark.parametrize("line", ["To be announced", "Quaykit 2 announced", "It was announced"])
def test_a_line_saying_announced_is_not_a_writer_unless_it_names_one(tmp_path, line):
    (tmp_path / "note.md").write_text(
        f"# Regatta briefing\n\n{line}\n\nThe briefing for the summer regatta will be held in the clubhouse.\n",
        encoding="utf-8",
    )
    [file] = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(file))
    assert story.byline is None


def test_a_roundup_of_quoted_reports_under_departments(tmp_path):
    # "### Headline" or "### Name ([website](…))" / (a tagline) / "[Ann Lee](…) reports" / "> text"
    stories = stories_of(tmp_path, "department-roundup-with-quoted-reports.md")
    assert [(s.title, s.url, s.byline) for s in stories] == [
        ("The night ferry returns in June", None, "Mara Quist"),
        ("Timetable meeting moved", None, "Olle Brandt"),
        ("tidecal", "https://code.quay.example/tidecal", "Ines Varga"),
        ("knotbook", "https://code.quay.example/knotbook", "Pia Lund"),
    ]
    # the crossed-out word is not the text: "on ~~Tuesday~~ Thursday"
    assert stories[1].teaser.startswith("The timetable meeting is on Thursday this week")
    assert stories[2].teaser.startswith("Tide tables in the terminal")
    assert {s.source for s in stories} == {"This Week on the Quay"}


@pytest.mark.parametrize("heading", ["Winners Announced", "Bug reports", "Release notes"])
def test_a_heading_ending_like_an_attribution_is_still_a_headline(tmp_path, heading):
    text = "".join(
        f"## {title}\n\nThe harbour office has published the list for the summer season, with times.\n\n"
        for title in (heading, "Ferry times", "Harbour dues")
    )
    (tmp_path / "notes.md").write_text(f"# Quay Notes 12\n\n{text}", encoding="utf-8")
    [file] = scan_inbox(tmp_path).files
    stories = split_into_stories(read_document(file))
    assert [s.title for s in stories] == [heading, "Ferry times", "Harbour dues"]
    assert all(s.byline is None for s in stories)


def test_a_picture_with_its_caption_in_italics_under_a_heading(tmp_path):
    # "### Headline" / "![…](pic.jpg)" and "_its caption_" on the next line / text with reference links
    stories = stories_of(tmp_path, "captioned-pictures-under-headings.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Tern", "https://quay.example/boats/tern"),
        ("Kittiwake", "https://quay.example/boats/kittiwake"),
        ("Puffin", "https://quay.example/boats/puffin"),
    ]
    assert stories[0].teaser.startswith("Tern (Logbook) is a 1952 clinker dinghy")
    assert stories[2].teaser.startswith("Puffin is the club's newest boat")


def test_the_plain_text_part_an_email_tool_writes_keeps_every_link(tmp_path):
    # "** Headline (https://…)" over a rule, "* Headline (https://…). Its blurb.", a sentence
    # ending "here: https://… (https://…)", and the masthead "** Quay Notes #14" over a welcome
    stories = stories_of(tmp_path, "email-tool-text-part-with-links.txt")
    assert [(s.title, s.url) for s in stories][:5] == [
        ("The night ferry returns in June", "https://quay.example/night-ferry"),
        ("Harbour wall repairs finished early", "https://quay.example/harbour-wall"),
        ("Rigging a gaff cutter, step by step", "https://rigging.example.net/gaff"),
        ("Why the ferry timetable changed", "https://ferries.example.com/timetable"),
        ("Mending nets by lamplight", "https://nets.example.org/lamplight"),
    ]
    assert stories[2].teaser == "A long, patient guide with photographs of every splice."
    assert [s.url for s in stories[5:]] == ["https://harbour.example.org/notices", "https://club.example.org/results"]
    assert stories[5].teaser.startswith("The harbour office moved its notices to a new board by the east gate")
    assert {s.source for s in stories} == {"Quay Notes"}


def test_plain_titles_between_paragraphs_of_a_page_copied_as_text(tmp_path):
    # a web page's text pasted into a .txt: its headings are plain lines of a few capitalised
    # words ("Harbour Survey") between paragraphs, and lists of lines come before and after them
    stories = stories_of(tmp_path, "plain-titles-between-paragraphs.txt")
    assert [s.title for s in stories] == ["Harbour Survey", "Regatta Week", "Storm Damage Repaired"]
    assert stories[1].teaser.startswith("The regatta starts on Saturday with the dinghy races")


def test_a_document_with_text_is_never_cut_into_nothing(tmp_path):
    # a page copied as text whose only marked lines are two lists of lines and one-word titles:
    # no record fits its paragraphs, and it is then the one story it is, not nothing
    [story] = stories_of(tmp_path, "page-text-no-record-fits.txt")
    assert "the survey takes about five minutes" in story.body
    assert "The storm in February tore two sections off the outer pontoon" in story.body


def test_the_plain_text_part_of_a_roundup_of_quoted_reports(tmp_path):
    # "** Name (website (https://…))" over a rule, and "Ann Lee (https://…) reports" over "> text"
    stories = stories_of(tmp_path, "text-part-of-quoted-reports.txt")
    assert [(s.title, s.url, s.byline) for s in stories] == [
        ("tidecal", "https://code.quay.example/tidecal", "Ines Varga"),
        ("knotbook", "https://code.quay.example/knotbook", "Pia Lund"),
        ("The night ferry returns in June", None, "Mara Quist"),
    ]
    assert stories[2].teaser.startswith("The night ferry to the islands comes back on June 1st")


def test_numbered_linked_entries_in_a_plain_text_part(tmp_path):
    # "1、标题 (https://…)" and "1. tidecal (https://…)" over a sentence each ("1. tidecal" is a
    # list's entry, not a count like "412 upvotes")
    stories = stories_of(tmp_path, "numbered-entries-in-a-text-part.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("渡轮票价今年夏天不变", "https://quay.example/fares"),
        ("新的浮码头下周开放", "https://quay.example/pontoon"),
        ("tidecal", "https://code.example/tidecal"),
        ("knotbook", "https://code.example/knotbook"),
    ]
    assert stories[2].teaser.startswith("A tide calendar for the terminal")


def test_a_newsletter_email_whose_subject_names_no_periodical(tmp_path):
    # Subject "A busy summer on the quay" over "<h1>This Week on the Quay: …</h1>" and three
    # <h2> stories: the masthead says it is a newsletter, whatever the subject line says
    stories = stories_of(tmp_path, "newsletter-email-with-a-plain-subject.eml")
    assert [s.title for s in stories] == ["Harbour Survey", "Regatta Week", "Storm Damage Repaired"]
    assert {s.source for s in stories} == {"Quay Weekly"}


def test_briefs_ending_with_their_addresses_in_a_plain_email(tmp_path):
    # "* A sentence about it, ending: <https://…>" items under "### Label" lines of a text/plain e-mail
    stories = stories_of(tmp_path, "briefs-in-a-plain-email.eml")
    assert [s.url for s in stories] == [
        "https://annlee.example.org/tides-part-1/",
        "https://forum.example.org/topic/tidecal-2",
        "https://ferry.example.org/news/winter-timetable",
        "https://git.example.org/berths/releases",
        "https://harbour.example.org/notices",
    ]
    # the colon that introduced the address is not the end of the headline
    assert stories[3].title == "Cy Dee has released a new version of the berth booking tool, with a calendar view"


def test_markdown_with_reference_links_saved_as_text(tmp_path):
    # "### [Tern]" … "[Tern]: https://…": markdown, though it has no "[words](https://…)" links
    stories = stories_of(tmp_path, "reference-links-saved-as-text.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Tern", "https://quay.example/boats/tern"),
        ("Kittiwake", "https://quay.example/boats/kittiwake"),
        ("Puffin", "https://quay.example/boats/puffin"),
    ]


def test_release_notes_in_a_plain_text_part_are_one_article(tmp_path):
    # every heading written alike ("** Heading" over a rule): the first, over its lead, is the
    # article's; "Highlights" and "Breaking changes" over lists of points are its sections
    [story] = stories_of(tmp_path, "release-notes-text-part.txt")
    assert story.title == "Tidecal 3.0 released"
    assert "Tide alarms that ring an hour before high water" in story.body
    assert "The old almanac format is no longer read" in story.body


def test_labelled_link_lists_in_a_plain_text_part(tmp_path):
    # "* Headline (https://…) - date", "* Headline https://… - date", a pick "Tidewatch
    # (https://…)" over its text, under "** Label" lines; the masthead over "Welcome back to …"
    stories = stories_of(tmp_path, "labelled-link-lists-text-part.txt")
    assert [(s.title, s.url, s.published) for s in stories] == [
        ("Harbour office: winter opening hours", "https://harbour.example.org/news/winter-hours", dt.date(2026, 3, 5)),
        ("Ferry company: new timetable published", "https://ferry.example.org/news/timetable", dt.date(2026, 3, 6)),
        ("Tidewatch", "https://git.example.org/tidewatch", None),
        (
            "Mooring in a strong wind: a five-minute guide",
            "https://video.example.org/watch?v=moor5",
            dt.date(2026, 3, 4),
        ),
        ("What the harbour master does all day", "https://video.example.org/watch?v=master1", dt.date(2026, 3, 7)),
    ]
    assert {s.source for s in stories} == {"Quay Notes"}


@pytest.mark.parametrize("marks", ["**", "*"])
def test_run_in_heads_set_off_by_asterisks_in_plain_text(tmp_path, marks):
    # "**Ferries.** The ferry company…" (how an HTML-to-text tool writes <strong>), or "*Ferries.*"
    text = (LAYOUTS / "asterisk-run-ins-in-plain-text.txt").read_text(encoding="utf-8").replace("**", marks)
    (tmp_path / "briefing.txt").write_text(text, encoding="utf-8")
    [file] = scan_inbox(tmp_path).files
    stories = split_into_stories(read_document(file))
    assert [s.title for s in stories] == ["Ferries", "Harbour wall", "Fish market"]
    assert stories[0].teaser.startswith("The ferry company will run two extra crossings")


@pytest.mark.parametrize("name", ["linked-words-in-a-text-part.txt", "dated-links-under-a-last-label.md"])
def test_link_sentences_and_dated_links_under_a_last_label(tmp_path, name):
    # "… Work begins in October. Board minutes (https://…)." (the last sentence's words are the
    # link's), and "Releases" over "[Tidecal 3.1 (Early access)](…) - 2026-03-05" items (entries,
    # dated, not date lines), in the plain-text part and in markdown
    stories = stories_of(tmp_path, name)
    assert [(s.title, s.url, s.published) for s in stories] == [
        ("Second slipway approved", "https://harbour.example.org/minutes/2026-12", None),
        ("The last net-maker", "https://echo.example.com/net-maker", None),
        # "…three weeks early. More → (https://…)": the last sentence's words are the link's
        ("Harbour wall repairs are done", "https://council.example.gov/wall", None),
        ("Tidecal 3.1 (Early access)", "https://code.example/tidecal/3.1", dt.date(2026, 3, 5)),
        ("Knotbook 2.0 (iPhone and Android)", "https://code.example/knotbook/2.0", dt.date(2026, 3, 6)),
    ]


def test_a_numbered_plain_text_issue_with_its_contents_and_the_sites_menu(tmp_path):
    # "In this Issue:" lists the numbered headlines that follow (the same shape: not counted as
    # headlines without text); the footer's "Moorings - (https://…)" lines are the site's menu
    stories = stories_of(tmp_path, "numbered-issue-with-contents-and-site-menu.txt")
    assert [s.title for s in stories] == [
        "Now that your Mooring is Renewed, What do you do if you receive a Notice?",
        "Winter or Summer Berth? The Office Explains the Difference",
        "Harbour Dues Can Now Be Paid Online",
        "Dredging of the Inner Basin Starts in June",
        "New Fuel Prices at the Pontoon",
    ]
    assert stories[3].url == "https://harbour.example.org/news/dredging"
    # "Issue 2026-13" is the issue's number, not the newsletter's name
    assert {s.source for s in stories} == {"Harbour e-News for Boat Owners"}


def test_numbered_run_in_heads_with_a_double_hyphen(tmp_path):
    # "1. Headline --The text…": an em dash typed as two hyphens, run into the text; the head
    # may be a question ("Dear Council: Is the Ferry Timetable Final? --Members asked…")
    stories = stories_of(tmp_path, "double-hyphen-run-ins.txt")
    assert [s.title for s in stories] == [
        "New pontoon opens at the inner basin",
        "Dear Council: Is the Ferry Timetable Final?",
        "Fish market votes for Sunday mornings",
        "Lighthouse open day in May",
        "40 years of the regatta",
    ]
    assert stories[0].teaser.startswith("Twelve extra berths for visiting boats")
    assert stories[1].url == "https://club.example.org/ferry"


def test_posts_under_their_times_are_titled_by_their_words(tmp_path):
    # "[Thursday @ 9:28 PM](…)" over a post: the time is the post's date, not its headline
    stories = stories_of(tmp_path, "posts-under-their-times.md")
    assert len(stories) == 3
    assert stories[0].title.startswith("I wanted to keep the harbour clean-up front and centre")
    assert stories[0].url == "https://log.example.org/2026/05/28/stickers.html"
    assert stories[2].title.startswith("Heavy fog on the outer harbour")
    assert stories[2].published == dt.date(2026, 5, 24)


def test_the_plain_text_part_of_a_link_weekly(tmp_path):
    # "** Official" / "----" / "* Headline (https://…)": a mailing's plain-text part writes each
    # link as its words and then the address in parentheses
    stories = stories_of(tmp_path, "plain-text-part-of-a-link-weekly.txt")
    assert [(s.title, s.url) for s in stories][:5] == [
        ("Harbour master announces the summer berth plan", "https://harbour.example.org/berths-2026"),
        ("Help test the new mooring booking site", "https://harbour.example.org/booking-beta"),
        ("Sailing club annual report 2025", "https://club.example.org/report-2025"),
        ("Why the tide tables were wrong in March", "https://tides.example.net/march"),
        ("Ordering rope: how hard can it be?", "https://rope.example.com/ordering"),
    ]
    assert stories[5].title == "Boat of the week" and "Kittiwake" in stories[5].teaser
    assert not any("nsubscribe" in s.title + s.teaser for s in stories)


def test_a_box_under_a_label_whose_records_are_mostly_house_promotions_is_dropped_whole(tmp_path):
    # "AROUND <the site>": sign-ups, podcasts, "Try our puzzle"… under one label; its one record
    # that does not say so itself ("Pictures of the Week") is the house's too, not a story
    report = report_of(tmp_path, "house-box-under-a-label.html")
    assert [s.title for s in report.stories] == [
        "Winter Ferry Timetable Cuts Late Crossings",
        "Lifeboat Station Wins Rebuild Grant",
        "Fish Market Moves Its Auction Online",
    ]
    assert "notes to readers" in dict(report.dropped)["Pictures of the Week"]


def test_headed_news_before_labelled_link_lists_are_stories_not_the_welcome(tmp_path):
    # "## News" over "### Tidewater 4.2 released" with its own text, before "### Articles",
    # "### Videos"… over links: the two headed items are stories of their own, not glued into
    # the welcome above them; a title's own "#" ("… in F#") is kept
    report = report_of(tmp_path, "headed-news-over-labelled-link-lists.md")
    titles = [s.title for s in report.stories]
    assert titles[:3] == ["Tidewater 4.2 released", "Old station format retired", "Tide tables: pattern matching in F#"]
    assert report.stories[0].teaser.startswith("Version 4.2 came out on Tuesday")
    assert "Old station format retired" not in report.stories[0].body
    assert len(titles) == 15 and titles[-2:] == ["Tool of the week", "Meetups"]
    assert any(text.startswith("Hello, tide watchers!") for text, _ in report.dropped)


def test_paragraphs_each_over_its_own_address_are_stories_titled_by_their_first_sentence(tmp_path):
    # no headlines: each paragraph, then its address alone on a line; the welcome has none
    stories = stories_of(tmp_path, "paragraphs-over-addresses.txt")
    assert [s.url for s in stories] == [
        "https://ferries.example.com/winter-timetable",
        "https://lighthouse.example.org/reopening",
        "https://coop.example.net/report-2026",
        "https://tides.example.com/",
    ]
    assert stories[0].title.startswith("The ferry operator has announced a new winter timetable")
    assert not any("harbour watchers" in s.title + s.body for s in stories)


def test_numbered_chinese_paragraphs_over_bare_addresses_in_markdown(tmp_path):
    # "1: …" then a bare address (no markdown link) on its own line; Chinese has no spaces, so
    # its sentences are counted in characters, not as one "word" each
    stories = stories_of(tmp_path, "numbered-paragraphs-over-addresses.md")
    assert [s.url for s in stories] == [
        "https://harbour.example.cn/news/new-ferry",
        "https://harbour.example.cn/news/lighthouse",
        "https://fishery.example.cn/report-2026",
        "https://tides.example.cn/",
    ]
    assert stories[1].title == "灯塔修复工程已经完成，周末对公众开放参观。"
    assert not any(s.title.startswith(("1", "2", "3", "4")) for s in stories)


def test_the_welcome_names_the_newsletter_over_a_label_in_its_masthead(tmp_path):
    # "Welcome to the Quay Weekly Newsletter, Issue 12…" names it; the "'''Translations'''" label
    # over a list of languages does not; wiki-style "=== Story ===" headings are the headlines
    stories = stories_of(tmp_path, "wiki-headings-in-plain-text.txt")
    assert [s.title for s in stories] == [
        "New ferry timetable",
        "Lighthouse reopens",
        "Interview with the harbour master",
    ]
    assert {s.source for s in stories} == {"Quay Weekly Newsletter"}


def test_a_mailing_list_archive_page_is_the_message_it_wraps(tmp_path):
    # the message in a <pre>, the archive's navigation above and below it: the newsletter's
    # underlined headlines are its stories, and the navigation is said to be dropped
    report = report_of(tmp_path, "list-archive-newsletter.html")
    assert [(s.title, s.url) for s in report.stories] == [
        ("New Ferry Timetable", "https://ferries.example.com/summer"),
        ("Lighthouse Opens to Visitors", "https://lighthouse.example.org/open"),
        ("Regatta Results", "https://club.example.org/regatta"),
    ]
    assert {s.source for s in report.stories} == {"Quay Weekly Newsletter"}
    assert "Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]" in dict(report.dropped)


def test_a_single_post_on_a_list_archive_page_is_one_story_under_its_subject(tmp_path):
    [story] = stories_of(tmp_path, "list-archive-post.html")
    assert story.title == "Rowing club AGM moved to Friday"
    assert story.teaser.startswith("The rowing club's annual general meeting has moved")
    assert "Ann Lee, club secretary" not in story.body  # the signature


def test_a_bulletin_written_in_word_keeps_its_list_items(tmp_path):
    # Word's lists: "<![if !supportLists]>·<![endif]>Ann Lee, …" — the words after the
    # conditional comment are the item's text
    stories = stories_of(tmp_path, "word-staff-bulletin.html")
    assert [s.title for s in stories] == [
        "New pontoon opens in April",
        "Fire drill on Thursday",
        "Welcome to new starters",
        "Canteen menu changes",
    ]
    assert "Ann Lee, berthing officer" in stories[2].body and "Priya Nair" in stories[2].body


def test_a_newsletter_forwarded_as_a_quotation_is_read_as_the_newsletter(tmp_path):
    # "Begin forwarded message:" over "> From: …", "> Subject: …" and a quoted body (Apple Mail)
    stories = stories_of(tmp_path, "forwarded-as-quotation.eml")
    assert [(s.title, s.url) for s in stories] == [
        ("New Ferry Timetable", "https://ferries.example.com/summer"),
        ("Lighthouse Opens to Visitors", "https://lighthouse.example.org/open"),
        ("Regatta Results", "https://club.example.org/regatta"),
    ]
    assert {(s.source, s.published) for s in stories} == {("Quay Weekly", dt.date(2025, 3, 10))}
    assert not any(">" in s.teaser or "Thought you'd like" in s.body for s in stories)  # the forwarder's note


def test_a_masthead_line_of_issue_number_and_month_does_not_name_the_newsletter(tmp_path):
    # "<h1>The Quay Letter</h1>" over "Issue 8 · March 2025": the heading is the name
    stories = stories_of(tmp_path, "story-rows-with-pictures.html")
    assert [s.url for s in stories] == [f"https://quay.example.com/{k}" for k in "abc"]
    assert {s.source for s in stories} == {"The Quay Letter"}


def test_a_credit_line_in_another_language_gives_the_writer(tmp_path):
    # "Por Ana López · 4 min de lectura" under each headline; "Leer más →" is the story's link
    stories = stories_of(tmp_path, "story-cards-in-spanish.html")
    assert [(s.byline, s.url) for s in stories] == [
        ("Ana López", "https://puerto.example.es/ferri"),
        ("Tomás Berg", "https://puerto.example.es/faro"),
        ("Priya Nair", "https://puerto.example.es/vela"),
    ]
    assert not any("lectura" in s.teaser or "Leer más" in s.teaser for s in stories)


def test_markdown_saved_as_plain_text_is_read_as_markdown(tmp_path):
    # a note with "## Reading" over "* [Title](https://…) — blurb" items, saved as .txt
    stories = stories_of(tmp_path, "markdown-saved-as-text.txt")
    assert [s.title for s in stories] == [
        "The pilots who bring the tankers in",
        "Why the sandbar keeps moving",
        "A history of the harbour ferry",
        "Tide Talk 88: the dredger's log",
        "Harbour Sounds: foghorns",
    ]
    assert stories[0].url == "https://pilots.example.org/tankers"
    assert stories[0].teaser == "a day on the pilot boat, from dawn to the last berth."


def test_a_message_saved_as_text_stays_a_message_whatever_links_it_holds(tmp_path):
    text = (
        "From: Ann Lee <ann@example.org>\nSubject: Three links for the club\n\n"
        "Have a look at [the tide gauge](https://a.example/1), [the new pontoon](https://a.example/2) "
        "and [the ferry fares](https://a.example/3) before Thursday's meeting, please.\n"
    )
    (tmp_path / "note.txt").write_text(text)
    [file] = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(file))
    assert (story.title, story.byline) == ("Three links for the club", "Ann Lee")


def test_the_logo_names_the_newsletter_and_pictures_beside_headlines_are_not_text(tmp_path):
    # the masthead is a picture (alt "The Quay Letter"); each story a picture beside its
    # linked <h2>, its text and "Continue reading →"
    stories = stories_of(tmp_path, "logo-over-picture-rows.html")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry fares frozen for the summer", "https://quay.example.com/a"),
        ("Lighthouse keeper's cottage for rent", "https://quay.example.com/b"),
        ("Sailing school wins national award", "https://quay.example.com/c"),
    ]
    assert {s.source for s in stories} == {"The Quay Letter"}
    assert not any("Continue reading" in s.teaser for s in stories)


def test_a_german_plain_text_letter_with_its_issue_number_date_and_read_on_links(tmp_path):
    # "Hafenbrief Nr. 14 – 11. März 2025" names it and dates it; "Weiterlesen: https://…" links
    stories = stories_of(tmp_path, "framed-headlines-in-german.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Fährpreise bleiben bis Oktober stabil", "https://hafen.example.de/faehre"),
        ("Leuchtturmwärterhaus wird an Gäste vermietet", "https://hafen.example.de/leuchtturm"),
        ("Segelschule erneut ausgezeichnet", "https://hafen.example.de/segelschule"),
    ]
    assert {(s.source, s.published) for s in stories} == {("Hafenbrief", dt.date(2025, 3, 11))}


def test_a_japanese_mail_magazine_with_numbered_brackets_and_read_more_lines(tmp_path):
    # "【1】headline", its text, "▼詳しくはこちら" ("details here") over the address; dated
    # "2025年3月11日" in the masthead
    stories = stories_of(tmp_path, "bracket-numbered-items-in-japanese.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("フェリー運賃、10月まで据え置き", "https://minato.example.jp/ferry"),
        ("灯台守の家を観光客に貸し出し", "https://minato.example.jp/toudai"),
        ("ヨット教室が2年連続で全国表彰", "https://minato.example.jp/yacht"),
    ]
    assert {(s.source, s.published) for s in stories} == {("港だより", dt.date(2025, 3, 11))}
    assert not any("こちら" in s.teaser for s in stories)


def test_a_heading_that_names_the_newsletter_heads_its_stories_not_one_article(tmp_path):
    # "# This Week on the Quay: …" over "##" sections of long prose, then labelled link lists
    # and a sign-off: the sections and the links are the stories, the heading names the source
    stories = stories_of(tmp_path, "masthead-heading-over-long-sections.md")
    assert [s.title for s in stories] == [
        "Harbour Survey",
        "Regatta Week",
        "Storm Damage Repaired",
        "How the lifeboat crew trains in winter",
        "A short history of the harbour wall",
        "The regatta in ninety seconds",
        "Diving on the old moorings",
    ]
    assert {s.source for s in stories} == {"This Week on the Quay"}


def test_capital_headlines_with_reading_times_and_numbered_references(tmp_path):
    # "FERRY FARES FROZEN UNTIL OCTOBER (2 MINUTE READ) [1]" under emoji-marked section names,
    # the links listed at the end; the dated first line names the newsletter
    stories = stories_of(tmp_path, "capital-headlines-with-reading-times-and-references.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry Fares Frozen Until October", "https://quay.example.com/ferry-fares"),
        ("Lighthouse Keeper's Cottage to Be Let", "https://quay.example.com/lighthouse-cottage"),
        ("Why the Sandbar Keeps Moving", "https://coast.example.net/sandbar"),
        ("Sailing School Wins National Award", "https://quay.example.com/sailing-award"),
    ]
    assert {(s.source, s.published) for s in stories} == {("TLDR Harbour", dt.date(2025, 3, 11))}
    assert not any("referral" in s.body for s in stories)


def test_a_block_under_a_sponsor_label_is_not_a_story(tmp_path):
    # "TOGETHER WITH TIDEWATCH" over a headline, a pitch and "Start your free trial"; emoji
    # section names; a referral box at the end
    report = report_of(tmp_path, "sections-with-a-sponsor-block.html")
    assert [s.title for s in report.stories] == [
        "Ferry fares frozen until October",
        "Lighthouse keeper's cottage to be let",
        "Sailing school wins national award",
    ]
    assert "sponsor" in dict(report.dropped)["Know the tide before you go"]
    assert report.stories[0].teaser.startswith("The operator will keep this year's fares")


def test_a_single_post_sent_by_email_is_one_story_with_its_writer_and_date(tmp_path):
    # headline, dek, "Ann Lee · Mar 11, 2025", Like/Comment/Restack, sub-headings in its text
    [story] = stories_of(tmp_path, "single-post-by-email.html")
    assert (story.title, story.byline, story.published) == (
        "Why the harbour needs a second breakwater",
        "Ann Lee",
        dt.date(2025, 3, 11),
    )
    assert story.source != "Mar 11"  # the date's day and month are not a publication
    assert story.url == "https://quaynotes.example.com/p/breakwater"
    assert "What it would cost" in story.body and "Restack" not in story.teaser


def test_a_feed_digests_excerpts_lose_their_ellipsis_mark_and_posted_by_lines_give_the_writer(tmp_path):
    # "Posted by Ann Lee on Monday, March 10, 2025 at 7:00 AM" and excerpts ending "[...]"
    stories = stories_of(tmp_path, "feed-digest-excerpts.html")
    assert [(s.byline, s.published) for s in stories] == [
        ("Ann Lee", dt.date(2025, 3, 10)),
        ("Tom Berg", dt.date(2025, 3, 10)),
        ("Priya Nair", dt.date(2025, 3, 10)),
    ]
    assert stories[0].teaser.endswith("Campaigners welcomed the news.")
    assert not any("[...]" in s.teaser for s in stories)


def test_a_newsletter_forwarded_from_outlook_without_a_forwarded_message_line(tmp_path):
    # the forwarder's note, then "From: … / Sent: … / To: … / Subject: …" and the newsletter
    stories = stories_of(tmp_path, "forwarded-from-outlook.eml")
    assert [s.url for s in stories] == [
        "https://quayweekly.example.com/ferry",
        "https://quayweekly.example.com/cottage",
        "https://quayweekly.example.com/sailing",
    ]
    assert {(s.source, s.published) for s in stories} == {("Quay Weekly", dt.date(2025, 3, 10))}
    assert not any("FYI" in s.body for s in stories)


def test_an_email_of_pictures_is_read_from_its_plain_part(tmp_path):
    # the HTML part is linked pictures (alt text only); the plain part holds the stories
    stories = stories_of(tmp_path, "pictures-in-html-words-in-plain-part.eml")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry Fares Frozen for the Summer", "https://quayweekly.example.com/ferry"),
        ("Lighthouse Keeper's Cottage for Rent", "https://quayweekly.example.com/cottage"),
        ("Sailing School Wins National Award", "https://quayweekly.example.com/sailing"),
    ]
    assert stories[0].teaser.startswith("The operator will keep this year's fares")


def test_an_essay_whose_title_holds_a_periodical_word_stays_one_article(tmp_path):
    # "# The Daily Routine of a Lighthouse Keeper" over long "##" sections: an essay, not a
    # newsletter named "… Daily"
    [story] = stories_of(tmp_path, "essay-titled-with-a-periodical-word.md")
    assert story.title == "The Daily Routine of a Lighthouse Keeper"
    assert "Afternoons are for the paint" in story.body


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text,
        lambda text: text.replace("By Ann Lee", "Ann Lee | 2 March 2026 | 6 min read"),  # a credit line
        lambda text: text.replace("By Ann Lee", "2 March 2026\n\nBy Ann Lee"),  # a date over the byline
        lambda text: text.replace("By Ann Lee", "2 March 2026"),  # a date line and no byline
        # sub-headings in capitals, more prominent than the title
        lambda text: re.sub(
            r"^(The boats.*|Loading.*|What the council.*|Conclusion)$", lambda m: m[1].upper(), text, flags=re.M
        ),
    ],
    ids=["byline", "credit line", "dated", "only dated", "capital sub-headings"],
)
def test_an_essay_clipped_as_plain_text_is_one_story_under_its_signed_title(tmp_path, variant):
    # copied from a browser: the title, "By …" (or its date), a lead, then sub-headings as plain
    # lines like the title's; only the title is signed, so the lines below it are its sections
    text = (LAYOUTS / "essay-clipped-as-text.txt").read_text(encoding="utf-8")
    (tmp_path / "essay.txt").write_text(variant(text), encoding="utf-8")
    [file] = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(file))
    assert story.title == "Why the harbour ferry timetable keeps slipping"
    assert story.byline == ("Ann Lee" if "Ann Lee" in variant(text) else None)
    assert "a full deck takes twenty minutes" in story.body and "worse than a slower one" in story.body


def test_plain_text_stories_each_signed_stay_stories(tmp_path):
    # the same shape with a byline under every headline: a newsletter's stories, not one essay
    stories = stories_of(tmp_path, "bylined-stories-in-plain-text.txt")
    assert [(s.title, s.byline) for s in stories] == [
        ("Ferry timetable to change in April", "Ann Lee"),
        ("Lighthouse cottage finds a tenant", "Tom Berg"),
        ("Sailing school wins a national award", "Mia Holm"),
    ]


def test_a_saved_page_of_several_articles_is_a_list_of_stories_not_one_article(tmp_path):
    # a blog's front page: three <article> elements side by side, each a linked headline and
    # an excerpt (a page with one <article> is one article: tests/readers/test_readers.py)
    stories = stories_of(tmp_path, "blog-index-page.html")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry fares frozen for the summer", "https://notes.example.org/ferry"),
        ("Lighthouse keeper's cottage for rent", "https://notes.example.org/cottage"),
        ("Sailing school wins national award", "https://notes.example.org/sailing"),
    ]
    assert {s.source for s in stories} == {"Harbour Notes"}


def test_numbered_paragraphs_lose_their_number_in_the_teaser_too(tmp_path):
    stories = stories_of(tmp_path, "numbered-paragraphs-over-addresses.md")
    assert not any(s.teaser[:1].isdigit() for s in stories)


def test_headings_each_over_their_one_linked_record_are_the_headlines(tmp_path):
    # "### Quicker tide lookups" / "[perf(tides): cache … #806](…)" / text: the heading says what
    # its one record says, in the editor's words; the link line is where it points
    stories = stories_of(tmp_path, "changelog-headings-over-links.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Export to calendar files", "https://git.example.org/lanternlight/pull/812"),
        ("Quicker tide lookups", "https://git.example.org/lanternlight/pull/806"),
        ("The oldest bug: harbours with two names", "https://git.example.org/lanternlight/pull/799"),
    ]
    assert not any("feat(cli)" in s.teaser or "perf(tides)" in s.teaser for s in stories)
    # the sign-off under the rule after the last list is nobody's story text
    assert not any("see you next week" in s.teaser.lower() for s in stories)


def test_a_label_over_one_unrelated_record_stays_a_label(tmp_path):
    # the same layout, but the headings name sections ("Climate") whose words the records do not
    # repeat: the link lines keep their own headlines
    text = "\n\n".join(
        f"## {label}\n\n[{headline}](https://news.example.org/{n})\n\n{body}"
        for n, (label, headline, body) in enumerate(
            [
                ("Weather", "Storm closes the ferry route", "The ferry route closed on Monday after the storm."),
                ("Trade", "Fish prices rise at the quay", "Prices at the quay rose for the third week running."),
                ("Sport", "Rowing club wins the harbour race", "The rowing club won the race by two lengths."),
            ]
        )
    )
    (tmp_path / "briefing.md").write_text("# Harbour Briefing\n\n" + text)
    [file] = scan_inbox(tmp_path).files
    titles = [s.title for s in split_into_stories(read_document(file))]
    assert titles == [
        "Storm closes the ferry route",
        "Fish prices rise at the quay",
        "Rowing club wins the harbour race",
    ]


def test_kramdown_attribute_lists_and_the_editors_welcome_never_reach_the_issue(tmp_path):
    # a Jekyll post: "[link](…){:target="_blank"}" is an instruction to the site generator, and a
    # long "Hello and welcome to the fourth issue of Quay Notes!" is the issue's introduction
    stories = stories_of(tmp_path, "jekyll-post-with-attribute-lists.md")
    assert [s.title for s in stories] == [
        "Comparing three ways to store tide tables",
        "What we learned from the festival's ticket rush",
        "Quay Desktop v2.4.0",
        "Quay Server v1.9.0",
    ]
    assert not any("{:" in s.title + s.teaser for s in stories)
    # the front matter's "Quay Notes 4" and the welcome's "Quay Notes": the 4 is the issue's number
    assert {s.source for s in stories} == {"Quay Notes"}


def test_list_items_each_ending_with_their_link_are_stories_under_a_label(tmp_path):
    # "### Articles and posts" / "* Ann Lee has started a series …: <https://…>": each item points to
    # something of its own, so each is a story, titled by its first words and linked to its address
    stories = stories_of(tmp_path, "briefs-ending-with-their-links.md")
    by_url = {s.url: s for s in stories}
    assert stories[0].title == "Announcement"
    assert len(stories) == 6
    ferry = by_url["https://ferry.example.org/news/winter-timetable"]  # a bare address is a link too
    assert ferry.title.startswith("The ferry company now publishes its winter timetable")
    # the address written out after the words is the story's link, not its text
    assert not any("http" in s.teaser or s.title.startswith("-") for s in stories)
    # "This Week in Quayside Sept 8": the issue's day is not part of the name
    assert {s.source for s in stories} == {"This Week in Quayside"}


def test_items_with_links_inside_their_sentences_stay_their_sections_points(tmp_path):
    # "* The council [approved the plan](…) on Monday.": points of one section, as before
    text = (
        "# Harbour Week\n\n## Council news\n\n"
        "* The council [approved the new berth plan](https://council.example.org/berths) on Monday evening.\n\n"
        "* The harbour master [published the winter rules](https://harbour.example.org/rules) for all moorings.\n\n"
        "## Events\n\nThe regatta is on Saturday, starting at ten from the east pier, with races all afternoon.\n"
    )
    (tmp_path / "week.md").write_text(text)
    [file] = scan_inbox(tmp_path).files
    assert [s.title for s in split_into_stories(read_document(file))] == ["Council news", "Events"]


def test_a_linked_pick_under_its_label_and_headlines_written_before_their_address(tmp_path):
    stories = stories_of(tmp_path, "labelled-link-lists-with-a-pick.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Harbour office: winter opening hours", "https://harbour.example.org/news/winter-hours"),
        ("Ferry company: new timetable published", "https://ferry.example.org/news/timetable"),
        # "### Pick of the Week" / "[Tidewatch](…)" / a paragraph about it: a story, not debris
        ("Tidewatch", "https://git.example.org/tidewatch"),
        # "- Mooring in a strong wind … https://… - 2026-03-04": the words are the headline
        ("Mooring in a strong wind: a five-minute guide", "https://video.example.org/watch?v=moor5"),
        ("What the harbour master does all day", "https://video.example.org/watch?v=master1"),
    ]
    assert stories[2].teaser.startswith("A small program that shows the next high and low water")
    # the date beside each entry's link dates it
    assert [s.published for s in stories if s.title != "Tidewatch"] == [
        dt.date(2026, 3, 5),
        dt.date(2026, 3, 6),
        dt.date(2026, 3, 4),
        dt.date(2026, 3, 7),
    ]


def test_a_newsletter_written_in_restructuredtext_reads_the_same_as_txt_rst_and_email(tmp_path):
    # a mailing list's newsletter: underlined titles, `words`_ links with ".. _words: https://…"
    # targets; saved as .txt, as .rst, or kept as the e-mail it came in
    text = (LAYOUTS / "restructuredtext-newsletter.txt").read_text()
    expected = ["ANN: Quayside 2.0 released", "The test harbour is down", "A talk at the Harbour Conference"]
    email = (
        "From: Quayside News <news@lists.example.org>\nTo: reader@example.org\n"
        "Subject: Quayside Weekly News, issue 12\nDate: Tue, 10 Mar 2026 09:00:00 +0000\n"
        'Content-Type: text/plain; charset="utf-8"\n\n' + text
    )
    for name, content in (("news.txt", text), ("news.rst", text), ("news.eml", email)):
        folder = tmp_path / name.replace(".", "-")
        folder.mkdir()
        (folder / name).write_text(content)
        [file] = scan_inbox(folder).files
        stories = split_into_stories(read_document(file))
        assert [s.title for s in stories] == expected, name
        # the markup is gone: no `backquotes`_, no link targets, no *emphasis* marks
        assert not any(mark in s.teaser for s in stories for mark in ("`", "_ ", ".. _", "*")), name
        # "Please download … and send us your thoughts" under a release: news, not a house promotion
        assert stories[0].teaser.startswith("Ann released Quayside 2.0."), name
    assert {s.source for s in stories} == {"Quayside News"}  # the e-mail's sender


def test_hugo_toml_front_matter_names_the_issue_and_its_writer_is_not_the_linked_pages_author(tmp_path):
    # "+++ … +++" (Hugo's TOML front matter) is metadata, not a story; "Quay'ish 213: theme, …"
    # names the newsletter; its writer (author = "Ann Lee") did not write the pages it links to
    stories = stories_of(tmp_path, "hugo-link-digest.md")
    assert [s.title for s in stories] == [
        "The harbour master who kept the ferries running",
        "Fishermen vote to keep the Saturday market",
    ]
    assert {s.source for s in stories} == {"Quay'ish"}
    assert {s.published for s in stories} == {dt.date(2026, 4, 11)}
    assert [s.byline for s in stories] == [None, None]


def test_front_matter_authors_given_as_a_list_are_names_not_a_list(tmp_path):
    (tmp_path / "note.md").write_text(
        "---\ntitle: Harbour notes\nauthor: [Ann Lee, Bo Chan]\n---\n\n"
        "The harbour office opens an hour later in winter, from November to February, the notice says.\n"
    )
    [file] = scan_inbox(tmp_path).files
    assert read_document(file).byline == "Ann Lee, Bo Chan"


def test_a_web_clippers_note_gives_the_pages_address_and_its_writer(tmp_path):
    # Obsidian's web clipper: "source:" is the page's address, "author:" a list of [[links]]
    [story] = stories_of(tmp_path, "web-clipper-note.md")
    assert story.title == "Why the harbour needs a second slipway"
    assert story.url == "https://quaynotes.example.org/p/second-slipway?r=8xk2"  # tracking taken off
    assert story.byline == "Ann Lee"
    assert story.published == dt.date(2026, 5, 27)
    assert story.source is None or "http" not in story.source


def test_account_names_in_front_matter_are_not_bylines(tmp_path):
    # a CMS's "authors: admin" says who pressed publish, not who wrote it
    (tmp_path / "post.md").write_text(
        "---\ntitle: Harbour notes\nauthors: admin\n---\n\n"
        "The harbour office opens an hour later in winter, from November to February, the notice says.\n"
    )
    [file] = scan_inbox(tmp_path).files
    assert read_document(file).byline is None


def test_an_account_handle_after_the_writers_name_is_not_part_of_the_byline(tmp_path):
    # front matter "author: 'Ann Lee (@annlee)'", as a site's weekly update writes it
    (tmp_path / "update.md").write_text(
        "---\ntitle: Weekly update\nauthor: 'Ann Lee (@annlee)'\n---\n\n"
        "The harbour office opens an hour later in winter, from November to February, the notice says.\n"
    )
    [file] = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(file))
    assert story.byline == "Ann Lee"


def test_linked_pictures_give_headlines_their_links_and_briefs_their_own(tmp_path):
    # "## Headline" / "[![Ferry](pic.jpg)](https://…)" / text: the picture's link is the story's;
    # under "## From around the harbour", each linked picture over a paragraph is a brief
    stories = stories_of(tmp_path, "pictures-under-headlines.md")
    assert [s.url for s in stories] == [
        "https://news.example.org/ferry-survey",
        "https://boatyard.example.org/open-day",
        "https://social.example.org/ann/lantern",
        "https://social.example.org/bo/station",
    ]
    assert stories[0].title == "The ferry is still the town's favourite way to travel"
    assert stories[2].title.startswith("A lantern that changes colour with the tide")
    # no picture's alt text ("Ferry", "Lantern") as a headline or in a teaser
    assert not any(s.title in ("Ferry", "Lantern") or s.teaser.startswith(("Ferry ", "Lantern ")) for s in stories)
    # "…, the Ferry Still #1 and much more!" is a headline with a rank in it, not the newsletter's
    # name; the welcome to "the latest Harbour Makers newsletter" names it
    assert [s.source for s in stories][:3] == ["Harbour Makers newsletter"] * 3
    # "… in the café - [Quay Forum](…) and [Git](…).": the brief's credit is its source, not its title's end
    assert stories[3].title.startswith("Bo Chan put a weather station") and "Forum" not in stories[3].title
    assert stories[3].source == "Quay Forum"


def test_entries_under_linked_headings_with_a_facts_line_and_a_side_link(tmp_path):
    # "### [Headline](…) ([QN](…))" / "*Quay News · 36 points*" / blurb: the facts line says where the
    # entry was found and how it fared (never a headline); the bracketed link is its discussion's
    stories = stories_of(tmp_path, "entries-with-facts-lines-and-side-links.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Show QN: a tide table reader written in Rust", "https://git.example.org/tides-rs"),
        ("quayside/berths — bookings for every berth in the harbour", "https://git.example.org/quayside/berths"),
        ("Lantern 2.0 is out", "https://lantern.example.org/2.0"),
    ]
    assert stories[2].teaser.startswith("The second version of the harbour's lantern controller")


def test_dated_link_entries_under_labels_are_headline_only_stories(tmp_path):
    # a script's weekly report: "<strong>2026-03-04</strong> <a>Headline</a>" under each label; the
    # date opens the entry (it is not a date line) and dates the story
    stories = stories_of(tmp_path, "dated-link-report.html")
    assert [(s.title, s.url, s.published) for s in stories] == [
        ("Why the harbour needs a second slipway", "https://blog.example.org/second-slipway", dt.date(2026, 3, 4)),
        ("Winter moorings, one year on", "https://blog.example.org/winter-moorings", dt.date(2026, 3, 6)),
        ("The regatta, from the committee boat", "https://video.example.org/watch?v=regatta", dt.date(2026, 3, 8)),
        ("Assembling the new crane in two minutes", "https://video.example.org/watch?v=crane", dt.date(2026, 3, 9)),
    ]


def test_a_dated_masthead_heading_and_link_lists_with_notes(tmp_path):
    # "# Quay Weekly 392 (2026-05-26)" is a date line over the welcome, not a story (it crashed the
    # splitter); under "### Projects and tools" bare links stand beside links with a note after
    # them: all are entries
    stories = stories_of(tmp_path, "dated-masthead-and-noted-links.md")
    titles = [s.title for s in stories]
    assert titles[:6] == [
        "tidecal changelog #78",
        "Berths report 4",
        "The lantern controller passes all its tests!",
        "Crane 2 beta 3 released",
        "Mooring in a strong wind",
        "Adventures in forking the tide tables",
    ]
    assert {s.source for s in stories} == {"Quay Weekly"}


def test_a_time_element_dates_a_story_by_its_datetime_when_its_words_do_not_say_the_year(tmp_path):
    # "<time datetime="2026-03-04T09:00:00Z">2 days ago</time>": the words are for the reader of
    # the page that day; the attribute is the date
    entry = (
        '<article><h2><a href="https://news.example.org/{n}">Headline {n} about the harbour</a></h2>'
        '<p class="meta">By Ann Lee · <time datetime="2026-03-0{n}T09:00:00Z">{n} days ago</time></p>'
        "<p>The harbour office said on the day that the ferry would run every hour from Monday.</p></article>"
    )
    page = "<html><body>" + "".join(entry.format(n=n) for n in (2, 3, 4)) + "</body></html>"
    (tmp_path / "blog.html").write_text(page)
    [file] = scan_inbox(tmp_path).files
    stories = split_into_stories(read_document(file))
    assert [s.published for s in stories] == [dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4)]


NEWS = [
    ("Quaykit 3.0 will use every core by default and will check its downloads on every platform", None),
    ("Build a tide table service with Quaykit and Postgres", "https://blog.example.net/tide-tables-with-quaykit"),
]


def test_an_issue_page_marked_up_as_one_article_is_a_list_of_news(tmp_path):
    # a static site's issue page: one <article> around a site header with a sign-up form, the
    # issue's "#7 - …" heading over an epigraph, "News" over list items that are a link alone,
    # a line of news with links inside, or a link followed by a paragraph of its own; then a
    # call for contributions under a heading the debris rules remove, and the site's footer menu
    stories = stories_of(tmp_path, "issue-page-with-a-list-of-news.html")
    assert [(s.title, s.url) for s in stories] == [
        *NEWS,
        ("Harbour maps landed in the testing branch", "https://code.example.org/quaykit/pull/790"),
        ("Declarative mooring notices", "https://code.example.org/berth/pulls?label=mail"),
        ("Cross-building for small boards landed in testing", "https://code.example.org/quaykit/pull/835"),
        ("Proposal on a shorter review process", "https://code.example.org/rfcs/pull/36"),
        ("Released tidecal 0.4", "https://packages.example.org/tidecal-0.4/changes"),
        (
            "Call for new sticker designs for the boat show",
            "https://forum.example.org/t/stickers-for-the-boat-show/1540",
        ),
        (
            "The build robot now posts checks on every pull request, so reviewers get far fewer e-mails",
            "https://forum.example.org/t/checks-for-pull-requests/1558",
        ),
    ]
    teasers = {s.title: s.teaser for s in stories}
    assert teasers["Declarative mooring notices"].startswith("Over the last months the berth planner")
    assert teasers["Cross-building for small boards landed in testing"].startswith("This covers the chart plotters")
    # the call for contributions after the list is the newsletter's own, in no story
    assert not any("contributions" in s.body or "pull request" in s.teaser for s in stories[:-1])
    assert not any("contributions of the community" in s.body for s in stories)
    assert {s.source for s in stories} == {"Quay Weekly"}  # not the page's copyright line


def test_a_list_of_news_in_markdown_reads_the_same(tmp_path):
    # the same kind of list written in markdown, with a note in brackets before one link
    stories = stories_of(tmp_path, "list-of-news-with-notes.md")
    assert [(s.title, s.url) for s in stories][:2] == NEWS
    assert [s.title for s in stories][2:] == [
        "Mooring a ketch single-handed",  # "[video]" says what the link leads to
        "Declarative mooring notices",
        "Cross-building for small boards landed in testing",
        "Proposal on a shorter review process",
        "Released tidecal 0.4",
        "Knots for beginners",  # "by Ann Lee" credits the link; it does not go on with its words
    ]
    assert stories[-1].byline == "Ann Lee"
    # an item with nothing after it is a headline-only story, shown in the section's short list
    assert [bool(s.teaser) for s in stories[:7]] == [False, False, False, True, True, False, False]


def test_a_story_links_to_the_announcement_its_lead_reports(tmp_path):
    # "Ann Lee [announced](…) the third release…" under a headline with no link of its own
    stories = stories_of(tmp_path, "setext-news-with-reporting-links.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Quaykit 2.6 is out", "https://blog.example.org/quaykit-2-6-released"),
        # a link on other words ("will house") is not a report of the news: no link is better than a guess
        ("The old crane gets a new home", None),
        # paragraphs under a label each reporting their own news are briefs, each with its link
        (
            "Tom Berg released a security advisory for the berth planner: a bug let anyone read the…",
            "https://lists.example.org/harbour-talk/2026-03/0412.html",
        ),
        ("Mia Holm announced version 4 of the pilot app…", "https://lists.example.org/harbour-dev/2026-03/0288.html"),
        (
            "The organisers of the Small Boats Workshop published a call for talks…",
            "https://workshop.example.org/call",
        ),
    ]


def test_numbered_references_in_a_text_newsletter_are_footnotes_not_markdown(tmp_path):
    # "Ann Lee announced [2] the third…" and "[2]: https://…" at the end: a text part's
    # footnotes (markdown would write "[words][2]"); the marker goes, the link stays
    stories = stories_of(tmp_path, "text-news-with-numbered-references.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Quaykit 2.6 is out", "https://blog.example.org/quaykit-2-6-released"),
        ("The old crane gets a new home", None),
    ]
    assert stories[0].teaser.startswith("Ann Lee announced the third and last test release")
    assert stories[1].teaser.startswith("The harbour museum will house the old steam crane")
    assert "museum's friends paid" in stories[1].teaser and not any("[" in s.teaser for s in stories)


def test_a_list_of_news_in_an_email_text_part_reads_as_in_markdown(tmp_path):
    # the same list as the plain-text part a mailing tool writes: "* Words (https://…) more words",
    # "* [video] Mooring a ketch single-handed (https://…)"
    (tmp_path / "md").mkdir(), (tmp_path / "txt").mkdir()
    markdown = [(s.title, s.url) for s in stories_of(tmp_path / "md", "list-of-news-with-notes.md")]
    text = [(s.title, s.url) for s in stories_of(tmp_path / "txt", "list-of-news-text-part.txt")]
    assert [title for title, _ in text] == [title for title, _ in markdown]
    assert text[2] == ("Mooring a ketch single-handed", "https://video.example.com/watch?v=ketch")


@pytest.mark.parametrize(
    "name",
    [
        "post-with-further-reading.md",  # titled by its front matter
        "article-with-further-reading.md",  # by its "# heading"
        "article-with-further-reading-text-part.txt",  # its plain-text part: every heading alike
    ],
)
def test_an_article_closing_with_a_list_of_links_is_one_story(tmp_path, name):
    # sections of prose, then "## Further reading": links alone and one with a few words after
    # it — the article's references, not a list of news; and its last link is not its address
    [story] = stories_of(tmp_path, name)
    assert story.title == "What I learned mooring in strong winds"
    assert story.byline == "Ann Lee"
    assert story.url is None
    assert "spring line is your friend" in story.body


def test_the_sign_off_after_a_last_list_of_news_is_not_its_last_item_text(tmp_path):
    stories = stories_of(tmp_path, "list-of-news-before-a-sign-off.md")
    assert [s.title for s in stories][2:] == [
        "Tide tables for the whole coast",
        "Knots every crew should know",
        "The pilots' association published its yearly report",
    ]
    assert not any("That's all" in s.teaser or "See you" in s.body for s in stories)
    # nothing is lost without a word: the sign-off is listed as left out, with why
    report = explain_split(read_document(scan_inbox(tmp_path).files[0]))
    assert any(text.startswith("That's all for this week") for text, _ in report.dropped)


def test_an_article_page_rich_in_links_is_still_one_article(tmp_path):
    # og:type article, a site menu, an essay linking many of its words inside its sentences,
    # a "Popular posts" box: trafilatura's article (a list page is made of linked items instead)
    [story] = stories_of(tmp_path, "article-page-rich-in-links.html")
    assert story.title == "The week the harbour went digital"
    assert (story.source, story.byline, story.published) == ("Porthaven Log", "Ann Lee", dt.date(2026, 3, 4))
    assert "Popular posts" not in story.body and "Saving the old crane" not in story.body


def test_numbers_on_every_headline_rank_them_and_name_no_issue(tmp_path):
    # "## #1 The harbour reopens" … "## #3 …" under a masthead: the first is a story like the
    # others, not the issue's heading ("#13 - Cross builds" over an epigraph is one)
    stories = stories_of(tmp_path, "ranked-headlines.md")
    assert [s.title for s in stories] == [  # the rank is not the headline's words
        "The harbour reopens",
        "The ferry gets an app",
        "The crane finds a home",
    ]
    assert {s.source for s in stories} == {"Quay Weekly"}


def test_a_tally_under_a_label_is_not_news(tmp_path):
    # "## In numbers": "[22 bugs fixed](…)", "[25 bugs added](…)", "90 pull requests merged: …";
    # then "## News", a list of news: only the news are stories, the tally is listed as left out
    stories = stories_of(tmp_path, "tally-and-news-lists.md")
    assert [s.title for s in stories] == [
        "Berth Planner 4.1 released",
        "The harbour office switched its bookings to the planner",
        "Maps for the north quay landed in testing",
    ]
    report = explain_split(read_document(scan_inbox(tmp_path).files[0]))
    assert ("25 bugs added", "a tally (counts, not news)") in report.dropped


def test_a_headline_over_paragraphs_that_each_report_is_one_story(tmp_path):
    # "## Council approves the harbour budget" over three paragraphs, each with a linked
    # reporting verb: one story told in three paragraphs, not three briefs (a label would be)
    stories = stories_of(tmp_path, "story-told-in-reporting-paragraphs.md")
    assert [s.title for s in stories] == ["Council approves the harbour budget", "The crane finds a home"]
    assert "Market traders posted a letter" in stories[0].body


def test_teasers_that_offer_their_links_in_a_text_part_are_a_story_each(tmp_path):
    # "Headline—Ann Lee spends a week… read more... (https://…)": as the plain-text part of a
    # blog's newsletter writes each post; the head before the dash is the headline (also a
    # question, or with a colon inside), the address the story's, "read more..." not its text
    stories = stories_of(tmp_path, "teasers-offering-their-links-text-part.txt")
    posts = {s.title: s for s in stories if s.url}
    assert list(posts) == [
        "Night shifts on the north quay",
        "Who owns the old pier?",
        "Tidewater: ferry timetables, explained",
        "The case for a second slipway",
        "Slipway—A Second Look (with the numbers)",  # its first dash made no headline
    ]
    assert posts["Who owns the old pier?"].url == "https://quay.example/blogs/who-owns-the-pier"
    # with links in its words, the link it offers is its own
    assert posts["Slipway—A Second Look (with the numbers)"].url == "https://quay.example/blogs/slipway-second-look"
    assert posts["The case for a second slipway"].teaser == "Ann Lee weighs the council's plans against the boatyard's."
    assert not any("read more" in s.body for s in stories)


def test_teasers_that_offer_more_without_an_address_and_name_their_writer(tmp_path):
    # "Headline --By Ann Lee. The text… Read more..." (a text part that lost the offer's
    # address): a story each, the writer its byline, not its teaser's first words; the empty
    # "General announcements" after the editor's welcome labels a section, it names no publication
    stories = stories_of(tmp_path, "bylined-teasers-under-an-empty-label-text-part.txt")
    assert [(s.title, s.byline) for s in stories] == [
        ("Why the crane stays red", "Ann Lee"),
        ("Night ferries, one year on", "Tom Berg"),
        ("The slipway debate, explained", "Mia Holm"),
        ("Crane diaries, part 2: winter", "Tom Berg"),  # the full stop closes the run-in head
    ]
    assert stories[0].teaser.startswith("For twenty years")
    assert not any("Read more" in s.body for s in stories)
    assert {s.source for s in stories} == {None}


def test_records_ending_with_their_credit_then_entries_opening_with_links(tmp_path):
    # "## [Headline](…)" / text / "`Ann Lee`" four times: the line of names each record ends
    # with is its byline (by agreement, also "Quay Works"); then, after the last story's text,
    # "[tidecal 0.4](…) – a tide calendar…" paragraphs: a story each, not that story's text
    stories = stories_of(tmp_path, "credited-records-then-tool-entries.md")
    assert [(s.title, s.byline) for s in stories] == [
        ("The harbour database gets faster writes", "Ann Lee"),
        ("Reading tide tables with SQL", "Tom Berg and Mia Holm"),
        ("Moving the ferry bookings to a new server", "Quay Works"),
        ("Why the buoy logger stopped", "Ivo Park"),
        ("tidecal 0.4", None),
        ("berthmap 1.2", None),
        ("ferrytime 2.0", None),
        ("A guide to harbour indexes", "Mia Holm"),  # "[Headline](…) Mia Holm": its writer
    ]
    assert stories[3].teaser == "A short story about a full disk, a silent cron job and the alert nobody had set up."
    assert stories[4].url == "https://quay.example/link/5"
    assert stories[4].teaser == "a tide calendar for the command line."


def test_run_ins_in_chinese_that_name_latin_tools_are_entries(tmp_path):
    # "[ferrytime 2.0](…) – 用于 Porthaven 渡轮时刻表的 TypeScript 库…": the capitalised names in
    # Latin letters do not make the Chinese sentence a title in title case
    stories = stories_of(tmp_path, "chinese-run-ins-naming-latin-tools.md")
    assert [s.title for s in stories] == [
        "ferrytime 2.0",
        "tidecal 0.4",
        "berthmap 1.2",
        "潮汐数据库的写入速度翻倍",
        "用 SQL 读潮汐表",
    ]


def test_items_naming_their_source_before_the_headline_link(tmp_path):
    # "- [Harbour Blogs](…) | [A slower, safer crane](…)" under day headings, as feed digests
    # write them: the second link is the story's, the first names where it comes from; "#212"
    # on a headline is the issue's number; the footer's "[Forward](…) | [Unsubscribe](…)" is no story
    stories = stories_of(tmp_path, "source-then-headline-links-by-day.md")
    assert [(s.title, s.source) for s in stories] == [
        ("New Home for the Tide Tables", "Harbour Blogs"),
        ("A slower, safer crane", "Harbour Blogs"),
        ("#212 Busy Quays", "Harbour Blogs"),
        ("#212 Busy Quays", "This Week on the Quay"),
        ("Why the ferry app asks for your location", "Harbour Blogs"),
    ]
    assert stories[1].url == "https://crane.example.net/2026/11/slower-safer/"


def test_run_in_heads_that_lost_their_bold_in_a_text_part(tmp_path):
    # "Dredging the Inner Basin. At the last board meeting…": a short phrase in title case closed
    # by a full stop opens paragraph after paragraph (the bold of the page it was copied from is
    # gone; "Extension.The" too): each is a story's headline, the welcome is the masthead's
    stories = stories_of(tmp_path, "run-in-heads-without-bold-text-part.txt")
    assert [s.title for s in stories] == [
        "Dredging the Inner Basin",
        "Installing Tide Gauges on the Old Pier",
        "New Berths: The North Quay Extension",
        "Lighthouse Open Day",
    ]
    assert stories[2].teaser.startswith("The harbour office announced twelve new berths")
    # ("Harbour Sen. Tom Berg, who chairs…": a title before a name is no run-in head's stop)
    assert "Sen. Tom Berg" in stories[1].body


def test_plain_lines_over_paragraphs_a_question_among_them(tmp_path):
    # a text part's headlines are lines alone over paragraphs; one of them asks a question
    # ("Last summer's sailing school: where are they now?"): a headline, not prose
    stories = stories_of(tmp_path, "plain-lines-and-a-question-over-paragraphs.txt")
    assert [s.title for s in stories] == [
        "Winter update",
        "Last summer's sailing school: where are they now?",
        "Dedicating the new lifeboat to Mia Holm",
    ]
    assert stories[0].body.endswith("while its rails are replaced.")


def test_numbered_points_announced_by_a_story_are_its_own(tmp_path):
    # "## The Boat Review" / "…went over the following pointers …:" / "### 1. Check the
    # Fittings" / "### 2. …": the numbered headings its text announces are its points, not
    # stories; a headline with "Monthly" inside names no newsletter; "Newsletter #16" is no name
    stories = stories_of(tmp_path, "numbered-points-under-one-story.md")
    titles = [s.title for s in stories]
    assert titles[:2] == ["The Monthly Knot Challenge", "The Boat Review"]
    assert not {"Check the Fittings", "Mooring Lines"} & set(titles)
    assert "Most owners preferred braided lines" in stories[1].body
    assert {s.source for s in stories} == {None}


@pytest.mark.parametrize(
    ("markdown_name", "text_name", "bylines"),
    [
        # "Mia Holm announced (https://…) version 4 …": the reporting verb's address, as "[announced](…)"
        ("setext-news-with-reporting-links.md", "news-with-reporting-links-text-part.txt", True),
        # "* Harbour Blogs (https://…) | Headline (https://…)": the second address's words start
        # after the first address, as in "[Harbour Blogs](…) | [Headline](…)"
        ("source-then-headline-links-by-day.md", "source-then-headline-links-text-part.txt", True),
        # "tidecal 0.4 (https://…) – a tide calendar…", "A guide (https://…) Mia Holm": a paragraph
        # that opens with its address, then a dash or its writer's name, opens with its link
        ("credited-records-then-tool-entries.md", "credited-records-then-tool-entries-text-part.txt", True),
        # every heading alike ("** The Boat Review", "** 1. Check the Fittings"): the points
        # numbered from one after the text that announces them are still that story's (the writer
        # is the markdown's front matter's, which a text part does not carry)
        ("numbered-points-under-one-story.md", "numbered-points-under-one-story-text-part.txt", False),
    ],
)
def test_a_newsletter_reads_the_same_in_its_text_part(tmp_path, markdown_name, text_name, bylines):
    (tmp_path / "md").mkdir(), (tmp_path / "txt").mkdir()
    markdown = stories_of(tmp_path / "md", markdown_name)
    text = stories_of(tmp_path / "txt", text_name)
    assert [(s.title, s.url, s.source) for s in text] == [(s.title, s.url, s.source) for s in markdown]
    if bylines:
        assert [s.byline for s in text] == [s.byline for s in markdown]
    assert [s.body.split()[:5] for s in text] == [s.body.split()[:5] for s in markdown]


def test_copied_page_titles_lose_the_site_name_it_becomes_the_source(tmp_path):
    # "[Ferry booking site leaked … | Harbour Times](…)": a page's title copied with its site's
    # name after a bar; the name is where the story comes from. A bar among the headline's own
    # words ("old | new | and why it matters") is kept.
    stories = stories_of(tmp_path, "page-titles-with-site-names.md")
    assert [(s.title, s.source) for s in stories] == [
        ("Ferry booking site leaked passenger lists for a month", "Harbour Times"),
        ("Tide gauge firmware signed with a test key", "Tidewater Security Blog"),
        ("Lighthouse logins: old | new | and why it matters", "Quay Security Weekly"),
    ]


def test_a_briefing_of_headlines_credit_lines_and_cut_teasers(tmp_path):
    # "Ferry Fares To Rise In The Spring" / "Ann Lee, Harbour Times | Ferry Fares | March 3, 2026"
    # / "The ferry company says…...": the credit line names the writer and the publication (the
    # field between them and the date is the section's); a sentence cut short by its ellipsis is
    # the teaser, however short, not the next headline; the tagline over the welcome, with no
    # credit line under it, is the masthead's, not a story
    stories = stories_of(tmp_path, "briefing-with-credit-lines-and-cut-teasers.txt")
    assert [(s.title, s.byline, s.source) for s in stories] == [
        ("Ferry Fares To Rise In The Spring", "Ann Lee", "Harbour Times"),
        ("Why The Crane Stays Red", "Tom Berg", "Quaybook"),
        ("The Pilot And The Lighthouse Keeper", "Mia Holm and Ivo Park", "The Tidewater Review"),
        ("Inside The New Fish Market", "Jo Lund", "Porthaven Echo"),
        # (a plain line under its credit line is its text, not the next headline)
        ("Where The Gulls Go In Winter", "Ivo Park", "Quay Nature"),
    ]
    assert stories[1].teaser.startswith("The painters explain")
    assert str(stories[0].published) == "2026-03-03"


@pytest.mark.parametrize("name", ["group-digest.eml", "group-digest-text-part.eml"])
def test_a_group_digest_is_its_topics_each_by_the_writer_of_its_first_message(tmp_path, name):
    # "Today's Topic Summary" listing the topics ("Boathouse keys [1 Update]"), then each topic
    # over its messages, each under its sender's line ("Ann Lee <ann@…> Nov 02 06:41PM")
    stories = stories_of(tmp_path, name)
    assert [(s.title, s.byline) for s in stories] == [
        ("Regatta entries due Friday", "Ann Lee"),
        ("Boathouse keys", "Tom Berg"),
        ("Winter training plan", "Mia Holm"),
    ]
    assert stories[0].url == "https://groups.example/g/harbour-rowing/t/101"
    assert stories[2].url == "https://groups.example/g/harbour-rowing/t/103"
    # each message's prose is whole, not cut at the ends of its lines
    assert stories[0].teaser.startswith("Entries for the autumn regatta close on Friday at noon, and the club pays")
    assert not any("@" in s.title or "Update" in s.title or "@" in (s.teaser or "") for s in stories)
    # the reply in the thread is not a story of its own
    assert all("Saturday row" not in s.teaser for s in stories)


def test_section_labels_of_several_words_over_linked_entries_are_labels(tmp_path):
    # "## Harbour in the wild" (a note under it) over entries that each open with a link of their
    # own (one after a label saying what it leads to, "VIDEO: [Headline](…)"): the label names a
    # section; its entries are the stories, not its text
    stories = stories_of(tmp_path, "longer-labels-over-linked-entries.md")
    titles = [s.title for s in stories]
    assert titles[:6] == [
        "Dredging the inner basin starts in May",
        "The ferry timetable changes for summer",
        "A day with the harbour pilots",
        "tidecal",
        "quaymap",
        "knotbook",
    ]
    assert "Harbour in the wild" not in titles and "Tools and projects we like" not in titles
    assert stories[0].url == "https://news.example/dredging"
    assert stories[2].url == "https://video.example/pilots"


def test_dated_event_entries_under_a_label_are_the_events(tmp_path):
    # "**2 May 2026:** [Event](…) – what it is" under a label whose note invites readers to a
    # forum: each entry is its event's story, headed by its link (the date is not a headline);
    # "Join us at the open day" is an invitation to an event, not an appeal to the newsletter
    stories = stories_of(tmp_path, "dated-events-under-a-label.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Join us at the first harbour open day", None),
        ("Quay Rowing Club open evening", "https://rowing.example/open-evening"),
        ("Tidewater Boat Jumble", "https://jumble.example/may"),
        ("Lighthouse lecture", "https://lighthouse.example/lecture"),
    ]
    assert stories[2].teaser.startswith("two days of second-hand gear")


def test_a_letter_of_numbered_bold_heads_keeps_each_storys_list_and_closing_link(tmp_path):
    # "**2. How the new tide gauge works**" / text / a list of questions / "[Read how … works](…)":
    # the list is the story's text and the closing "Read …" link its link, even in the last story;
    # a quotation in italics alone on its line is someone's words, not a headline
    stories = stories_of(tmp_path, "numbered-bold-heads-in-a-letter.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Last call", "https://shop.example/sale"),
        ("How the new tide gauge works", "https://harbour.example/tide-gauge"),
    ]
    assert "Who reads the numbers at the harbour office?" in stories[1].body


def test_a_note_in_italics_under_a_label_over_links_is_the_labels_note(tmp_path):
    # "## Questions from the quay" / "*Here are some of the questions…*" / three linked items:
    # the note speaks about the list; the links are the stories (headline-only), each with its
    # address, and the list ends at the next heading
    stories = stories_of(tmp_path, "notes-under-labels-over-links.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Can I moor a catamaran on the visitors' pontoon?", "https://forum.example/t/catamaran"),
        ("Where do I pay the winter storage fee?", "https://forum.example/t/storage-fee"),
        ("Is the fuel berth open on Sundays?", "https://forum.example/t/fuel-sunday"),
        ("tidecal", "https://tidecal.example/"),
        ("quaymap", "https://github.com/example/quaymap"),
    ]
    report = explain_split(read_document(scan_inbox(tmp_path).files[0]))
    assert any("questions people are asking" in text for text, _ in report.dropped)  # not lost: explained


def test_headings_over_their_addresses_and_events_one_of_them_unlinked(tmp_path):
    # "### tidecal 0.40 released" / "https://…" under a label: a headline-only story linked to the
    # address under it; a label over events keeps them when one of three has no link yet
    stories = stories_of(tmp_path, "headings-over-addresses-and-credited-links.md")
    by_title = {s.title: s.url for s in stories}
    assert by_title["tidecal 0.40 released"] == "https://blog.example.org/tidecal-0-40"
    assert by_title["The harbour master explains the new mooring fees"] == "https://video.example.org/watch?v=fees"
    assert by_title["Quay Hackathon"] == "https://hack.example/quay"
    assert by_title["Lighthouse lecture"] == "https://lighthouse.example/lecture"
    assert "The latest" not in by_title and "Coming up around the harbour" not in by_title


def test_a_mime_digest_is_its_messages_each_under_its_own_subject_and_sender(tmp_path):
    # a mailing list's MIME digest: its header, its "Today's Topics", then a multipart/digest of
    # message/rfc822 parts; one attached message alone would be a forward, two are a digest
    stories = stories_of(tmp_path, "mime-digest.eml")
    assert [(s.title, s.byline) for s in stories] == [
        ("Winter ergo league starts Tuesday", "Ann Lee"),
        ("New launch for the coaches", "Tom Berg"),
    ]
    # the list sends from an address alone: its subject names it
    assert {s.source for s in stories} == {"Quay-rowing"}
    assert stories[1].teaser.startswith("The club has bought a second launch")
    # the list's header, its contents and the signatures are no story's text
    assert not any("subscribe" in s.body or "treasurer" in s.body or "Today's Topics" in s.body for s in stories)


def test_capitalised_heads_of_a_text_part_with_addresses_in_brackets(tmp_path):
    # a mailing tool's plain-text part: sections headed in capitals, links written "[https://…]"
    # on lines of their own, and one heading glued to the sentence before it ("…in the
    # harbour.OUR WINTER FAIR")
    stories = stories_of(tmp_path, "caps-heads-text-part.eml")
    # an acronym the newsletter writes in capitals elsewhere keeps them in a recased headline
    assert [s.title for s in stories] == ["The Sea Wall Repairs", "What's Next for the HWA?", "Our Winter Fair"]
    # an address in brackets alone on its line is a link in the text, never a headline
    assert not any("https://" in s.title for s in stories)
    assert "harbour." in stories[1].body and "WINTER FAIR" not in stories[1].body
    assert stories[2].teaser.startswith("The Trust's winter fair is on Saturday 12 December")


def test_a_forwarded_mime_digest_is_still_its_messages(tmp_path):
    # the digest passed on as an attachment (message/rfc822) under a forwarder's note: the
    # forward is opened, then the digest's messages are its stories
    from email.message import EmailMessage
    from email.parser import BytesParser
    from email.policy import default

    digest = BytesParser(policy=default).parsebytes((LAYOUTS / "mime-digest.eml").read_bytes())
    forward = EmailMessage()
    forward["From"], forward["To"], forward["Subject"] = "Jo Lund <jo@example.com>", "me@example.com", "Fwd: the digest"
    forward.set_content("Worth a read, see below.")
    forward.add_attachment(digest)
    (tmp_path / "forwarded-digest.eml").write_bytes(forward.as_bytes())
    [file] = scan_inbox(tmp_path).files
    stories = split_into_stories(read_document(file))
    assert [(s.title, s.byline, s.source) for s in stories] == [
        ("Winter ergo league starts Tuesday", "Ann Lee", "Quay-rowing"),
        ("New launch for the coaches", "Tom Berg", "Quay-rowing"),
    ]


def test_numbered_entries_in_full_width_punctuation(tmp_path):
    # "1、[tidecal](…)：一个…": entries numbered in their paragraph and described after a
    # full-width colon, under sections a contents list of anchors names; a code sample under one
    stories = stories_of(tmp_path, "numbered-entries-full-width.md")
    assert [(s.title, s.url) for s in stories] == [
        ("tidecal", "https://code.example.org/tidecal"),
        ("quaymap", "https://code.example.org/quaymap"),  # described in two words: still an entry
        ("harbour-news", "https://code.example.org/harbour-news"),
        ("ferry-times", "https://code.example.org/ferry-times"),
    ]
    # the colon is the head's, not the text's; a code sample is no teaser
    assert stories[0].teaser.startswith("一个显示潮汐时间")
    assert stories[2].teaser.startswith("港口新闻的开源网站") and "import" not in stories[2].teaser


def test_an_edition_dated_year_first_with_dots(tmp_path):
    # "Harbour Data — 2026.11.25 edition" over bold run-in heads ("__Tide gauges.__ The port…")
    # with bold labels inside their text ("__Related:__", "__Previously:__")
    stories = stories_of(tmp_path, "dated-edition-run-ins.md")
    assert [s.title for s in stories] == ["Tide gauges", "Ferry delays", "Fish market prices"]
    assert {(s.source, s.published) for s in stories} == {("Harbour Data", dt.date(2026, 11, 25))}


def test_a_short_quoted_line_is_not_a_headline_in_its_own_style(tmp_path):
    # in HTML a quotation's paragraphs are marked as quoted; that mark is not a type size or a
    # colour, so "<blockquote><p>These ferries are never late!</p>…" is no headline set apart
    stories = "".join(
        f"<h2>{title}</h2><p>{text}</p>"
        for title, text in [
            ("New ferry timetable", "The winter timetable starts on Monday with two more crossings a day."),
            ("Harbour wall repaired", "The council finished the repairs to the north wall ahead of the storms."),
        ]
    )
    quoted = (
        "<h2>Letters to the editor</h2><blockquote><p>These ferries are never late!</p>"
        "<p>I have taken the morning boat every day this month and it left on time each day.</p></blockquote>"
        "<p>We could not agree more, and the ferry company was glad to hear it.</p>"
    )
    (tmp_path / "quoted.html").write_text(f"<html><body>{stories}{quoted}</body></html>", encoding="utf-8")
    [file] = scan_inbox(tmp_path).files
    titles = [s.title for s in split_into_stories(read_document(file))]
    assert titles == ["New ferry timetable", "Harbour wall repaired", "Letters to the editor"]


def test_a_builders_e_mail_sets_its_headings_by_size(tmp_path):
    # no <h1>–<h6>: section labels in bold 24px, headlines in bold 18px, text in 14px with
    # sub-heads in bold at the text's size; read as the headings they are
    stories = stories_of(tmp_path, "builder-email-sized-headings.html")
    assert [s.title for s in stories] == [
        "Pop-up berths on the north quay",
        "Slipway repairs finished early",
        "The harbour survey is open",  # its bold sub-heads ("What it asks") are its own parts
        "Spring regatta on 11 April",
        "Knots evening at the boathouse",
        "How the lifeboat crew trains in winter",
        "A short history of the harbour wall",
    ]
    assert "How to answer" in stories[2].body


def test_a_headline_over_its_byline_keeps_its_bold_sub_heads(tmp_path):
    # "## More ways to keep your mooring clean" / "By Tom Berg" / "**Readers are good at this**"…:
    # a headline with its writer is an article, its bold lines its parts; a label has no writer
    stories = stories_of(tmp_path, "bylined-articles-with-bold-subheads.md")
    assert [(s.title, s.byline) for s in stories] == [
        ("How to get cheaper berths", "Ann Lee"),
        ("More ways to keep your mooring clean", "Tom Berg"),
        ("Summer is tasty", None),
    ]
    assert "A brush that saves hours" in stories[1].body


def test_a_page_saved_by_a_text_browser_reads_as_the_page_does(tmp_path):
    # lynx's rendering of an HTML issue: its title centred, its <h2> at the margin, its <h3> two
    # spaces in, the text three in, each link a "[n]" marker before its words with the addresses
    # listed at the end; the stories are the page's, each list entry linked by its own words
    stories = stories_of(tmp_path, "page-saved-by-a-text-browser.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Night ferry runs twice an hour", None),
        ("Fish market reopens", None),
        ("Winter moorings in the north basin", "https://lists.porthaven.example/moorings/0012.html"),
        ("A new rota for the harbour launch", "https://lists.porthaven.example/launch/0040.html"),
    ]
    assert {s.source for s in stories} == {"Quay Weekly"}
    assert stories[2].teaser.startswith("Ann Lee asked whether the winter moorings")


def test_a_page_saved_by_lynx_with_hidden_links_keeps_its_entries_links(tmp_path):
    # lynx splits its list into "Visible links:" and "Hidden links:" when a page has links with
    # no words, and lists every kind of address (javascript:, an app's): the list is still the
    # page's references; the markers of addresses a reader cannot follow go without a link
    stories = stories_of(tmp_path, "page-saved-by-lynx-with-hidden-links.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Ferry fares frozen for the summer", "https://notes.example.org/ferry"),
        ("Lighthouse keeper's cottage for rent", "https://notes.example.org/cottage"),
        ("Sailing school wins national award", "https://notes.example.org/sailing"),
    ]
    assert not any("[" in s.title + s.teaser or "javascript" in s.body for s in stories)


def test_a_link_list_saved_as_text_keeps_the_entries_under_its_plain_labels(tmp_path):
    # w3m's rendering with link numbers: the page's <h2> labels are plain lines ("Releases"),
    # each over a list whose entries open with a "[n]" marker; the entries are the stories, the
    # headline-only releases too, as in the page itself
    stories = stories_of(tmp_path, "link-list-saved-by-w3m.txt")
    assert [(s.title, s.url) for s in stories][:4] == [
        ("Designing a tide model for the inner basin", "https://blog.porthaven.example/tide-model"),
        ("Why our buoys report every ten minutes", "https://eng.porthaven.example/buoys"),
        ("quaymap 2.0", "https://code.porthaven.example/quaymap/2.0"),
        ("tideline 0.9", "https://code.porthaven.example/tideline/0.9"),
    ]
    # (a link's words end where its line does: "[5]Boatyard open day on Saturday" cannot say more)
    assert [s.url for s in stories][4:] == [
        "https://events.porthaven.example/open-day",
        "https://events.porthaven.example/talk",
    ]


def test_a_text_part_wrapped_at_72_columns_keeps_each_headline_with_its_address(tmp_path):
    # a mail tool's plain-text part, hard-wrapped: "Headline (https://…)" broken before the
    # address, an item's headline over its address and its note; read as the lines they were
    stories = stories_of(tmp_path, "wrapped-text-part-with-links.txt")
    assert [(s.title, s.url) for s in stories] == [
        (
            "Night ferry to run twice an hour from March after a year of complaints",
            "https://porthaven.example/news/night-ferry",
        ),
        ("Fish market reopens after six months of repairs to its roof", "https://porthaven.example/news/fish-market"),
        ("Tide gauge back online", "https://porthaven.example/news/tide-gauge"),
        (
            "Rigging a gaff cutter, step by step, in a long guide with photographs",
            "https://rigging.porthaven.example/gaff",
        ),
        ("Winter lay-up dates for the club boats and the slipway rota", "https://club.porthaven.example/lay-up"),
        # (the address pushed onto a line of its own mid-sentence: "(https://…), and held it…")
        (
            "The new slipway winch was tested on Saturday with the club's heaviest keelboat",
            "https://porthaven.example/news/winch",
        ),
    ]
    assert stories[0].teaser == "the council agreed on Tuesday to double the late crossings."


def test_tagged_links_a_sponsor_section_and_empty_standing_sections(tmp_path):
    # "[podcast] [Headline](…)": the tag is the list's, the link the headline's; the records
    # under a "## Sponsor" heading between sections are paid for; "Tool of the Week" and
    # "Jobs" with nothing in them this time (and a call for next time) are no stories
    report = report_of(tmp_path, "tagged-links-and-standing-sections.md")
    assert [(s.title, s.url) for s in report.stories] == [
        ("Announcing quaykit 1.9", "https://blog.quay.example/2026/02/26/quaykit-1.9.html"),
        ("Tide tables by hand", "https://annlee.example/tide-tables/"),
        ("Mooring knots, part 2", "https://knots.example.net/part-2"),
        ("Buoys and batteries with Tom Berg", "https://radio.example.com/2026/02/24/tom-berg/"),
        ("This week in gull-counter 64", "https://gulls.example.org/weekly/64/"),
        ("Wiring a tide gauge in ten minutes", "https://video.example.com/watch/tide-gauge"),
        ("tideline 0.9", "https://github.com/example/tideline"),
        ("quaymap: draw the breakwater's new shape", "https://github.com/example/quaymap/issues/411"),
        ("Quote of the Week", None),
    ]
    dropped = dict(report.dropped)
    assert dropped["Harbour Cloud hosts your tide data"].startswith("a sponsor's message")
    assert dropped["No jobs listed for this week."] == "a standing section with nothing in it this time"
    assert dropped["Tool of the Week"] == "a standing section with nothing in it this time"


def test_an_item_led_by_a_persons_handle_is_not_headed_by_the_handle(tmp_path):
    # "[@annlee](…) made a change to …": the handle is the sentence's subject, not a headline
    # with the rest as its text (the items stay the text of their section's story)
    stories = stories_of(tmp_path, "changes-credited-to-handles.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Tom Berg has asked for help with a buoy driver", "https://forum.quay.example/t/buoy-driver/27912"),
        (
            "A question on tide tables went off topic and ended up discussing moon phases",
            "https://lists.quay.example/2026-March/thread.html#2305",
        ),
        ("How to read an old gauge's log", "https://lists.quay.example/2026-March/thread.html#2304"),
        ("Notable changes", None),
        ("Bug 1834 - the chart shows high water twice when the day is short", "https://bugs.quay.example/1834"),
    ]
    assert "@mia-holm added docs for the harbour chart" in stories[3].body


def test_cards_with_a_badge_in_the_headline_and_a_preview_of_their_text(tmp_path):
    # "<span>blog</span> <a>Headline</a>": the badge is not the headline's; the card's summary
    # line, cut short ("… drifts from..."), previews a paragraph further down: its text once,
    # where it is whole; the page's <title> adds the edition's date, not the site's name
    stories = stories_of(tmp_path, "cards-with-badges-and-previews.html")
    assert [(s.title, s.url, s.byline, s.source) for s in stories] == [
        (
            "TideRx: Debugging a Tide Model Step by Step",
            "https://blog.porthaven.example/tide-model-debugging",
            "Porthaven Harbour Lab",
            "Quay Research Weekly",
        ),
        (
            "Storm Surge Memory: Learning From Past Floods",
            "https://papers.example.org/abs/2603.18743",
            "Ann Lee, Tom Berg, Mia Holm",
            "Quay Research Weekly",
        ),
        (
            "Cheap Buoys, Good Data: Calibrating Low-Cost Wave Sensors",
            "https://papers.example.org/abs/2603.18429",
            "Jo Lund",
            "Quay Research Weekly",
        ),
    ]
    assert stories[0].teaser.startswith("A method for finding where a tide model goes wrong")
    assert not any("..." in s.body for s in stories)


def test_an_address_written_after_a_colon_is_the_items_link_and_a_list_of_changes_has_none(tmp_path):
    # "… on your harbour site: https://…" ends its sentence with the story's address; under
    # "Notable changes", each change's "([#2134](…))" is that change's, not the section's link
    stories = stories_of(tmp_path, "news-items-with-written-addresses.md")
    assert [(s.title, s.url) for s in stories] == [
        ("News", "https://github.example/annlee/quaykit-linkcheck"),
        ("Notable changes", None),
    ]
    assert "Jo Lund fixed the wave-height pattern for old buoys" in stories[1].body


def test_entries_a_text_browser_saved_lose_the_credit_its_link_marker_ran_over(tmp_path):
    # lynx marks where a link starts, not where it ends: "[1]Night ferry returns…, Tidewater
    # Times, 2 Dec 2026"; the headline is the words before who published it and when, and a
    # kind before the marker ("VIDEO: [3]…") is the list's tag, as "[video]" is
    linked = [(s.title, s.url) for s in stories_of(tmp_path, "credited-entries-saved-by-lynx.txt") if s.url]
    assert linked == [
        ("Night ferry returns for the winter", "https://tidewater.example/night-ferry"),
        ("The gull census in numbers", "https://annlee.example.org/gull-census"),
        ("Rebuilding the north slipway", "https://video.example.com/watch/slipway"),
        ("Rowing club elects a new captain", "https://rowing.example/news/new-captain"),
        ("Winter sailing courses are full", "https://sailing.example.org/winter-courses"),
    ]


def test_tagged_links_under_the_last_label_are_stories_not_dropped(tmp_path):
    # "[video] [Headline](…)": the tag is the list's; the label is a call to watch, and its items
    # are still headline-only stories, not "between stories"
    stories = stories_of(tmp_path, "tagged-links-under-a-last-label.md")
    assert [(s.title, s.url) for s in stories][2:] == [
        ("Splicing a three-strand eye", "https://video.example.com/watch?v=splice"),
        ("Tides, charts and Jo Lund", "https://radio.example.com/jo-lund"),
    ]


def test_a_sites_menu_under_a_label_is_not_news_but_a_list_of_releases_is(tmp_path):
    # a page saved by a text browser: "Navigate" over short links near one site's root (its
    # subdomains and "www." the same site) is the site's menu; "Releases" over short links deep
    # into another site are the issue's headline-only stories
    stories = stories_of(tmp_path, "menus-around-a-release-list-saved-by-w3m.txt")
    assert [(s.title, s.url) for s in stories] == [
        ("Quay Weekly, issue 48", None),
        ("quaykit 0.6.0", "https://code.example/quay/quaykit/releases/tag/0.6.0"),
        ("tidecal 1.2.1", "https://code.example/quay/tidecal/releases/tag/1.2.1"),
        ("quaymap 0.3.0", "https://code.example/quay/quaymap/releases/tag/0.3.0"),
        ("tideline 2.0.0", "https://code.example/quay/tideline/releases/tag/2.0.0"),
    ]
    dropped = dict(report_of(tmp_path, "menus-around-a-release-list-saved-by-w3m.txt").dropped)
    assert "menu" in dropped["Videos"]


def test_an_article_page_saved_as_text_is_its_article_under_its_headline(tmp_path):
    # a page a text browser saved: a menu and a breadcrumb, the headline, its dek, a byline,
    # share lines, a picture's credit, paragraphs with a sub-heading and a "Read more" line
    # between them, then "Most read" and the footer's links: one story, the article, linked to
    # the page's own address (the breadcrumb's link on the headline's words)
    report = report_of(tmp_path, "article-page-saved-by-w3m.txt")
    [story] = report.stories
    assert (story.title, story.url) == (
        "Night ferry returns for the winter",
        "https://porthaven-echo.example/harbour/night-ferry",
    )
    # its dek is a sentence; the byline under it is still the article's
    assert (story.byline, story.published) == ("Ann Lee", dt.date(2026, 12, 2))
    assert "half past ten each night" in story.body and "evening trade would pick up" in story.body
    assert "Gull census" not in story.body and "Share on Mastodon" not in story.body
    furniture = {text for text, reason in report.dropped if "furniture" in reason}
    assert {"Gull census counts fewer pairs", "Rowing club elects a captain", "Weather"} <= furniture


def test_a_long_linked_heading_among_headlines_is_a_story_of_its_own(tmp_path):
    # "### [owner/project — The largest collection of … and more](…)": a heading of 43 words that
    # is all one link names the page it links to; before, it was glued into the story above it
    stories = stories_of(tmp_path, "long-linked-heading-among-headlines.md")
    assert [s.url for s in stories] == [
        "https://quay.example/tools/tidecal",
        "https://quay.example/tools/quaymap",
        "https://quay.example/tools/tideline",
        "https://quay.example/tools/ferry",
    ]
    assert stories[1].title.startswith("quaykit/quaymap — The largest collection of harbour charts")
    assert stories[1].teaser.startswith("The chart collection is trending again")
    assert "chart collection" not in stories[0].body


def test_linked_items_with_short_descriptions_and_a_labels_one_item(tmp_path):
    # "* [tidecal](…). Tide tables offline.": the full stop closes the headline, the short phrase
    # after it is its description (before, such items were glued to a neighbour or dropped); and
    # "# Breaking changes" over one such item is its section, the item's link the headline
    stories = stories_of(tmp_path, "linked-items-with-short-descriptions.md")
    assert [(s.title, s.url) for s in stories] == [
        ("tidecal", "https://quay.example/tools/tidecal"),
        ("quaymap", "https://quay.example/tools/quaymap"),
        ("berth-watch", "https://quay.example/tools/berth-watch"),
        ("quaykit", "https://quay.example/tools/quaykit"),
        ("The ferry timetable feed drops its old format", "https://quay.example/tools/ferry-feed/12"),
        ("The crane booking form remembers your boat", "https://quay.example/tools/cranes/40"),
        ("The tide gauge page loads twice as fast", "https://quay.example/tools/gauge/41"),
    ]
    assert stories[0].teaser == "Tide tables offline."
    assert stories[4].teaser.startswith("Nobody has read it since the spring")


def test_a_linked_sentence_in_a_page_saved_as_text_is_text_not_a_headline(tmp_path):
    # w3m's "[3]@annlee is calling for helpers to … tables!": the marker says where a link
    # starts, not where it ends; a sentence that long is the story's text (before, it read as one
    # more linked headline and the first story vanished into the masthead)
    stories = stories_of(tmp_path, "linked-sentences-under-linked-titles-saved-by-w3m.txt")
    assert [s.title for s in stories] == [
        "tidecal: testers wanted!",
        "Reading the berth plan before you moor",
        "quaymap 2.0",
        "berth-watch",
    ]
    assert stories[0].teaser.startswith("@annlee is calling for helpers")


def test_quoted_titles_by_their_writers(tmp_path):
    # a roundup's "“Mooring stern-to in a crosswind” by Tom Berg": the title is the quotation, the
    # name after "by" its byline (before, both were the title and the story had no byline)
    stories = stories_of(tmp_path, "quoted-titles-by-writers.txt")
    assert [(s.title, s.byline) for s in stories] == [
        ("What makes a harbour a good one?", "Ann Lee"),
        ("Mooring stern-to in a crosswind", "Tom Berg"),
        ("Why the late ferry came back", "Jo Lund"),
    ]


def test_a_message_saved_from_a_list_archive_is_read_as_a_message(tmp_path):
    # a list archive's page saved as text: "[Quay-talk] Subject" over "Ann Lee ann at quay.example"
    # over its date: the subject without the list's tag, the sender's name, the date
    [story] = stories_of(tmp_path, "list-archive-message-saved-as-text.txt")
    assert (story.title, story.byline, story.published) == (
        "Winter timetable for the late ferry",
        "Ann Lee",
        dt.date(2026, 12, 2),
    )
    assert story.teaser.startswith("The harbour office has agreed the winter timetable")
    assert "scrubbed" not in story.body


@pytest.mark.parametrize(
    "head",
    [
        # a newsletter naming its editor under the masthead, with no date under that: not a message
        "Quay Weekly\n\nAnn Lee ann at quay.example\nEditor of the week\n\nThe late ferry runs again.",
        # a date first, then a name: not the order of an archive's head
        "Quay Weekly\n\nWed Dec  2 09:14:11 UTC 2026\nAnn Lee ann at quay.example\n\nThe late ferry runs again.",
    ],
)
def test_other_heads_are_not_taken_for_an_archived_message(head):
    from digest.structure.messages import archived_message_head

    lines = head.split("\n")
    assert archived_message_head(lines) == lines


def test_a_list_digests_footer_is_not_its_last_message(tmp_path):
    # after the last message's "------" separator: the list's name, its address and "End of …
    # Digest" are the digest's own footer (before, they were the last message's text and link)
    stories = stories_of(tmp_path, "list-digest-with-its-footer.txt")
    assert [(s.title, s.byline) for s in stories] == [
        ("Winter timetable for the late ferry", "Ann Lee"),
        ("Crane booking on Saturdays", "Tom Berg"),
        ("Lost: a blue dinghy oar near pontoon C", "Mia Holm"),
    ]
    assert stories[2].url is None
    assert "End of Quay-talk Digest" not in stories[2].body
    dropped = dict(report_of(tmp_path, "list-digest-with-its-footer.txt").dropped)
    assert dropped["End of Quay-talk Digest, Vol 12, Issue 3"] == "after the last message (the digest's own footer)"


def test_a_few_labels_over_described_links_are_its_stories(tmp_path):
    # "# New RFCs" over "* [Berth bounds](…). This fixes…" and "# Upcoming Events" over linked
    # events and a closing note: too few entries to repeat as records, but each label over links
    # (described or not) is a repeated record; the note after the list is the label's, not the
    # last event's text (before, the whole issue came out as one story)
    stories = stories_of(tmp_path, "few-labels-over-described-links.md")
    assert [(s.title, s.url) for s in stories] == [
        ("Adjust default berth bounds", "https://quay.example/rfcs/1156"),
        ("Expand the harbour::net module", "https://quay.example/rfcs/1158"),
        ("6/17. Porthaven", "http://www.example.com/porthaven/events/223045701/"),
        ("6/17. Quay Bay", "http://www.example.com/quay-bay/events/222656434/"),
        ("6/24. Tideline Society", "http://www.example.com/tideline/"),
        ("6/29. Harbour Point", "http://www.example.com/harbour-point/events/222811456/"),
    ]
    assert stories[0].teaser.startswith("This fixes some odd rules")
    assert stories[-1].teaser == ""


def test_an_issue_of_one_story_is_titled_by_its_headline_not_the_newsletters_name(tmp_path):
    # "# Harbour Tech Pulse — 2026-11-30" over one "### [Headline](…)" with its text: the one
    # story is the headline's, with its link (before: titled by the issue's name, no link)
    [story] = stories_of(tmp_path, "one-story-issue-under-a-dated-name.md")
    assert (story.title, story.url) == (
        "tidecal 2.0 keeps a year of tide tables offline",
        "https://quay.example/tools/tidecal",
    )
    assert story.teaser.startswith("The tide-table app now keeps a year of tables")
