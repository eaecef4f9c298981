"""The public JSON shapes of DESIGN.md: what `sections`, `align`, `diff` and `terms --json`
print, and what the JSON report is built on.

One module for every shape, below the CLI and the reports that both print them, so that the
contract other tools read is defined once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from viewer.core.model import Alignment, KeyTerm, SectionTree

TYPE_CHECKING = False  # the diff module is not needed to print sections or rows
if TYPE_CHECKING:
    from typing import Any  # a JSON object: its values are of every kind

    from viewer.core.compare.diff import RowDiff


def documents_json(
    trees: Sequence[SectionTree], alignment: Alignment | None = None
) -> list[dict[str, Any]]:
    """The `documents` array; with an alignment, sections carry `topics` and `topic_scores`."""
    documents: list[dict[str, Any]] = []
    for tree in trees:
        document = tree.document
        sections = []
        for s in tree.sections:
            entry: dict[str, Any] = {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "level": s.level,
                "parent": s.parent,
                "line": s.line,
                "page": s.page,
                "start": s.start,
                "end": s.end,
                "empty": s.empty,
                "language": s.language,
            }
            if alignment is not None:
                entry["topics"] = list(alignment.topics.get(s.id, ()))
                entry["topic_scores"] = list(alignment.scores.get(s.id, ()))
            sections.append(entry)
        documents.append(
            {
                "id": tree.doc,
                "path": document.path,
                "title": tree.title,
                "language": document.language,
                "languages": [
                    {"start": p.start, "end": p.end, "language": p.language} for p in document.parts
                ],
                "format": document.format,
                "pages": document.pages,
                "sha256": document.sha256,
                "sections": sections,
            }
        )
    return documents


def sections_json(trees: Sequence[SectionTree]) -> dict[str, Any]:
    return {"documents": documents_json(trees)}


def align_json(alignment: Alignment) -> dict[str, Any]:
    trees = list(alignment.trees.values())
    return {
        "reference": alignment.reference,
        "documents": documents_json(trees, alignment),
        "rows": [
            {
                "topic": row.topic,
                "key": row.key,
                "label": row.label,
                "cells": {doc: list(ids) for doc, ids in row.cells.items()},
                "similarity": row.similarity,
                **({"status": row.status} if row.status else {}),
            }
            for row in alignment.rows
        ],
    }


def diff_json(alignment: Alignment, diffs: Mapping[str, RowDiff]) -> dict[str, Any]:
    """The align object plus each document's `text` and each row's `diffs` (DESIGN.md)."""
    payload = align_json(alignment)
    for entry, tree in zip(payload["documents"], alignment.trees.values(), strict=True):
        entry["text"] = tree.document.text
    for entry in payload["rows"]:
        row = diffs[entry["key"]]
        entry["diff_similarity"] = row.similarity
        entry["diffs"] = row_diffs_json(row)
    return payload


def row_diffs_json(row: RowDiff | None) -> dict[str, Any]:
    """A row's `diffs`: per document other than the reference, similarity, coarse and spans."""
    if row is None:
        return {}
    return {
        doc: {
            "similarity": cell.similarity,
            "coarse": cell.coarse,
            "spans": {d: [list(span) for span in spans] for d, spans in cell.spans.items()},
        }
        for doc, cell in row.cells.items()
    }


def terms_json(
    trees: Sequence[SectionTree], found: Mapping[str, Mapping[str, KeyTerm | None]]
) -> dict[str, Any]:
    """`{"documents": [{"id", "path", "terms": {term: {"value", "quote", "section"} | null}}]}`
    (with the quote's `start`/`end` in the document's text as well)."""
    documents = []
    for (doc, terms), tree in zip(found.items(), trees, strict=True):
        documents.append(
            {
                "id": doc,
                "path": tree.document.path,
                "terms": {
                    term: None
                    if kt is None
                    else {
                        "value": kt.value,
                        "quote": kt.quote,
                        "section": kt.section,
                        "start": kt.start,
                        "end": kt.end,
                    }
                    for term, kt in terms.items()
                },
            }
        )
    return {"documents": documents}
