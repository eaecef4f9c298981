"""The Markdown report (GitHub-flavoured: tables, ~~strike~~), readable raw and rendered.

Every document and note text is escaped, so a note cannot add markup, links or raw HTML:
`<script>` comes out as `\\<script\\>`, which renders as the literal text.
"""

from __future__ import annotations

import re

from viewer.report.model import CellView, NoteEntry, Passage, Report, Segment, TopicSection

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#=+-]|\d+[.)](?=\s|$))")  # headings, lists, rules
_MARKS = {"delete": "~~", "insert": "**", "moved": "_"}


def _inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def escape(text: str) -> str:
    """Text as Markdown that renders as itself, on one line, inside a line."""
    return _inline(" ".join(text.split("\n")))


def escape_line(text: str) -> str:
    """Text that starts a line: a leading `#`, `-`, `1.` ... must not become a heading or list."""
    return _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), escape(text), count=1)


def _escape_start(marker: str) -> str:
    return "\\" + marker if not marker[0].isdigit() else marker[:-1] + "\\" + marker[-1]


def _cell(text: str) -> str:
    return escape(text).strip() or " "


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def render_markdown(report: Report) -> str:
    out: list[str] = [f"# {escape(report.title)}", ""]
    meta = [f"**Date:** {report.date}", f"**Reference document:** {report.reference}"]
    if report.reviewer:
        meta.insert(0, f"**Reviewer:** {escape(report.reviewer)}")
    out += [" · ".join(meta), ""]
    out += _documents(report)
    out += _summary(report)
    out += _terms(report)
    out += _coverage(report)
    out += ["## Topics", ""]
    if report.topics:
        out += [_legend(report), ""]
    else:
        out += ["No topic has notes or differences.", ""]
    for topic in report.topics:
        out += _topic(topic)
    if report.orphaned:
        out += [
            "## Orphaned notes",
            "",
            "These notes could not be placed: the text they were made on is no longer in the "
            "documents.",
            "",
        ]
        for note in report.orphaned:
            out += _note(note, show_topic=True)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _documents(report: Report) -> list[str]:
    rows = [
        [
            d.id + (" (reference)" if d.reference else ""),
            _cell(d.title),
            _cell(d.file_name),
            d.language,
            d.format,
            str(d.pages) if d.pages else "—",
            f"`{d.sha256}`",
        ]
        for d in report.documents
    ]
    header = ["ID", "Title", "File", "Language", "Format", "Pages", "SHA-256"]
    return ["## Documents", "", *_table(header, rows)]


def _summary(report: Report) -> list[str]:
    """Counts, then every note, then what each document lacks: a reader's first page."""
    s = report.summary
    statuses = ", ".join(f"{label} {count}" for _status, label, count in s.notes_by_status)
    out = ["## Summary", "", f"- Notes: {s.notes_total} ({statuses}); {s.orphaned} orphaned"]
    if s.authors:
        out.append(f"- Notes by: {', '.join(escape(a) for a in s.authors)}")
    out += [
        f"- {s.unit.capitalize()}: {s.topics_total} found, {len(s.covered_by_all)} covered by "
        "every document, "
        f"{len(s.missing_somewhere)} missing from at least one",
        f"- Rows that differ from the reference document ({report.reference}): "
        f"{s.rows_with_differences} of {s.rows_total}",
        "",
    ]
    if s.notes_total == 0:
        out += [
            "No notes were made in this review: the report shows coverage, key terms and "
            "differences only.",
            "",
        ]
    if report.notes:
        rows = [
            [
                note.status_label, note.document or "—", _cell(note.topic or "orphaned"),
                _cell((note.text.splitlines() or [""])[0][:160]),
            ]
            for note in report.notes
        ]  # fmt: skip
        out += ["### Every note", "", *_table(["Status", "Document", "Topic", "Note"], rows), ""]
    if s.missing_somewhere:
        out += ["**Missing, by document:**", ""]
        out += [
            f"- **{doc} lacks** {len(labels)}: {'; '.join(escape(x) for x in labels)}"
            for doc, labels in s.missing_by_document
            if labels
        ]
        out.append("")
    if s.covered_by_all:
        out += [f"**Covered by all:** {', '.join(escape(x) for x in s.covered_by_all)}.", ""]
    return out


def _coverage(report: Report) -> list[str]:
    ids = report.document_ids
    rows = [
        [
            _cell(row.label + (f" ({row.status})" if row.status else "")),
            *(_cell(", ".join(row.cells[doc])) if row.cells[doc] else "—" for doc in ids),
            str(row.notes) if row.notes else "",
            _score(row.similarity),
        ]
        for row in report.coverage
    ]
    return [
        "## Topic coverage",
        "",
        "Section numbers per document; — marks a topic the document does not cover.",
        "",
        *_table(["Topic", *ids, "Notes", "Similarity"], rows),
    ]


def _terms(report: Report) -> list[str]:
    out = ["## Key terms", ""]
    if not report.terms:
        return [*out, "No key terms were extracted for this report.", ""]
    ids = report.document_ids
    rows = []
    for row in report.terms:
        cells = [_cell(row.label)]
        for doc in ids:
            value = row.values[doc]
            cells.append(
                "—" if value is None else f"{_cell(value.value)} ({_cell(value.section_label)})"
            )
        rows.append(cells)
    return [*out, *_table(["Term", *ids], rows)]


def _legend(report: Report) -> str:
    return (
        f"Each document is compared with the reference document, {report.reference}. In the "
        "reference, ~~struck through~~ is text another document lacks (followed by the "
        "documents that lack it when not every one does); in the other documents, **bold** is "
        "text the reference lacks; _italic_ is text present on both sides but at another "
        "place. A document worded differently throughout (another vendor's clause, a "
        "translation) is shown unmarked."
    )


def _topic(topic: TopicSection) -> list[str]:
    status = f" ({topic.status})" if topic.status else ""
    meta = f"Similarity {_score(topic.similarity)}"
    if not topic.differs:
        meta += " · no differences"
    out = [f"### {escape(topic.label)}{status}", "", f"{meta} · {len(topic.notes)} notes", ""]
    for note in topic.notes:
        out += _note(note)
    if topic.notes:
        out.append("")
    for cell in topic.cells:
        out += _cell_view(cell)
    return out


def _note(note: NoteEntry, show_topic: bool = False) -> list[str]:
    where = note.section_label or " › ".join(note.section_path) or note.document_path
    if note.document:
        where = f"{note.document} · {where}"
    if show_topic and note.topic:
        where += f" ({note.topic})"
    head = [f"**{escape(note.status_label)}**", escape(where)]
    if note.author:
        head.append(escape(note.author))
    head.append(note.updated[:10])
    out = ["- " + " · ".join(head)]
    if note.quote:
        quote = note.quote if len(note.quote) <= 240 else note.quote[:239].rstrip() + "…"
        out.append(f"  _“{escape(quote)}”_")
    lines = [escape_line(line) for line in note.text.splitlines() if line.strip()]
    if lines:
        out[-1] += "\\"
        out.append("  " + "\\\n  ".join(lines))
    return out


def _cell_view(cell: CellView) -> list[str]:
    out = [f"#### {cell.document}: {escape(cell.remark)}", ""]
    for passage in cell.passages:
        out += _passage(passage)
    return out


def _passage(passage: Passage) -> list[str]:
    out = [f"**{passage.document} · {escape(passage.heading)}**", ""]
    quoted = [
        "> " + "".join(_segment(s, i == 0) for i, s in enumerate(line)) for line in passage.lines
    ]
    out += [*"\n>\n".join(quoted).split("\n"), ""]
    return out


def _segment(segment: Segment, first: bool) -> str:
    if segment.kind is None:
        return escape_line(segment.text) if first else _inline(segment.text)
    core = segment.text.strip()
    lead = segment.text[: len(segment.text) - len(segment.text.lstrip())]
    trail = segment.text[len(segment.text.rstrip()) :]
    mark = _MARKS[segment.kind]
    absent = f" \\[not in {', '.join(segment.absent)}\\]" if segment.absent else ""
    return f"{lead}{mark}{_inline(core)}{mark}{absent}{trail}"
