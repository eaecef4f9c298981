"""The review's change list: every difference and every note, in reading order.

What Meld and Word Compare show beside the panes: one line per change, to read down and click.
Built from a comparison (its rows in the order given, their word differences against the
reference) and the notes; Qt-free, so the window only lists what this returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from viewer.app.compare import Comparison
from viewer.core.compare.diff import Span
from viewer.core.records import record
from viewer.store import Note

KIND_NAMES = {"insert": "added", "delete": "missing", "moved": "moved"}
SNIPPET = 60  # characters of a change's text shown in its line


@record
class ChangeEntry:
    """One line of the change list: where (row and document) and what."""

    row: str  # row key
    doc: str  # the document whose text the change (or note) is in
    start: int  # document offsets of the change or the note's section
    end: int
    kind: str  # "insert", "delete", "moved" or "note"
    text: str  # the changed words, or the note's status and text


def change_entries(
    comparison: Comparison, notes: Sequence[Note], order: Sequence[str] = ()
) -> list[ChangeEntry]:
    """Every word difference of every row (each document's own against the reference; the
    reference's text the others lack), then the row's notes, rows in `order` (row keys; by
    default the comparison's)."""
    by_section: dict[str, list[Note]] = {}
    for note in notes:
        if note.section is not None and not note.orphaned:
            by_section.setdefault(note.section, []).append(note)
    entries = []
    for key in list(order) or [row.key for row in comparison.rows]:
        row = comparison.row(key)
        diff = comparison.diffs.get(key) if row is not None else None
        if row is None:
            continue
        reference = comparison.reference
        for doc in comparison.ids:
            cell = diff.cells.get(doc) if diff is not None and doc != reference else None
            if cell is not None and row.cells.get(doc) and row.cells.get(reference):
                entries += _differences(comparison, key, doc, cell.spans)
            for section_id in row.cells.get(doc, ()):
                section = comparison.index.section(section_id)
                for note in by_section.get(section_id, ()):
                    if section is not None:
                        said = f"{note.status}: {' '.join(note.text.split())}"
                        entries.append(
                            ChangeEntry(key, doc, section.start, section.end, "note", said)
                        )
    return entries


def _differences(
    comparison: Comparison, key: str, doc: str, spans: Mapping[str, Sequence[Span]]
) -> list[ChangeEntry]:
    """`doc`'s words added or moved against the reference, and the reference's words `doc`
    lacks (listed in the reference, where they are), in reading order."""
    reference = comparison.reference
    own, theirs = comparison.tree(doc).document.text, comparison.tree(reference).document.text
    found = [
        ChangeEntry(key, doc, start, end, kind, _snippet(own, start, end))
        for start, end, kind in spans.get(doc, ())
        if kind in ("insert", "moved")
    ]
    found += [
        ChangeEntry(
            key, reference, start, end, "delete", f"{doc} lacks: {_snippet(theirs, start, end)}"
        )
        for start, end, kind in spans.get(reference, ())
        if kind == "delete"
    ]
    return found


def _snippet(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    return words if len(words) <= SNIPPET else words[: SNIPPET - 1] + "…"
