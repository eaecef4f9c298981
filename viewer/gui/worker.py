"""One background worker for long work, with generation numbers that make old results stale.

Like Orange's `concurrent` helpers: a task is a plain function of a `TaskState`, through which
it reports progress and partial results and asks whether it should stop (`cancelled()`, handed
straight to the core's own cancellation hooks). Starting a task makes every earlier one stale:
its `cancelled()` turns true at once, and whatever it still reports is dropped on arrival on
the GUI thread, so the window only ever sees the newest request's results. A task waits for
each partial result to be on screen before it goes on (back-pressure, see `TaskState.partial`
and `gil`); cancelling releases that wait at once.

The work runs on a daemon thread of the runner's own, started when there is work and ended
when there is none: a task stuck where it cannot see its cancellation (inside one long library
call) never keeps the app from quitting, which a thread pool's destructor would.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from viewer.core.errors import UserError
from viewer.gui import gil

log = logging.getLogger(__name__)

SHOWN_TIMEOUT = 2.0  # seconds a task waits for the GUI to show a snapshot, at most


class TaskState:
    """The running task's line back to the runner; safe to use from the worker thread."""

    def __init__(self, runner: TaskRunner, generation: int) -> None:
        self._runner = runner
        self.generation = generation

    def cancelled(self) -> bool:
        """True once a newer task was started or Cancel was pressed."""
        return self._runner.generation != self.generation

    def progress(self, done: int, total: int, label: str = "") -> None:
        self._runner._progress.emit(self.generation, done, total, label)

    def partial(self, value: object) -> None:
        """Hand a snapshot to the GUI thread and wait until it is on screen.

        The wait is back-pressure: while the GUI thread builds and paints from the snapshot,
        the worker holds no GIL and the window updates at full speed. What the snapshot holds
        lives as long as it is shown, so it is moved out of the cyclic collector's way
        (`gc.freeze`): a full collection over a large comparison takes tens of milliseconds,
        during which the GUI thread would wait; the next task (or a cancel) lets the collector
        see them again (`TaskRunner.start`)."""
        gc.freeze()
        shown = threading.Event()
        self._runner._waiting = shown  # cancel() releases it
        if self.cancelled():
            return
        self._runner._partial.emit(self.generation, (value, shown))
        shown.wait(SHOWN_TIMEOUT)


Task = Callable[[TaskState], object]


class TaskRunner(QObject):
    """Runs one task at a time on its own thread; only the newest task's signals get out.

    Public signals (GUI thread, newest task only): `progressed(done, total, label)`,
    `partial(value)`, `finished(value)`, `failed(message)`, `stopped()` after a cancel.
    `dropped(generation)` tells that a stale task's report was ignored.
    """

    progressed = Signal(int, int, str)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    stopped = Signal()
    dropped = Signal(int)
    busy_changed = Signal(bool)

    # emitted from the worker thread; queued to the GUI thread, filtered there
    _progress = Signal(int, int, int, str)
    _partial = Signal(int, object)
    _finished = Signal(int, object)
    _failed = Signal(int, str)
    _stopped = Signal(int)

    def __init__(self, parent: QObject | None = None, name: str = "worker") -> None:
        super().__init__(parent)
        self._name = name
        self._lock = threading.Condition()
        self._next: tuple[Task, TaskState] | None = None  # queued, not yet started
        self._thread: threading.Thread | None = None  # alive while there is work
        self.generation = 0
        self._busy = False
        self._hold_ms = 0
        self._waiting: threading.Event | None = None  # a task waiting for its snapshot
        self._progress.connect(self._on_progress)
        self._partial.connect(self._on_partial)
        self._finished.connect(self._on_finished)
        self._failed.connect(self._on_failed)
        self._stopped.connect(self._on_stopped)

    @property
    def busy(self) -> bool:
        return self._busy

    def start(self, task: Task) -> int:
        """Queue `task`, making every earlier task stale; returns its generation number."""
        self.generation += 1
        self._release()
        gc.unfreeze()  # what the last task froze is about to be replaced on screen
        with self._lock:
            self._next = (task, TaskState(self, self.generation))  # replaces one not started
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name=f"contract-compare-{self._name}", daemon=True
                )
                self._thread.start()
            self._lock.notify_all()
        self._set_busy(True)
        return self.generation

    def cancel(self) -> None:
        """Stop wanting the current task: it is told to stop and its results are dropped."""
        if not self._busy:
            return
        self.generation += 1
        self._release()
        gc.unfreeze()
        with self._lock:
            self._next = None
        self._set_busy(False)
        self.stopped.emit()

    def _work(self) -> None:
        """The worker thread: run queued tasks until there are none, then end."""
        while True:
            with self._lock:
                if self._next is None:
                    self._thread = None
                    self._lock.notify_all()
                    return
                task, state = self._next
                self._next = None
            try:
                self._run(task, state)
            except RuntimeError:  # the window closed without waiting for this task to end
                log.debug("task #%d ended after its runner was deleted", state.generation)

    def _run(self, task: Task, state: TaskState) -> None:
        generation = state.generation
        try:
            if state.cancelled():
                raise InterruptedError("superseded before it started")
            result = task(state)
        except InterruptedError:
            self._stopped.emit(generation)
        except UserError as error:
            self._failed.emit(generation, str(error))
        except Exception as error:  # a bug, not bad input: log it and keep the window alive
            log.exception("background task #%d failed", generation)
            self._failed.emit(generation, f"unexpected error ({type(error).__name__}: {error})")
        else:
            gc.freeze()  # see TaskState.partial
            self._finished.emit(generation, result)

    def _release(self) -> None:
        """Let a task that waits for its snapshot to be shown go on (and find it is stale)."""
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting.set()

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle, at most `msecs` (-1: however long it takes); True
        when it is (on closing, in tests and benchmarks)."""
        deadline = None if msecs < 0 else time.monotonic() + msecs / 1000
        with self._lock:
            while self._thread is not None:  # it ends when nothing is left to do
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            if busy:
                gil.work_started()
            else:
                gil.work_ended()
            self.busy_changed.emit(busy)

    def _current(self, generation: int) -> bool:
        if generation != self.generation:
            log.debug("dropping a report of stale task #%d", generation)
            self.dropped.emit(generation)
            return False
        return True

    @Slot(int, int, int, str)
    def _on_progress(self, generation: int, done: int, total: int, label: str) -> None:
        if self._current(generation):
            self.progressed.emit(done, total, label)

    @Slot(int, object)
    def _on_partial(self, generation: int, package: tuple[object, threading.Event]) -> None:
        value, shown = package
        if self._current(generation):
            self._hold_ms = 0
            self.partial.emit(value)
            # release the worker once the paints this snapshot caused are done
            QTimer.singleShot(self._hold_ms, shown.set)
        else:
            shown.set()

    def hold(self, msecs: int) -> None:
        """Called by a receiver of `partial`: keep the worker paused this long after the
        snapshot, while the window lays out and paints new widgets without contention."""
        self._hold_ms = max(self._hold_ms, msecs)

    @Slot(int, object)
    def _on_finished(self, generation: int, value: object) -> None:
        if self._current(generation):
            self._set_busy(False)
            self.finished.emit(value)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._current(generation):
            self._set_busy(False)
            self.failed.emit(message)

    @Slot(int)
    def _on_stopped(self, generation: int) -> None:
        if self._current(generation):  # stopped on its own (not through cancel())
            self._set_busy(False)
            self.stopped.emit()
