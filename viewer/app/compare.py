"""A comparison of files: trees, rows, key terms and word differences, and a report's content.

The window builds it off the GUI thread; the command line lines documents up (`line_up`) and
writes reports (`review_report`) through the same functions. Everything that decides the
result is in one `Request` (files, reference, mode, ignored kinds), so a newer request simply
replaces an older one and a stale result can be recognised and dropped. `build()` runs the
core in stages and hands back `Comparison` snapshots as it goes: the rows appear as soon as
the alignment exists, the key terms and highlights follow. No Qt here: the worker calls
`build()` with plain `progress`, `partial` and `cancelled` callables.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from viewer.core.compare.align import align
from viewer.core.compare.diff import DiffOptions, RowDiff, diff_alignment
from viewer.core.compare.service import doc_ids, read_tree
from viewer.core.compare.versions import align_versions, are_versions
from viewer.core.model import (
    Alignment,
    AlignmentRow,
    KeyTerm,
    Override,
    Section,
    SectionTree,
)
from viewer.core.terms.extract import extract_terms

TYPE_CHECKING = False
if TYPE_CHECKING:
    from viewer.report import Report
    from viewer.store import Note

log = logging.getLogger(__name__)

PARTIAL_EVERY = 0.25  # seconds between snapshots while rows are being diffed
DIFF_CHUNK = 4  # rows diffed per call: the granularity of progress reports
# Shares of the progress bar per stage: reading dominates for real files.
_READ, _ALIGN, _TERMS = 60, 5, 5
_TOTAL = 100

Progress = Callable[[int, int, str], None]
Partial = Callable[["Comparison"], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Request:
    """Everything the displayed comparison depends on; equal requests give equal results."""

    paths: tuple[str, ...]
    reference: str | None = None  # document id; None or unknown -> the first document
    versions: bool = True  # pair two versions of one document section by section
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


@dataclass(frozen=True)
class ReviewData:
    """What the review store contributed to a build: its review, overrides and placed notes."""

    review_id: int | None = None
    overrides: tuple[Override, ...] = ()
    notes: tuple[Note, ...] = ()
    problem: str | None = None  # one line when the store could not be used


ReviewStep = Callable[[Sequence[SectionTree], str], ReviewData]


@dataclass(frozen=True, eq=False)
class Comparison:
    """One snapshot of the comparison: rows always, terms and diffs once computed."""

    request: Request
    alignment: Alignment
    review: ReviewData = field(default_factory=ReviewData)
    terms: Mapping[str, Mapping[str, KeyTerm | None]] = field(default_factory=dict)
    diffs: Mapping[str, RowDiff] = field(default_factory=dict)
    complete: bool = False

    @cached_property
    def ids(self) -> list[str]:
        """Document ids in the order the files were given (the panes' order)."""
        return self.request.ids

    @property
    def reference(self) -> str:
        return self.alignment.reference

    @property
    def rows(self) -> tuple[AlignmentRow, ...]:
        return self.alignment.rows

    @cached_property
    def versions(self) -> bool:
        """True when the rows pair two versions of one document (each row has a status)."""
        return bool(self.rows) and all(row.status for row in self.rows)

    def tree(self, doc: str) -> SectionTree:
        return self.alignment.trees[doc]

    def path(self, doc: str) -> str:
        return self.tree(doc).document.path

    def name(self, doc: str) -> str:
        return Path(self.path(doc)).name

    @cached_property
    def _sections(self) -> dict[str, Section]:
        return {s.id: s for tree in self.alignment.trees.values() for s in tree.sections}

    @cached_property
    def _row_index(self) -> dict[str, int]:
        return {row.key: index for index, row in enumerate(self.rows)}

    def section(self, section_id: str) -> Section | None:
        return self._sections.get(section_id)

    def row(self, key: str) -> AlignmentRow | None:
        index = self._row_index.get(key)
        return None if index is None else self.rows[index]

    def row_index(self, key: str) -> int | None:
        return self._row_index.get(key)

    def rows_of(self, section_id: str) -> list[AlignmentRow]:
        """The rows whose cells hold this section (a bundled clause can be in several)."""
        doc = section_id.split(":", 1)[0]
        return [row for row in self.rows if section_id in row.cells.get(doc, ())]

    def row_near(self, section_id: str) -> AlignmentRow | None:
        """The row of this section, else of its nearest ancestor or first descendant in a row
        (a container yields its topic to a more specific child)."""
        section = self.section(section_id)
        while section is not None:
            found = self.rows_of(section.id)
            if found:
                return found[0]
            section = self.section(section.parent) if section.parent else None
        prefix = section_id.split(":", 1)[0]
        tree = self.alignment.trees.get(prefix)
        for candidate in tree.sections if tree else ():
            if self._descends(candidate, section_id) and self.rows_of(candidate.id):
                return self.rows_of(candidate.id)[0]
        return None

    def _descends(self, section: Section, ancestor: str) -> bool:
        parent = section.parent
        while parent:
            if parent == ancestor:
                return True
            parent = self._sections[parent].parent if parent in self._sections else None
        return False

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
        for the reference, its text that `counterpart` lacks."""
        diff = self.diffs.get(row.key)
        if diff is None:
            return ()
        if doc != self.reference:
            cell = diff.cells.get(doc)
            return cell.spans.get(doc, ()) if cell else ()
        cell = diff.cells.get(counterpart or "") or next(iter(diff.cells.values()), None)
        return cell.spans.get(doc, ()) if cell else ()


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
    cache: TreeCache,
    progress: Progress,
    partial: Partial,
    cancelled: Cancelled,
    review_step: ReviewStep | None = None,
) -> Comparison:
    """The comparison for `request`, with snapshots handed to `partial` along the way."""
    trees = _read_all(request, cache, progress, cancelled)
    reference = request.reference_id
    review = review_step(trees, reference) if review_step else ReviewData()
    overrides = review.overrides if review_step else request.overrides
    _check(cancelled)
    progress(_READ, _TOTAL, "Lining up sections")
    mode = AUTO if request.versions else TOPICS
    alignment = line_up(trees, reference, mode, overrides, cancelled)
    snapshot = Comparison(request, alignment, review)
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


AUTO, VERSIONS, TOPICS = "auto", "versions", "topics"


class RequestError(ValueError):
    """A comparison that cannot be made as asked (an unknown reference, say): one line."""


def line_up(
    trees: Sequence[SectionTree],
    reference: str | None = None,
    mode: str = AUTO,
    overrides: Sequence[Override] = (),
    cancelled: Cancelled | None = None,
) -> Alignment:
    """The rows of a comparison, for the window and the command line alike.

    Two versions of one document pair section by section: in `VERSIONS` mode, and in `AUTO`
    mode when two files look like versions; other documents line up by topic (`TOPICS`).
    """
    ids = doc_ids(len(trees))
    if reference is not None and reference not in ids:
        raise RequestError(
            f"--reference {reference}: no such document (the documents are {', '.join(ids)})"
        )
    if mode == VERSIONS and len(trees) != 2:
        raise RequestError(f"--versions compares exactly two files, not {len(trees)}")
    if mode == VERSIONS or (mode == AUTO and len(trees) == 2 and are_versions(*trees)):
        old, new = trees if reference in (None, ids[0]) else trees[::-1]
        return align_versions(old, new)
    return align(list(trees), reference=reference, overrides=overrides, cancelled=cancelled)


def review_report(
    comparison: Comparison,
    notes: Sequence[Note],
    title: str | None = None,
    reviewer: str | None = None,
) -> Report:
    """A report's content for a comparison and its notes (File > Export, `report`): every
    row's differences and every document's key terms, computed if the comparison lacks them."""
    from viewer.report import build_report

    alignment = comparison.alignment
    diffs = comparison.diffs if comparison.complete else diff_alignment(alignment)
    terms = comparison.terms or {
        doc: extract_terms(tree, alignment.topics) for doc, tree in alignment.trees.items()
    }
    trees = [comparison.tree(doc) for doc in comparison.ids]
    return build_report(
        trees, alignment, diffs, terms, list(notes), title=title, reviewer=reviewer or None
    )


def _diff_all(
    snapshot: Comparison, progress: Progress, partial: Partial, cancelled: Cancelled
) -> dict[str, RowDiff]:
    options = DiffOptions.ignoring(snapshot.request.ignore)
    alignment = snapshot.alignment
    start = _READ + _ALIGN + _TERMS
    if snapshot.versions:  # one whole-document diff: it cannot be split into rows
        progress(start, _TOTAL, "Comparing the versions")
        return diff_alignment(alignment, options, cancelled=cancelled)
    rows = list(alignment.rows)
    diffs: dict[str, RowDiff] = {}
    shown = time.monotonic()
    for first in range(0, len(rows), DIFF_CHUNK):
        progress(start + (_TOTAL - start) * first // len(rows), _TOTAL, "Comparing words")
        diffs.update(
            diff_alignment(alignment, options, rows[first : first + DIFF_CHUNK], cancelled)
        )
        if time.monotonic() - shown >= PARTIAL_EVERY:
            partial(replace(snapshot, diffs=dict(diffs)))
            shown = time.monotonic()
    return diffs
