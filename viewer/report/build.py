"""Turn a review (section trees, alignment, differences, key terms, notes) into one `Report`.

Notes come placed by the store in the review's documents (their sections are this comparison's
section ids); a note that is not placed in a section here is kept and listed as orphaned under
its document (found by content, SHA-256, then by path), never dropped. Each note is shown under
the one row that stands for its section (`RowIndex.row_of`), the rule the window follows too.
"""

from __future__ import annotations

import bisect
import datetime
import logging
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from viewer.core.compare.index import RowIndex
from viewer.core.model import Alignment, AlignmentRow, KeyTerm, Section, SectionTree
from viewer.report.marks import Span, line_segments, merge_reference_spans
from viewer.report.model import (
    CellView,
    CoverageRow,
    DocumentInfo,
    NoteEntry,
    Passage,
    Report,
    TopicSection,
)
from viewer.report.overview import summarise, term_rows

if TYPE_CHECKING:
    from viewer.core.compare.diff import CellDiff, RowDiff
    from viewer.store import Note

log = logging.getLogger(__name__)

DEFAULT_TITLE = "Contract review"
OTHER_NOTES_KEY = "other-notes"
OTHER_NOTES = "Other sections"
SHORT_LABEL = 24  # characters of an unnumbered section's title in the coverage matrix
#: Word similarity below which a cell is worded differently throughout (another vendor's
#: clause, a translation): marking nearly every word would hide the text, so it stays unmarked.
#: Measured on the samples: such cells score 0.00-0.04, versions of one text 0.74-1.00.
MARK_MIN_SIMILARITY = 0.2


def build_report(
    trees: Sequence[SectionTree],
    alignment: Alignment,
    diffs: Mapping[str, RowDiff],
    terms: Mapping[str, Mapping[str, KeyTerm | None]],
    notes: Sequence[Note],
    title: str | None = None,
    reviewer: str | None = None,
    date: str | None = None,
    full_text: bool = False,
) -> Report:
    """The report of a review: `diffs` by row key (rows without one show no differences),
    `terms` by document id (may be empty), `notes` as placed by the store. Where the reference lacks
    the topic, the other documents' passages were not compared: they are named with their
    remark, their texts left out unless `full_text` (a report of three vendors' DPAs was 51
    pages, mostly such texts)."""
    trees = list(trees) or list(alignment.trees.values())
    context = _Context(trees, alignment)
    entries = [context.note_entry(note) for note in notes]
    placed = sorted((e for e in entries if e.row is not None), key=context.note_order)
    orphaned = sorted((e for e in entries if e.row is None), key=context.orphan_order)
    by_row: dict[str, list[NoteEntry]] = {}
    for entry in placed:
        by_row.setdefault(entry.row or "", []).append(entry)  # placed: every one has a row
    coverage, topics = [], []
    for row in alignment.rows:
        row_diff = diffs.get(row.key)
        differs = row_diff is not None and any(
            any(spans for spans in cell.spans.values()) for cell in row_diff.cells.values()
        )
        row_notes = tuple(by_row.get(row.key, ()))
        coverage.append(context.coverage_row(row, differs, len(row_notes)))
        if differs or row_notes:
            topics.append(context.topic_section(row, row_diff, differs, row_notes, full_text))
    if OTHER_NOTES_KEY in by_row:  # sections that no row holds (nor an ancestor, nor a topic)
        other = tuple(by_row[OTHER_NOTES_KEY])
        topics.append(
            TopicSection(OTHER_NOTES_KEY, OTHER_NOTES, None, None, None, False, other, ())
        )
    return Report(
        title=(title or "").strip() or DEFAULT_TITLE,
        reviewer=(reviewer or "").strip() or None,
        date=date or datetime.date.today().isoformat(),
        reference=alignment.reference,
        documents=context.documents(),
        summary=summarise(coverage, entries, orphaned),
        coverage=tuple(coverage),
        terms=term_rows(terms, tuple(context.trees), context.label),
        topics=tuple(topics),
        notes=(*placed, *orphaned),
        orphaned=tuple(orphaned),
        alignment=alignment,
        diffs=diffs,
        key_terms=terms,
    )


class _Context:
    """Lookups over the review's documents and sections, built once per report."""

    def __init__(self, trees: list[SectionTree], alignment: Alignment) -> None:
        self.trees = {tree.doc: tree for tree in trees}
        self.alignment = alignment
        self.index = RowIndex(alignment)
        self.order = {doc: index for index, doc in enumerate(self.trees)}
        self.sections: dict[str, tuple[int, Section]] = {}
        for tree in trees:
            for index, section in enumerate(tree.sections):
                self.sections[section.id] = (index, section)
        self.by_sha: dict[str, str] = {}
        self.by_path: dict[str, str] = {}
        for doc, tree in self.trees.items():
            self.by_sha.setdefault(tree.document.sha256, doc)
            self.by_path.setdefault(os.path.abspath(tree.document.path), doc)

    # -- documents and sections ------------------------------------------------------------

    def documents(self) -> tuple[DocumentInfo, ...]:
        return tuple(
            DocumentInfo(
                id=doc,
                title=tree.title or os.path.basename(tree.document.path),
                path=tree.document.path,
                file_name=os.path.basename(tree.document.path),
                sha256=tree.document.sha256,
                language=tree.document.language,
                format=tree.document.format,
                pages=tree.document.pages,
                reference=doc == self.alignment.reference,
            )
            for doc, tree in self.trees.items()
        )

    def label(self, section_id: str) -> str:
        found = self.sections.get(section_id)
        return section_label(found[1]) if found else section_id

    def short_label(self, section_id: str) -> str:
        section = self.sections[section_id][1]
        if section.number:
            return section.number
        title = section.title or "Preamble"
        return title if len(title) <= SHORT_LABEL else title[: SHORT_LABEL - 1].rstrip() + "…"

    # -- notes -----------------------------------------------------------------------------

    def note_entry(self, note: Note) -> NoteEntry:
        section = self._section_of(note)
        section_id = section.id if section else None
        doc = section.doc if section else self._document_of(note)
        row = self.index.row_of(section_id) if section_id else None
        return NoteEntry(
            id=note.id,
            document=doc,
            document_path=note.doc_path,
            sha256=note.doc_sha256,
            section=section_id,
            section_label=self.label(section_id) if section_id else "",
            section_path=tuple(note.section_path),
            row=row.key if row else (OTHER_NOTES_KEY if section_id else None),
            topic=row.label if row else (OTHER_NOTES if section_id else ""),
            status=note.status,
            author=note.author or "",
            text=note.text,
            quote=note.quote or "",
            offset=note.offset,
            created=note.created,
            updated=note.updated,
            orphaned=section_id is None,
        )

    def _section_of(self, note: Note) -> Section | None:
        """The section the store placed the note in, when it is one of this report's
        documents' (the same content: a note never strays into another document)."""
        if note.orphaned or not note.section or note.section not in self.sections:
            return None
        section = self.sections[note.section][1]
        if self.trees[section.doc].document.sha256 != note.doc_sha256:
            return None
        return section

    def _document_of(self, note: Note) -> str | None:
        """The document of a note that is not placed here: by content, else by path."""
        placed_in = self.trees.get(note.doc)
        if placed_in is not None and placed_in.document.sha256 == note.doc_sha256:
            return note.doc  # the store placed it in this slot (identical files stay apart)
        doc = self.by_sha.get(note.doc_sha256) or self.by_path.get(os.path.abspath(note.doc_path))
        if doc is None:
            log.debug("note %s: its document %s is not in this review", note.id, note.doc_path)
        return doc

    def note_order(self, entry: NoteEntry) -> tuple:
        rows = len(self.alignment.rows)
        position = self.index.position(entry.row or "")
        row = rows if position is None else position
        index = self.sections[entry.section or ""][0]  # a placed note is in a section
        return (row, self.order[entry.document or ""], index, entry.offset, entry.id)

    def orphan_order(self, entry: NoteEntry) -> tuple:
        return (
            self.order.get(entry.document or "", len(self.order)),
            entry.document_path,
            entry.id,
        )

    # -- rows ------------------------------------------------------------------------------

    def coverage_row(self, row: AlignmentRow, differs: bool, notes: int) -> CoverageRow:
        return CoverageRow(
            key=row.key,
            label=row.label,
            topic=row.topic,
            status=row.status,
            cells={
                doc: tuple(self.short_label(sid) for sid in row.cells.get(doc, ()))
                for doc in self.trees
            },
            missing=tuple(doc for doc in self.trees if not row.cells.get(doc)),
            similarity=row.similarity,
            notes=notes,
            differs=differs,
        )

    def topic_section(
        self,
        row: AlignmentRow,
        row_diff: RowDiff | None,
        differs: bool,
        notes: tuple[NoteEntry, ...],
        full_text: bool = False,
    ) -> TopicSection:
        reference = self.alignment.reference
        base = bool(row.cells.get(reference))
        marked = {
            doc
            for doc, cell in (row_diff.cells.items() if row_diff and base else ())
            if row.cells.get(doc) and (cell.similarity or 0.0) >= MARK_MIN_SIMILARITY
        }
        cells = []
        for doc, tree in self.trees.items():
            ids = row.cells.get(doc, ())
            cell = row_diff.cells.get(doc) if row_diff and doc != reference else None
            if doc == reference and row_diff is not None:
                compared = [d for d in self.trees if d in marked]
                spans = merge_reference_spans(
                    {d: row_diff.cells[d].spans.get(reference, ()) for d in compared}
                )
            elif doc in marked and cell is not None:
                spans = sorted((s, e, k, ()) for s, e, k in cell.spans.get(doc, ()))
            else:
                spans = []
            text = tree.document.text
            ref_text = self.trees[reference].document.text
            counts = (
                (
                    _words(text, cell.spans.get(doc, ()), "insert"),
                    _words(ref_text, cell.spans.get(reference, ()), "delete"),
                    _words(text, cell.spans.get(doc, ()), "moved"),
                )
                if cell is not None
                else (0, 0, 0)
            )
            is_marked = doc in marked or (doc == reference and bool(marked))
            shown = ids if base or full_text else ()  # not compared: named, not printed
            cells.append(
                CellView(
                    document=doc,
                    passages=tuple(self._passage(doc, sid, spans) for sid in shown),
                    similarity=cell.similarity if cell is not None else None,
                    marked=is_marked,
                    remark=_remark(doc == reference, bool(ids), base, cell, is_marked, counts),
                    coarse=bool(cell and cell.coarse),
                    inserted=counts[0],
                    deleted=counts[1],
                    moved=counts[2],
                )
            )
        return TopicSection(
            row.key, row.label, row.topic, row.status, row.similarity, differs, notes, tuple(cells)
        )

    def _passage(self, doc: str, section_id: str, spans: list[Span]) -> Passage:
        section = self.sections[section_id][1]
        text = self.trees[doc].document.text
        starts = [span[0] for span in spans]
        first = max(bisect.bisect_right(starts, section.start) - 1, 0)
        inside = []
        for span in spans[first:]:
            if span[0] >= section.end:
                break
            if span[1] > section.start:
                inside.append(span)
        return Passage(
            doc, section_id, section_label(section), line_segments(text, section, inside)
        )


def _remark(
    reference: bool,
    present: bool,
    base: bool,
    cell: CellDiff | None,
    marked: bool,
    counts: tuple[int, int, int],
) -> str:
    if reference:
        return "reference" if present else "reference: does not cover this topic"
    if not present:
        return "does not cover this topic"
    if not base or cell is None:
        return "not compared: the reference does not cover this topic"
    similarity = "—" if cell.similarity is None else f"{cell.similarity:.2f}"
    if not marked:
        return f"worded differently throughout (word similarity {similarity}), shown unmarked"
    inserted, deleted, moved = counts
    parts = [f"{_plural(inserted, 'word')} inserted", f"{deleted} deleted"]
    if moved:
        parts.append(f"{moved} moved")
    coarse = " (coarse: the diff was cut short)" if cell.coarse else ""
    return f"word similarity {similarity}: {', '.join(parts)}{coarse}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def section_label(section: Section) -> str:
    """`12.1 Governing Law`, `Preamble`: a section as a reader names it."""
    return section.heading


def _words(text: str, spans: Sequence[tuple[int, int, str]], kind: str) -> int:
    return sum(len(text[start:end].split()) for start, end, found in spans if found == kind)
