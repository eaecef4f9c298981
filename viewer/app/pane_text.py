"""The text one document pane shows, and the map between it and the document's own text.

A pane shows either the sections of the current row (joined, with a blank line between
sections that are not adjacent) or the whole document. Everything the core reports (sections,
diff spans, note anchors, key-term quotes) is an offset into the document's normalised text;
`PaneText` maps those offsets to offsets in the shown text and back. Still Python string
offsets: `Utf16` turns them into Qt's UTF-16 positions, once, at the widget edge.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from viewer.core.model import Section, SectionTree
from viewer.core.records import record

SEPARATOR = "\n\n"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

Span = tuple[int, int, str]


@record
class PaneText:
    """Shown text made of pieces of one document's text (made by `cell_text`, `whole_text`).

    `pieces` holds `(doc_start, doc_end, shown_start)` in order; `sections` holds
    `(section, shown_start, shown_end)` for every section shown (a whole document shows all).
    `starts` and `shown_starts` are the pieces' and sections' first offsets, for bisection.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    sections: tuple[tuple[Section, int, int], ...]
    whole: bool
    starts: list[int]
    shown_starts: list[int]

    def shown(self, offset: int) -> int | None:
        """Where document offset `offset` is in the shown text; None when it is not shown."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        start, end, shown = self.pieces[index]
        if offset > end:
            return None
        return shown + offset - start

    def document_offset(self, shown: int) -> int | None:
        """The document offset of shown position `shown`; None inside a separator."""
        for start, end, at in self.pieces:
            if at <= shown <= at + end - start:
                return start + shown - at
        return None

    def section_at(self, shown: int) -> Section | None:
        """The section under shown position `shown` (the last one for the very end)."""
        if not self.sections:
            return None
        index = max(bisect.bisect_right(self.shown_starts, shown) - 1, 0)
        return self.sections[index][0]

    def section_range(self, section_id: str) -> tuple[int, int] | None:
        for section, start, end in self.sections:
            if section.id == section_id:
                return start, end
        return None

    def map_spans(self, spans: Iterable[Span]) -> list[Span]:
        """Spans in document offsets -> the shown parts of them, in shown offsets."""
        out = []
        for start, end, kind in spans:
            for doc_start, doc_end, at in self._overlapping(start, end):
                low, high = max(start, doc_start), min(end, doc_end)
                if low < high:
                    out.append((at + low - doc_start, at + high - doc_start, kind))
        return out

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        found = []
        for piece in self.pieces[first:]:
            if piece[0] >= end:
                break
            found.append(piece)
        return found


def cell_text(tree: SectionTree, section_ids: Sequence[str]) -> PaneText:
    """The row's sections of one document in document order, each set apart by a blank line
    (a row can hold sections from anywhere in the document)."""
    by_id = {section.id: section for section in tree.sections}
    wanted = sorted((by_id[sid] for sid in section_ids if sid in by_id), key=lambda s: s.start)
    text = tree.document.text
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    shown_sections: list[tuple[Section, int, int]] = []
    length = 0
    for section in wanted:
        end = section.end
        while end > section.start and text[end - 1] == "\n":
            end -= 1  # trailing blank lines belong to no one; the separator stands for them
        if parts:
            parts.append(SEPARATOR)
            length += len(SEPARATOR)
        pieces.append((section.start, end, length))
        parts.append(text[section.start : end])
        shown_sections.append((section, length, length + end - section.start))
        length += end - section.start
    return _pane_text("".join(parts), tuple(pieces), tuple(shown_sections), whole=False)


def whole_text(tree: SectionTree) -> PaneText:
    """The whole document, every section at its own offset."""
    text = tree.document.text
    sections = tuple((s, s.start, s.end) for s in tree.sections)
    return _pane_text(text, ((0, len(text), 0),), sections, whole=True)


def _pane_text(
    text: str,
    pieces: tuple[tuple[int, int, int], ...],
    sections: tuple[tuple[Section, int, int], ...],
    whole: bool,
) -> PaneText:
    starts = [piece[0] for piece in pieces]
    return PaneText(text, pieces, sections, whole, starts, [start for _, start, _ in sections])


class Utf16:
    """Python string offsets of one text <-> Qt's UTF-16 positions in the same text.

    Text without characters outside the Basic Multilingual Plane (almost all contracts) maps
    one to one; otherwise each astral character counts twice in Qt.
    """

    def __init__(self, text: str) -> None:
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._qt = [index + k + 1 for k, index in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset) if self._astral else offset

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        # every astral character before `position` took one extra unit
        return position - bisect.bisect_right(self._qt, position)


NOTHING_SHOWN = _pane_text("", (), (), whole=False)  # a pane without a row
