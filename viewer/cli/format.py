"""The readable tables the CLI prints without `--json` (the JSON shapes are in
`viewer.core.contract`): outlines, rows, marked differences and key terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from viewer.core.model import Alignment, KeyTerm, SectionTree

TYPE_CHECKING = False  # the diff module is not needed to print sections or rows
if TYPE_CHECKING:
    from viewer.core.compare.diff import RowDiff

MISSING = "—"

# C0, DEL and C1 control characters, and lone surrogates (the undecodable bytes of a file name)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown(text: str, keep: str = "") -> str:
    """`text` safe to print on a terminal: each control character as visible text (`\\x1b`),
    each undecodable byte of a file name as the byte (`\\xff`), any other character as it is.

    A file name, a section title or a note is the reviewer's or a stranger's text: printed raw,
    an escape sequence in it could recolour, retitle or clear the terminal, and a newline or tab
    in it would break the table it is a cell of. `keep` names characters that are the layout of
    a multi-line passage (its line breaks) rather than a cell's content. Every text table of the
    CLI passes its cells through here; JSON output needs nothing (json.dumps escapes them).
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte Python could not decode
            code -= 0xDC00
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)


def outline_text(trees: Sequence[SectionTree]) -> str:
    out: list[str] = []
    for tree in trees:
        document = tree.document
        title = f"  {shown(tree.title)}" if tree.title else ""
        path = shown(document.path)
        out.append(f"{tree.doc}  {path}  [{document.format}, {document.language}]{title}")
        for section in tree.sections:
            label = shown(section.heading)
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
            short[s.id] = shown(s.number or (s.title[:18] if s.level else "Preamble"))
    cells = [
        [", ".join(short[i] for i in row.cells.get(doc, ())) or MISSING for doc in docs]
        for row in alignment.rows
    ]
    labels = [shown(row.label) for row in alignment.rows]
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
    return "\n".join([*_legend(alignment.trees.items()), "", *lines, ""])


_COLOURS = {
    "delete": ("\x1b[31m", "\x1b[0m"),
    "insert": ("\x1b[32m", "\x1b[0m"),
    "moved": ("\x1b[34m", "\x1b[0m"),
}
_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "moved": ("{~", "~}")}


def diff_text(alignment: Alignment, diffs: Mapping[str, RowDiff], color: bool = False) -> str:
    """Only the rows that differ: per document, the changed lines with the changed words marked
    `[-deleted-]`, `{+inserted+}`, `{~moved~}` (coloured on a terminal)."""
    out = _legend(alignment.trees.items())
    texts = {doc: tree.document.text for doc, tree in alignment.trees.items()}
    reference = alignment.reference
    for row in alignment.rows:
        changed = {d: c for d, c in diffs[row.key].cells.items() if any(c.spans.values())}
        if not changed:
            continue
        out.append("")
        out.append(f"## {shown(row.label)}" + (f"  ({row.status})" if row.status else ""))
        for doc, cell in changed.items():
            inserted = _count_words(texts[doc], cell.spans.get(doc, ()), "insert")
            deleted = _count_words(texts[reference], cell.spans.get(reference, ()), "delete")
            coarse = ", coarse" if cell.coarse else ""
            similarity = "—" if cell.similarity is None else f"{cell.similarity:.2f}"
            out.append(
                f"{doc} against {reference}: {inserted} words inserted, {deleted} deleted "
                f"(similarity {similarity}{coarse})"
            )
            for side in (reference, doc):
                for line in _marked_lines(texts[side], cell.spans.get(side, ()), color):
                    out.append(f"  {side}| {line}")
    return "\n".join(out) + "\n"


def _count_words(text: str, spans: Sequence[tuple[int, int, str]], kind: str) -> int:
    return sum(len(text[start:end].split()) for start, end, label in spans if label == kind)


def _marked_lines(text: str, spans: Sequence[tuple[int, int, str]], color: bool) -> list[str]:
    """The lines holding changes (joined where a change runs across lines), changes marked."""
    marks = _COLOURS if color else _MARKS
    blocks: list[list] = []  # [first line start, last line end, spans]
    for start, end, kind in sorted(spans):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", max(end - 1, start))
        line_end = len(text) if line_end < 0 else line_end
        if blocks and line_start <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], line_end)
            blocks[-1][2].append((start, end, kind))
        else:
            blocks.append([line_start, line_end, [(start, end, kind)]])
    out = []
    for block_start, block_end, found in blocks:
        pieces, at = [], block_start
        for start, end, kind in found:
            opening, closing = marks[kind]
            pieces += [shown(text[at:start], "\n\t"), opening]
            pieces += [shown(text[start:end], "\n\t"), closing]
            at = end
        pieces.append(shown(text[at:block_end], "\n\t"))
        out.append(" ⏎ ".join(line for line in "".join(pieces).split("\n") if line.strip()))
    return out


def terms_text(
    trees: Sequence[SectionTree], found: Mapping[str, Mapping[str, KeyTerm | None]]
) -> str:
    """A term x document table of values (section in brackets), `—` where not stated."""
    from viewer.core.terms.extract import LABELS  # the commands that print no terms skip it

    docs = list(found)
    legend = _legend(zip(docs, trees, strict=True))
    terms = list(next(iter(found.values())))
    keys = {s.id: s.key for tree in trees for s in tree.sections}
    lines = [*legend, ""]
    for term in terms:
        lines.append(LABELS.get(term, term.replace("_", " ")))
        for doc in docs:
            kt = found[doc][term]
            value = MISSING if kt is None else shown(f"{kt.value}  [{keys[kt.section]}]")
            lines.append(f"  {doc}: {value}")
    return "\n".join(lines) + "\n"


def _legend(trees: Iterable[tuple[str, SectionTree]]) -> list[str]:
    """`A = path` per document, above a table whose columns are the documents' ids."""
    return [f"{doc} = {shown(tree.document.path)}" for doc, tree in trees]
