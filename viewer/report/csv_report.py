"""The CSV report: one row per note, for a spreadsheet.

Written as UTF-8 with a byte-order mark (so Excel reads it as UTF-8) and CRLF line ends. A
cell that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading `'`, so a note such as `=HYPERLINK(...)` stays text.
"""

from __future__ import annotations

import csv
import io

from viewer.report.model import NoteEntry, Report

COLUMNS = (
    "note id", "status", "document", "file", "document title", "topic", "section",
    "section path", "quote", "note", "author", "created", "updated", "orphaned",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as text a spreadsheet shows as typed, never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(report: Report) -> str:
    titles = {d.id: d.title for d in report.documents}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow(COLUMNS)
    for note in report.notes:
        writer.writerow(safe_cell(value) for value in _row(note, titles))
    return buffer.getvalue()


def _row(note: NoteEntry, titles: dict[str, str]) -> tuple[object, ...]:
    return (
        note.id,
        note.status_label,
        note.document or "",
        note.document_path,
        titles.get(note.document or "", ""),
        note.topic,
        note.section_label,
        " › ".join(note.section_path),
        note.quote,
        note.text,
        note.author,
        note.created,
        note.updated,
        "yes" if note.orphaned else "no",
    )
