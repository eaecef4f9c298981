"""Benchmarks for import and sectioning (`make bench`); prints a table, `--write` saves it.

Every figure stands next to a floor measured in the same run on the same machine: a bare
`python -c pass` start for the CLI, and reading the same bytes for in-process sectioning.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core.ingest import load_document  # noqa: E402
from viewer.core.segment import segment  # noqa: E402

SOURCE = ROOT / "sample_contracts" / "allting_subscription_agreement.txt"
# What any such CLI imports before it does work of its own: a lower bound for its start-up.
STDLIB = ("re", "argparse", "json", "hashlib", "unicodedata")
CLI = [str(Path(sys.executable).with_name("contract-compare"))]


def make_text(size: int, folder: Path) -> Path:
    """A text file of about `size` bytes made of whole copies of a sample contract."""
    base = SOURCE.read_text(encoding="utf-8")
    copies = max(1, round(size / len(base.encode("utf-8"))))
    path = folder / f"terms-{size // 1024}k.txt"
    path.write_text("\n\n".join([base] * copies), encoding="utf-8")
    return path


# An installed app runs from cached bytecode; a shell that disables .pyc files would measure
# compilation instead. One untimed warm-up run writes the cache.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def best_seconds(command: list[str], runs: int) -> float:
    """Fastest of `runs` starts: other load on the machine only ever adds time, so the minimum
    is the steadiest estimate of a start-up cost (the median drifted 30% between runs here)."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
        times.append(time.perf_counter() - start)
    return min(times)


def median_call(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def vs_start(label: str, seconds: float, floor: float) -> tuple[str, str, str, str]:
    return (
        label,
        f"{seconds * 1000:.0f} ms",
        f"python -c pass {floor * 1000:.0f} ms",
        f"{seconds / floor:.1f}x",
    )


def run(runs: int) -> list[tuple[str, str, str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        small = make_text(50 * 1024, Path(folder))
        big = make_text(5 * 1024 * 1024, Path(folder))
        floor = best_seconds([sys.executable, "-c", "pass"], runs)
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
        whole = median_call(lambda: segment(load_document(big)), max(3, runs // 2))
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


def table(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["| measure | time | floor (same run) | ratio |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="save the table to bench/results.md")
    args = parser.parse_args()
    text = table(run(args.runs))
    print(text)
    if args.write:
        stamp = time.strftime("%Y-%m-%d")
        header = f"# Benchmark results\n\nMeasured {stamp} with `make bench` on this machine.\n\n"
        (ROOT / "bench" / "results.md").write_text(header + text, encoding="utf-8")


if __name__ == "__main__":
    main()
