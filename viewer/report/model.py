"""The content of a review report, once, as plain records that every format renders.

Each writer (HTML, PDF, Markdown, CSV, JSON) reads only these records, so the formats cannot
disagree about what a review found. Text pieces are plain strings: escaping is the writer's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from viewer.core.records import record

if TYPE_CHECKING:
    from collections.abc import Mapping

    from viewer.core.compare.diff import RowDiff
    from viewer.core.model import Alignment, KeyTerm

#: Display order and labels of the note statuses (the store's STATUSES); unknown ones follow.
STATUS_LABELS = {
    "concern": "Concern",
    "negotiate": "Negotiate",
    "question": "Question",
    "ok": "OK",
}
KINDS = ("delete", "insert", "moved")


@record
class DocumentInfo:
    id: str
    title: str
    path: str
    file_name: str
    sha256: str
    language: str
    format: str
    pages: int | None
    reference: bool


@record
class NoteEntry:
    """A reviewer note as the report shows it: where it sits and under which row.

    `document` is None when the note's document is not among the report's documents; such a
    note is listed with the orphaned ones, as is a note whose text is gone (`orphaned`).
    """

    id: int
    document: str | None
    document_path: str
    sha256: str
    section: str | None
    section_label: str
    section_path: tuple[str, ...]
    row: str | None
    topic: str
    status: str
    author: str
    text: str
    quote: str
    offset: int
    created: str
    updated: str
    orphaned: bool

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@record
class Segment:
    """A run of text on one line; `kind` is None (unchanged), "delete", "insert" or "moved".

    `absent` names the documents that lack a deleted run of the reference, when that is not
    every compared document (with three or more documents).
    """

    text: str
    kind: str | None = None
    absent: tuple[str, ...] = ()


@record
class Passage:
    """One section's text in a topic, line by line (blank lines dropped), changes marked."""

    document: str
    section: str
    heading: str
    lines: tuple[tuple[Segment, ...], ...]


@record
class CellView:
    """One document's part of a topic, with its word counts against the reference.

    `marked` says its differences are marked; a cell worded differently throughout (another
    vendor's clause) is shown unmarked, as marking every word would hide the text. `remark`
    says so in words ("reference", "not covered", "word similarity 0.98: 3 words inserted, ...").
    """

    document: str
    passages: tuple[Passage, ...]
    similarity: float | None
    marked: bool
    remark: str
    coarse: bool
    inserted: int
    deleted: int
    moved: int

    @property
    def missing(self) -> bool:
        return not self.passages


@record
class TopicSection:
    key: str
    label: str
    topic: str | None
    status: str | None
    similarity: float | None
    differs: bool
    notes: tuple[NoteEntry, ...]
    cells: tuple[CellView, ...]


@record
class CoverageRow:
    """A row of the topic x document matrix: short section labels per document."""

    key: str
    label: str
    topic: str | None
    status: str | None
    cells: dict[str, tuple[str, ...]]
    missing: tuple[str, ...]
    similarity: float | None
    notes: int
    differs: bool


@record
class TermValue:
    value: str
    quote: str
    section: str
    section_label: str


@record
class TermRow:
    term: str
    label: str
    values: dict[str, TermValue | None]


@record
class Summary:
    notes_total: int
    notes_by_status: tuple[tuple[str, str, int], ...]  # (status, label, count)
    orphaned: int
    authors: tuple[str, ...]
    unit: str  # "topics", or "sections" for two versions of one document (a row per section)
    topics_total: int
    covered_by_all: tuple[str, ...]
    missing_somewhere: tuple[tuple[str, tuple[str, ...]], ...]  # (label, documents lacking it)
    missing_by_document: tuple[tuple[str, tuple[str, ...]], ...]  # (document, labels it lacks)
    rows_total: int
    rows_with_differences: int


@record
class Report:
    title: str
    reviewer: str | None
    date: str
    reference: str
    documents: tuple[DocumentInfo, ...]
    summary: Summary
    coverage: tuple[CoverageRow, ...]
    terms: tuple[TermRow, ...]
    topics: tuple[TopicSection, ...]
    notes: tuple[NoteEntry, ...]  # every note, in report order (placed ones, then the rest)
    orphaned: tuple[NoteEntry, ...]
    # The inputs, for the JSON export's reuse of the CLI's shapes.
    alignment: Alignment
    diffs: Mapping[str, RowDiff]
    key_terms: Mapping[str, Mapping[str, KeyTerm | None]]

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents)
