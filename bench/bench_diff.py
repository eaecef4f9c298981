"""Diff speed: all rows of five ~50 KB documents, and a 1 MB pair, against reading the files;
and `diff --json` of 1 MB and 5 MB version pairs against their floor: a compiled word diff of
the same texts (words as characters, diff-match-patch's C++ diff_main) plus a bare Python
start, both measured in this run. (Two different documents have no such floor: a plain word
diff of unrelated texts is quadratic, which is why ours diffs them row by row.)"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import re
import subprocess
import sys as _sys

from bench.bench_align import documents
from bench.bench_summary import measured
from bench.bench_versions import pair
from bench.common import BARE_PYTHON, CLI, Row, median_call
from viewer.core.compare.align import align
from viewer.core.compare.diff import DiffOptions, diff_alignment
from viewer.core.compare.service import load_trees


def _read_all(files: list[str]) -> None:
    for name in files:
        Path(name).read_bytes()


_WORDS = re.compile(r"\w+|[^\w\s]")
TARGETS = {"1 MB": (0.4, None), "5 MB": (2.0, 200)}  # seconds, peak MB


def compiled_word_diff(left: str, right: str) -> None:
    """The floor: every word (and mark) as one character, then diff-match-patch in C++."""
    import fast_diff_match_patch

    codes: dict[str, str] = {}

    def encode(path: str) -> str:
        words = _WORDS.findall(Path(path).read_text(encoding="utf-8"))
        return "".join(codes.setdefault(w, chr(0x100 + len(codes))) for w in words)

    fast_diff_match_patch.diff(encode(left), encode(right), timelimit=0, checklines=False)


# The peak memory of a command, measured from a small parent: a child forked from this large
# benchmark process would report this process's pages as its own.
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_mb(command: list[str]) -> float:
    found = subprocess.run(
        [_sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=True
    )
    return int(found.stdout) / 1024


def against_floor(runs: int) -> list[Row]:
    rows = []
    start, _ = measured(BARE_PYTHON, runs)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, size in (("1 MB", 2**20), ("5 MB", 5 * 2**20)):
            sub = folder / label.replace(" ", "")
            sub.mkdir()
            files = list(pair(size, sub))
            seconds, _ = measured([*CLI, "diff", "--json", *files], max(1, runs // 3))
            peak = peak_mb([*CLI, "diff", "--json", *files])
            floor = start + median_call(lambda f=files: compiled_word_diff(*f), 3)
            target, memory = TARGETS[label]
            goal = f"target {target:.1f} s" + (f", {memory} MB" if memory else "")
            rows.append(
                (
                    f"`diff --json` of a {label} version pair (process; peak {peak:.0f} MB)",
                    f"{seconds:.2f} s",
                    f"compiled word diff + python start {floor:.2f} s",
                    f"{seconds / floor:.1f}x the floor; {goal}",
                )
            )
    return rows


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
    return rows + against_floor(runs)
