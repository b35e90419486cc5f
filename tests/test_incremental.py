"""An incremental draft is the issue a cold build makes: after each add, edit, rename and
delete, a draft built on the warm caches (of the state database and of this process) equals one
built from nothing."""

from __future__ import annotations

import json
import shutil

from conftest import REPO

from digest.config import load_config
from digest.pipeline import compile_issue
from digest.placing.fields import Field
from digest.stories.pairs import DuplicatePairs
from digest.support.cache import forget, keep_results, remembered

SAMPLE = REPO / "inbox"


def issue_of(folder) -> dict:
    """What a reader and the curator see: sections, stories in order, held back with reasons."""
    data = json.loads((folder / "issue.json").read_text())
    return {
        "sections": [
            (s["id"], [(st["title"], st["documents"], st["teaser"]) for st in s["stories"] + s["more"]])
            for s in data["sections"]
        ],
        "held_back": [(h["title"], h["section"], h["reason"]) for h in data["held_back"]],
        "quarantined": data["quarantined"],
        "size": data["size"],
    }


def test_incremental_drafts_equal_cold_builds(tmp_path):
    keep_results()  # as in `digest run` and `digest preview`: decoded results kept between builds
    root = tmp_path / "newsletter"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".digest", "issues", "tests", "benchmarks"))
    config_path = root / "config.yaml"
    cold_config = tmp_path / "cold.yaml"
    cold_config.write_text(
        config_path.read_text() + f"\npaths:\n  inbox: {root / 'inbox'}\n  state: {tmp_path / 'cold-state'}\n"
    )
    inbox = root / "inbox"
    story = "Rocket number {n} reaches orbit\n\nThe rocket number {n} reached orbit on Tuesday after a clean launch, its builders said, and the satellite it carried is working.\n"
    steps = [
        ("add", lambda: (inbox / "rocket1.txt").write_text(story.format(n=1))),
        ("add two", lambda: [(inbox / f"rocket{n}.txt").write_text(story.format(n=n)) for n in (2, 3)]),
        ("edit", lambda: (inbox / "rocket2.txt").write_text(story.format(n=2).replace("Tuesday", "Wednesday"))),
        ("copy", lambda: shutil.copy(SAMPLE / "lunar-lander-touches-down.txt", inbox / "lander-again.txt")),
        ("rename", lambda: (inbox / "rocket3.txt").rename(inbox / "rocket-three.txt")),
        ("delete", lambda: (inbox / "celebrity-wedding.txt").unlink()),
        ("bad file", lambda: (inbox / "empty.md").write_text("")),
    ]
    compile_issue(load_config(config_path), draft=True)  # warm: every cache filled
    for name, change in steps:
        change()
        warm = compile_issue(load_config(config_path), draft=True)
        shutil.rmtree(tmp_path / "cold-state", ignore_errors=True)
        forget()
        cold = compile_issue(load_config(cold_config), draft=True)
        assert issue_of(warm.folder) == issue_of(cold.folder), f"after {name}"


def test_a_one_shot_compile_keeps_nothing_in_memory_and_a_long_lived_process_does(newsletter):
    """`digest compile` would only carry the memory (hundreds of MB at 10,000 documents);
    `digest preview` and `digest run` refresh faster for what they keep."""
    newsletter.add("rocket.txt", "Rocket reaches orbit\n\nThe rocket reached orbit on Tuesday, its builders said.\n")
    compile_issue(newsletter.config(), draft=True)
    assert remembered() == 0
    keep_results()
    newsletter.add("probe.txt", "Probe lands on a comet\n\nThe probe landed on a comet on Friday, its team said.\n")
    compile_issue(newsletter.config(), draft=True)
    assert remembered() > 0
    keep_results(False)
    assert remembered() == 0


def test_a_new_process_works_only_on_the_new_story(tmp_path, monkeypatch):
    """Keyword scoring lemmatises every word of a story (the largest part of placing a
    batch), and duplicate detection confirms every candidate pair: a new process reads the
    other stories' Fields and confirmed pairs from the state, works on the new story only,
    and builds the draft a build from nothing does."""
    root = tmp_path / "newsletter"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".digest", "issues", "tests", "benchmarks"))
    config_path = root / "config.yaml"
    compile_issue(load_config(config_path), draft=True)
    (root / "inbox" / "probe.txt").write_text(
        "Probe lands on a comet\n\nThe probe landed on a comet on Friday after a ten-year flight, its team said.\n"
    )
    checked: list[str] = []  # stories whose duplicate candidates are confirmed in this build
    add = DuplicatePairs._add
    monkeypatch.setattr(
        DuplicatePairs, "_add", lambda self, story, by_id: checked.append(story.title) or add(self, story, by_id)
    )
    made: list[str] = []
    original = Field.of.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        Field, "of", classmethod(lambda cls, text, vocabulary: made.append(text) or original(cls, text, vocabulary))
    )
    forget()  # a new process: nothing in memory, the state's caches only
    warm = compile_issue(load_config(config_path), draft=True)
    assert sorted(made) == sorted(["Probe lands on a comet", made[-1]]) and "comet on Friday" in made[-1]
    assert checked == ["Probe lands on a comet"], "the other stories' pairs come from the state"

    monkeypatch.undo()
    cold_config = tmp_path / "cold.yaml"
    cold_config.write_text(
        config_path.read_text() + f"\npaths:\n  inbox: {root / 'inbox'}\n  state: {tmp_path / 'cold-state'}\n"
    )
    cold = compile_issue(load_config(cold_config), draft=True)
    assert issue_of(warm.folder) == issue_of(cold.folder)


def test_damaged_caches_cost_time_not_the_issue(tmp_path):
    """The state's caches only save work: rows that no longer read (a damaged database, a
    format this version does not know) are computed again, and the draft is the same."""
    import sqlite3

    root = tmp_path / "newsletter"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".digest", "issues", "tests", "benchmarks"))
    config = load_config(root / "config.yaml")
    first = compile_issue(config, draft=True, out=tmp_path / "first")
    database = config.state_dir / "state.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE read_cache SET document = '{\"broken'")
        connection.execute("UPDATE split_cache SET stories = '[{}]'")
        connection.execute("UPDATE field_cache SET field = 'null'")
        connection.execute("UPDATE meta SET value = '{' WHERE key = 'duplicate_pairs'")
    connection.close()
    forget()
    again = compile_issue(config, draft=True, out=tmp_path / "again")
    assert issue_of(again.folder) == issue_of(first.folder)


def test_a_new_process_folds_the_words_it_has_met_before_without_loading_the_lemmatiser(sample_newsletter):
    # the state keeps the lemmas keyword matching worked out: a later process that meets only
    # known words (a new copy of a story already seen, with a line of its own words) never loads
    # the lemmatiser's dictionaries (a fifth of a second of every one-file refresh)
    from conftest import run_digest

    first = run_digest("compile", "--draft", cwd=sample_newsletter)
    assert first.returncode == 0, first.stderr
    original = (sample_newsletter / "inbox" / "lunar-lander-touches-down.txt").read_text()
    (sample_newsletter / "inbox" / "lander-again.txt").write_text(original + "\nThe lander touches down.\n")
    again = run_digest("compile", "--draft", cwd=sample_newsletter, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert again.returncode == 0, again.stderr
    assert "digest.placing.sections" in again.stderr  # the new story was placed in this process
    assert "simplemma" not in again.stderr


def test_documents_kept_without_their_blocks_are_read_again_when_they_must_be_cut_again(tmp_path):
    # the read cache keeps documents without their blocks; a new drop pattern means cutting every
    # document again, from its file: the draft is the one a build from nothing makes
    root = tmp_path / "newsletter"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".digest", "issues", "tests", "benchmarks"))
    config_path = root / "config.yaml"
    # a newsletter whose stories and links only its markdown structure tells
    shutil.copy(REPO / "tests" / "fixtures" / "layouts" / "labelled-link-lists-with-a-pick.md", root / "inbox")
    compile_issue(load_config(config_path), draft=True)  # every document read, cut and kept
    patterns = "\ncleanup:\n  drop_patterns:\n    - '(?i)^the .* said'\n"
    config_path.write_text(config_path.read_text() + patterns)
    forget()
    warm = compile_issue(load_config(config_path), draft=True)
    cold_config = tmp_path / "cold.yaml"
    cold_config.write_text(
        config_path.read_text() + f"\npaths:\n  inbox: {root / 'inbox'}\n  state: {tmp_path / 'cold-state'}\n"
    )
    forget()
    cold = compile_issue(load_config(cold_config), draft=True)
    assert issue_of(warm.folder) == issue_of(cold.folder)
    assert issue_of(warm.folder)["quarantined"] == []  # nothing failed to be read again
