"""Review reports: one `Report` built from a review, written as HTML, PDF, Markdown, CSV or JSON.

The GUI and the CLI call the same three functions: `build_report` (the content, once),
`write_report` (one format to one file) and `check_output` (fail early on a path that cannot be
written). Pure Python: no Qt here (an import-linter contract holds it).
"""

from __future__ import annotations

import os
import stat
import tempfile

from viewer.core.structure.ingest import file_kind
from viewer.report.build import build_report
from viewer.report.errors import ReportError
from viewer.report.model import Report

FORMATS = ("html", "pdf", "md", "csv", "json")
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "md": ".md", "csv": ".csv", "json": ".json"}
#: What a save dialog calls each format.
LABELS = {
    "html": "Web page (HTML)",
    "pdf": "PDF document",
    "md": "Markdown",
    "csv": "Spreadsheet of the notes (CSV)",
    "json": "JSON",
}

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "LABELS",
    "Report",
    "ReportError",
    "build_report",
    "check_output",
    "render_report",
    "write_report",
]


def render_report(report: Report, fmt: str) -> bytes:
    """The report as the bytes of a file in format `fmt` (one of FORMATS)."""
    if fmt == "html":
        from viewer.report.html_report import render_html

        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        from viewer.report.pdf_report import render_pdf

        return render_pdf(report)
    if fmt == "md":
        from viewer.report.markdown_report import render_markdown

        return render_markdown(report).encode("utf-8")
    if fmt == "csv":
        from viewer.report.csv_report import render_csv

        return render_csv(report).encode("utf-8-sig")  # the BOM tells Excel it is UTF-8
    if fmt == "json":
        from viewer.report.json_report import render_json

        return render_json(report).encode("utf-8")
    raise ReportError(f"unknown report format {fmt!r} (formats: {', '.join(FORMATS)})")


def check_output(out_path: str) -> None:
    """Raise ReportError when `out_path` cannot be written: a folder, something else that is
    not a regular file (see `_refuse_special`), or in a missing or read-only folder. Cheap: the
    CLI calls it before any document is read."""
    path = os.fspath(out_path)
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise ReportError(f"{path}: cannot write the report: it is a folder")
    _refuse_special(path)
    if not os.path.isdir(folder):
        raise ReportError(f"{path}: cannot write the report: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportError(f"{path}: cannot write the report: folder {folder} is not writable")


def write_report(report: Report, fmt: str, out_path: str) -> None:
    """Render and write the report; the file appears whole or not at all (written beside it,
    then renamed). Raises ReportError, one line naming the file, when it cannot be written."""
    path = os.fspath(out_path)
    check_output(path)
    try:
        data = render_report(report, fmt)
    except ReportError as error:
        raise ReportError(f"{path}: {error}") from None
    folder = os.path.dirname(os.path.abspath(path))
    temp = None
    try:
        handle, temp = tempfile.mkstemp(prefix=".report-", suffix=".part", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, _mode(path))
        _refuse_special(path)  # again: it may have appeared while the report was rendered
        os.replace(temp, path)
        temp = None
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ReportError(f"{path}: cannot write the report ({reason})") from None
    finally:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)


def _refuse_special(path: str) -> None:
    """Raise ReportError when `path` (or what a symlink there points to) exists and is not a
    regular file. The report replaces what is at its path: over a device such as /dev/null, a
    named pipe another program reads or a socket, that would break the system or that program
    rather than save a report. A new path, or a regular file to replace, passes."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # nothing there (or nothing we may look at: the folder checks say so)
    if not stat.S_ISREG(mode):
        what = file_kind(mode)
        raise ReportError(f"{path}: cannot write the report: it is {what}, not a regular file")


def _mode(path: str) -> int:
    """Keep an existing file's permissions; a new one gets rw-r--r-- (a temporary file's
    0600 would hide a report that is meant to be shared; reading the umask is not thread-safe)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return 0o644
