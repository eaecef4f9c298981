"""The JSON report: the `diff --json` object of DESIGN.md (reference, documents with their
text and sections, rows with cells, similarity and diff spans) plus the report's own parts:
title, reviewer, date, summary, per-row notes and missing documents, key terms (as `terms
--json`) and every note."""

from __future__ import annotations

import json

from viewer.core.contract import align_json, row_diffs_json, terms_json
from viewer.report.model import NoteEntry, Report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def report_json(report: Report) -> dict[str, Any]:
    alignment = report.alignment
    payload = align_json(alignment)
    texts = {doc: tree.document.text for doc, tree in alignment.trees.items()}
    for entry in payload["documents"]:
        entry["text"] = texts[entry["id"]]
    coverage = {row.key: row for row in report.coverage}
    notes_by_row: dict[str, list[int]] = {}
    for note in report.notes:
        if note.row is not None:
            notes_by_row.setdefault(note.row, []).append(note.id)
    for entry in payload["rows"]:
        key = entry["key"]
        entry["missing"] = list(coverage[key].missing)
        entry["notes"] = notes_by_row.get(key, [])
        entry["diffs"] = row_diffs_json(report.diffs.get(key))
    trees = [alignment.trees[doc] for doc in report.key_terms if doc in alignment.trees]
    terms = terms_json(trees, report.key_terms)["documents"] if trees else []
    summary = report.summary
    return {
        "title": report.title,
        "reviewer": report.reviewer,
        "date": report.date,
        **payload,
        "terms": terms,
        "notes": [_note(note) for note in report.notes],
        "summary": {
            "notes": summary.notes_total,
            "notes_by_status": {status: count for status, _l, count in summary.notes_by_status},
            "orphaned": summary.orphaned,
            "authors": list(summary.authors),
            "unit": summary.unit,
            "topics": summary.topics_total,
            "covered_by_all": list(summary.covered_by_all),
            "missing_somewhere": [
                {"topic": label, "missing": list(docs)} for label, docs in summary.missing_somewhere
            ],
            "missing_by_document": {
                doc: list(labels) for doc, labels in summary.missing_by_document
            },
            "rows": summary.rows_total,
            "rows_with_differences": summary.rows_with_differences,
        },
    }


def _note(note: NoteEntry) -> dict[str, object]:
    return {
        "id": note.id,
        "document": note.document,
        "path": note.document_path,
        "sha256": note.sha256,
        "section": note.section,
        "section_path": list(note.section_path),
        "row": note.row,
        "topic": note.topic,
        "status": note.status,
        "author": note.author,
        "text": note.text,
        "quote": note.quote,
        "offset": note.offset,
        "created": note.created,
        "updated": note.updated,
        "orphaned": note.orphaned,
    }


def render_json(report: Report) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n"
