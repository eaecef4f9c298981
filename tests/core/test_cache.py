"""The on-disk cache of derived data never stands in the way: broken entries are rebuilt."""

from __future__ import annotations

import os

from viewer.core import cache


def test_value_is_built_once_then_read_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONTRACT_COMPARE_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "lexicon.toml"
    source.write_text("a = 1")
    calls = []
    build = lambda: calls.append(1) or {"value": len(calls)}  # noqa: E731
    assert cache.cached_for_file(str(source), "kind", build) == {"value": 1}
    assert cache.cached_for_file(str(source), "kind", build) == {"value": 1}
    assert len(calls) == 1
    source.write_text("a = 22")  # a changed source is a new key
    assert cache.cached_for_file(str(source), "kind", build) == {"value": 2}


def test_corrupt_or_unwritable_cache_only_costs_a_rebuild(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONTRACT_COMPARE_CACHE", str(folder))
    source = tmp_path / "lexicon.toml"
    source.write_text("a = 1")
    cache.cached_for_file(str(source), "kind", lambda: "fine")
    for entry in folder.iterdir():
        entry.write_bytes(b"\x80\x04 not a pickle")
    assert cache.cached_for_file(str(source), "kind", lambda: "rebuilt") == "rebuilt"
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("CONTRACT_COMPARE_CACHE", str(blocked))
    assert cache.cached_for_file(str(source), "kind", lambda: "no cache") == "no cache"
    assert os.path.isfile(blocked)
