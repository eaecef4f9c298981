"""The undo history: steps undone and redone in order, a failed undo leaves it as it was."""

from __future__ import annotations

import pytest

from viewer.app.history import History, Step
from viewer.store import StoreError


def test_undo_redo_in_order_and_a_new_step_clears_the_redone() -> None:
    done: list[str] = []
    history = History()
    for name in ("a", "b"):
        history.push(Step(name, undo=lambda n=name: done.append(f"-{n}"),
                          redo=lambda n=name: done.append(f"+{n}"), done=name))  # fmt: skip
    assert history.undo().label == "b" and history.undo().label == "a"
    assert history.undo() is None
    assert history.redo().label == "a"
    history.push(Step("c", undo=lambda: None, redo=lambda: None, done="c"))
    assert history.redo() is None and history.undo_label == "c"
    assert done == ["-b", "-a", "+a"]


def test_a_failed_undo_keeps_the_step() -> None:
    def fail() -> None:
        raise StoreError("db: the database is locked by another program; try again")

    history = History()
    history.push(Step("Add note", undo=fail, redo=lambda: None, done="Note added"))
    with pytest.raises(StoreError):
        history.undo()
    assert (history.undo_label, history.redo_label) == ("Add note", None)
