"""Shared by the benchmarks: timing against floors measured in the same run, test files, tables."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
#: One sample in each format, as `make run` opens them.
FIVE_FORMATS = tuple(
    SAMPLES / name
    for name in (
        "pelavik_subscription_agreement.txt",
        "brightwave_api_terms.pdf",
        "nordmoln_allmanna_villkor.docx",
        "kestrel_data_processing_agreement.html",
        "fjordlane_villkor_sv_en.txt",
    )
)
CLI = [str(Path(sys.executable).with_name("contract-compare"))]
#: A bare Python start: the interpreter without the site hook (`-S`). The development
#: install's import hook (which maps resources/ to viewer.resources, ~14 ms at every start of
#: the venv's Python) is not in a user's wheel install, so it is not part of the floor either.
BARE_PYTHON = [sys.executable, "-S", "-c", "pass"]
# An installed app runs from cached bytecode; a shell that disables .pyc files would measure
# compilation instead. One untimed warm-up run writes the cache.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
Row = tuple[str, str, str, str]


def make_text(source: Path, size: int, folder: Path) -> Path:
    """A file of about `size` bytes made of whole copies of a sample contract."""
    base = source.read_text(encoding="utf-8")
    copies = max(1, round(size / len(base.encode("utf-8"))))
    path = folder / f"{source.stem}-{size // 1024}k{source.suffix}"
    path.write_text("\n\n".join([base] * copies), encoding="utf-8")
    return path


def best_seconds(command: Sequence[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Fastest of `runs` starts: other load on the machine only ever adds time, so the minimum
    is the steadiest estimate of a start-up cost (the median drifted 30% between runs here)."""
    env = env or ENV
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def median_call(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_start(runs: int) -> float:
    return best_seconds(BARE_PYTHON, runs)


def vs_start(label: str, seconds: float, floor: float) -> Row:
    return (
        label,
        f"{seconds * 1000:.0f} ms",
        f"python -c pass {floor * 1000:.0f} ms",
        f"{seconds / floor:.1f}x",
    )


def table(rows: Sequence[Row]) -> str:
    lines = ["| measure | time | floor (same run) | ratio |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"
