"""One table: every command at 50 KB, 1 MB and 5 MB, next to its floor, with peak memory.

Each command runs as the user runs it (a process of the installed `contract-compare`), and its
floor is measured in the same run: a bare Python start that reads the same files. Commands that
compare take a pair of documents of the given size each (two vendors, so topic rows). `notes`
lists 200 notes of a document (re-anchored into it), `report` writes an HTML review of the pair
with 200 notes. Peak memory is the child's maximum resident set size. The desktop app's rows:
the window open with the five samples aligned, next to an empty Qt window's start, and a topic
switch next to showing the same texts in plain Qt editors.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BARE_PYTHON, CLI, ENV, ROOT, SAMPLES, make_text

SIZES = (("50 KB", 50 * 1024, 5), ("1 MB", 1024 * 1024, 3), ("5 MB", 5 * 1024 * 1024, 1))
NOTES = 200
READ = "import sys\nfor name in sys.argv[1:]:\n    open(name, 'rb').read()\n"


def measured(command: Sequence[str], runs: int) -> tuple[float, float]:
    """Fastest wall time of `runs` (after one untimed warm-up) and the peak RSS in MB."""
    times, peak = [], 0
    for attempt in range(runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=ENV
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            error = child.stderr.read().decode(errors="replace").strip() if child.stderr else ""
            raise RuntimeError(f"{' '.join(command[:3])}: {error}")
        child.stderr.close()
        peak = max(peak, usage.ru_maxrss)
        if attempt:
            times.append(elapsed)
    return min(times), peak / 1024


def _notes_db(folder: Path, document: Path) -> str:
    from viewer.core.compare.service import load_trees
    from viewer.store import STATUSES, Store

    db = str(folder / f"notes-{document.stem}.sqlite")
    tree = load_trees([str(document)])[0]
    sections = [s for s in tree.sections if not s.empty]
    with Store.open(db) as store:
        for number in range(NOTES):
            section = sections[number % len(sections)]
            quote = " ".join(tree.body_of(section).split()[:8]) or None
            store.add_note(tree, section.id, STATUSES[number % 4], f"note {number}", "bench",
                           quote=quote)  # fmt: skip
    return db


def rows(runs_scale: int = 1) -> list[tuple[str, str, str, str, str, str]]:
    table = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        python = [sys.executable, "-c", READ]
        start, _ = measured(BARE_PYTHON, 9 * runs_scale)
        version, peak = measured([*CLI, "--version"], 9 * runs_scale)
        table.append(_row("import (`--version`)", "", version, peak, start, "python start"))
        for label, size, runs in SIZES:
            runs *= runs_scale
            sub = folder / label.replace(" ", "")
            sub.mkdir()
            one = make_text(SAMPLES / "pelavik_subscription_agreement.txt", size, sub)
            other = make_text(SAMPLES / "brightwave_api_terms.md", size, sub)
            pair = [str(one), str(other)]
            floor_one, _ = measured([*python, str(one)], runs)
            floor_pair, _ = measured([*python, *pair], runs)
            db = _notes_db(sub, one)
            report = str(sub / "report.html")
            commands = [
                ("sections --json", ["sections", "--json", str(one)], floor_one),
                ("terms --json", ["terms", "--json", str(one)], floor_one),
                ("align --json (pair)", ["align", "--json", *pair], floor_pair),
                ("diff --json (pair)", ["diff", "--json", *pair], floor_pair),
                (f"notes list --doc ({NOTES} notes)",
                 ["notes", "list", "--json", "--db", db, "--doc", str(one)], floor_one),
                (f"report html (pair, {NOTES} notes)",
                 ["report", "--db", db, "--format", "html", "--out", report, *pair], floor_pair),
            ]  # fmt: skip
            for title, args, floor in commands:
                seconds, peak = measured([*CLI, *args], runs)
                table.append(_row(title, label, seconds, peak, floor, "start + read"))
    return table


def gui_rows(runs: int) -> list[tuple[str, str, str, str, str, str]]:
    """Window open time and topic switch, each next to what Qt alone takes for the same."""
    from bench import bench_gui

    aligned, _, peak = bench_gui.launch_figures(max(3, runs // 3))
    bare = bench_gui.bare_window(runs)
    times, floors, _ = bench_gui.topic_switch_figures(runs)
    switch, floor = statistics.median(times), statistics.median(floors)
    return [
        _row("window open, 5 samples aligned", "5 samples", aligned, peak, bare,
             "empty Qt window"),
        ("topic switch, 5 panes (median)", "5 samples", f"{switch * 1000:.1f} ms",
         f"same text in plain Qt editors {floor * 1000:.1f} ms", f"{switch / floor:.1f}x", "—"),
    ]  # fmt: skip


def _row(title, size, seconds, peak, floor, floor_name):
    return (
        title, size, f"{seconds * 1000:.0f} ms", f"{floor_name} {floor * 1000:.0f} ms",
        f"{seconds / floor:.1f}x", f"{peak:.0f} MB",
    )  # fmt: skip


def table(found: list[tuple[str, ...]]) -> str:
    lines = [
        "| command | size | time | floor (same run) | ratio | peak memory |",
        "|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in found]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(rows() + gui_rows(9)))
