"""The models' own rules: only links a reader may follow are ever links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.models import SAFE_SCHEMES, safe_url


def browser_scheme_is_safe(url: str) -> bool:
    """The rule as a browser applies it: blank and invisible characters anywhere in the
    address do not count when its scheme is read."""
    visible = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    return visible.lower().startswith(SAFE_SCHEMES)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("mailto:editor@example.org", True),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" \u200bjavascript:alert(1)", False),
        ("ht\ttps://example.org", True),  # read as https by a browser, so followed as one
        ("data:text/html,hi", False),
        ("/relative/path", False),
        ("", False),
    ],
)
def test_only_http_https_and_mailto_links_are_kept(url, safe):
    assert (safe_url(url) is not None) is safe


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda noise, scheme, rest: noise + scheme + rest,
            st.text(alphabet=" \t\n\u200b\u00a0\x00\x7f", max_size=4),
            st.sampled_from(["http://", "https://", "mailto:", "javascript:", "HtTpS://", "ja\nvascript:", "data:"]),
            st.text(max_size=20),
        ),
    )
)
def test_a_link_is_kept_exactly_when_its_scheme_is_safe(url):
    kept = safe_url(url)
    assert (kept is not None) is (bool(url) and browser_scheme_is_safe(url))
    if kept is not None:
        assert kept == url.strip()
