"""Undo and redo of the reviewer's actions: a note added, edited or deleted, a section moved.

Each action is written to the store at once (notes are never held back), so undoing one is
another write: the opposite action, kept with the action as a pair of callables. A step whose
undo fails (the database went away) stays where it was, and the failure is the caller's one
line. Like an editor's history: a new action clears what was undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LIMIT = 200  # steps kept; older ones are forgotten


@dataclass(frozen=True)
class Step:
    label: str  # "Add note": the menu says "Undo add note"
    undo: Callable[[], object]  # what it returns is not used
    redo: Callable[[], object]
    done: str  # what the status bar says once it is done: "Note added"
    rebuild: bool = False  # the rows must be lined up again afterwards (a moved section)


class History:
    def __init__(self) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self.changed: Callable[[], None] = lambda: None  # the window updates its menu
        self.pushed: Callable[[Step], None] = lambda step: None  # and says what was done

    def push(self, step: Step) -> None:
        self._done = [*self._done[-(LIMIT - 1) :], step]
        self._undone.clear()
        self.changed()
        self.pushed(step)

    def undo(self) -> Step | None:
        """Undo the last step; None when there is none."""
        return self._move(self._done, self._undone, "undo")

    def redo(self) -> Step | None:
        return self._move(self._undone, self._done, "redo")

    def _move(self, source: list[Step], target: list[Step], side: str) -> Step | None:
        if not source:
            return None
        step = source[-1]
        getattr(step, side)()  # raises before anything moves
        source.pop()
        target.append(step)
        self.changed()
        return step

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self.changed()
