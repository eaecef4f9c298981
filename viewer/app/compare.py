"""A comparison of files: trees, rows, key terms and word differences, and a report's content.

The window builds it off the GUI thread and `contract-compare report` in its process, both
through `build()`: the core's comparison service makes the rows (`viewer.core.compare`), the
review's store step contributes its overrides and notes, and the key terms and word diffs
follow. Everything that decides the result is in one `Request` (files, reference, mode,
ignored kinds), so a newer request simply replaces an older one and a stale result can be
recognised and dropped. `build()` hands back `Comparison` snapshots as it goes: the rows
appear as soon as the alignment exists, the key terms and highlights follow. No Qt here: the
worker calls `build()` with plain `progress`, `partial` and `cancelled` callables.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from viewer.core.compare.diff import Differ, DiffOptions, RowDiff, diff_alignment
from viewer.core.compare.index import RowIndex
from viewer.core.compare.service import doc_ids, line_up, read_tree
from viewer.core.model import (
    AUTO,
    VERSIONS,
    Alignment,
    AlignmentRow,
    KeyTerm,
    Override,
    SectionTree,
)
from viewer.core.records import record, replace
from viewer.core.terms.extract import extract_terms

TYPE_CHECKING = False
if TYPE_CHECKING:
    from viewer.report import Report
    from viewer.store import LeftBehind, Note

log = logging.getLogger(__name__)

PARTIAL_EVERY = 0.25  # seconds between snapshots while rows are being diffed
DIFF_CHUNK = 4  # rows diffed per call: the granularity of progress reports
# Shares of the progress bar per stage: reading dominates for real files.
_READ, _ALIGN, _TERMS = 60, 5, 5
_TOTAL = 100

_NOTHING: Mapping = MappingProxyType({})  # no key terms or diffs yet (shared, read-only)

Progress = Callable[[int, int, str], None]
Partial = Callable[["Comparison"], None]
Cancelled = Callable[[], bool]


@record
class Request:
    """Everything the displayed comparison depends on; equal requests give equal results."""

    paths: tuple[str, ...]
    reference: str | None = None  # document id; None or unknown -> the first document
    mode: str = AUTO  # a mode of `viewer.core.compare.service`: auto, topics or versions
    ignore: frozenset[str] = frozenset()  # DiffOptions kinds
    overrides: tuple[Override, ...] = ()  # used when no store keeps them

    @property
    def ids(self) -> list[str]:
        return doc_ids(len(self.paths))

    @property
    def reference_id(self) -> str:
        ids = self.ids
        return self.reference if self.reference in ids else ids[0]

    def adding(self, paths: Sequence[str]) -> Request | None:
        """This request with `paths` appended (files already in it skipped); None when
        nothing is new."""
        known = {os.path.abspath(path) for path in self.paths}
        new = [p for p in dict.fromkeys(paths) if os.path.abspath(p) not in known]
        return replace(self, paths=(*self.paths, *new)) if new else None

    def removing(self, doc: str) -> Request:
        """This request without document `doc`; the reference follows its file (the ids of
        the documents after `doc` shift down), or falls back to the first document."""
        position = self.ids.index(doc)
        paths = tuple(p for i, p in enumerate(self.paths) if i != position)
        old = self.ids.index(self.reference_id)
        if old == position or not paths:
            return replace(self, paths=paths, reference=None)
        return replace(self, paths=paths, reference=doc_ids(len(paths))[old - (old > position)])


@record
class ReviewData:
    """What the review store contributed to a build: its review, overrides and placed notes."""

    review_id: int | None = None
    overrides: tuple[Override, ...] = ()
    notes: tuple[Note, ...] = ()
    problem: str | None = None  # one line when the store could not be used
    #: Notes of a slot that stay with an earlier, different file there (`Store.left_behind`).
    left_behind: tuple[LeftBehind, ...] = ()


ReviewStep = Callable[[Sequence[SectionTree], str], ReviewData]


@record
class Comparison:
    """One snapshot of the comparison: rows always, terms and diffs once computed.

    Made by `Comparison.of` (which indexes the rows once); a later snapshot of the same rows
    is a copy with more in it (`replace(snapshot, terms=...)`), sharing the index.
    """

    request: Request
    alignment: Alignment
    index: RowIndex  # sections and rows by id: which row holds a section (`index.row_of`), ...
    review: ReviewData = ReviewData()
    terms: Mapping[str, Mapping[str, KeyTerm | None]] = _NOTHING
    diffs: Mapping[str, RowDiff] = _NOTHING
    complete: bool = False

    @classmethod
    def of(
        cls, request: Request, alignment: Alignment, review: ReviewData | None = None
    ) -> Comparison:
        """The first snapshot of `alignment`: rows, no key terms or diffs yet."""
        return cls(request, alignment, RowIndex(alignment), review or ReviewData())

    @property
    def ids(self) -> list[str]:
        """Document ids in the order the files were given (the panes' order)."""
        return self.request.ids

    @property
    def reference(self) -> str:
        return self.alignment.reference

    @property
    def rows(self) -> tuple[AlignmentRow, ...]:
        return self.alignment.rows

    @property
    def versions(self) -> bool:
        """True when the rows pair two versions of one document (each row has a status)."""
        return self.alignment.mode == VERSIONS

    def tree(self, doc: str) -> SectionTree:
        return self.alignment.trees[doc]

    def path(self, doc: str) -> str:
        return self.tree(doc).document.path

    def name(self, doc: str) -> str:
        return Path(self.path(doc)).name

    def row(self, key: str) -> AlignmentRow | None:
        return self.index.row(key)

    def similarity(self, row: AlignmentRow) -> float | None:
        """Word-level similarity once diffed, the alignment's TF-IDF estimate until then."""
        diff = self.diffs.get(row.key)
        return diff.similarity if diff is not None else row.similarity

    def differs(self, row: AlignmentRow) -> bool:
        """Some document's cell differs from the reference's (an empty cell counts)."""
        diff = self.diffs.get(row.key)
        if diff is not None:
            return any(any(spans for spans in cell.spans.values()) for cell in diff.cells.values())
        if self.missing(row):
            return True
        return row.similarity is None or row.similarity < 1.0

    def missing(self, row: AlignmentRow) -> list[str]:
        """The documents that do not cover the row's topic."""
        return [doc for doc in self.ids if not row.cells.get(doc)]

    def spans(self, row: AlignmentRow, doc: str, counterpart: str | None = None):
        """The highlight spans of `doc` in this row: a document's own against the reference;
        for the reference, its text that the counterpart (`marked_against`) lacks."""
        diff = self.diffs.get(row.key)
        if diff is None:
            return ()
        if doc != self.reference:
            cell = diff.cells.get(doc)
            return cell.spans.get(doc, ()) if cell else ()
        against = self.marked_against(row, counterpart)
        cell = diff.cells.get(against or "")
        return cell.spans.get(doc, ()) if cell else ()

    def marked_against(self, row: AlignmentRow, counterpart: str | None) -> str | None:
        """The document the reference's text is marked against in `row`: `counterpart` when
        it covers the row, else the first other document that does. A document that lacks
        the topic would mark the whole reference as missing, which says nothing of the
        others (its lack shows in its own pane and the topic list)."""
        others = [doc for doc in self.ids if doc != self.reference]
        order = ([counterpart] if counterpart in others else []) + others
        return next((doc for doc in order if row.cells.get(doc)), None)


class TreeCache:
    """Sectioned documents by file identity, so that adding a file, removing one or switching
    the reference reads nothing twice. Used from the single worker thread only."""

    def __init__(self, limit: int = 32) -> None:
        self._limit = limit
        self._trees: dict[tuple, SectionTree] = {}
        self._terms: dict[tuple, dict[str, KeyTerm | None]] = {}

    @staticmethod
    def _key(path: str, doc: str) -> tuple:
        try:
            info = os.stat(path)
        except OSError:
            return (path, doc, None, None)
        return (os.path.abspath(path), doc, info.st_size, info.st_mtime_ns)

    def tree(self, path: str, doc: str, cancelled: Cancelled | None = None) -> SectionTree:
        key = self._key(path, doc)
        found = self._trees.get(key)
        if found is None:
            found = read_tree(path, doc, cancelled)
            if key[2] is not None:
                if len(self._trees) >= self._limit:
                    oldest = next(iter(self._trees))
                    del self._trees[oldest]
                    self._terms.pop(oldest, None)
                self._trees[key] = found
        return found

    def terms(self, tree: SectionTree, topics: dict[str, tuple[str, ...]]):
        """Key terms of `tree`; they depend on the document alone, never on the other files."""
        key = next((k for k, cached in self._trees.items() if cached is tree), None)
        if key is not None and key in self._terms:
            return self._terms[key]
        found = extract_terms(tree, topics)
        if key is not None:
            self._terms[key] = found
        return found


def build(
    request: Request,
    cache: TreeCache | None = None,
    progress: Progress | None = None,
    partial: Partial | None = None,
    cancelled: Cancelled | None = None,
    review_step: ReviewStep | None = None,
) -> Comparison:
    """The comparison for `request`, with snapshots handed to `partial` along the way.

    The window passes all of these (a cache that outlives one build, a progress bar, a
    screen for the snapshots, a Cancel button); a command needs none of them. Raises a
    UserError for a file that cannot be read or a comparison that cannot be made as asked.
    """
    cache = cache or TreeCache()
    progress = progress or _quiet
    partial = partial or _quiet
    cancelled = cancelled or _never
    trees = _read_all(request, cache, progress, cancelled)
    review = review_step(trees, request.reference_id) if review_step else ReviewData()
    overrides = review.overrides if review_step else request.overrides
    _check(cancelled)
    progress(_READ, _TOTAL, "Lining up sections")
    alignment = line_up(trees, request.reference, request.mode, overrides, cancelled)
    snapshot = Comparison.of(request, alignment, review)
    partial(snapshot)
    progress(_READ + _ALIGN, _TOTAL, "Reading key terms")
    terms = {}
    for doc in request.ids:
        _check(cancelled)
        terms[doc] = cache.terms(alignment.trees[doc], alignment.topics)
    snapshot = replace(snapshot, terms=terms)
    partial(snapshot)
    diffs = _diff_all(snapshot, progress, partial, cancelled)
    return replace(snapshot, diffs=diffs, complete=True)


def _quiet(*_args: object) -> None:
    """No one to tell: a build without a window."""


def _never() -> bool:
    return False


def _check(cancelled: Cancelled) -> None:
    if cancelled():
        raise InterruptedError("cancelled")


def _read_all(
    request: Request, cache: TreeCache, progress: Progress, cancelled: Cancelled
) -> list[SectionTree]:
    sizes = [_size(path) for path in request.paths]
    total = sum(sizes) or 1
    done = 0
    trees = []
    for doc, path, size in zip(request.ids, request.paths, sizes, strict=True):
        _check(cancelled)
        progress(_READ * done // total, _TOTAL, f"Reading {Path(path).name}")
        trees.append(cache.tree(path, doc, cancelled))
        done += size
    return trees


def _size(path: str) -> int:
    try:
        return max(os.path.getsize(path), 1)
    except OSError:
        return 1


def review_report(
    comparison: Comparison,
    notes: Sequence[Note],
    title: str | None = None,
    reviewer: str | None = None,
    full_text: bool = False,
) -> Report:
    """A report's content for a comparison and its notes (File > Export, `report`): every
    row's differences and every document's key terms, computed if the comparison lacks them;
    the texts of passages not compared only with `full_text`."""
    from viewer.report import build_report

    alignment = comparison.alignment
    if comparison.complete:
        diffs = comparison.diffs
    else:  # as the window would have shown them: with the reviewer's Ignore settings
        diffs = diff_alignment(alignment, DiffOptions.ignoring(comparison.request.ignore))
    terms = comparison.terms or {
        doc: extract_terms(tree, alignment.topics) for doc, tree in alignment.trees.items()
    }
    trees = [comparison.tree(doc) for doc in comparison.ids]
    return build_report(
        trees,
        alignment,
        diffs,
        terms,
        list(notes),
        title=title,
        reviewer=reviewer or None,
        full_text=full_text,
    )


def _diff_all(
    snapshot: Comparison, progress: Progress, partial: Partial, cancelled: Cancelled
) -> dict[str, RowDiff]:
    # one differ for all the batches: the parties and each cell's words are found once
    differ = Differ(snapshot.alignment, DiffOptions.ignoring(snapshot.request.ignore))
    start = _READ + _ALIGN + _TERMS
    if snapshot.versions:  # one whole-document diff: it cannot be split into rows
        progress(start, _TOTAL, "Comparing the versions")
        return differ.diff(cancelled=cancelled)
    rows = list(snapshot.alignment.rows)
    diffs: dict[str, RowDiff] = {}
    shown = time.monotonic()
    for first in range(0, len(rows), DIFF_CHUNK):
        progress(start + (_TOTAL - start) * first // len(rows), _TOTAL, "Comparing words")
        diffs.update(differ.diff(rows[first : first + DIFF_CHUNK], cancelled))
        if time.monotonic() - shown >= PARTIAL_EVERY:
            partial(replace(snapshot, diffs=dict(diffs)))
            shown = time.monotonic()
    return diffs
