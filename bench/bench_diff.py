"""Diff speed: all rows of five ~50 KB documents, and a 1 MB pair, against reading the files."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_align import documents
from bench.common import Row, median_call
from viewer.core.align import align
from viewer.core.diff import DiffOptions, diff_alignment
from viewer.core.pipeline import load_trees


def _read_all(files: list[str]) -> None:
    for name in files:
        Path(name).read_bytes()


def run(runs: int) -> list[Row]:
    rows = []
    options = DiffOptions.ignoring({"case", "parties"})
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, size, count in (
            ("five ~50 KB documents", 50 * 1024, 5),
            ("a 1 MB pair", 1024 * 1024, 2),
        ):
            files = documents(size, count, folder)
            alignment = align(load_trees(files))
            seconds = median_call(lambda a=alignment: diff_alignment(a, options), max(3, runs // 3))
            read = median_call(lambda f=files: _read_all(f), runs)
            rows.append(
                (
                    f"diff all rows, {label} (in process)",
                    f"{seconds:.3f} s",
                    f"read the files {read * 1000:.1f} ms",
                    f"{seconds / read:.0f}x",
                )
            )
    return rows
