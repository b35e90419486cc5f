"""Learning: the archive's labelled stories, and the curator's corrections, move a
borderline story; the model is rebuilt from the state store on every compile."""

from __future__ import annotations

import datetime as dt
import json

from digest.config import Config
from digest.models import Story
from digest.pipeline import compile_issue
from digest.placing.learning import LabelledExample, SectionModel, archive_examples, self_train
from digest.placing.sections import assign_sections
from digest.state.store import StateStore

CONFIG = Config.model_validate(
    {
        "newsletter": {"title": "T"},
        "sections": [
            {"id": "space", "title": "Space", "keywords": ["rocket", "satellite", "orbit"]},
            {"id": "climate", "title": "Climate", "keywords": ["weather", "storm", "climate"]},
        ],
        "matching": {"learn_min_examples": 3},
    }
)
SPACE = "A rocket carried a satellite to orbit, where its radiometer and antenna unfolded for the mission."
CLIMATE = "The storm season brought weather records; the climate models and the ocean buoys agree on the trend."
# Borderline: a weather satellite. Keywords alone lean to space (satellite, orbit).
BORDERLINE = Story(
    id="b",
    title="New satellite watches ocean buoys",
    teaser="",
    body="The satellite reached orbit and will watch ocean buoys and the weather from above.",
    documents=["b.txt"],
)


def examples(section: str, body: str, n: int = 4, title: str = "") -> list[LabelledExample]:
    return [
        LabelledExample.from_story(
            Story(id=f"{section}{i}", title=title or f"{section} {i}", teaser="", body=body, documents=[]), section
        )
        for i in range(n)
    ]


def test_without_an_archive_the_keywords_decide():
    [placed] = assign_sections([BORDERLINE], CONFIG)
    assert placed.section == "space"


def test_archive_examples_move_a_borderline_story():
    buoy_stories = examples("climate", CLIMATE + " Ocean buoys measure it.", title="Ocean buoys watched from above")
    [placed] = assign_sections([BORDERLINE], CONFIG, examples("space", SPACE) + buoy_stories)
    assert placed.section == "climate"
    assert placed.reason.startswith("learned profile:") and "over keyword winner space" in placed.reason


def test_a_section_with_too_few_examples_is_not_learned():
    assert SectionModel.from_archive(examples("space", SPACE, 2) + examples("climate", CLIMATE, 2), 3) is None


def test_model_is_deterministic():
    archive = examples("space", SPACE) + examples("climate", CLIMATE)
    batch = [LabelledExample.from_story(BORDERLINE, "").counts]
    a = self_train(archive, batch, [None], 3)
    b = self_train(list(reversed(archive)), batch, [None], 3)
    assert a.model.classify(batch[0]) == b.model.classify(batch[0])


def test_corrections_relabel_archive_examples():
    rows = [("id1", "space", "Weather satellite launched", {"weather": 2})]
    assert archive_examples(rows, {})[0].section == "space"
    assert archive_examples(rows, {"Weather satellite launched": "climate"})[0].section == "climate"
    assert archive_examples(rows, {"id1": "climate"})[0].section == "climate"


def test_publishing_records_examples_and_a_correction_teaches_the_next_issue(newsletter):
    newsletter.write_config("""\
        newsletter:
          title: T
        matching:
          learn_min_examples: 3
        sections:
          - id: space
            title: Space
            keywords: [rocket, satellite, orbit]
          - id: climate
            title: Climate
            keywords: [weather, storm, climate]
        """)
    places = ["Pacific", "Atlantic", "Arctic", "Indian Ocean"]
    crafts = ["A reusable booster", "A small launcher", "The heavy rocket", "A rideshare flight"]
    for n in range(4):
        newsletter.add(
            f"space{n}.txt",
            f"Rocket flight {n} reaches orbit\n\n{crafts[n]} reached orbit on attempt {n + 2}. {SPACE}\n",
        )
        newsletter.add(
            f"buoy{n}.txt",
            f"Satellite tracks ocean buoys, report {n}\n\nIn the {places[n]}, drifting buoys log the weather, and a satellite in orbit "
            f"relays their readings of the ocean every {n + 2} hours.\n",
        )
    first = compile_issue(newsletter.config(), date=dt.date(2026, 1, 5))
    data = json.loads((first.folder / "issue.json").read_text())
    assert {s["id"] for s in data["sections"]} == {"space"}, "keywords alone put the buoy reports in space"
    with StateStore.open(newsletter.root / ".digest" / "state.db") as state:
        assert len(state.archive_examples()) == 8

    # The curator corrects the buoy reports: they belong in climate.
    newsletter.root.joinpath("corrections.yaml").write_text(
        "".join(f'"Satellite tracks ocean buoys, report {n}": climate\n' for n in range(4))
    )
    newsletter.add(
        "new.txt",
        "Satellite tracks ocean buoys, report 9\n\nOff Chile, drifting buoys log the weather, and a satellite in orbit "
        "relays their readings of the ocean twice a day.\n",
    )
    second = compile_issue(newsletter.config(), date=dt.date(2026, 1, 12))
    data = json.loads((second.folder / "issue.json").read_text())
    assert [s["id"] for s in data["sections"]] == ["climate"], "the corrected examples taught the model"


# --- any mix of sections, any archive: placement never fails ---

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["rocket", "orbit", "storm", "climate", "qubit", "vote", "court", "market", "cell", "gene", "film", "match"]
IDS = ["space", "climate", "quantum", "politics", "other", "misc", "old"]


@st.composite
def configs(draw) -> Config:
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True))
    catch_all = draw(st.one_of(st.none(), st.sampled_from(ids)))
    sections = [
        {
            "id": sid,
            "title": sid.title(),
            "keywords": draw(st.lists(st.sampled_from(WORDS), max_size=3, unique=True)),
            "catch_all": sid == catch_all,
        }
        for sid in ids
    ]
    return Config.model_validate(
        {
            "newsletter": {"title": "T"},
            "sections": sections,
            "matching": {"learn_min_examples": draw(st.integers(1, 3)), "min_score": draw(st.sampled_from([0, 1, 2]))},
        }
    )


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    config=configs(),
    archive=st.lists(st.tuples(st.sampled_from(IDS), texts), max_size=30),
    batch=st.lists(texts, min_size=1, max_size=12),
)
def test_random_configs_and_archives_never_raise(config, archive, batch):
    """Archive examples may name sections that were renamed, removed or are the catch-all."""
    examples = [
        LabelledExample.from_story(Story(id=f"a{i}", title=text, teaser="", body=text, documents=[]), section)
        for i, (section, text) in enumerate(archive)
    ]
    stories = [
        Story(id=f"s{i}", title=text, teaser="", body=text, documents=[f"{i}.txt"]) for i, text in enumerate(batch)
    ]
    placed = assign_sections(stories, config, examples)
    ids = {s.id for s in config.sections}
    assert len(placed) == len(stories)
    assert all(p.section is None or p.section in ids for p in placed)
    catch_all = next((s.id for s in config.sections if s.catch_all), None)
    for p in placed:
        if p.section == catch_all and catch_all is not None:
            assert "catch-all" in p.reason or p.reason.startswith(("correction", "front matter", "rule", "include"))


def test_a_catch_all_section_in_the_archive_does_not_break_the_next_issue(newsletter):
    """One published issue with catch-all stories used to make every later compile fail."""
    newsletter.write_config("""\
        newsletter:
          title: T
        sections:
          - id: space
            title: Space
            keywords: [rocket]
          - id: other
            title: Also noted
            catch_all: true
        matching:
          learn_min_examples: 2
        """)
    topics = ["bakery", "garden", "choir", "library", "orchard"]
    for n, topic in enumerate(topics):
        newsletter.add(
            f"o{n}.txt",
            f"The {topic} opens again\n\nThe village {topic} opens again next week after a long winter, the council said.\n",
        )
    for n in range(3):
        newsletter.add(
            f"r{n}.txt",
            f"Rocket {n} flies\n\nThe rocket number {n} flew to orbit on Tuesday, its builders said after the launch.\n",
        )
    first = compile_issue(newsletter.config(), date=dt.date(2026, 11, 2))
    assert first.published
    data = json.loads((first.folder / "issue.json").read_text())
    assert {s["id"] for s in data["sections"]} == {"space", "other"}
    newsletter.add(
        "o9.txt",
        "The bakery wins a prize\n\nThe village bakery won a regional prize for its bread, the jury said on Friday.\n",
    )
    # matches space by its keyword, but reads like the catch-all's archive: the learned model
    # must not send it to a section that has no keyword profile
    newsletter.add(
        "r9.txt",
        "The village bakery opens again with a cake\n\nThe village bakery opens again next week after a long winter with a rocket cake, the council said.\n",
    )
    second = compile_issue(newsletter.config(), date=dt.date(2026, 11, 9))
    assert second.published
    placed = {
        st["title"]: s["id"]
        for s in json.loads((second.folder / "issue.json").read_text())["sections"]
        for st in s["stories"]
    }
    assert placed == {"The bakery wins a prize": "other", "The village bakery opens again with a cake": "space"}


def test_relevance_takes_out_of_a_section_only_the_words_a_story_put_in_it():
    """No story vouches for itself: a story that trained its section is scored as if it had
    not; one that did not is scored against the section as it is."""
    import numpy as np
    from scipy import sparse

    from digest.support.termmatrix import Terms

    harbour = [{"boat": 2, "sail": 1, "tide": 1}, {"boat": 1, "mast": 2, "tide": 1}, {"sail": 2, "mast": 1}]
    council = [{"tax": 2, "vote": 1}, {"vote": 2, "tax": 1, "boat": 1}]
    inside = {"boat": 1, "sail": 1, "mast": 1}  # trains "harbour" below
    outside = {"tide": 1, "sail": 1, "vote": 1}  # trains nothing

    def model(rows, sections):
        terms = Terms()
        matrix = terms.matrix(rows)
        assignment = sparse.csr_matrix(
            ([1.0] * len(sections), (list(range(len(sections))), sections)), shape=(len(rows), 2)
        )
        return terms, SectionModel.fitted(["harbour", "council"], terms, assignment, matrix)

    terms, with_inside = model([*harbour, *council, inside], [0, 0, 0, 1, 1, 0])
    scored = with_inside.relevance_rows(terms.matrix([inside, outside]), [0, 0], np.array([1.0, 0.0]))
    terms_b, without = model([*harbour, *council], [0, 0, 0, 1, 1])
    assert np.isclose(scored[0], without.relevance_rows(terms_b.matrix([inside]), [0], 0.0)[0])
    as_it_is = with_inside.relevance_rows(terms.matrix([outside]), [0], 0.0)[0]
    assert np.isclose(scored[1], as_it_is)
    assert with_inside.relevance_rows(terms.matrix([outside]), [0], 0.3)[0] < as_it_is, (
        "taking out words it never put in costs"
    )


def test_a_story_the_model_labelled_is_judged_as_if_it_had_not_trained_its_section():
    """Self-training picks each story's section by the others' words: under the section it
    trained, a story's log-likelihood is the one a model without it gives, and a word only it
    has no longer pulls it there."""
    import numpy as np
    from scipy import sparse

    from digest.support.termmatrix import Terms

    harbour = [{"boat": 2, "sail": 1, "tide": 1}, {"boat": 1, "mast": 2, "tide": 1}, {"sail": 2, "mast": 1}]
    council = [{"tax": 2, "vote": 1}, {"vote": 2, "tax": 1, "boat": 1}]

    def fitted(rows, sections, story_weight=0.3):
        """A model of harbour and council stories, the last row the story the model labelled."""
        terms = Terms()
        weights = [1.0] * (len(rows) - 1) + [story_weight]
        assignment = sparse.csr_matrix((weights, (list(range(len(rows))), sections)), shape=(len(rows), 2))
        return terms, SectionModel.fitted(["harbour", "council"], terms, assignment, terms.matrix(rows))

    story = {"boat": 1, "tide": 1, "vote": 1}
    terms, trained = fitted([*harbour, *council, story], [0, 0, 0, 1, 1, 0])
    held_out, _ = trained.held_out_log_likelihoods(terms.matrix([story]), [0], 0.3)
    terms_b, without = fitted([*harbour, *council], [0, 0, 0, 1, 1], story_weight=1.0)
    as_if_absent, _ = without.held_out_log_likelihoods(terms_b.matrix([story]), [-1], 0.0)
    assert np.allclose(held_out, as_if_absent)

    rare = {"boat": 1, "vote": 1, "quay": 3}  # "quay": a word only this story has
    terms, trained = fitted([*harbour, *council, rare], [0, 0, 0, 1, 1, 0])
    with_own, _ = trained.held_out_log_likelihoods(terms.matrix([rare]), [-1], 0.0)
    held_out, _ = trained.held_out_log_likelihoods(terms.matrix([rare]), [0], 0.3)
    assert with_own[0, 0] > with_own[0, 1], "its own word keeps it in the section it trained"
    assert held_out[0, 0] < held_out[0, 1], "judged by the others' words, it is nearer the council's"
