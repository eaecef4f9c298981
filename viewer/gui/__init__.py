"""PySide6 desktop app: main window, document panes, item models and background workers.

Everything here adapts `viewer.core` results for display; no contract logic lives in the GUI.
"""

from __future__ import annotations
