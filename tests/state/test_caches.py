"""The state's caches keep what the current code and settings read, and nothing else."""

from __future__ import annotations

from digest.state.store import StateStore


def test_rows_of_an_earlier_version_go_when_the_first_rows_of_a_new_one_are_written(tmp_path):
    # an upgrade of digest reads every document again under a new version: the old copies would
    # otherwise stay in state.db for ever (a copy of the whole inbox per upgrade)
    with StateStore.open(tmp_path / "state.db") as state:
        state.cache_documents("v1", {"a": "doc a v1", "b": "doc b v1"})
        state.cache_stories("sig1", {"a": "[]"})
        state.cache_documents("v1", {"c": "doc c v1"})  # the same version: everything stays
        assert state.cached_documents(["a", "b", "c"], "v1") == {"a": "doc a v1", "b": "doc b v1", "c": "doc c v1"}

        state.cache_documents("v2", {"a": "doc a v2"})
        assert state.cached_documents(["a", "b", "c"], "v1") == {}
        assert state.cached_documents(["a", "b", "c"], "v2") == {"a": "doc a v2"}
        # each cache by its own key: the stories cut under sig1 are still there
        assert state.cached_stories(["a"], "sig1") == {"a": "[]"}

        state.cache_lemmas("simplemma 1", {"ferries": "ferry"})
        state.cache_lemmas("simplemma 2", {"tides": "tide"})
        assert state.cached_lemmas("simplemma 1") == {}
        assert state.cached_lemmas("simplemma 2") == {"tides": "tide"}
