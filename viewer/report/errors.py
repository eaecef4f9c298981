"""The one error the report package raises: a ValueError whose message is one line."""

from __future__ import annotations


class ReportError(ValueError):
    """A report that cannot be made or written; the message is one line naming the file."""
