"""Keeping the window responsive while the worker thread runs Python.

Qt asks a Python item model for everything through many short calls (`rowCount`, `index`,
`multiData`, `flags`, ...), and each call from C++ into Python must take the GIL. While the
worker thread computes, every take waits until the worker lets go, up to Python's switch
interval (5 ms): a table paint of a few thousand calls then stalls the event loop for seconds.
Two measures, measured by `bench/bench_gui.py`:

- views paint in one pass: their `paintEvent` is a Python override, so the GIL is taken once
  per paint and every call Qt makes during the paint finds it already held;
- while a task runs the switch interval is short, so the remaining takes (timers, single
  signals) wait a fraction of a millisecond instead of up to five.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QPaintEvent

BUSY_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


class OnePassPaint:
    """Mixin for item views (put it first): paint with the GIL held throughout."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # type: ignore[misc]


_working = 0  # runners with work under way
_normal = 0.005  # the switch interval while none has


def work_started() -> None:
    """A runner has work: the switch interval is short until every runner is idle again."""
    global _working, _normal
    if _working == 0:
        _normal = sys.getswitchinterval()
        sys.setswitchinterval(min(_normal, BUSY_SWITCH_INTERVAL))
    _working += 1


def work_ended() -> None:
    global _working
    _working = max(_working - 1, 0)
    if _working == 0:
        sys.setswitchinterval(_normal)
