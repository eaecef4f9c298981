"""Difference marks for the report: spans of the diff cut into per-line runs of text.

The reference document is compared with every other document, so one stretch of its text can
be missing from some of them and present in others; `merge_reference_spans` folds those
per-document spans into one sequence that says, for each run, which documents lack it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from viewer.core.model import Section
from viewer.report.model import Segment

#: (start, end, kind, documents lacking it) in one document's normalised text.
Span = tuple[int, int, str, tuple[str, ...]]


def merge_reference_spans(per_document: Mapping[str, Sequence[tuple[int, int, str]]]) -> list[Span]:
    """The reference's runs marked "delete" (missing from at least one compared document,
    which are named unless it is every one of them) or "moved"; sorted, never overlapping."""
    events: list[tuple[int, str, str, int]] = []
    for doc, spans in per_document.items():
        for start, end, kind in spans:
            if end > start and kind in ("delete", "moved"):
                events += [(start, doc, kind, 1), (end, doc, kind, -1)]
    events.sort()
    everyone = tuple(per_document)
    deleting: dict[str, int] = {}
    moving = 0
    merged: list[Span] = []
    at = None
    for position, doc, kind, change in events:
        if at is not None and position > at:
            _emit(merged, at, position, deleting, moving, everyone)
        at = position
        if kind == "delete":
            deleting[doc] = deleting.get(doc, 0) + change
        else:
            moving += change
    return merged


def _emit(
    merged: list[Span],
    start: int,
    end: int,
    deleting: dict[str, int],
    moving: int,
    everyone: tuple[str, ...],
) -> None:
    absent = tuple(doc for doc in everyone if deleting.get(doc, 0) > 0)
    if absent:
        kind, absent = "delete", () if len(absent) == len(everyone) else absent
    elif moving > 0:
        kind = "moved"
    else:
        return
    if merged and merged[-1][1] == start and merged[-1][2:] == (kind, absent):
        merged[-1] = (merged[-1][0], end, kind, absent)
    else:
        merged.append((start, end, kind, absent))


def line_segments(
    text: str, section: Section, spans: Sequence[Span]
) -> tuple[tuple[Segment, ...], ...]:
    """The section's non-blank lines, each trimmed and cut into plain and marked runs.
    `spans` are sorted and do not overlap; a mark over whitespace only is left plain."""
    lines = []
    index = 0
    position = section.start
    while position < section.end:
        newline = text.find("\n", position, section.end)
        line_end = section.end if newline < 0 else newline
        raw = text[position:line_end]
        stripped = raw.strip()
        if stripped:
            start = position + (len(raw) - len(raw.lstrip()))
            end = start + len(stripped)
            while index < len(spans) and spans[index][1] <= start:
                index += 1
            lines.append(_segments(text, start, end, spans, index))
        position = line_end + 1
    return tuple(lines)


def _segments(
    text: str, start: int, end: int, spans: Sequence[Span], index: int
) -> tuple[Segment, ...]:
    out: list[Segment] = []
    at = start
    while index < len(spans) and spans[index][0] < end:
        span_start, span_end, kind, absent = spans[index]
        low, high = max(span_start, start), min(span_end, end)
        if low > at:
            _append(out, Segment(text[at:low]))
        piece = text[low:high]
        _append(out, Segment(piece, kind, absent) if piece.strip() else Segment(piece))
        at = high
        if span_end > end:
            break  # the span goes on to the next line
        index += 1
    if at < end:
        _append(out, Segment(text[at:end]))
    return tuple(out)


def _append(out: list[Segment], segment: Segment) -> None:
    if not segment.text:
        return
    if out and out[-1].kind is None and segment.kind is None:
        out[-1] = Segment(out[-1].text + segment.text)
    else:
        out.append(segment)
