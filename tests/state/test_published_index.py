"""Finding earlier issues' stories by their LSH bands: the same answer whether the batch asks
for fewer bands than are stored (looked up by index) or more (one pass over them all)."""

from __future__ import annotations

import datetime as dt
import random

from digest.pipeline import compile_issue, state_path
from digest.state.store import StateStore
from digest.stories.signatures import band_keys

STORIES = {
    "qubit.txt": "Quantum chip keeps qubits alive\n\nA quantum processor kept its qubits coherent for a full second, "
    "its makers said on Monday, a step towards error-corrected machines.\n",
    "rocket.txt": "Reusable rocket lands on a barge\n\nThe rocket returned from a flight around the Moon and landed on "
    "a barge in the ocean; engineers plan the next lunar flight for spring.\n",
    "solar.txt": "Solar panels on every school roof\n\nThe council approved a plan to cover every school roof with "
    "solar panels by 2030, cutting the schools' electricity bills by a third.\n",
}


def test_published_stories_are_found_by_their_bands_whatever_the_batch_size(newsletter):
    for name, text in STORIES.items():
        newsletter.add(name, text)
    config = newsletter.config()
    compile_issue(config, date=dt.date(2026, 11, 23))
    body = STORIES["rocket.txt"].split("\n\n", 1)[1].strip()
    own = band_keys(body)
    unrelated = random.Random(3).sample(range(2**50), 5000)
    with StateStore.open(state_path(config)) as state:
        few = state.published_index(own[:10])  # fewer bands than stored: by index
        many = state.published_index(own + unrelated)  # more than stored: one pass
    for index in (few, many):
        assert (
            {key for band in own[:10] for _, key in index.bands.get(band, [])}
            == {key for key in index.shingles if key.startswith("1:")}
            != set()
        )
    assert {k: sorted(v) for k, v in few.bands.items()} == {
        k: sorted(v) for k, v in many.bands.items() if k in set(own[:10])
    }
