"""Which row holds a section: one answer for the window, the reports and the command line.

A section can sit in several rows (a clause that bundles topics), in none (a container whose
sub-sections took its topics), or be known only through its document. `RowIndex` answers, for
any section id of a comparison, which rows hold it and the one row that stands for it.
"""

from __future__ import annotations

from viewer.core.model import Alignment, AlignmentRow, Section, SectionTree


class RowIndex:
    """Lookups over one alignment's sections and rows, built once."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self._sections = {s.id: s for tree in alignment.trees.values() for s in tree.sections}
        self._positions = {row.key: index for index, row in enumerate(alignment.rows)}
        self._holding: dict[str, list[AlignmentRow]] = {}
        for row in alignment.rows:
            for ids in row.cells.values():
                for section_id in ids:
                    self._holding.setdefault(section_id, []).append(row)

    def section(self, section_id: str) -> Section | None:
        return self._sections.get(section_id)

    def tree_of(self, section_id: str) -> SectionTree | None:
        """The document a section belongs to."""
        section = self._sections.get(section_id)
        return self.alignment.trees[section.doc] if section else None

    def row(self, key: str) -> AlignmentRow | None:
        position = self._positions.get(key)
        return None if position is None else self.alignment.rows[position]

    def position(self, key: str) -> int | None:
        """Where the row with this key stands in the alignment's order."""
        return self._positions.get(key)

    def rows_of(self, section_id: str) -> list[AlignmentRow]:
        """The rows whose cells hold this section, in row order."""
        return self._holding.get(section_id, [])

    def row_of(self, section_id: str) -> AlignmentRow | None:
        """The row that stands for a section: its own (the row of its best topic when several
        hold it), else its nearest ancestor's, else its first descendant's (a container
        yields its topic to a more specific child); None when no row comes near it."""
        section = self._sections.get(section_id)
        walk = section
        while walk is not None:
            found = self._own_row(walk)
            if found is not None:
                return found
            walk = self._sections.get(walk.parent) if walk.parent else None
        if section is None:
            return None
        for candidate in self.alignment.trees[section.doc].sections:
            if self._descends(candidate, section_id):
                found = self._own_row(candidate)
                if found is not None:
                    return found
        return None

    def _own_row(self, section: Section) -> AlignmentRow | None:
        """A row holding the section, that of its best topic first; else the row of one of
        its topics (a container whose sub-sections took its place there)."""
        topics = self.alignment.topics.get(section.id, ())
        holding = self.rows_of(section.id)
        for topic in topics:
            for row in holding:
                if row.topic == topic:
                    return row
        if holding:
            return holding[0]
        for topic in topics:
            found = self.row(topic)
            if found is not None and found.topic == topic:
                return found
        return None

    def _descends(self, section: Section, ancestor: str) -> bool:
        parent = section.parent
        while parent:
            if parent == ancestor:
                return True
            found = self._sections.get(parent)
            parent = found.parent if found else None
        return False
