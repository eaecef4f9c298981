"""Import and sectioning: CLI start-up against a bare Python start, and throughput on 5 MB."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    CLI,
    SAMPLES,
    Row,
    best_seconds,
    make_text,
    median_call,
    python_start,
    vs_start,
)
from viewer.core.compare.service import read_tree

SOURCE = SAMPLES / "pelavik_subscription_agreement.txt"
# What any such CLI imports before it does work of its own: a lower bound for its start-up.
STDLIB = ("re", "argparse", "json", "unicodedata")


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        small = make_text(SOURCE, 50 * 1024, Path(folder))
        big = make_text(SOURCE, 5 * 1024 * 1024, Path(folder))
        floor = python_start(runs)
        starts = [
            ("`sections --json` 50 KB text (process)", [*CLI, "sections", "--json", str(small)]),
            (
                "import of the stdlib modules the CLI needs",
                [sys.executable, "-c", "import " + ", ".join(STDLIB)],
            ),
            ("import pymupdf", [sys.executable, "-c", "import pymupdf"]),
            ("import PySide6.QtWidgets", [sys.executable, "-c", "import PySide6.QtWidgets"]),
        ]
        rows = [vs_start(label, best_seconds(command, runs), floor) for label, command in starts]
        read = median_call(big.read_bytes, runs)
        whole = median_call(lambda: read_tree(big), max(3, runs // 2))
        megabytes = big.stat().st_size / 2**20
        rows.append(
            (
                f"import + sectioning {megabytes:.1f} MB text (in process)",
                f"{whole:.2f} s ({megabytes / whole:.1f} MB/s)",
                f"read bytes {read * 1000:.1f} ms",
                f"{whole / read:.0f}x",
            )
        )
    return rows
