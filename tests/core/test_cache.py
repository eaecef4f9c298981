"""The on-disk cache of derived data: keyed on the content of what a value is built from, and
never in the way (broken entries are rebuilt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.core import cache
from viewer.core.structure import language
from viewer.core.topics import classify, stems


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONTRACT_COMPARE_CACHE", str(folder))
    return folder


def counting():
    calls: list[int] = []
    return calls, lambda: calls.append(1) or {"value": len(calls)}


def test_value_is_built_once_then_read_back(tmp_path, cache_folder) -> None:
    source = tmp_path / "lexicon.toml"
    source.write_text("a = 1")
    calls, build = counting()
    assert cache.cached("kind", [str(source)], build) == {"value": 1}
    assert cache.cached("kind", [str(source)], build) == {"value": 1}
    assert len(calls) == 1


def test_a_change_to_any_source_or_dependency_is_a_new_key(tmp_path, cache_folder) -> None:
    data, code = tmp_path / "lexicon.toml", tmp_path / "stems.py"
    data.write_text("a = 1")
    code.write_text("def stem(): ...")
    _, build = counting()
    sources = [str(data), str(code)]
    cache.cached("kind", sources, build, depends="stemmer 1")
    before = os.stat(code)
    code.write_text("def stem(): 1")  # same size, same modification time: content decides
    os.utime(code, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.cached("kind", sources, build, depends="stemmer 1") == {"value": 2}
    assert cache.cached("kind", sources, build, depends="stemmer 2") == {"value": 3}
    assert cache.cached("other kind", sources, build, depends="stemmer 2") == {"value": 4}
    assert cache.cached("kind", sources, build, depends="stemmer 2") == {"value": 3}


def test_new_stop_words_or_a_new_stemmer_rebuild_the_lexicon(tmp_path, cache_folder, monkeypatch):
    """Stale stems were served after languages.json or the stemmer changed (issue 22)."""
    taxonomy = classify.load_taxonomy()
    path, keys = taxonomy.files["en"], taxonomy.keys
    built: list[int] = []
    lexicon = classify._lexicon
    monkeypatch.setattr(classify, "_lexicon", lambda *args: built.append(1) or lexicon(*args))
    read = classify._read_lexicon.__wrapped__  # past the in-process memo, to the disk cache
    read(path, keys)
    read(path, keys)
    assert len(built) == 1
    words = tmp_path / "languages.json"
    sources = stems.stemming_sources()
    original = Path(sources[-1]).read_bytes()
    words.write_bytes(original.replace(b'"the"', b'"thee"', 1))
    assert sources[-1].endswith("languages.json") and language.__file__ in sources
    monkeypatch.setattr(classify, "stemming_sources", lambda: [*sources[:-1], str(words)])
    read(path, keys)
    assert len(built) == 2
    monkeypatch.setattr(classify, "stemmer_in_use", lambda: "a newer stemmer")
    read(path, keys)
    assert len(built) == 3


def test_corrupt_or_unwritable_cache_only_costs_a_rebuild(tmp_path, cache_folder, monkeypatch):
    source = tmp_path / "lexicon.toml"
    source.write_text("a = 1")
    cache.cached("kind", [str(source)], lambda: "fine")
    for entry in cache_folder.iterdir():
        entry.write_bytes(b"\x80\x04 not a pickle")
    assert cache.cached("kind", [str(source)], lambda: "rebuilt") == "rebuilt"
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("CONTRACT_COMPARE_CACHE", str(blocked))
    assert cache.cached("kind", [str(source)], lambda: "no cache") == "no cache"
    assert os.path.isfile(blocked)
    assert cache.cached("kind", [str(tmp_path / "gone")], lambda: "no source") == "no source"
