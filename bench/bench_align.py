"""Alignment speed: `align --json` on five ~50 KB documents against a bare Python start, and
ten documents of 100 KB against ten of 1 MB (alignment should grow close to linearly)."""

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
from viewer.core.compare.align import align
from viewer.core.compare.service import load_trees

SOURCES = [
    SAMPLES / name
    for name in (
        "pelavik_subscription_agreement.txt",
        "brightwave_api_terms.md",
        "nordmoln_allmanna_villkor.md",
        "fjordlane_villkor_sv_en.txt",
        "nordmoln_general_terms_en.md",
    )
]


def documents(size: int, count: int, folder: Path) -> list[str]:
    sub = folder / f"{size}-{count}"
    sub.mkdir()
    sources = [SOURCES[i % len(SOURCES)] for i in range(count)]
    return [
        str(make_text(source, size, sub).rename(sub / f"{i}-{source.stem}{source.suffix}"))
        for i, source in enumerate(sources)
    ]


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        five = documents(50 * 1024, 5, folder)
        floor = python_start(runs)
        rows = [
            vs_start(
                "`align --json` five ~50 KB documents (process)",
                best_seconds([*CLI, "align", "--json", *five], runs),
                floor,
            )
        ]
        timings = {}
        for size in (100 * 1024, 1024 * 1024):
            files = documents(size, 10, folder)
            timings[size] = median_call(lambda files=files: align(load_trees(files)), 3)
        small, big = timings[100 * 1024], timings[1024 * 1024]
        rows.append(
            (
                "import + sections + align, 10 x 1 MB (in process)",
                f"{big:.2f} s",
                f"10 x 100 KB: {small:.2f} s",
                f"{big / small:.1f}x for 10x the text",
            )
        )
    return rows
