"""The installed PySide6 must not be one that drains the reference counts of None and True."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal

class Probe(QObject):
    signal = Signal()

probe = Probe()
probe.signal.emit()
probe.setObjectName("probe")
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20000):  # PySide6 6.12.0 on Python 3.11 aborts the interpreter within this loop
    probe.signal.emit()
    probe.setObjectName("probe")
print(before == (sys.getrefcount(None), sys.getrefcount(True)))
"""


def test_emitting_signals_keeps_none_and_true_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr.strip().splitlines()[:1]
    assert result.stdout.strip() == "True"
