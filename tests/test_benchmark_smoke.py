"""A small run of the speed benchmark, so it cannot rot (the figures themselves are never
asserted: they live in benchmarks/RESULTS.md)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def benchmark_output(script: str, *args: str) -> list[str]:
    """The lines a benchmark script prints, once it has run without error."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *args], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_benchmark_runs_on_100_documents(corpus):
    lines = benchmark_output("run.py", "--sizes", "100", "--repeat", "1")
    assert lines[0].startswith("| documents | floor")
    assert lines[2].startswith("| 100 |")


def test_the_forms_benchmark_runs(corpus):
    lines = benchmark_output("forms.py", "--corpus", str(corpus))
    assert lines[0].endswith("the same titles in each form, of all it gave:")
    browsers = [b for b in ("lynx", "w3m") if shutil.which(b)]  # (text browsers' renderings)
    saved = [f"saved as text ({b})" for b in browsers]
    expected = ["HTML page", "plain-text part", "plain-text part, wrapped", "HTML e-mail", "builder's e-mail"]
    form_lines = lines[1 : 1 + len(expected) + len(saved)]
    # "  HTML page                468/471, of 473": titles kept of the markdown's, of all the form gave
    figures = [re.fullmatch(r"\s*(.+?)\s+(\d+)/(\d+), of (\d+)", line) for line in form_lines]
    assert all(figures), form_lines
    assert [m.group(1) for m in figures if m] == [*expected, *saved]
    total = int(lines[0].split(",")[1].split()[0])
    for m in filter(None, figures):
        same, of, given = int(m.group(2)), int(m.group(3)), int(m.group(4))
        assert of == total and 0 < same <= min(total, given)
    # then the same documents cut short: "… cut short (their first 2 or 3 sections): 236/253 of their titles kept"
    short = re.fullmatch(
        r"The same documents cut short .*: (\d+)/(\d+) of their titles kept", lines[1 + len(form_lines)]
    )
    assert short is not None, lines[1 + len(form_lines)]
    assert 0 < int(short.group(1)) <= int(short.group(2))
    # then the corpus's article pages as each text browser saves them: "lynx  3/8, 1/8"
    pages = lines[2 + len(form_lines) :]
    if browsers:
        assert pages[0].endswith("first story titled by the headline / one story:")
        assert [line.split()[0] for line in pages[1:]] == browsers
        count = int(pages[0].split()[0])  # "8 article pages saved as text: …"
        for line in pages[1:]:
            for figure in line.split(maxsplit=1)[1].split(", "):
                right, of = figure.split("/")
                assert 0 <= int(right) <= int(of) == count
    else:
        assert pages == []


def test_generated_inbox_mixes_formats_duplicates_and_bad_files(corpus, tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    inbox = generate(300, tmp_path / "inbox")
    suffixes = {p.suffix for p in inbox.iterdir()}
    assert {".txt", ".md", ".html", ".eml"} <= suffixes
    from digest.errors import DocumentError
    from digest.readers import read_document
    from digest.readers.inbox import scan_inbox

    files = scan_inbox(inbox).files
    bad = 0
    for file in files:
        try:
            read_document(file)
        except DocumentError:
            bad += 1
    assert 1 <= bad <= 12, "about 1% bad files"


def test_warm_draft_reuses_the_caches(sample_newsletter):
    from conftest import run_digest

    first = run_digest("compile", "--draft", cwd=sample_newsletter)
    second = run_digest("compile", "--draft", cwd=sample_newsletter)
    assert "Draft: 8 stories" in first.stderr
    assert "Draft (unchanged): 8 stories" in second.stderr
    (sample_newsletter / "inbox" / "new.txt").write_text(
        "Rocket test\n\nA new rocket engine fired for ten minutes on Friday, the agency said.\n"
    )
    third = run_digest("compile", "--draft", cwd=sample_newsletter)
    assert "Draft: 9 stories" in third.stderr
