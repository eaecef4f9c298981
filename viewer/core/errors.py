"""The errors a user can cause, under one root.

`UserError` is a problem with what the reviewer asked for or gave us (a file that cannot be
read, a comparison that cannot be made as asked, a database or report path that cannot be
used); its message is one line naming the file or option and the problem. The command line and
the window's worker catch `UserError` alone and show that line; anything else is a bug and is
reported as one.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; `str(error)` is the one line to show."""


class IngestError(UserError):
    """A file that cannot be read as a document."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class RequestError(UserError):
    """A comparison that cannot be made as asked (an unknown reference, a mode that does not
    fit the files, an unknown kind to ignore)."""


def first_line(error: BaseException) -> str:
    """The first line of a library's error message (its name if it has none), for an
    IngestError's one line."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
