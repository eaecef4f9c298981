"""Find across the whole review: where a word occurs, by row and document.

The panes show one row at a time, so a find that looked only at them answered "no match" for a
word on twenty lines of another topic. This counts the matches of every row in every document
over the same text the panes show (each cell's sections, as `pane_text.cell_text` lays them
out), so the window can say where they are and step on to the next row that has one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from viewer.app.compare import Comparison
from viewer.core.records import record


@record
class RowMatches:
    """How many matches one row holds, per document (documents without any left out)."""

    key: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def find_in_rows(
    comparison: Comparison, needle: str, case: bool = False, order: Sequence[str] = ()
) -> list[RowMatches]:
    """The rows that hold `needle`, in `order` (row keys, as the topic list shows them; by
    default the comparison's own order), with their counts per document."""
    if not needle:
        return []
    pattern = re.compile(re.escape(needle), 0 if case else re.IGNORECASE)
    starts = {
        doc: [m.start() for m in pattern.finditer(comparison.tree(doc).document.text)]
        for doc in comparison.ids
    }
    keys = list(order) or [row.key for row in comparison.rows]
    found = []
    for key in keys:
        row = comparison.row(key)
        if row is None:
            continue
        counts = {}
        for doc, section_ids in row.cells.items():
            offsets = starts.get(doc)
            if not offsets:
                continue
            count = 0
            for section_id in section_ids:
                section = comparison.index.section(section_id)
                if section is not None:  # a match must end inside the shown text
                    first = bisect.bisect_left(offsets, section.start)
                    last = bisect.bisect_right(offsets, section.end - len(needle))
                    count += max(0, last - first)
            if count:
                counts[doc] = count
        if counts:
            found.append(RowMatches(key, counts))
    return found
