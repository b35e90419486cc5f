"""Any markdown newsletter made of the pieces real ones are made of is cut without an error,
into stories that each have a headline: a crash would leave a curator's document unread."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from digest.models import Document
from digest.stories import split_into_stories
from digest.structure.markdown import markdown_blocks

_TITLES = ["Quay Weekly 392 (2026-05-26)", "Harbour Notes #12", "News", "Releases", "Pick of the Week", "2026-03-04"]
_SENTENCE = "The ferry will run every hour from Monday, the harbour office said in its notice."
_PIECES = st.one_of(
    st.builds(lambda level, t: f"{'#' * level} {t}", st.integers(1, 3), st.sampled_from(_TITLES)),
    st.builds(lambda n: f"* [Entry {n} about the tides](https://example.org/{n})", st.integers(1, 9)),
    st.builds(
        lambda n: f"* [Entry {n} about the quay](https://example.org/q{n}) (note: {_SENTENCE})", st.integers(1, 9)
    ),
    st.builds(lambda n: f"2026-03-0{n} [Dated entry {n}](https://example.org/d{n})", st.integers(1, 9)),
    st.builds(lambda n: f"[![Picture {n}](p{n}.png)](https://example.org/p{n})", st.integers(1, 9)),
    st.builds(lambda n: f"[Linked headline {n}](https://example.org/l{n})", st.integers(1, 9)),
    st.just(_SENTENCE),
    st.just("- Headline written out https://example.org/w - 2026-03-04"),
    st.just("---"),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=14))
# found on a real weekly: a dated top heading with text of its own crashed the splitter
@example(pieces=["# Quay Weekly 392 (2026-05-26)", _SENTENCE, "# News", _SENTENCE, "# Releases", _SENTENCE])
def test_any_layout_of_real_pieces_is_cut_without_error(pieces):
    text = "\n\n".join(pieces) + "\n"
    blocks = markdown_blocks(text)
    document = Document(name="n.md", content_hash="h", format="markdown", text=text, blocks=blocks)
    stories = split_into_stories(document)
    assert all(story.title.strip() for story in stories)


# A plain-text part as mail tools write it: a section heading over a rule, then records of a
# headline with its address in brackets and a sentence or two about it
_HEADLINES = st.lists(
    st.sampled_from(["ferry", "harbour", "tide", "Quay", "winter", "moorings", "rota", "gauge"]),
    min_size=3,
    max_size=12,
)
_ABOUT = st.lists(
    st.sampled_from(["the", "council", "said", "boats", "will", "run", "from", "March", "and"]), min_size=8, max_size=40
)


def _text_part(records: list[tuple[list[str], list[str]]]) -> str:
    parts = ["** Harbour news\n" + "-" * 60]
    for n, (headline, about) in enumerate(records):
        title = " ".join(headline).capitalize()
        parts.append(f"{title} (https://porthaven.example/news/{n})")
        parts.append(" ".join(about).capitalize() + ".")
    return "\n\n".join(parts) + "\n"


def _wrapped(text: str, width: int) -> str:
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) or line
        for line in text.split("\n")
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_HEADLINES, _ABOUT), min_size=2, max_size=6), st.integers(50, 80))
def test_a_text_part_cuts_into_the_same_stories_wrapped_or_not(records, width):
    from digest.structure.text import text_blocks

    def stories(text: str) -> list[tuple[str, str | None]]:
        document = Document(name="n.txt", content_hash="h", format="text", text=text, blocks=text_blocks(text))
        return [(s.title, s.url) for s in split_into_stories(document)]

    text = _text_part(records)
    assert stories(_wrapped(text, width)) == stories(text)
