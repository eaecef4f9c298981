"""PDF through PyMuPDF: paragraphs rebuilt from wrapped lines, heading cues from font size
and weight.

Running heads, page footers and bare page numbers are dropped (kept as traceable chrome); every
line keeps its page number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from viewer.core.errors import IngestError, first_line
from viewer.core.records import record, replace
from viewer.core.structure.ingest.builder import RawLine
from viewer.core.structure.ingest.chrome import PAGE_NUMBER

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BOLD_FLAG = 16
_DIGITS = re.compile(r"\d+")
# a clause label opening a line: `(a)`, `(iv)`, `12.`, `3)`, `7.2`, `7.2.1`
_OPENS_CLAUSE = re.compile(
    r"^(?:\(?[a-z]\)|\([ivx]+\)|\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)\s"
)
# a clause or list label standing alone: `1.`, `10.2`, `A.`, `(b)`, `iv)`, `§ 3`
_LABEL_ONLY = re.compile(
    r"^(?:\(?(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]?|§\s*\d{1,3})$"
)
_LABEL_GAP = 60.0  # points between a hanging label and its text, at most (about 2 cm)


@record
class _PdfLine:
    text: str
    page: int
    size: float
    bold: bool
    lead: str
    block: int
    top: float
    bottom: float
    left: float
    right: float


def raw_lines(path: str, data: bytes) -> tuple[list[RawLine], int]:
    """Raw lines of a PDF and its page count.

    MuPDF raises its own error types, from opening a file to counting its pages (a page tree
    whose /Count lies): any of them, anywhere, is a corrupt PDF told in one line.
    """
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:
        raise IngestError(path, f"corrupt or truncated PDF ({_mupdf_message(error)})") from None
    try:
        with document:
            return _read_pdf(path, data, document)
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(path, f"corrupt PDF ({_mupdf_message(error)})") from None


def _read_pdf(path: str, data: bytes, document: Any) -> tuple[list[RawLine], int]:
    if document.needs_pass or document.is_encrypted:
        raise IngestError(
            path, "the PDF is password-protected (encrypted); remove the password and try again"
        )
    pages = document.page_count
    if pages == 0:
        raise IngestError(path, "corrupt or truncated PDF (no pages)")
    if document.is_repaired and b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF (the end of the file is missing)")
    lines = list(_hanging_labels(_extract(document)))
    if not any(line.text.strip() for line in lines):
        raise IngestError(path, "the PDF has no text layer (scanned images?); OCR is needed")
    return _to_raw(lines, pages), pages


def _mupdf_message(error: Exception) -> str:
    """MuPDF's message in plain words (`code=7: Invalid number of pages` without its code)."""
    return re.sub(r"^code=\d+:\s*", "", first_line(error))


def _extract(document: Any) -> Iterator[_PdfLine]:
    for page_index, page in enumerate(document, start=1):
        content = page.get_text("dict", sort=True)
        for block_index, block in enumerate(content["blocks"]):
            for line in block.get("lines", []):
                spans = [span for span in line["spans"] if span["text"].strip()]
                if not spans:
                    continue
                text = "".join(span["text"] for span in line["spans"]).strip()
                bold = all(span["flags"] & _BOLD_FLAG or "Bold" in span["font"] for span in spans)
                lead = ""
                if not bold and (spans[0]["flags"] & _BOLD_FLAG or "Bold" in spans[0]["font"]):
                    lead = spans[0]["text"].strip()
                size = max(span["size"] for span in spans)
                yield _PdfLine(
                    text,
                    page_index,
                    round(size, 1),
                    bold,
                    lead,
                    block_index,
                    line["bbox"][1],
                    line["bbox"][3],
                    line["bbox"][0],
                    line["bbox"][2],
                )


def _hanging_labels(lines: Iterator[_PdfLine]) -> Iterator[_PdfLine]:
    """A clause label set apart from its text (`1.` in the margin, `Engagement. HDS ...` on
    the same baseline to its right) joined to the text it labels.

    Word processors lay list numbers out as separate text, often in a block of their own; read
    alone, `1.` is lost between pages of such numbers, and the clause loses its number.
    """
    label: _PdfLine | None = None
    for line in lines:
        if label is not None:
            if _labels(label, line):
                line = replace(line, text=f"{label.text} {line.text}", left=label.left)
            else:
                yield label
            label = None
        if _LABEL_ONLY.match(line.text):
            label = line
        else:
            yield line
    if label is not None:
        yield label


def _labels(label: _PdfLine, line: _PdfLine) -> bool:
    """Whether `label` stands on `line`'s baseline, just left of it."""
    height = max(line.bottom - line.top, 1.0)
    same_row = abs(label.top - line.top) <= height / 2 and label.page == line.page
    return same_row and 0 <= line.left - label.right <= _LABEL_GAP


def _to_raw(lines: list[_PdfLine], page_count: int) -> list[RawLine]:
    body_size = _body_size(lines)
    levels = _heading_levels(lines, body_size)
    repeated = _running_heads(lines, page_count)
    result: list[RawLine] = []
    previous: _PdfLine | None = None
    for line in lines:
        if PAGE_NUMBER.match(line.text) or _DIGITS.sub("#", line.text) in repeated:
            continue
        hint = levels.get(line.size, 0)
        if previous is not None and _continues(previous, line, hint, levels):
            joined = _join(result[-1].text, line.text)
            result[-1] = RawLine(
                joined,
                None,
                previous.page,
                result[-1].hint,
                result[-1].bold and line.bold,
                result[-1].lead,
            )
        else:
            if previous is not None:
                result.append(RawLine("", None, line.page))
            result.append(
                RawLine(line.text, None, line.page, hint, line.bold and not hint, line.lead)
            )
        previous = line
    return result


def _body_size(lines: list[_PdfLine]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0]


def _heading_levels(lines: list[_PdfLine], body_size: float) -> dict[float, int]:
    """Font sizes clearly above the body size, largest first, as heading levels 1, 2, ..."""
    sizes = sorted({line.size for line in lines if line.size >= body_size * 1.12}, reverse=True)
    return {size: level for level, size in enumerate(sizes[:6], start=1)}


def _running_heads(lines: list[_PdfLine], page_count: int) -> set[str]:
    """Lines (digits masked) that repeat on most pages: running heads and footers."""
    if page_count < 3:
        return set()
    pages_with: dict[str, set[int]] = {}
    for line in lines:
        pages_with.setdefault(_DIGITS.sub("#", line.text), set()).add(line.page)
    return {text for text, pages in pages_with.items() if len(pages) >= max(3, page_count // 2)}


def _continues(previous: _PdfLine, line: _PdfLine, hint: int, levels: dict[float, int]) -> bool:
    """Whether `line` is the wrapped continuation of `previous` (same block, same style)."""
    if line.block != previous.block or line.page != previous.page:
        return False
    if hint != levels.get(previous.size, 0) or line.bold != previous.bold:
        return False
    if (line.lead and not previous.bold) or _OPENS_CLAUSE.match(line.text):
        return False  # a bold run or a clause number at the start of a line opens a new clause
    gap = line.top - previous.bottom
    return gap < (line.bottom - line.top) * 0.8


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}"
