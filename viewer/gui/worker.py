"""One background worker for long work, with generation numbers that make old results stale.

Like Orange's `concurrent` helpers: a task is a plain function of a `TaskState`, through which
it reports progress and partial results and asks whether it should stop (`cancelled()`, handed
straight to the core's own cancellation hooks). Starting a task makes every earlier one stale:
its `cancelled()` turns true at once, and whatever it still reports is dropped on arrival on
the GUI thread, so the window only ever sees the newest request's results. A task waits for
each partial result to be on screen before it goes on (back-pressure, see `TaskState.partial`
and `gil`); cancelling releases that wait at once.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from viewer.core.errors import UserError
from viewer.gui.gil import SwitchInterval

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
        during which the GUI thread would wait."""
        gc.freeze()
        shown = threading.Event()
        self._runner._waiting = shown  # cancel() releases it
        if self.cancelled():
            return
        self._runner._partial.emit(self.generation, (value, shown))
        shown.wait(SHOWN_TIMEOUT)


Task = Callable[[TaskState], object]


class _Runnable(QRunnable):
    def __init__(self, runner: TaskRunner, task: Task, state: TaskState) -> None:
        super().__init__()
        self._runner, self._task, self._state = runner, task, state

    def run(self) -> None:
        generation = self._state.generation
        try:
            if self._state.cancelled():
                raise InterruptedError("superseded before it started")
            result = self._task(self._state)
        except InterruptedError:
            self._runner._stopped.emit(generation)
        except UserError as error:
            self._runner._failed.emit(generation, str(error))
        except Exception as error:  # a bug, not bad input: log it and keep the window alive
            log.exception("background task #%d failed", generation)
            self._runner._failed.emit(
                generation, f"unexpected error ({type(error).__name__}: {error})"
            )
        else:
            gc.freeze()  # see TaskState.partial
            self._runner._finished.emit(generation, result)


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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one thread: no start-up cost per request
        self.generation = 0
        self._busy = False
        self._hold_ms = 0
        self._waiting: threading.Event | None = None  # a task waiting for its snapshot
        self._switch = SwitchInterval()
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
        self._pool.clear()  # tasks not yet started will never be wanted
        self._pool.start(_Runnable(self, task, TaskState(self, self.generation)))
        self._set_busy(True)
        return self.generation

    def cancel(self) -> None:
        """Stop wanting the current task: it is told to stop and its results are dropped."""
        if not self._busy:
            return
        self.generation += 1
        self._release()
        self._pool.clear()
        self._set_busy(False)
        self.stopped.emit()

    def _release(self) -> None:
        """Let a task that waits for its snapshot to be shown go on (and find it is stale)."""
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting.set()

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (on shutdown, in tests and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            if busy:
                self._switch.busy()
            else:
                self._switch.idle()
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
    def _on_partial(self, generation: int, package: object) -> None:
        value, shown = package  # type: ignore[misc]
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
