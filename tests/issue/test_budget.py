"""The size budget: a 200-story issue still comes out under it, and says what was done."""

from __future__ import annotations

import datetime as dt
import json
import random

from conftest import run_digest

from digest.commands.check import check_issue
from digest.pipeline import compile_issue

WORDS = [
    "solar",
    "qubit",
    "rocket",
    "battery",
    "gene",
    "model",
    "orbit",
    "grid",
    "telescope",
    "protein",
    "chip",
    "fusion",
    "neutrino",
    "robot",
    "vaccine",
]
KEYWORDS = {"quantum": "qubit", "space": "rocket"}


def add_stories(newsletter, count: int) -> None:
    rnd = random.Random(7)
    for n in range(count):
        topic = "qubit" if n % 2 else "rocket"
        words = " ".join(rnd.choice(WORDS) for _ in range(60))
        newsletter.add(
            f"story{n:03}.md",
            f"---\ntitle: Story {n} about the {topic} and {rnd.choice(WORDS)} research\nurl: https://news.example/{n}\n---\n"
            f"Researchers reported finding {n} on the {topic} this week. {words.capitalize()}. "
            f"The {topic} team said more results would follow. {words}.\n",
        )


def test_two_hundred_stories_fit_the_budget(newsletter):
    add_stories(newsletter, 200)
    config = newsletter.config()
    result = compile_issue(config, draft=True, date=dt.date(2026, 1, 5))
    html = (result.folder / "email.html").read_bytes()
    assert len(html) <= config.email.size_budget_kb * 1024
    data = json.loads((result.folder / "issue.json").read_text())
    size = data["size"]
    assert size["html_bytes"] == len(html)
    assert size["actions"][0] == "shortened teasers to their first sentence"
    assert any("More this week" in action for action in size["actions"])
    placed = sum(len(s["stories"]) + len(s["more"]) for s in data["sections"])
    held = [h for h in data["held_back"] if "size budget" in h["reason"]]
    assert placed + len(held) == 200, "every story is either in the issue or held back with a reason"
    assert all(h["section"] in {"quantum", "space"} for h in held)
    assert "More this week" in html.decode() and "More this week:" in (result.folder / "email.txt").read_text()
    assert [f for f in check_issue(result.folder) if f.level == "error"] == []


def test_a_small_issue_is_left_alone(newsletter):
    newsletter.add("a.txt", "Qubit record\n\nA qubit held its state for a second, the team said on Monday.\n")
    result = compile_issue(newsletter.config(), draft=True, date=dt.date(2026, 1, 5))
    data = json.loads((result.folder / "issue.json").read_text())
    assert data["size"]["actions"] == []
    assert data["sections"][0]["more"] == []


def test_status_shows_exactly_what_the_draft_holds_back_over_the_budget(newsletter):
    from digest.commands.status import gather_status

    newsletter.write_config(newsletter.config_path.read_text() + "email:\n  size_budget_kb: 12\n")
    add_stories(newsletter, 80)
    config = newsletter.config()
    draft = compile_issue(config, draft=True)
    held_in_draft = json.loads((draft.folder / "issue.json").read_text())["held_back"]
    over_budget = [h for h in held_in_draft if "size budget" in h["reason"]]
    assert len(over_budget) > 5, "the budget holds stories back"
    status = gather_status(config)
    assert [h.model_dump(mode="json") for h in status.held_back] == held_in_draft
    shown = run_digest("status", cwd=newsletter.root, env={"COLUMNS": "250"})
    assert over_budget[0]["title"][:40] in shown.stdout and "over the email size budget" in shown.stdout


def test_an_issue_far_over_the_budget_is_not_inlined_whole(newsletter, monkeypatch):
    """Inlining CSS is the expensive part of measuring: an issue whose template output is far
    over the budget is known to be over without it, so the whole batch is never inlined."""
    import digest.render.editions as editions

    inlined: list[int] = []
    inline = editions.inline_css
    monkeypatch.setattr(editions, "inline_css", lambda html: inlined.append(len(html.encode())) or inline(html))
    newsletter.write_config(newsletter.config_path.read_text() + "email:\n  size_budget_kb: 24\n")
    add_stories(newsletter, 200)
    config = newsletter.config()
    result = compile_issue(config, draft=True, date=dt.date(2026, 1, 5))
    budget = config.email.size_budget_kb * 1024
    assert len((result.folder / "email.html").read_bytes()) <= budget
    assert max(inlined) < 1.5 * budget, f"inlined {max(inlined)} bytes for a {budget}-byte budget"


def test_a_backlog_keeps_its_best_stories_in_full_and_fits_titles_around_them(newsletter):
    """Hundreds of stories against a small budget: their titles alone would fill the email, and
    the curator would get a list of titles with no story in full. The best three of each
    section stay in full; the titles that fit follow them; the rest are held back, named."""
    newsletter.write_config(newsletter.config_path.read_text() + "email:\n  size_budget_kb: 24\n")
    add_stories(newsletter, 200)
    config = newsletter.config()
    result = compile_issue(config, draft=True, date=dt.date(2026, 1, 5))
    assert len((result.folder / "email.html").read_bytes()) <= config.email.size_budget_kb * 1024
    data = json.loads((result.folder / "issue.json").read_text())
    assert [len(s["stories"]) >= 3 for s in data["sections"]] == [True, True]
    assert all(s["more"] for s in data["sections"]), "titles fill the rest of the budget"
    placed = sum(len(s["stories"]) + len(s["more"]) for s in data["sections"])
    assert placed + len([h for h in data["held_back"] if "size budget" in h["reason"]]) == 200
