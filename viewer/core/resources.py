"""Locate the data files in `resources/`, in a source checkout and inside the frozen app.

`os.path` rather than `pathlib`: this module is on the CLI's start-up path, and pathlib costs
more to import than everything it would save here.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache


def resource_path(name: str) -> str:
    """Path of a file in `resources/`; PyInstaller unpacks it under `sys._MEIPASS`."""
    root = getattr(sys, "_MEIPASS", None)
    if root is None:
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(root, "resources", name)


@cache
def load_json(name: str) -> dict:
    """Parsed JSON resource, read once per process."""
    with open(resource_path(name), encoding="utf-8") as handle:
        return json.load(handle)
