"""The topic list: a table model over the alignment rows, and the filter in front of it.

One row per alignment row: its label, a mark per document (covered or not), the similarity to
the reference and the number of notes. The model adapts the session's comparison and notes and
holds nothing of its own; `reset()` follows a new set of rows, `refresh()` new diffs or notes.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from viewer.app.session import ReviewSession
from viewer.core.model import AlignmentRow
from viewer.gui.palette import mark_color

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row key of any cell
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # a sortable value (similarity, counts)
COVERED, NOT_COVERED = "●", "—"
STATUS_LABELS = {
    "same": "same",
    "changed": "changed",
    "moved": "moved",
    "added": "added",
    "removed": "removed",
}


class TopicModel(QAbstractTableModel):
    """Rows of the session's comparison; columns: topic, [change], one per document,
    similarity, notes."""

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._column_cache: tuple[object, list[str]] = (object(), [])

    @property
    def session(self) -> ReviewSession:
        return self._session

    # -- structure ----------------------------------------------------------------------------

    def _columns(self) -> list[str]:
        """The column kinds for the session's comparison (derived once per comparison: the
        views ask for them thousands of times per paint)."""
        comparison = self._session.comparison
        if self._column_cache[0] is not comparison:
            if comparison is None:
                columns = ["label"]
            else:
                status = ["status"] if comparison.versions else []
                docs = [f"doc:{d}" for d in comparison.ids]
                columns = ["label", *status, *docs, "similarity", "notes"]
            self._column_cache = (comparison, columns)
        return self._column_cache[1]

    def column_kind(self, column: int) -> str:
        columns = self._columns()
        return columns[column] if 0 <= column < len(columns) else ""

    def column_of(self, kind: str) -> int:
        columns = self._columns()
        return columns.index(kind) if kind in columns else -1

    def row_at(self, row: int) -> AlignmentRow | None:
        comparison = self._session.comparison
        if comparison is None or not 0 <= row < len(comparison.rows):
            return None
        return comparison.rows[row]

    def index_of(self, key: str) -> QModelIndex:
        comparison = self._session.comparison
        row = comparison.index.position(key) if comparison else None
        return QModelIndex() if row is None else self.index(row, 0)

    def reset(self) -> None:
        """The rows changed (new documents, reference, overrides): rebuild every view."""
        self.beginResetModel()
        self.endResetModel()

    def refresh(self) -> None:
        """Same rows, new similarity, differences or note counts."""
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        comparison = self._session.comparison
        return 0 if parent.isValid() or comparison is None else len(comparison.rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        kind = self.column_kind(section)
        comparison = self._session.comparison
        if role == Qt.ItemDataRole.DisplayRole:
            if kind.startswith("doc:"):
                return kind[4:]
            return {
                "label": "Topic",
                "status": "Change",
                "similarity": "Similar",
                "notes": "Notes",
            }.get(kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind.startswith("doc:") and comparison is not None:
                doc = kind[4:]
                reference = " (reference)" if doc == comparison.reference else ""
                return f"{doc}: {comparison.name(doc)}{reference}"
            if kind == "similarity":
                return "How alike the row's sections are to the reference's, in content"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        return self._data(row, self.column_kind(index.column()), role)

    def multiData(self, index: AnyIndex, roleDataSpan) -> None:
        """Every role a view asks for, in one call: one trip from C++ into Python per cell
        instead of one per role, which keeps painting cheap while the worker holds the GIL."""
        row = self.row_at(index.row()) if index.isValid() else None
        kind = self.column_kind(index.column()) if row is not None else ""
        for role_data in roleDataSpan:
            value = self._data(row, kind, role_data.role()) if row is not None else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _data(self, row: AlignmentRow, kind: str, role: int) -> Any:
        comparison = self._session.comparison
        if comparison is None:
            return None
        if role == KEY_ROLE:
            return row.key
        if kind.startswith("doc:"):
            return self._coverage(row, kind[4:], role)
        if role in (Qt.ItemDataRole.DisplayRole, VALUE_ROLE):
            return self._value(row, kind, role == VALUE_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole and kind in ("label", "similarity"):
            return self._row_tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in ("similarity", "notes"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and kind == "label" and row.topic is None:
            font = QFont()
            font.setItalic(True)  # a row of sections no topic claims
            return font
        return None

    def _value(self, row: AlignmentRow, kind: str, raw: bool) -> Any:
        comparison = self._session.comparison
        assert comparison is not None
        if kind == "label":
            return row.label
        if kind == "status":
            return row.status if raw else STATUS_LABELS.get(row.status or "", "")
        if kind == "similarity":
            # the topic similarity: word-level similarity between two vendors' clauses is
            # near zero even when they say the same thing, so it is shown on hover only
            if raw:
                return row.similarity
            return "" if row.similarity is None else f"{round(row.similarity * 100)}%"
        if kind == "notes":
            count = self._session.note_count(row)
            return count if raw else (str(count) if count else "")
        return None

    def _coverage(self, row: AlignmentRow, doc: str, role: int) -> Any:
        comparison = self._session.comparison
        assert comparison is not None
        cell = row.cells.get(doc, ())
        if role == Qt.ItemDataRole.DisplayRole:
            return COVERED if cell else NOT_COVERED
        if role == VALUE_ROLE:
            return len(cell)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(mark_color("covered" if cell else "missing"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not cell:
                return f"Not covered in {comparison.name(doc)}"
            headings = [s.heading for sid in cell if (s := comparison.index.section(sid))]
            return f"{comparison.name(doc)}: " + "; ".join(headings)
        return None

    def _row_tip(self, row: AlignmentRow) -> str:
        comparison = self._session.comparison
        assert comparison is not None
        lines = [f"<b>{html.escape(row.label)}</b>"]
        if row.status:
            lines.append(f"Change between the versions: {html.escape(row.status)}")
        if row.similarity is not None:
            lines.append(f"Similar in content: {round(row.similarity * 100)}%")
        words = comparison.similarity(row)
        if words is not None and row.key in comparison.diffs:
            lines.append(f"Words in common with the reference: {round(words * 100)}%")
        missing = comparison.missing(row)
        if missing:
            names = ", ".join(html.escape(comparison.name(doc)) for doc in missing)
            lines.append(f"Not covered in {names}")
        return "<br>".join(lines)


class TopicFilter(QSortFilterProxyModel):
    """ "Differences only", "missing only" and a search over labels and section headings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # filtered when asked (`refilter`), not on every dataChanged: new similarity figures
        # would otherwise call filterAcceptsRow for every row, from C++, each time
        self.setDynamicSortFilter(False)
        self._differences_only = False
        self._missing_only = False
        self._search = ""

    def topic_model(self) -> TopicModel:
        model = self.sourceModel()
        assert isinstance(model, TopicModel)
        return model

    def set_differences_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._differences_only = on
        self.refilter()

    def set_missing_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._missing_only = on
        self.refilter()

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = text.strip().casefold()
        self.refilter()

    def refilter(self) -> None:
        """Filter the rows again (new settings, or new diffs that decide "differences")."""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def multiData(self, index: AnyIndex, roleDataSpan) -> None:
        """Forward the view's one-call-per-cell request to the topic model (Qt's proxy would
        split it into one `data` call per role)."""
        self.topic_model().multiData(self.mapToSource(index), roleDataSpan)

    def key_at(self, row: int) -> str | None:
        index = self.index(row, 0)
        return index.data(KEY_ROLE) if index.isValid() else None

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.topic_model()
        row = model.row_at(source_row)
        comparison = model.session.comparison
        if row is None or comparison is None:
            return False
        if self._differences_only and not comparison.differs(row):
            return False
        if self._missing_only and not comparison.missing(row):
            return False
        if self._search:
            return self._search in self._searchable(row)
        return True

    def _searchable(self, row: AlignmentRow) -> str:
        comparison = self.topic_model().session.comparison
        assert comparison is not None
        titles = [
            section.heading
            for cell in row.cells.values()
            for sid in cell
            if (section := comparison.index.section(sid))
        ]
        return " ".join([row.label, row.key, *titles]).casefold()
