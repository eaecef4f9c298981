"""The pipeline as one call, shared by the CLI and the GUI: files in, section trees out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from viewer.core.ingest import load_document
from viewer.core.model import IngestError, SectionTree
from viewer.core.segment import segment


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
    trees = []
    for doc_id, path in zip(doc_ids(len(files)), files, strict=True):
        try:
            trees.append(segment(load_document(path), doc_id, cancelled))
        except IngestError:
            raise
        except (RecursionError, MemoryError, ValueError, OSError) as error:
            raise IngestError(path, f"cannot be read ({type(error).__name__}: {error})") from None
    return trees
