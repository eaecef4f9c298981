"""The one error the report package raises: a `UserError` whose message is one line."""

from __future__ import annotations

from viewer.core.errors import UserError


class ReportError(UserError):
    """A report that cannot be made or written; the message is one line naming the file."""
