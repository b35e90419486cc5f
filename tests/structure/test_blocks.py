"""Links as the readers keep them: where they really go."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.structure.blocks import Link, direct_link


def test_a_mail_clients_safe_link_is_unwrapped_to_the_address_it_protects():
    wrapped = (
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fharbour.example.com%2Fslipway"
        "&data=05%7C01%7C&sdata=abc&reserved=0"
    )
    assert direct_link(wrapped) == "https://harbour.example.com/slipway"
    assert Link(text="Slipway", url=wrapped).url == "https://harbour.example.com/slipway"


def test_a_search_engines_redirect_and_tracking_parameters_are_taken_off():
    assert direct_link("http://www.google.com/url?sa=X&q=http://example.com/a.html%3Fid%3D3&ct=ga") == (
        "http://example.com/a.html?id=3"
    )
    assert direct_link("https://example.com/p?id=3&utm_source=news&utm_medium=email&fbclid=x") == (
        "https://example.com/p?id=3"
    )


def test_an_address_with_nothing_to_take_off_is_kept_as_written():
    for url in (
        "https://example.com/p?share=1",
        "https://us1.list-manage.com/track/click?u=abc&id=def",
        "mailto:a@b.c",
    ):
        assert Link(text="x", url=url).url == url


parameter = st.sampled_from(["id", "page", "utm_source", "utm_campaign", "fbclid", "share", "q"])
value = st.text(alphabet="abc123", min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(parameter, value), max_size=6))
def test_direct_links_are_stable_and_never_carry_tracking(query):
    url = "https://example.com/story?" + "&".join(f"{k}={v}" for k, v in query)
    once = direct_link(url)
    assert direct_link(once) == once
    assert "utm_" not in once and "fbclid" not in once
    kept = [f"{k}={v}" for k, v in query if not k.startswith("utm_") and k != "fbclid"]
    assert all(pair in once for pair in kept)
