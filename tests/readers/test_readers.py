"""Readers: every supported format and encoding, and the files that must be quarantined."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import DocumentError
from digest.models import InboxFile
from digest.readers import read_document
from digest.readers.page_meta import page_meta
from digest.support.htmldom import parse_html

ARTICLE = "Quantum chip sets record\n\nA new quantum chip held its state for a second, researchers said on Monday.\n"


def inbox_file(path: Path) -> InboxFile:
    data = path.read_bytes() if path.exists() else b""
    return InboxFile(
        path=path,
        name=path.name,
        content_hash=hashlib.sha256(data).hexdigest(),
        size=len(data),
        modified=dt.datetime.now(dt.UTC),
    )


def read(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(inbox_file(path))


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("utf-8", "Café ünïcode — “quotes”\n\nThe café served ünïcode text to everyone who came in.".encode()),
        (
            "utf-8-sig",
            "Café ünïcode — “quotes”\n\nThe café served ünïcode text to everyone who came in.".encode("utf-8-sig"),
        ),
        ("utf-16", "Café ünïcode — “quotes”\n\nThe café served ünïcode text to everyone who came in.".encode("utf-16")),
        ("cp1252", "Café ünïcode — “quotes”\n\nThe café served ünïcode text to everyone who came in.".encode("cp1252")),
    ],
)
def test_text_encodings_are_read_correctly(tmp_path, encoding, data):
    document = read(tmp_path, f"{encoding}.txt", data)
    assert document.text.startswith("Café ünïcode — “quotes”")
    assert "\ufeff" not in document.text


def test_gb18030_chinese_text(tmp_path):
    text = "量子计算机取得新突破\n\n中国科学家宣布，一台新的量子计算机在特定任务上超过了超级计算机。研究团队表示，这项成果将推动量子技术的发展。"
    document = read(tmp_path, "news.txt", text.encode("gb18030"))
    assert document.text == text


def test_markdown_front_matter(tmp_path):
    data = b"---\ntitle: Qubits\nurl: https://example.org/q\nsource: Q Daily\nauthor: Ann Lee\ndate: 2026-11-02\nsection: quantum\ntags: [x]\n---\n# Heading\n\nSome **bold** and [a link](https://x.example) here.\n"
    document = read(tmp_path, "note.md", data)
    assert (document.title, document.url, document.source, document.byline) == (
        "Qubits",
        "https://example.org/q",
        "Q Daily",
        "Ann Lee",
    )
    assert document.published == dt.date(2026, 11, 2)
    assert document.section == "quantum"
    assert "Some bold and a link here." in document.text
    assert "# Heading" in document.text


def test_markdown_multimarkdown_header(tmp_path):
    data = b"Title: Quay Weekly 12\nDate: 2026-03-09\nAuthors: Jo Marsh,\n  Ann Lee\n\n# Ferries\n\nThe ferry runs again.\n"
    document = read(tmp_path, "issue.md", data)
    # "Authors:" (continued on an indented line) names the writers
    assert (document.title, document.byline, document.published) == (
        "Quay Weekly 12",
        "Jo Marsh, Ann Lee",
        dt.date(2026, 3, 9),
    )
    assert "Title:" not in document.text and "Date:" not in document.text and "Ann Lee" not in document.text


@pytest.mark.parametrize(
    "head",
    [
        b"Note: the ferry runs again.\nAlso: the slipway is open.\n",  # labels, not document keys
        b"Title: Ferries\nThe ferry runs again on Monday.\n",  # a line that is not `Key: value`
        b"Title: Ferries only\n",  # one line is a sentence's worth, not a header
    ],
)
def test_markdown_text_that_only_looks_like_a_header_is_text(tmp_path, head):
    document = read(tmp_path, "note.md", head + b"\nMore text follows here.\n")
    assert document.title is None
    assert head.decode().split("\n")[0] in document.text


def test_markdown_header_date_that_is_no_date_is_ignored(tmp_path):
    document = read(tmp_path, "note.md", b"Title: Ferries\nDate: next spring\n\nThe ferry runs again.\n")
    assert (document.title, document.published) == ("Ferries", None)


def test_markdown_template_tags_of_a_site_generator_are_not_text(tmp_path):
    data = (
        b"## Ferries\n\n{{#> chatlog time='2026'}}\nJo: the ferry runs again\n{{/ chatlog}}\n\n"
        b"{% include promo.html %}\nThe ferry runs again on Monday.\n"
    )
    document = read(tmp_path, "note.md", data)
    assert "{{" not in document.text and "{%" not in document.text
    assert "Jo: the ferry runs again" in document.text and "The ferry runs again on Monday." in document.text


def test_markdown_with_broken_front_matter_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="front matter is not valid YAML"):
        read(tmp_path, "note.md", b"---\ntitle: [oops\n---\nBody text here.\n")


def test_html_page_main_text_and_metadata(tmp_path):
    html = b"""<html><head><title>Rocket reaches orbit | Space Site</title>
    <meta property="og:site_name" content="Space Site"><meta name="author" content="Kim Park">
    <link rel="canonical" href="https://space.example/rocket"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Rocket reaches orbit on first try</h1>
    <p>A new reusable rocket reached orbit on its first attempt on Tuesday, the company said in a statement.</p>
    <p>The booster landed on a barge two hundred kilometres downrange and will fly again next month.</p></article>
    <footer>Copyright 2026</footer></body></html>"""
    document = read(tmp_path, "page.html", html)
    assert document.title == "Rocket reaches orbit on first try"
    assert document.source == "Space Site"
    assert document.url == "https://space.example/rocket"
    assert "reached orbit on its first attempt" in document.text
    assert "Copyright" not in document.text


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ('<span class="byline">By <a href="/people/ann-lee">Ann Lee</a></span>', "Ann Lee"),
        ('<div class="Article-Byline">by Ann Lee and Bo Chen, Science Desk</div>', "Ann Lee"),
        ('<p class="pb-byline">By Ann Lee 14:02 GMT</p>', "Ann Lee"),
        ('<p class="byline-note">Bylines are checked by our editors.</p>', None),
        ('<p class="author">By Ann Lee</p>', None),  # not marked as the byline
    ],
)
def test_a_page_without_author_metadata_has_the_byline_it_prints(byline, name):
    # when neither the metadata nor the article extractor names the author, the byline element
    # does ("By Ann Lee")
    root = parse_html(f"<html><body><article><h1>Rocket reaches orbit</h1>{byline}<p>Text.</p></article></body></html>")
    assert page_meta(root).author() == name


def test_email_uses_subject_sender_date_and_html_part(tmp_path):
    message = EmailMessage()
    message["Subject"] = "Fwd: Telescope spots water on distant moon"
    message["From"] = "Sky Letter <sky@example.org>"
    message["Date"] = "Tue, 03 Nov 2026 10:00:00 +0000"
    message.set_content("plain part")
    message.add_alternative(
        "<html><body><p>The new space telescope found water vapour above the icy moon, astronomers reported.</p><p>It is the first such detection at that distance from the Sun and needs confirmation.</p></body></html>",
        subtype="html",
    )
    document = read(tmp_path, "letter.eml", bytes(message))
    assert document.title == "Telescope spots water on distant moon"
    assert document.source == "Sky Letter"
    assert document.published == dt.date(2026, 11, 3)
    assert "water vapour above the icy moon" in document.text
    assert "plain part" not in document.text


def test_email_text_only(tmp_path):
    message = EmailMessage()
    message["Subject"] = "Note"
    message["From"] = "a@example.org"
    message.set_content("Only text here, a sentence long enough to count as the story body.")
    document = read(tmp_path, "t.eml", bytes(message))
    assert "Only text here" in document.text


def test_emails_sharing_headers_are_each_read_with_their_own(tmp_path):
    """Headers are parsed once and shared between messages (readers/eml.py): two letters
    with the same sender and content type but their own subject, date and charset are each
    read with theirs."""
    read_back = []
    for subject, day, charset, words in [
        ("Harbour wall finished", "01", "utf-8", "Die Kaimauer ist fertig, sagen die Bauleute aus Porthaven."),
        ("Ferry timetable changes", "02", "iso-8859-1", "Le bac change d’horaire à Porthaven dès lundi prochain."),
    ]:
        message = EmailMessage()
        message["Subject"], message["From"] = subject, "Quay Weekly <news@quay.example>"
        message["Date"] = f"Tue, {day} Dec 2026 10:00:00 +0000"
        message.set_content(words.replace("’", "'"), charset=charset)
        read_back.append(read(tmp_path, f"{day}.eml", bytes(message)))
    assert [d.title for d in read_back] == ["Harbour wall finished", "Ferry timetable changes"]
    assert [d.published for d in read_back] == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]
    assert "Kaimauer" in read_back[0].text and "à Porthaven" in read_back[1].text
    assert {d.source for d in read_back} == {"Quay Weekly"}


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"   \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "unsupported file type '.png'"),
        ("noext", b"hello", r"unsupported file type '\(no extension\)'"),
        ("bad.eml", b"\x00\x01\x02", "is not an email"),
    ],
)
def test_unusable_files_raise_a_reason(tmp_path, name, data, reason):
    with pytest.raises(DocumentError, match=reason):
        read(tmp_path, name, data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    subjects=st.lists(
        st.sampled_from(["Ferry news", "Tide tables", "Boathouse keys", "Regatta"]), min_size=1, max_size=4
    ),
    wrapped=st.booleans(),
    forwarded=st.booleans(),
)
def test_attached_messages_are_one_forward_or_a_digest_of_them_all(tmp_path, subjects, wrapped, forwarded):
    # one attached message is a forward (the document is that message); two or more are a digest,
    # each its own message block under its own subject, however deep the MIME tree holds them
    digest = EmailMessage()
    digest["From"], digest["Subject"] = "list-request@lists.example.org", "Quay-list Digest, Vol 1, Issue 2"
    digest.set_content("Today's topics are below.")
    for n, subject in enumerate(subjects):
        inner = EmailMessage()
        inner["From"], inner["Subject"] = f"Member {n} <m{n}@example.org>", f"[Quay-list] {subject} {n}"
        inner.set_content(f"The {subject.lower()} for this week, as promised at the meeting on Monday evening.")
        digest.add_attachment(inner)
    message = digest
    if wrapped:  # the digest forwarded as an attachment
        message = EmailMessage()
        message["From"], message["Subject"] = "Jo Lund <jo@example.org>", "Fwd: digest"
        message.set_content("See below.")
        message.add_attachment(digest)
    if forwarded:  # and that forward forwarded again
        outer = EmailMessage()
        outer["From"], outer["Subject"] = "Ivo Park <ivo@example.org>", "Fwd: Fwd: digest"
        outer.set_content("Passing this on.")
        outer.add_attachment(message)
        message = outer
    document = read(tmp_path, "digest.eml", message.as_bytes())
    headers = [b for b in document.blocks if b.kind == "message"]
    if len(subjects) == 1:
        assert headers == [] and document.title == f"{subjects[0]} 0"  # a forward: its message
    else:
        assert [b.text for b in headers] == [f"{s} {n}" for n, s in enumerate(subjects)]
