"""The comparison service: files in, section trees, then the rows of a comparison.

The command line and the window (through `viewer.app.compare`) make every comparison here, in
the same two steps: `load_trees` reads and sections the files under their ids (`A`, `B`, ...),
`line_up` makes the rows in the mode asked for, with the reviewer's overrides. The mode is
decided here and nowhere else, and travels with the result (`Alignment.mode`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from viewer.core.compare.align import align
from viewer.core.compare.versions import align_versions, are_versions
from viewer.core.errors import IngestError, RequestError, first_line
from viewer.core.model import AUTO, MODES, VERSIONS, Alignment, Override, SectionTree
from viewer.core.structure.ingest import load_document
from viewer.core.structure.segment import segment
from viewer.core.topics.classify import names_definitions


def doc_ids(count: int) -> list[str]:
    """`A`, `B`, ... `Z`, `AA`, ...: short ids that read well in a table header."""
    ids = []
    for index in range(count):
        label, value = "", index
        while True:
            label = chr(ord("A") + value % 26) + label
            value = value // 26 - 1
            if value < 0:
                break
        ids.append(label)
    return ids


def load_trees(
    files: Sequence[str], cancelled: Callable[[], bool] | None = None
) -> list[SectionTree]:
    """Import and section every file; the first bad file stops the run with its IngestError."""
    return [
        read_tree(path, doc_id, cancelled)
        for doc_id, path in zip(doc_ids(len(files)), files, strict=True)
    ]


def read_tree(
    path: str, doc_id: str = "A", cancelled: Callable[[], bool] | None = None
) -> SectionTree:
    """One file imported and sectioned under its id.

    Whatever goes wrong while reading a file is that file's problem, told in one line: a
    format library's own error types, a structure too deep to walk, memory running out. A
    cancellation (InterruptedError) is not a bad file and passes through.
    """
    try:
        return segment(load_document(path), doc_id, cancelled, names_definitions)
    except (IngestError, InterruptedError):
        raise
    except RecursionError:
        raise IngestError(path, "cannot be read: nested too deeply") from None
    except MemoryError:
        raise IngestError(path, "cannot be read: too large for the memory available") from None
    except Exception as error:  # a library's internal error is still one line
        raise IngestError(path, f"cannot be read ({first_line(error)})") from None


def line_up(
    trees: Sequence[SectionTree],
    reference: str | None = None,
    mode: str = AUTO,
    overrides: Sequence[Override] = (),
    cancelled: Callable[[], bool] | None = None,
) -> Alignment:
    """The rows of a comparison of `trees` (as `load_trees` made them) against `reference`
    (default: the first document).

    Two versions of one document pair section by section: in VERSIONS mode, and in AUTO mode
    when two files look like versions; other documents line up by topic, where the reviewer's
    `overrides` move sections between rows. Raises RequestError, one line, for a comparison
    that cannot be made as asked.
    """
    ids = [tree.doc for tree in trees]
    if reference is not None and reference not in ids:
        raise RequestError(
            f"--reference {reference}: no such document (the documents are {', '.join(ids)})"
        )
    if mode not in MODES:
        raise RequestError(f"unknown mode {mode!r} (modes: {', '.join(MODES)})")
    if mode == VERSIONS and len(trees) != 2:
        raise RequestError(f"--versions compares exactly two files, not {len(trees)}")
    if mode == VERSIONS or (mode == AUTO and len(trees) == 2 and are_versions(*trees)):
        old, new = trees if reference in (None, ids[0]) else trees[::-1]
        return align_versions(old, new)
    return align(list(trees), reference=reference, overrides=overrides, cancelled=cancelled)
