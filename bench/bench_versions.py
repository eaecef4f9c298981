"""Version-mode speed: a 50 KB pair against a plain whole-document word diff of the same texts
plus a bare Python start (both measured in this run), and a 1 MB pair (difflib, the plain
word diff, takes minutes on 1 MB of repeated text, so that pair is shown against reading it)."""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, SAMPLES, Row, best_seconds, median_call, python_start
from viewer.core.compare.diff import diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.compare.versions import align_versions

OLD = SAMPLES / "brightwave_api_terms.md"
NEW = SAMPLES / "versions" / "brightwave_api_terms_2026-09.md"
_TOKEN = re.compile(r"\w+|[^\w\s]")


def pair(size: int, folder: Path) -> tuple[str, str]:
    """The sample's two versions, each repeated to about `size` bytes."""
    paths = []
    for source, name in ((OLD, "old.md"), (NEW, "new.md")):
        text = source.read_text(encoding="utf-8")
        copies = max(1, round(size / len(text.encode("utf-8"))))
        path = folder / f"{size // 1024}k-{name}"
        path.write_text("\n\n".join([text] * copies), encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


def plain_word_diff(old: str, new: str) -> None:
    a = _TOKEN.findall(Path(old).read_text(encoding="utf-8"))
    b = _TOKEN.findall(Path(new).read_text(encoding="utf-8"))
    difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def versions(old: str, new: str) -> None:
    alignment = align_versions(*load_trees([old, new]))
    diff_alignment(alignment)


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        old, new = pair(50 * 1024, folder)
        start = python_start(runs)
        plain = median_call(lambda: plain_word_diff(old, new), runs)
        ours = best_seconds([*CLI, "diff", "--json", old, new], runs)
        floor = start + plain
        rows = [
            (
                "`diff --json` of a 50 KB version pair (process)",
                f"{ours * 1000:.0f} ms",
                f"word diff {plain * 1000:.0f} ms + python -c pass {start * 1000:.0f} ms",
                f"{ours / floor:.1f}x",
            )
        ]
        big_old, big_new = pair(1024 * 1024, folder)
        big = median_call(lambda: versions(big_old, big_new), 3)
        read = median_call(lambda: (Path(big_old).read_bytes(), Path(big_new).read_bytes()), 3)
        rows.append(
            (
                "import, sections, version rows and diff of a 1 MB pair (in process)",
                f"{big:.2f} s",
                f"read the files {read * 1000:.1f} ms",
                "target: under 3 s",
            )
        )
    return rows
