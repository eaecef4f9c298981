"""The pipeline as one call, shared by the CLI and the GUI: files in, section trees out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from viewer.core.model import IngestError, SectionTree, first_line
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
