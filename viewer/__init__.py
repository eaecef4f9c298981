"""Contract Compare: line up contract terms by topic and show what differs."""

from __future__ import annotations

__version__ = "0.1.0"
