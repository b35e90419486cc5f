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


CONTRAST = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(',').map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
    if (c[3] > 0) return c; } return [255, 255, 255, 1]; };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!own || style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
    if (el.closest('.preheader')) continue;
    const fg = parse(style.color), bg = background(el);
    const mix = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(mix), lum(bg)].sort((x, y) => y - x);
    found.push({text: el.textContent.trim().slice(0, 40), cls: el.className, ratio: (a + 0.05) / (b + 0.05)});
  }
  return found;
}
"""


def test_every_text_has_aa_contrast_in_light_and_dark_mode(tmp_path):
    """WCAG AA: at least 4.5:1 for every text element of the email, light and dark, measured on
    the computed colours Chromium renders."""
    config = load_config(REPO / "config.yaml")
    config.paths.state = str(tmp_path / "state")
    config.email.size_budget_kb = 10  # so the issue has a "More this week" list too
    folder = compile_issue(config, draft=True, out=tmp_path / "issue", date=dt.date(2026, 11, 23)).folder
    html = (folder / "email.html").read_text()
    assert "More this week" in html and "contents" in html
    with chromium() as browser:
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": 600, "height": 900})
            page.emulate_media(color_scheme=scheme)
            page.goto((folder / "email.html").as_uri())
            elements = page.evaluate(CONTRAST)
            assert len(elements) > 20
            low = [f"{e['cls'] or '-'} {e['text']!r}: {e['ratio']:.2f}" for e in elements if e["ratio"] < 4.5]
            assert low == [], f"{scheme} mode: text under 4.5:1"
