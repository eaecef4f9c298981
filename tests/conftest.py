"""Shared fixtures. Qt runs offscreen for every test, set here before any Qt import."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Derived-data caches go to a throw-away folder, never to the user's cache.
os.environ.setdefault("CONTRACT_COMPARE_CACHE", tempfile.mkdtemp(prefix="cc-test-cache-"))
# The default review database (platformdirs' user data folder) too: a test never touches the
# reviewer's own notes.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="cc-test-data-")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def write(tmp_path: Path):
    """Write bytes or text to a file in tmp_path and return its path as a string."""

    def _write(name: str, content: bytes | str, encoding: str = "utf-8") -> str:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return str(path)

    return _write


def corpus_dir(name: str) -> Path:
    """A folder of ../shared/corpus, or a clean skip where a fresh clone has none."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"corpus {name} not present (../shared/corpus is optional)")
    return path
