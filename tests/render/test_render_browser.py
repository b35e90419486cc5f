"""The HTML edition in a real browser: no horizontal scrolling at 600px and on a 375px phone,
and every story title visible."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from browser import chromium
from conftest import REPO, SEEDS

from digest.config import load_config
from digest.pipeline import compile_issue

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("inbox", ["sample", "seeds"])
def test_email_fits_desktop_and_phone_widths_with_every_title_visible(tmp_path, inbox):
    if inbox == "seeds" and not SEEDS.is_dir():
        pytest.skip("no shared corpus")
    config = load_config(REPO / "config.yaml", inbox_override=SEEDS if inbox == "seeds" else None)
    config.paths.state = str(tmp_path / "state")
    folder = compile_issue(config, draft=True, out=tmp_path / "issue", date=dt.date(2026, 11, 23)).folder
    titles = [s["title"] for sec in json.loads((folder / "issue.json").read_text())["sections"] for s in sec["stories"]]
    assert titles
    with chromium() as browser:
        for width in (600, 375):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((folder / "email.html").as_uri())
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"horizontal scrolling of {overflow}px at {width}px"
            for title in titles:
                heading = page.locator("h3.story-title", has_text=title).first
                assert heading.is_visible(), f"{title!r} not visible at {width}px"
                box = heading.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
            font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.story-teaser')).fontSize)")
            assert font_size >= 14
            page.close()


def test_dark_mode_keeps_text_readable(tmp_path):
    config = load_config(REPO / "config.yaml")
    config.paths.state = str(tmp_path / "state")
    folder = compile_issue(config, draft=True, out=tmp_path / "issue", date=dt.date(2026, 11, 23)).folder
    with chromium() as browser:
        page = browser.new_page(color_scheme="dark", viewport={"width": 600, "height": 900})
        page.goto((folder / "email.html").as_uri())
        colours = page.evaluate(
            """() => { const t = document.querySelector('.story-teaser'); const c = document.querySelector('.container');
                       return [getComputedStyle(t).color, getComputedStyle(c).backgroundColor]; }"""
        )
        page.close()
    text, background = (tuple(int(x) for x in c[c.index("(") + 1 : c.index(")")].split(",")[:3]) for c in colours)
    assert contrast(text, background) >= 4.5, (colours, contrast(text, background))


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    def luminance(rgb: tuple[int, ...]) -> float:
        channels = [c / 255 for c in rgb]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
