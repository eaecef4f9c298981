"""Background loading of documents: the core's `load_trees` on a worker thread.

Each request carries a generation number; the results come back on the GUI thread through Qt
signals with that number, so the receiver can drop results of a request that a newer one has
superseded (a load cannot be interrupted half-way, but its outcome can be ignored).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from viewer.core.model import IngestError, SectionTree
from viewer.core.pipeline import load_trees

log = logging.getLogger(__name__)

LoadFunction = Callable[[Sequence[str]], list[SectionTree]]


class _LoadTask(QRunnable):
    def __init__(self, loader: DocumentLoader, generation: int, paths: tuple[str, ...]) -> None:
        super().__init__()
        self._loader = loader
        self._generation = generation
        self._paths = paths

    def run(self) -> None:
        try:
            trees = self._loader.load_function(self._paths)
        except IngestError as error:
            self._loader.failed.emit(self._generation, str(error))
        except Exception as error:  # a bug, not bad input: log it, keep the window alive
            log.exception("loading %s failed", self._paths)
            self._loader.failed.emit(self._generation, f"unexpected error ({error!r})")
        else:
            self._loader.loaded.emit(self._generation, list(self._paths), trees)


class DocumentLoader(QObject):
    """Runs one load at a time on its own thread; results arrive as queued signals.

    `loaded(generation, paths, trees)` on success, `failed(generation, message)` with a one-line
    `path: problem` message otherwise.
    """

    loaded = Signal(int, object, object)
    failed = Signal(int, str)

    def __init__(
        self, parent: QObject | None = None, load_function: LoadFunction = load_trees
    ) -> None:
        super().__init__(parent)
        self.load_function = load_function
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0

    @property
    def generation(self) -> int:
        """The number of the newest request; results with a smaller number are stale."""
        return self._generation

    def start(self, paths: Sequence[str]) -> int:
        """Queue a load of `paths` and return its generation number."""
        self._generation += 1
        log.debug("load #%d: %s", self._generation, paths)
        self._pool.clear()  # requests not yet started are superseded by this one
        self._pool.start(_LoadTask(self, self._generation, tuple(paths)))
        return self._generation

    def cancel(self) -> None:
        """Make every request made so far stale (its result, if any, will be ignored)."""
        self._generation += 1
        self._pool.clear()

    def is_current(self, generation: int) -> bool:
        return generation == self._generation

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running load is done (used on shutdown and in tests)."""
        return self._pool.waitForDone(msecs)
