"""Stories: titles, bylines, dates and teasers read from a document."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from digest.models import Document
from digest.stories import split_into_stories
from digest.stories.offers import MORE_LINK
from digest.stories.runins import runin_title
from digest.stories.teasers import make_teaser, title_from_lead
from digest.structure.blocks import Block, Link
from digest.structure.text import text_blocks


def doc(text: str, **fields) -> Document:
    return Document(name="d.txt", content_hash="h", format="text", text=text, **fields)


def test_headline_byline_and_date_are_read_from_the_head():
    [story] = split_into_stories(
        doc(
            "Telescope finds a frozen world\n\nBy Ana Souza, Science Desk\nPublished: March 4, 2026\n\n"
            "Astronomers found a frozen planet orbiting a nearby star. It is the coldest yet seen.\n"
        )
    )
    assert story.title == "Telescope finds a frozen world"
    assert story.byline == "Ana Souza, Science Desk"
    assert story.published == dt.date(2026, 3, 4)
    assert story.teaser == "Astronomers found a frozen planet orbiting a nearby star. It is the coldest yet seen."


def test_untitled_document_gets_a_title_from_its_lead():
    lead = (
        "Researchers in three countries have quietly built the largest map yet of the ocean floor, "
        "using sound pulses from fishing boats, and the results surprised everyone involved."
    )
    [story] = split_into_stories(doc(lead + "\nSecond paragraph with more detail about the work.\n"))
    assert len(story.title) <= 91
    assert story.title.endswith("…")
    assert lead.startswith(story.title.rstrip("…"))


def test_debris_lines_are_dropped():
    [story] = split_into_stories(
        doc(
            "Battery plant opens\n\nShare this article\n\nA battery plant opened on Monday near the river, officials said.\n\n"
            "Advertisement\n\nSee page 4\n\nPhoto: Jane Doe/Getty\n\nIt will employ two thousand people by next year, the company said.\n"
        )
    )
    for debris in ("Share this article", "Advertisement", "See page 4", "Photo: Jane Doe"):
        assert debris not in story.body


def test_curator_drop_patterns():
    [story] = split_into_stories(
        doc("Title here\n\nReal sentence about the news of the day, said the editor.\n\nPromo: buy our mugs today\n"),
        [r"^promo:"],
    )
    assert "mugs" not in story.body


def paragraphs(text: str) -> list[str]:
    return [b.text for b in text_blocks(text)]


def test_broken_lines_are_mended():
    assert paragraphs(
        "The more advanced and larger-scale\n\ndetector shoulders a greater mission.\n\nheri-\ntage is preserved"
    ) == [
        "The more advanced and larger-scale detector shoulders a greater mission.",
        "heritage is preserved",
    ]
    assert paragraphs("Urban planners are preserving heri-\n\ntage sites across the city.") == [
        "Urban planners are preserving heritage sites across the city."
    ]


def test_lines_that_a_writer_ended_are_not_joined_unless_a_program_wrapped_the_text():
    # a record's lines: a title, its authors, its journal; nothing in the text wrapped
    assert paragraphs(
        "Harbour dredging and seagrass recovery\nMei Lin, Oskar Lund, Ben Carter\n"
        "Journal of Coastal Studies 2026; 41(6): 1053-1070\n"
    ) == [
        "Harbour dredging and seagrass recovery",
        "Mei Lin, Oskar Lund, Ben Carter",
        "Journal of Coastal Studies 2026; 41(6): 1053-1070",
    ]
    # prose wrapped by a program (some line goes on in lower case): a capitalised line goes on too
    wrapped = (
        "The council met on Tuesday to discuss the plan for the new quay, and\n"
        "the harbour master said the work would start in the spring of next\n"
        "Year, when the boats are back on their summer moorings in the bay.\n"
    )
    assert len(paragraphs(wrapped)) == 1
    # a line broken by hand in mid-phrase goes on into the next
    assert (
        len(paragraphs("Is there a club for owners of old wooden dinghies? Especially ones with\nLoch Fyne rigs?")) == 1
    )


def test_numbered_references_become_links_on_the_words_they_mark():
    text = (
        "The council approved the plan[1] on Monday, and the harbour master\nwelcomed it at the meeting.\n\n"
        "[2]Ferry timetable changes from December are on the site.\n\nReferences\n\n"
        "   1. https://example.org/plan\n   2. https://example.org/ferry\n"
    )
    blocks = text_blocks(text)
    assert [b.text for b in blocks] == [
        "The council approved the plan on Monday, and the harbour master welcomed it at the meeting.",
        "Ferry timetable changes from December are on the site.",
    ]
    assert [(k.text, k.url) for b in blocks for k in b.links] == [
        ("The council approved the plan", "https://example.org/plan"),
        ("Ferry timetable changes from December are on the site", "https://example.org/ferry"),
    ]
    # lynx's list: a marker opening its line names the words up to the sentence's end, and the
    # list of addresses may hold an e-mail address
    lynx = (
        "     * [1]Rigging a gaff cutter. A long guide with photographs of\n       every splice.\n"
        "     * [2]Write to the editor\n     * ⚓ [3]Seals are back in the harbour. The count doubled.\n"
        "     * [4]Harbour Blogs | [5]#212 Busy Quays\n\n"
        "References\n\n   1. https://example.org/gaff\n   2. mailto:ed@example.org\n   3. https://example.org/seals\n"
        "   4. https://blogs.example.org/\n   5. https://week.example.org/212\n"
        "   6. file:///tmp/page.html#contents\n"  # (a link inside the page, as lynx lists it: no story's)
    )
    blocks = text_blocks(lynx)
    assert sorted((k.text, k.url) for b in blocks for k in b.links) == [
        ("#212 Busy Quays", "https://week.example.org/212"),  # (a marker before "#" marks what follows)
        ("Harbour Blogs", "https://blogs.example.org/"),  # (up to the next marker)
        ("Rigging a gaff cutter", "https://example.org/gaff"),
        ("Seals are back in the harbour", "https://example.org/seals"),  # (after the item's emoji)
        ("Write to the editor", "mailto:ed@example.org"),
    ]
    assert blocks[-1].text == "Harbour Blogs | #212 Busy Quays"
    # a numbered list of addresses that nothing marks is the text's own list, kept
    kept = paragraphs("Two links:\n\n1. https://example.org/a\n2. https://example.org/b\n")
    assert "https://example.org/a" in " ".join(kept) and "https://example.org/b" in " ".join(kept)


def test_a_list_item_over_its_indented_address_is_linked_by_its_words():
    # "* Headline" with its address on the next line, indented under the item's words (a text
    # browser's rendering of a link list, a hand-written one): the address is the item's link
    text = (
        "     * Mooring in a strong wind: a five-minute guide\n"
        "       https://video.example.org/watch?v=moor5 - 2026-03-04\n"
        "     * What the harbour master does all day\n"
        "       https://video.example.org/watch?v=master1\n"
    )
    assert [(b.kind, b.text, [(k.text, k.url) for k in b.links]) for b in text_blocks(text)] == [
        (
            "item",
            "Mooring in a strong wind: a five-minute guide - 2026-03-04",
            [("Mooring in a strong wind: a five-minute guide", "https://video.example.org/watch?v=moor5")],
        ),
        (
            "item",
            "What the harbour master does all day",
            [("What the harbour master does all day", "https://video.example.org/watch?v=master1")],
        ),
    ]


def test_an_e_mail_tools_heading_wrapped_over_two_lines_is_one_heading_with_its_link():
    # "** Heading" over a rule, wrapped by the mail tool: the heading's words go on onto the next
    # line, or its address does; either way the rule underlines the whole heading
    text = (
        "** Poll results: do you help friends and family with their harbour\n"
        "permits?\n------------------------------------------------------------\n\n"
        "** Lifeboat crew trains through the winter in the outer harbour\n"
        "(https://porthaven.example/news/lifeboat)\n------------------------------------------------------------\n"
    )
    assert [(b.kind, b.text, [k.url for k in b.links]) for b in text_blocks(text)] == [
        ("heading", "Poll results: do you help friends and family with their harbour permits?", []),
        (
            "heading",
            "Lifeboat crew trains through the winter in the outer harbour",
            ["https://porthaven.example/news/lifeboat"],
        ),
    ]


def test_a_text_parts_link_through_a_click_tracker_is_named_by_its_words():
    # "1. tidecal (https://tracker/?target=https://…)": the link leads where the tracker sends
    # its reader, and the words before its address still name it
    tracked = "https://click.example.com/t/?target=https://code.example.org/tidecal"
    [block] = text_blocks(f"1. tidecal ({tracked}): tide tables for every pier, on a phone or on paper.\n")
    assert [(k.text, k.url) for k in block.links] == [("tidecal", "https://code.example.org/tidecal")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["tide", "Quay", "ferry,", "boats.", "[1]", "[2]", "(7)", "harbour"]), min_size=1, max_size=25
    )
)
def test_reference_markers_are_taken_out_and_no_word_is_lost(words):
    line = " ".join(words)
    blocks = text_blocks(f"{line}\n\n[1] https://example.org/one\n[2] https://example.org/two\n")
    kept = " ".join(b.text for b in blocks).split()
    marked = {"[1]", "[2]"} & set(words)
    expected = [w for w in words if not (marked and w in ("[1]", "[2]"))]
    if marked:
        assert kept == expected
        assert {k.url for b in blocks for k in b.links} == {
            f"https://example.org/{n}" for n in ("one", "two") if f"[{1 if n == 'one' else 2}]" in marked
        }
    else:  # nothing marks the list: it is text
        assert "https://example.org/one" in kept


def test_every_line_a_post_writer_wrote_is_in_the_story():
    [story] = split_into_stories(
        doc(
            "From: ann@example.org (Ann Lee)\nSubject: Tide clock for sale\nDate: Mon, 5 Apr 1993 10:00:00 GMT\n\n"
            "Brass tide clock from a harbour office, keeps good time and chimes on the hour.\n"
            "Only 5 years old, hardly used.\n\nMake an offer.\n"
        )
    )
    assert "hardly used" in story.body and "Make an offer." in story.body


sentence = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda"]),
    min_size=3,
    max_size=30,
).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=20))
def test_teaser_is_whole_sentences_of_the_lead_and_short(sentences):
    body = " ".join(sentences)
    teaser = make_teaser(body)
    assert len(teaser.split()) <= 75
    if teaser.endswith("…"):
        assert body.startswith(teaser[:-1].rstrip())
        assert len(sentences[0].split()) > 60, "a cut happens only when the first sentence alone is too long"
    else:
        assert body.startswith(teaser), "a teaser is the lead's first whole sentences"
        assert teaser.endswith(".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=5))
def test_title_from_lead_never_cuts_a_word(sentences):
    body = " ".join(sentences)
    title = title_from_lead(body)
    assert len(title) <= 91
    words = set(re.findall(r"\w+", body))
    assert all(w in words for w in re.findall(r"\w+", title))


# --- documents of other layouts, made for this repository (tests/fixtures) ---

from conftest import FIXTURES  # noqa: E402

from digest.readers import read_document  # noqa: E402
from digest.readers.inbox import scan_inbox  # noqa: E402


def fixture_stories(name: str):
    files = scan_inbox(FIXTURES).files
    (file,) = [f for f in files if f.name == name]
    return split_into_stories(read_document(file))


def test_email_newsletter_is_cut_at_its_headings_without_sponsor_or_footer():
    stories = fixture_stories("newsletter.eml")
    assert [s.title for s in stories] == [
        "Heavy rocket flies its first cargo to a lunar gateway module",
        "Weather satellite returns its first images of a hurricane season",
        "Student team lands a sounding rocket payload with a parafoil",
    ]
    assert {s.source for s in stories} == {"The Orbit Letter"}
    assert {s.published for s in stories} == {dt.date(2026, 11, 20)}
    text = "\n".join(s.body for s in stories)
    for debris in ("StarTrack", "View this email", "Unsubscribe", "Photo: Weather Agency", "Good morning"):
        assert debris not in text


def test_saved_page_keeps_the_article_and_leaves_comments_and_related_links():
    [story] = fixture_stories("page-with-comments.html")
    assert story.title == "Deep-sea robot maps a hydrothermal vent field in a single dive"
    assert (story.source, story.byline, story.published) == ("Ocean Tech Review", "Lena Okafor", dt.date(2026, 10, 28))
    for debris in ("deepdiver77", "Mining should be banned", "snorkels", "Share on", "Log in"):
        assert debris not in story.body


def test_press_release_loses_its_furniture_and_dateline():
    [story] = fixture_stories("press-release.txt")
    assert story.title == "Helio Grid Systems Opens Pilot Plant for Iron-Air Grid Batteries"
    assert story.published == dt.date(2026, 10, 14)
    assert story.teaser.startswith("Helio Grid Systems today opened a pilot plant")
    for debris in (
        "FOR IMMEDIATE RELEASE",
        "About Helio",
        "Media contact",
        "press@heliogrid",
        "###",
        "backed by several venture funds",
    ):
        assert debris not in story.body


def test_a_long_article_with_sub_headings_stays_one_story():
    text = "# Why the grid needs storage\n\n" + "\n\n".join(
        f"## Part {n}\n\n" + "Utilities are adding batteries to keep the lights on when the wind drops. " * 6
        for n in range(1, 5)
    )
    [story] = split_into_stories(doc(text))
    assert story.title == "Why the grid needs storage"
    assert story.body.count("## Part") == 4


def test_markdown_roundup_is_cut_at_story_headings():
    text = "# Weekly roundup\n\n" + "\n\n".join(
        f"## Researchers report finding number {n} in the lab this week\n\n"
        + f"Scientists announced result {n} on Monday after years of careful work in the laboratory. " * 4
        for n in range(1, 4)
    )
    stories = split_into_stories(doc(text))
    assert [s.title for s in stories] == [
        f"Researchers report finding number {n} in the lab this week" for n in range(1, 4)
    ]


def markdown_stories(tmp_path, text: str) -> list:
    (tmp_path / "issue.md").write_text(text, encoding="utf-8")
    [file] = scan_inbox(tmp_path).files
    return split_into_stories(read_document(file))


def test_bold_run_in_heads_are_titles_however_they_end(tmp_path):
    # "**Title.** --By …" and "**A Title** The text…": the head ends with a full stop, or a new
    # sentence starts right after it; each paragraph is its own story
    text = "# Reviews\n\n" + "\n\n".join(
        [
            "**Tuning the garden shed heater.** --By Ann Lee. The old heater ran hot all winter and "
            "the thermostat never settled. A new valve fixed it in an afternoon.",
            "**A field guide to backyard compost** Mark Ruiz explains how a pile of leaves becomes "
            "soil in a season. He turns his twice a week and keeps it damp.",
            "**Counting bees on a city balcony** Priya Das spent a summer counting visitors to her "
            "tomato plants. The bees came at dawn and left by noon.",
        ]
    )
    stories = markdown_stories(tmp_path, text)
    assert [s.title for s in stories] == [
        "Tuning the garden shed heater",
        "A field guide to backyard compost",
        "Counting bees on a city balcony",
    ]


def test_a_bold_name_opening_its_sentence_is_not_a_headline(tmp_path):
    text = (
        "**Harbour Weekly** is a blog about the port and its boats, written by the harbour master "
        "and two volunteers. It comes out every Friday.\n\n"
        "**Harbour Weekly** runs on donations from readers and local shops, and it has never missed "
        "an issue since it started.\n"
    )
    [story] = markdown_stories(tmp_path, text)
    assert "Harbour Weekly is a blog" in story.body


def test_a_story_that_mentions_a_subscription_is_not_a_footer(tmp_path):
    text = "\n\n".join(
        [
            "## Timer fix ships in the web server",
            "The server runs an idle timer that closes quiet connections. Under pressure, the timer's "
            "event subscription could fail, and the timer was silently cancelled. The timer now re-arms "
            "itself after a subscription failure, using the duration you configured, until one sticks.",
            "## New release of the parser",
            "The parser now reads nested tables and reports the line of every error it finds.",
            "## Thanks",
            "Thank you for subscribing to the weekly notes. You can change your preferences at any time.",
        ]
    )
    stories = markdown_stories(tmp_path, text)
    assert [s.title for s in stories][:2] == ["Timer fix ships in the web server", "New release of the parser"]
    assert "re-arms itself" in stories[0].body


def test_a_headline_that_starts_with_an_appeal_word_is_still_a_story(tmp_path):
    # "Donations…", "Subscribers…", "Contributor…" open news headlines too; only the appeal
    # itself ("Donate", "Subscribe to…", "Contributions welcome") heads a note to readers
    news = [
        ("Donations pour in after the library fire", "Residents gave books and money within a day of the fire."),
        ("Subscribers surge at the streaming service", "The service added two million members in the quarter."),
        ("Contributor Blog", "A new series visits the volunteers who organise community days in each city."),
    ]
    text = "\n\n".join(f"## {title}\n\n{body}" for title, body in news)
    text += "\n\n## Donate today\n\nKeep this newsletter free: your gift pays for our hosting."
    stories = markdown_stories(tmp_path, text)
    assert [s.title for s in stories] == [title for title, _ in news]


def test_under_a_label_heading_a_story_about_a_linked_thing_is_titled_by_the_link(tmp_path):
    # "## Contributor Blog" over "[Harbour Lights](…) is a new series…": the story is about the
    # series; the heading is only where it sits. A link that is not the subject keeps the heading.
    text = "\n\n".join(
        [
            "## Developer News",
            "The steering committee met on Wednesday and answered questions from the candidates.",
            "## Contributor Blog",
            "[Harbour Lights Tour](https://blog.example/harbour-lights) is a new series that visits the "
            "volunteers who organise community days, starting with the organisers in Lisbon.",
            "## Release Notes",
            "[Version 2.4](https://example.org/2.4) of the parser reads nested tables and reports every error.",
        ]
    )
    stories = markdown_stories(tmp_path, text)
    assert [(s.title, s.url) for s in stories] == [
        ("Developer News", None),
        ("Harbour Lights Tour", "https://blog.example/harbour-lights"),
        ("Release Notes", None),
    ]


def test_a_link_list_item_keeps_its_headline_link_when_its_text_has_other_links(tmp_path):
    # "- [Tool](url), by Ann: a long description with [other](links)": the story's link is the
    # headline's, however little of the item the headline is
    items = [
        ("Tidewater", "https://tools.example/tidewater", "tide tables for every harbour on the coast"),
        ("Lanternfish", "https://tools.example/lanternfish", "a reader for deep-sea survey files"),
        ("Quayside", "https://tools.example/quayside", "maps of moorings and the boats that use them"),
    ]
    text = "## New tools\n\n" + "\n\n".join(
        f"-   [{name}]({url}), developed by Ann Lee: {what}, with plots and summaries for each season of "
        f"records. It was [reviewed](https://review.example/{n}) by two volunteers and [released]"
        f"(https://releases.example/{n}) last week."
        for n, (name, url, what) in enumerate(items)
    )
    stories = markdown_stories(tmp_path, text)
    assert [(s.title, s.url) for s in stories] == [(name, url) for name, url, _ in items]


def test_a_heading_without_a_link_points_where_its_story_links_the_headline(tmp_path):
    text = "\n\n".join(
        [
            "## harbour/tides",
            "Ann put out the first release of [harbour/tides](https://code.example/harbour/tides), a "
            "library of tide tables, and [Bo](https://people.example/bo) reviewed it in a week.",
            "## Meeting notes",
            "The [steering group](https://example.org/group) met on Friday and agreed the schedule.",
        ]
    )
    stories = markdown_stories(tmp_path, text)
    assert [(s.title, s.url) for s in stories] == [
        ("harbour/tides", "https://code.example/harbour/tides"),
        ("Meeting notes", None),
    ]


def test_catalogue_entries_are_not_stories_but_described_link_items_are(tmp_path):
    # "[name](url), Its Full Title In Title Case. Submitted by Ann." names a thing (a package in a
    # review queue, a product in a list): no sentence says anything about it
    queue = "\n\n".join(
        f"    -   [{name}](https://review.example/{n}), {tagline}. Submitted by [{who}](https://people.example/{n})."
        for n, (name, tagline, who) in enumerate(
            [
                ("tidewater", "Tide Tables for Every Harbour on the Coast", "Ann Lee"),
                ("lanternfish", "Readers and Writers for Deep Sea Survey Files", "Bo Chen"),
                ("quayside", "Maps of Moorings and the Boats That Use Them", "Cy Diaz"),
            ]
        )
    )
    text = "\n\n".join(
        [
            "## New tools",
            "-   [Ferryman](https://tools.example/ferryman), by Dee Ellis: timetables for the island "
            "ferries, updated every night from the operators' feeds.",
            "-   [Beacon](https://tools.example/beacon), by Eve Fox: warns a harbour master when a "
            "mooring buoy drifts out of place.",
            "## Review queue",
            "There are three tools waiting for a reviewer this month.",
            "-   Three at 'awaiting review':",
            queue,
        ]
    )
    stories = {s.title: s for s in markdown_stories(tmp_path, text)}
    assert not {"tidewater", "lanternfish", "quayside"} & set(stories)
    # "[Ferryman](…), by Dee Ellis: timetables…": the credit is the byline, the rest the story
    assert (stories["Ferryman"].byline, stories["Beacon"].byline) == ("Dee Ellis", "Eve Fox")
    assert stories["Ferryman"].teaser.startswith("timetables for the island ferries")


def test_a_search_term_in_bold_inside_a_linked_headline_does_not_cut_the_headline(tmp_path):
    # alert e-mails set the searched word in bold inside each headline's link
    items = [
        (
            "Harbour: Ferry service resumes after the storm",
            "The ferry to the islands runs again from Monday, the port said.",
        ),
        (
            "Council votes to rebuild the Harbour wall",
            "The vote was unanimous and work starts in the spring, the mayor said.",
        ),
        ("More Harbour lights, please", "A local blogger asks for brighter lamps along the quay at night."),
    ]
    html = "".join(
        f'<p><a href="https://example.org/{n}">{title.replace("Harbour", "<b>Harbour</b>")}</a></p>'
        f'<p><font color="#666666">Example Gazette</font></p><p>{text}</p>'
        for n, (title, text) in enumerate(items)
    )
    (tmp_path / "alert.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    [file] = scan_inbox(tmp_path).files
    stories = split_into_stories(read_document(file))
    assert [s.title for s in stories] == [title for title, _ in items]


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("Read more", True),
        ("More »", True),
        ("More on this story", True),
        ("More headlines", True),
        ("Continue reading", True),
        ("More Harbour lights, please", False),
        ("More rain expected on the coast", False),
    ],
)
def test_more_links_are_told_from_headlines_that_start_with_more(text, more):
    assert bool(MORE_LINK.match(text)) is more


# --- property: splitting never loses a story's own sentences ---

_words_st = st.lists(
    st.sampled_from(
        [
            "river",
            "stone",
            "energy",
            "rocket",
            "signal",
            "harbour",
            "lantern",
            "quartz",
            "meadow",
            "engine",
            "orbit",
            "copper",
        ]
    ),
    min_size=7,
    max_size=18,
)
_sentence_st = _words_st.map(lambda words: " ".join(words).capitalize() + ".")
_story_st = st.tuples(
    st.lists(
        st.sampled_from(["Harbour", "lights", "Copper", "engines", "River", "signals", "Quartz", "orbit"]),
        min_size=5,
        max_size=9,
    )
    .map(" ".join)
    .map(lambda title: title[0].upper() + title[1:]),
    # a story worth the name: at least two paragraphs of at least two sentences
    st.lists(st.lists(_sentence_st, min_size=2, max_size=3).map(" ".join), min_size=2, max_size=4),
)
_debris_st = st.sampled_from(
    ["Share this article", "Advertisement", "See page 3", "Registered Member", "Photo: Getty Images"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_story_st, st.lists(_debris_st, max_size=2)), min_size=1, max_size=4),
    st.sampled_from(["## ", ""]),
)
def test_splitting_never_loses_a_sentence(stories, heading):
    counter = iter(range(10_000))
    # every sentence different, as in real text (identical consecutive lines are debris)
    stories = [
        ((title, [re.sub(r"\.", lambda _: f" number{next(counter)}.", p) for p in paragraphs_]), debris)
        for (title, paragraphs_), debris in stories
    ]
    parts = []
    for (title, paragraphs_), debris in stories:
        parts.append(heading + title)
        parts.extend(paragraphs_)
        parts.extend(debris)
    split = split_into_stories(doc("\n\n".join(parts)))
    kept = " ".join(" ".join([s.title, s.body]) for s in split)
    kept = " ".join(kept.split())
    for (_, paragraphs_), _ in stories:
        for paragraph in paragraphs_:
            for sentence in re.findall(r"[^.]+\.", paragraph):
                assert sentence.strip() in kept


@pytest.mark.parametrize(
    "headline",
    [
        "Kenya trip",
        "Profile: Gordon Brown",
        "iTunes now selling Band Aid song",
        "£1.8m indecency fine for Viacom",
        "Rivals of the £400 Apple...",
    ],
)
def test_headlines_of_every_shape_are_titles(headline):
    [story] = split_into_stories(
        doc(f"{headline}\n\nThe first paragraph of the story tells what happened this week, in a whole sentence.\n")
    )
    assert story.title == headline


def test_html_entities_in_clipped_text_are_decoded(tmp_path):
    path = tmp_path / "clip.txt"
    path.write_text(
        "&#163;5m prize &amp; medal for chemists\n\nThe prize was shared by three chemists, the academy said on Monday.\n"
    )
    files = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(files[0]))
    assert story.title == "£5m prize & medal for chemists"


# --- property: nothing a document holds is lost without a word ---

_line_st = st.one_of(
    _sentence_st,  # prose
    st.lists(
        st.sampled_from(["Harbour", "Lights", "Copper", "River", "Signals", "Quartz"]), min_size=2, max_size=6
    ).map(" ".join),  # a short title-like line
    _debris_st,
    st.sampled_from(["Read more", "Photo: Jane Doe", "See page 4", "Subscribe now", "- Copper orbit"]),
)


@settings(max_examples=int(__import__("os").environ.get("DIGEST_PROPERTY_EXAMPLES", 80)), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "## ", "**"]), _line_st), min_size=1, max_size=25))
@example(  # a short title line's "entry" once kept its first line and lost the lines after it
    lines=[
        ("", "Share this article"),
        ("", "Harbour Harbour Harbour Harbour Harbour"),
        ("", "Harbour Harbour Harbour"),
        ("", "Harbour Harbour"),
        ("", "Harbour Lights"),
        ("", "Harbour Harbour Harbour Harbour"),
        ("", "River river river river river river river."),
        ("", "Registered Member"),
    ]
)
def test_every_line_is_in_a_story_or_accounted_for(lines):
    """Everything a document held is in a story, or in explain's lists of removed lines and of
    what is not a story, each with its reason."""
    from digest.stories import explain_split

    counter = iter(range(10_000))
    text_lines = []
    for mark, line in lines:
        line = line.replace(".", f" item{next(counter)}.") if line.endswith(".") else line
        text_lines.append(f"{mark}{line}**" if mark == "**" else f"{mark}{line}")
    report = explain_split(doc("\n\n".join(text_lines)))
    kept = " ".join(" ".join([s.title, s.body]) for s in report.stories)
    accounted = kept + " " + " ".join(r.line for r in report.removed) + " " + " ".join(t for t, _ in report.dropped)
    accounted = " ".join(accounted.replace("*", "").split())
    for line in text_lines:
        words = " ".join(line.replace("*", "").lstrip("#- ").split())
        assert words in accounted, f"{words!r} vanished"


def test_a_forwarded_newsletter_comes_out_as_its_stories_with_their_links_and_source():
    """Forwarded from a mail client: the forwarder's note and the forward's header block are not
    stories; the HTML part's headlines are; each story keeps its own Read more link; the source
    is the newsletter, not the person who forwarded it."""
    stories = fixture_stories("forwarded-newsletter.eml")
    assert [(s.title, s.url) for s in stories] == [
        ("Kelp forests return to a bay stripped by urchins", "https://tideline.example/42/kelp-forests"),
        ("A tide gauge in service since 1880 gets a satellite twin", "https://tideline.example/42/tide-gauge"),
        ("Whale census counts more humpbacks than any year on record", "https://tideline.example/42/whale-census"),
    ]
    assert {s.source for s in stories} == {"The Tide Line"}
    assert {s.published for s in stories} == {dt.date(2026, 11, 13)}
    everything = " ".join(s.title + " " + s.body for s in stories)
    for debris in (
        "Maria",
        "Forwarded message",
        "Good morning",
        "receiving this email",
        "Unsubscribe",
        "View this email",
    ):
        assert debris not in everything


def test_a_post_saved_as_text_is_one_story_under_its_subject(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(
        "From: ann@example.org (Ann Lee)\nSubject: Re: Which winter tyres for a small car?\n"
        "Organization: Example University\nLines: 9\n\n"
        "In article <1@example.org> bob@example.org (Bob) writes:\n>Any advice on winter tyres?\n\n"
        "I have run studless winter tyres on a small hatchback for three winters and they grip well\n"
        "on packed snow. Buy them in October, before the shops run out.\n\n-- \nAnn Lee   +1 555 0100\n"
    )
    files = scan_inbox(tmp_path).files
    [story] = split_into_stories(read_document(files[0]))
    assert story.title == "Which winter tyres for a small car?"
    assert story.byline == "Ann Lee"
    assert story.teaser.startswith("I have run studless winter tyres")
    for other in ("writes:", "Any advice", "555 0100", "Organization", "Lines:"):
        assert other not in story.body


@pytest.mark.parametrize(
    ("welcome", "source"),
    [
        ("Welcome to issue 2 of This Week on the Quay! News from the harbour team.", "This Week on the Quay"),
        ("Hello sailors! Welcome to the fifteenth issue of Quay Notes! Much to tell.", "Quay Notes"),
        ("Welcome to the Harbour Digest, the week's news from the quay and the town.", "Harbour Digest"),
        ("Welcome to London! The city greets its visitors with rain again.", None),
        ("Welcome to another week of news from the harbour and its people.", None),
    ],
)
def test_a_welcome_in_the_masthead_names_the_newsletter_only_when_it_says_it_is_one(welcome, source):
    from digest.stories.heads import Facts, masthead_facts
    from digest.structure.blocks import Block

    assert masthead_facts(Facts(), [Block(kind="paragraph", text=welcome)]).source == source


@pytest.mark.parametrize(
    ("masthead", "source"),
    [
        ("This Week on the Quay 89", "This Week on the Quay"),  # the issue's number
        ("The Quay Daily Top 10", "The Quay Daily Top 10"),  # part of the name
        ("Channel 4 Harbour News", "Channel 4 Harbour News"),
    ],
)
def test_a_mastheads_trailing_number_is_the_issue_unless_it_is_part_of_the_name(masthead, source):
    from digest.stories.heads import Facts, masthead_facts
    from digest.structure.blocks import Block

    assert masthead_facts(Facts(), [Block(kind="heading", level=1, text=masthead)]).source == source


@pytest.mark.parametrize(
    ("paragraph", "head"),
    [
        # an em dash before the teaser's question: the head is the headline, lower case or not
        (
            "Harbour and Wind: the ferry needs a new engine—can the yard fit one in a week? read more...",
            "Harbour and Wind: the ferry needs a new engine",
        ),
        # a dash typed as two hyphens inside one sentence: no head at all
        ("It's not an attachment -- it's stored online at the harbour office. read more...", None),
    ],
)
def test_a_teaser_that_offers_its_link_is_headed_by_the_words_before_its_dash(paragraph, head):
    assert runin_title(Block(kind="paragraph", text=paragraph)) == head


def test_a_linked_entry_followed_by_its_publication_and_date_is_headed_by_its_link():
    # "- [Headline](…), Tidewater Harbour News, 28 Nov 2026": who published it and when, after the link
    item = Block(
        kind="item",
        text="How the new lock gates work, Tidewater Harbour News, 28 Nov 2026",
        links=[Link(text="How the new lock gates work", url="https://news.example/lock-gates")],
    )
    assert runin_title(item) == "How the new lock gates work"
