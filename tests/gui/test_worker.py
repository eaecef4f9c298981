"""The background runner: results on the GUI thread, stale ones dropped, cancel, failures."""

from __future__ import annotations

import gc
import threading
import time

from viewer.core.errors import IngestError
from viewer.gui.worker import TaskRunner, TaskState

from .conftest import LOAD_TIMEOUT


def test_result_arrives_with_progress_and_partials(qtbot):
    runner = TaskRunner()
    seen: list[object] = []
    runner.progressed.connect(lambda done, total, label: seen.append((done, total, label)))
    runner.partial.connect(lambda value: seen.append(("partial", value)))

    def task(state: TaskState) -> str:
        state.progress(1, 2, "half")
        state.partial("rows")
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=LOAD_TIMEOUT) as finished:
        runner.start(task)
    assert finished.args == ["done"]
    assert seen == [(1, 2, "half"), ("partial", "rows")]
    assert not runner.busy


def test_a_newer_task_makes_the_older_one_stale(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    started = threading.Event()
    results: list[object] = []
    dropped: list[int] = []
    runner.finished.connect(results.append)
    runner.dropped.connect(dropped.append)
    partials: list[object] = []
    runner.partial.connect(partials.append)
    flags: list[bool] = []

    def slow(state: TaskState) -> str:
        started.set()
        assert gate.wait(LOAD_TIMEOUT / 1000)
        flags.append(state.cancelled())
        state.partial("stale partial")
        return "old"

    first = runner.start(slow)
    assert started.wait(LOAD_TIMEOUT / 1000)
    with qtbot.waitSignal(runner.finished, timeout=LOAD_TIMEOUT):
        second = runner.start(lambda state: "new")
        gate.set()
    assert runner.wait(LOAD_TIMEOUT)
    qtbot.waitUntil(lambda: len(dropped) == 1, timeout=LOAD_TIMEOUT)
    assert results == ["new"]
    assert flags == [True]  # the old task was told it is no longer wanted
    assert partials == []  # a stale task's snapshot is not even sent
    assert dropped == [first] and second > first  # its result arrived and was dropped


def test_cancel_stops_the_task_and_drops_its_result(qtbot):
    runner = TaskRunner()
    results: list[object] = []
    runner.finished.connect(results.append)
    started = threading.Event()

    def patient(state: TaskState) -> str:
        started.set()
        while not state.cancelled():
            threading.Event().wait(0.01)
        raise InterruptedError("cancelled")

    runner.start(patient)
    assert started.wait(LOAD_TIMEOUT / 1000)
    with qtbot.waitSignal(runner.stopped, timeout=LOAD_TIMEOUT):
        runner.cancel()
    assert runner.wait(LOAD_TIMEOUT)
    assert results == [] and not runner.busy


def test_bad_input_and_bugs_become_one_line_failures(qtbot):
    runner = TaskRunner()

    def bad(_state: TaskState) -> None:
        raise IngestError("x.txt", "empty file")

    with qtbot.waitSignal(runner.failed, timeout=LOAD_TIMEOUT) as failed:
        runner.start(bad)
    assert failed.args == ["x.txt: empty file"]

    def bug(_state: TaskState) -> None:
        raise KeyError("oops")

    with qtbot.waitSignal(runner.failed, timeout=LOAD_TIMEOUT) as failed:
        runner.start(bug)
    assert failed.args[0].startswith("unexpected error (KeyError")


def test_cancel_releases_a_task_waiting_for_its_snapshot():
    """A task waits until its snapshot is shown; Cancel must not leave it waiting. No Qt
    events are processed here, so nothing can show the snapshot: only Cancel can release it."""
    runner = TaskRunner()
    finished: list[str] = []

    def task(state: TaskState) -> str:
        state.partial("rows")
        finished.append("went on")
        return "done"

    runner.start(task)
    deadline = time.monotonic() + LOAD_TIMEOUT / 1000
    while runner._waiting is None:  # the task reached its wait (plain thread sync, no Qt)
        assert time.monotonic() < deadline, "the task never reached its wait"
        threading.Event().wait(0.001)
    waiting = runner._waiting
    assert not waiting.is_set()
    runner.cancel()
    assert waiting.is_set()
    assert runner.wait(LOAD_TIMEOUT)
    assert finished == ["went on"]


def test_a_new_task_lets_the_collector_see_the_last_results_again(qtbot):
    """Results are frozen out of the collector's way while shown; they were never let back."""
    runner = TaskRunner()
    with qtbot.waitSignal(runner.finished, timeout=LOAD_TIMEOUT):
        runner.start(lambda state: [object() for _ in range(10)])
    assert gc.get_freeze_count() > 0
    gate = threading.Event()
    runner.start(lambda state: gate.wait(LOAD_TIMEOUT / 1000))
    try:
        assert gc.get_freeze_count() == 0
    finally:
        gate.set()
        assert runner.wait(LOAD_TIMEOUT)


def test_waiting_for_a_task_that_does_not_stop_has_a_bound():
    """A task inside one long library call cannot see its cancellation: closing the window
    waits a bounded time and goes on (the worker thread is a daemon; quitting never waits)."""
    runner = TaskRunner()
    gate = threading.Event()
    started = threading.Event()
    runner.start(lambda state: started.set() or gate.wait(LOAD_TIMEOUT / 1000))
    assert started.wait(LOAD_TIMEOUT / 1000)
    runner.cancel()
    assert not runner.wait(50)  # still in its call: the wait gives up
    assert runner._thread is not None and runner._thread.daemon
    gate.set()
    assert runner.wait(LOAD_TIMEOUT)
    assert runner._thread is None  # no work left: the thread ended
