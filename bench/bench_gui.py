"""Desktop app speed, against the targets of issue 6 (offscreen Qt, as in CI).

- launch: from process start until the window shows the five sample documents aligned (and
  until the highlights are all in), best of several starts;
- topic switch: selecting a row until every pane shows it and has painted (median and worst);
- responsiveness: the longest gap between 5 ms timer ticks while ten 1 MB documents are read,
  aligned, diffed and shown (the work runs on the background worker);
- two 1 MB versions of one document: opening them (process start until the rows are on screen
  and until the highlights are in), switching rows spread over the document and stepping
  through the differences with F7, each until the panes have painted (median and worst).
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_align import documents
from bench.bench_versions import pair
from bench.common import ENV, FIVE_FORMATS, ROOT, Row, best_seconds

FIVE = [str(path) for path in FIVE_FORMATS]
LAUNCH_TARGET, SWITCH_TARGET, GAP_TARGET = 1.5, 0.050, 0.100
OPEN_TARGET, STEP_TARGET = 2.0, 0.050
BIG = 1024 * 1024
ROWS_VISITED, STEPS = 40, 40
TIMEOUT_MS = 600_000

# The app as `contract-compare gui FILE...` starts it, reporting when the rows are on screen
# ("aligned") and when the highlights are in ("complete"); the parent times the lines.
_CHILD = """
import sys
from PySide6.QtCore import QSettings
from viewer.gui.app import application
from viewer.gui.main_window import MainWindow
from viewer.gui.settings import Settings
folder, files = sys.argv[1], sys.argv[2:]
app = application()
settings = Settings(QSettings(folder + "/settings.ini", QSettings.Format.IniFormat),
                    folder + "/reviews.sqlite")
window = MainWindow(settings)
window.remember = False
window.show()
window.documents_changed.connect(lambda n: print("aligned", flush=True))
window.comparison_ready.connect(lambda: (print("complete", flush=True), app.quit()))
window.load_files(files)
app.exec()
"""


def _launch_once(folder: str, files: list[str]) -> tuple[float, float, float]:
    """Seconds until the rows are on screen and until the highlights are in, and the peak
    resident memory of the app's process in MB."""
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, folder, *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    marks = {}
    for line in child.stdout:
        marks[line.strip()] = time.perf_counter() - start
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    if child.returncode != 0 or set(marks) != {"aligned", "complete"}:
        raise RuntimeError(f"the app did not start cleanly (exit {child.returncode}, {marks})")
    return marks["aligned"], marks["complete"], usage.ru_maxrss / 1024


# The floor of a launch: Python, Qt's widgets and an empty main window on screen.
_BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1600, 1000)
window.show()
app.processEvents()
"""


def bare_window(runs: int) -> float:
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen"}
    return best_seconds([sys.executable, "-c", _BARE], runs, env)


def launch_figures(runs: int, files: list[str] = FIVE) -> tuple[float, float, float]:
    """Best times to rows on screen and to highlights in, and the largest peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        _launch_once(folder, files)  # warm-up: bytecode and the lexicon cache, as installed
        times = [_launch_once(folder, files) for _ in range(runs)]
    return min(t[0] for t in times), min(t[1] for t in times), max(t[2] for t in times)


def launch(runs: int) -> Row:
    aligned, complete, _ = launch_figures(runs)
    return (
        "launch to window with 5 samples aligned (process, best of runs)",
        f"{aligned:.2f} s (highlights in at {complete:.2f} s)",
        f"target {LAUNCH_TARGET:.1f} s",
        f"{aligned / LAUNCH_TARGET:.2f}x of target",
    )


def _window(folder: str):
    from PySide6.QtCore import QSettings

    from viewer.gui.app import application
    from viewer.gui.main_window import MainWindow
    from viewer.gui.settings import Settings

    app = application()
    settings = Settings(
        QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat), f"{folder}/reviews.sqlite"
    )
    window = MainWindow(settings)
    window.remember = False
    window.resize(1600, 1000)
    window.show()
    return app, window


def _wait_ready(app, window, files: list[str], on_tick=None) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    window.comparison_ready.connect(loop.quit)
    window.load_failed.connect(lambda message: (print(message), loop.quit()))
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    window.load_files(files)
    loop.exec()
    window.comparison_ready.disconnect(loop.quit)


def topic_switch_figures(runs: int) -> tuple[list[float], list[float], int]:
    """Times to select each row until every pane has painted it; the floor: the same texts
    set into five plain QPlainTextEdits (Qt's own cost of showing them, no highlights)."""
    from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget

    with tempfile.TemporaryDirectory() as folder:
        app, window = _window(folder)
        _wait_ready(app, window, FIVE)
        keys = window.topics.visible_keys()
        times, shown = [], []
        for repeat in range(max(1, runs // 3)):
            for key in keys:
                times.append(_select(app, window, key))
                if not repeat:
                    shown.append([pane.text.toPlainText() for pane in window.panes.panes()])
        window.close()
        plain = QWidget()
        plain.resize(1600, 1000)
        layout = QHBoxLayout(plain)
        editors = [QPlainTextEdit() for _ in shown[0]]
        for editor in editors:
            layout.addWidget(editor)
        plain.show()
        floors = []
        for _ in range(max(1, runs // 3)):
            for texts in shown:
                start = time.perf_counter()
                for editor, text in zip(editors, texts, strict=True):
                    editor.setPlainText(text)
                app.processEvents()
                floors.append(time.perf_counter() - start)
        plain.close()
    return times, floors, len(keys)


def topic_switch(runs: int) -> Row:
    times, _, rows = topic_switch_figures(runs)
    median, worst = statistics.median(times), max(times)
    return (
        f"topic switch, 5 panes ({rows} rows, median / worst)",
        f"{median * 1000:.1f} ms / {worst * 1000:.1f} ms",
        f"target {SWITCH_TARGET * 1000:.0f} ms",
        f"{worst / SWITCH_TARGET:.2f}x of target (worst)",
    )


def responsiveness() -> Row:
    from PySide6.QtCore import QTimer

    with tempfile.TemporaryDirectory() as folder:
        files = documents(1024 * 1024, 10, Path(folder))
        app, window = _window(folder)
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        start = time.perf_counter()
        _wait_ready(app, window, files)
        total = time.perf_counter() - start
        timer.stop()
        window.close()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    worst = max(gaps)
    return (
        "longest event-loop gap while 10 x 1 MB load (5 ms ticks)",
        f"{worst * 1000:.0f} ms (whole build {total:.1f} s, {len(ticks)} ticks)",
        f"target {GAP_TARGET * 1000:.0f} ms",
        f"{worst / GAP_TARGET:.2f}x of target",
    )


def open_versions(files: list[str], runs: int) -> Row:
    """The app started on the two versions, as `contract-compare gui OLD NEW` does: the rows
    come first, the highlights after the one whole-document diff of the pair."""
    aligned, complete, _ = launch_figures(runs, files)
    return (
        "open two 1 MB versions (process, best of runs)",
        f"rows on screen {aligned:.2f} s, highlights in {complete:.2f} s",
        f"target {OPEN_TARGET:.1f} s",
        f"{aligned / OPEN_TARGET:.2f}x of target (rows), "
        f"{complete / OPEN_TARGET:.2f}x (highlights)",
    )


def spread(keys: list[str], count: int) -> list[str]:
    """`count` rows evenly over the document: rows far apart also scroll the topic table and
    show sections from every part of the long texts, not only the first copy's."""
    step = max(1, len(keys) // count)
    return keys[::step][:count]


def row_switch_figures(app, window, runs: int) -> tuple[list[float], int, int]:
    """Times to select rows spread over the document until every pane has painted them; also
    how many rows were visited, of how many."""
    keys = window.topics.visible_keys()
    visited = spread(keys, ROWS_VISITED)
    times = []
    for _ in range(max(1, runs // 3)):
        times += [_select(app, window, key) for key in visited]
    return times, len(visited), len(keys)


def _select(app, window, key: str) -> float:
    """Seconds to select a row until every pane has laid it out and painted it."""
    start = time.perf_counter()
    window.topics.select_key(key)
    app.processEvents()
    return time.perf_counter() - start


def _position(window) -> tuple:
    """The current row and every pane's selection: a step to a difference changes one."""
    return window.topics.current_key(), *(pane.text.selection() for pane in window.panes.panes())


def step_figures(app, window) -> tuple[list[float], int]:
    """Times of F7 (triggering the action the key is bound to) until painted: runs of steps
    from rows spread over the document, a step moving on to the next row that differs when
    this one has no more. Also how many steps changed rows."""
    keys = window.topics.visible_keys()
    starts = spread(keys[: len(keys) * 9 // 10], 4)  # room for the steps before the end
    times, rows_changed = [], 0
    for key in starts:
        window.topics.select_key(key)
        app.processEvents()
        for _ in range(STEPS // len(starts)):
            before = _position(window)
            start = time.perf_counter()
            window.commands.next_difference.trigger()
            app.processEvents()
            times.append(time.perf_counter() - start)
            after = _position(window)
            if after == before:
                raise RuntimeError(f"F7 did not move from {before}")
            rows_changed += after[0] != before[0]
    return times, rows_changed


def _median_worst(label: str, times: list[float], target: float) -> Row:
    median, worst = statistics.median(times), max(times)
    return (
        label,
        f"{median * 1000:.1f} ms / {worst * 1000:.1f} ms",
        f"target {target * 1000:.0f} ms",
        f"{worst / target:.2f}x of target (worst)",
    )


def versions_window(runs: int) -> list[Row]:
    """Opening two 1 MB versions (a process), then rows and differences in a window built on
    them in this process (the timings need the window's objects)."""
    with tempfile.TemporaryDirectory() as folder:
        files = list(pair(BIG, Path(folder)))
        opened = open_versions(files, max(3, runs // 3))
        app, window = _window(folder)
        _wait_ready(app, window, files)
        switches, visited, rows = row_switch_figures(app, window, runs)
        steps, rows_changed = step_figures(app, window)
        window.close()
    return [
        opened,
        _median_worst(
            f"row switch, two 1 MB versions (in process, {visited} of {rows} rows, median / worst)",
            switches,
            SWITCH_TARGET,
        ),
        _median_worst(
            f"F7 next difference, two 1 MB versions (in process, {len(steps)} steps, "
            f"{rows_changed} to another row, median / worst)",
            steps,
            STEP_TARGET,
        ),
    ]


def run(runs: int) -> list[Row]:
    return [
        launch(max(3, runs // 3)),
        topic_switch(runs),
        responsiveness(),
        *versions_window(runs),
    ]


if __name__ == "__main__":
    from bench.common import table

    print(table(run(int(sys.argv[1]) if len(sys.argv) > 1 else 9)))
