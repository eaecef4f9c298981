"""Import any supported file as a `Document`.

Format modules are imported lazily, so reading a text file never loads PyMuPDF, python-docx or
BeautifulSoup (start-up time matters for the CLI).
"""

from __future__ import annotations

import os
import stat

from viewer.core.errors import IngestError
from viewer.core.model import Document
from viewer.core.structure.ingest.builder import build_document

#: Files larger than this are refused before reading (bytes). Text at this size is already
#: several thousand pages; PDF and DOCX carry images, so they get more room.
MAX_TEXT_BYTES = 32 * 1024 * 1024
MAX_BINARY_BYTES = 200 * 1024 * 1024

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def supported_suffixes() -> list[str]:
    return sorted(FORMATS)


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and normalise one file; every problem becomes an IngestError with a one-line reason."""
    name = str(path)
    fmt = FORMATS.get(os.path.splitext(name)[1].lower())
    data = _read(name, fmt)
    if fmt is None:
        fmt = _format_of_content(name, data)
    if fmt == "pdf":
        from viewer.core.structure.ingest import pdf

        if not data.lstrip()[:5].startswith(b"%PDF-"):
            raise IngestError(name, "not a PDF (the content does not start with %PDF-)")
        lines, pages = pdf.raw_lines(name, data)
        return build_document(name, fmt, data, lines, pages=pages)
    if fmt == "docx":
        from viewer.core.structure.ingest import docx

        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise IngestError(name, "legacy Word .doc format; save it as .docx and try again")
        if not data.startswith(b"PK"):
            raise IngestError(name, "not a DOCX (the content is not a ZIP package)")
        return build_document(name, fmt, data, docx.raw_lines(name, data))
    if fmt == "html":
        from viewer.core.structure.ingest import html, text

        what = text.sniff_binary(data)
        if what:
            raise IngestError(name, f"content is {what}, not HTML")
        return build_document(name, fmt, data, html.raw_lines(data))
    from viewer.core.structure.ingest import text

    decoded, encoding = text.decode(name, data)
    from viewer.core.structure.ingest import markdown

    reader = markdown if fmt == "markdown" or markdown.looks_like_markdown(decoded) else text
    return build_document(name, fmt, data, reader.raw_lines(decoded), encoding=encoding)


def _format_of_content(name: str, data: bytes) -> str:
    """The format of a file whose name does not say it: a PDF saved without an extension, a web
    page saved as `.aspx` or `.php`, a DOCX renamed. Anything else is read as text."""
    start = data.lstrip()[:512]
    if start.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/document.xml" in data:
        return "docx"
    head = start.lstrip(b"\xef\xbb\xbf").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    if len(data) > MAX_TEXT_BYTES:
        raise _too_large(name, len(data), MAX_TEXT_BYTES)
    return "text"


def _read(name: str, fmt: str | None) -> bytes:
    """The file's bytes, read only from a regular file and never past the format's limit.

    A pipe, a device (`/dev/zero`) or a socket would block or never end: refused before a byte
    is read. The file is opened without blocking and checked on the open handle, so it cannot
    be swapped for a pipe in between; and the read stops at the limit, whatever the size on
    disk said (a file that grows while it is read).
    """
    if not os.path.lexists(name):
        raise IngestError(name, "no such file")
    if os.path.isdir(name):
        raise IngestError(name, "is a directory, not a file")
    limit = MAX_TEXT_BYTES if fmt in {"text", "markdown", "html"} else MAX_BINARY_BYTES
    try:
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _O_BINARY)
        with open(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise IngestError(name, f"not a regular file ({file_kind(info.st_mode)})")
            if info.st_size > limit:
                raise _too_large(name, info.st_size, limit)
            data = handle.read(limit + 1)
    except PermissionError:
        raise IngestError(name, "permission denied") from None
    except FileNotFoundError:
        raise IngestError(name, "no such file (a broken link?)") from None
    except OSError as error:
        raise IngestError(name, f"cannot read ({error.strerror or error})") from None
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    if not data.strip():
        raise IngestError(name, "empty file" if not data else "file holds only whitespace")
    return data


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in a reviewer's words (reading and writing
    refuse them alike: a pipe or device would block, never end, or be replaced)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file of data"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"


def _too_large(name: str, size: int, limit: int) -> IngestError:
    return IngestError(
        name,
        f"file too large ({_megabytes(size)}; the limit for this format is {limit // 2**20} MB)",
    )
