"""What the CLI prints: the public JSON shapes of DESIGN.md and the readable tables.

Kept apart from `cli.py` (which parses and dispatches) so that every subcommand's output shape
is in one place; `sections` prints the `documents` part of `align`.
"""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.model import Alignment, SectionTree
from viewer.core.pipeline import doc_ids

MISSING = "—"


def documents_json(
    trees: Sequence[SectionTree], alignment: Alignment | None = None
) -> list[dict[str, object]]:
    """The `documents` array; with an alignment, sections carry `topics` and `topic_scores`."""
    documents = []
    for doc_id, tree in zip(doc_ids(len(trees)), trees, strict=True):
        document = tree.document
        sections = []
        for s in tree.sections:
            entry: dict[str, object] = {
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
                "id": doc_id,
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


def sections_json(trees: Sequence[SectionTree]) -> dict[str, object]:
    return {"documents": documents_json(trees)}


def align_json(alignment: Alignment) -> dict[str, object]:
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
            }
            for row in alignment.rows
        ],
    }


def outline_text(trees: Sequence[SectionTree]) -> str:
    out: list[str] = []
    for doc_id, tree in zip(doc_ids(len(trees)), trees, strict=True):
        document = tree.document
        title = f"  {tree.title}" if tree.title else ""
        out.append(f"{doc_id}  {document.path}  [{document.format}, {document.language}]{title}")
        for section in tree.sections:
            label = " ".join(part for part in (section.number, section.title) if part)
            where = f"p.{section.page}" if section.page else f"line {section.line}"
            flags = "  (empty)" if section.empty else ""
            out.append(f"  {'  ' * max(section.level - 1, 0)}{label}  [{where}]{flags}")
        out.append("")
    return "\n".join(out)


def align_text(alignment: Alignment) -> str:
    """A topic x document matrix of section numbers, `—` where a document lacks the topic."""
    docs = list(alignment.trees)
    short = {}
    for tree in alignment.trees.values():
        for s in tree.sections:
            short[s.id] = s.number or (s.title[:18] if s.level else "Preamble")
    cells = [
        [", ".join(short[i] for i in row.cells.get(doc, ())) or MISSING for doc in docs]
        for row in alignment.rows
    ]
    labels = [row.label for row in alignment.rows]
    widths = [max([len("topic"), *map(len, labels)])]
    for column, doc in enumerate(docs):
        widths.append(max([len(doc), *(len(c[column]) for c in cells)]))
    similarity = [
        "" if row.similarity is None else f"{row.similarity:.2f}" for row in alignment.rows
    ]
    header = ["topic", *docs]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  similarity"]
    for label, row_cells, score in zip(labels, cells, similarity, strict=True):
        values = [label, *row_cells]
        lines.append(
            "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + f"  {score}"
        )
    legend = [f"{doc} = {tree.document.path}" for doc, tree in alignment.trees.items()]
    return "\n".join([*legend, "", *lines, ""])
