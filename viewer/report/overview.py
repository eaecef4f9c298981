"""The report's overview: the summary of a review and its key terms side by side."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from viewer.core.model import KeyTerm
from viewer.core.terms.extract import LABELS
from viewer.report.model import (
    STATUS_LABELS,
    CoverageRow,
    NoteEntry,
    Summary,
    TermRow,
    TermValue,
)


def summarise(
    coverage: Sequence[CoverageRow], notes: Sequence[NoteEntry], orphaned: Sequence[NoteEntry]
) -> Summary:
    """Notes by status (every known status, even at 0), who wrote them, and which topics every
    document covers or some document lacks, by topic and by document (for two versions: which
    sections)."""
    counts = Counter(note.status for note in notes)
    statuses = [*STATUS_LABELS, *sorted(set(counts) - set(STATUS_LABELS))]
    by_status = tuple((s, STATUS_LABELS.get(s, s), counts.get(s, 0)) for s in statuses)
    if any(row.status for row in coverage):  # two versions: a row per section, not per topic
        topical, unit = list(coverage), "sections"
    else:
        topical, unit = [row for row in coverage if row.topic is not None], "topics"
    authors = sorted({note.author for note in notes if note.author}, key=str.casefold)
    return Summary(
        notes_total=len(notes),
        notes_by_status=by_status,
        orphaned=len(orphaned),
        authors=tuple(authors),
        unit=unit,
        topics_total=len(topical),
        covered_by_all=tuple(row.label for row in topical if not row.missing),
        missing_somewhere=tuple((row.label, row.missing) for row in topical if row.missing),
        missing_by_document=tuple(
            (doc, tuple(row.label for row in topical if doc in row.missing))
            for doc in (coverage[0].cells if coverage else ())
        ),
        rows_total=len(coverage),
        rows_with_differences=sum(row.differs for row in coverage),
    )


def term_rows(
    terms: Mapping[str, Mapping[str, KeyTerm | None]],
    documents: Sequence[str],
    section_label: Callable[[str], str],
) -> tuple[TermRow, ...]:
    """One row per key term, in extraction order, with every document's value or None."""
    names: list[str] = []
    for found in terms.values():
        names += [name for name in found if name not in names]
    rows = []
    for name in names:
        values: dict[str, TermValue | None] = {}
        for doc in documents:
            term = terms.get(doc, {}).get(name)
            values[doc] = (
                None
                if term is None
                else TermValue(term.value, term.quote, term.section, section_label(term.section))
            )
        label = LABELS.get(name, name.replace("_", " ").capitalize())
        rows.append(TermRow(name, label, values))
    return tuple(rows)
