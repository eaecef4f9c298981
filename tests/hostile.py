"""Hostile and odd files, made small on the spot: zip bombs, lying ZIP headers, external XML
entities, PDFs whose page tree lies, pages nested 100,000 deep, pipes and devices."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
PARAGRAPH = b"<w:p><w:r><w:t>The supplier shall deliver the services with care.</w:t></w:r></w:p>"


def docx(path: Path, body: Iterable[bytes], prolog: str = "") -> Path:
    """A minimal DOCX whose document.xml holds `body`, streamed into the ZIP as it is made."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w") as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'.encode())
            part.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for chunk in body:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return path


def docx_bomb(path: Path, megabytes: int) -> Path:
    """A DOCX a few hundred KB on disk whose document.xml unpacks to `megabytes` MB."""
    spaces = b" " * 2**20
    return docx(path, [PARAGRAPH, *(spaces for _ in range(megabytes))])


def docx_declaring(path: Path, declared: int, megabytes: int = 1) -> Path:
    """A DOCX whose headers declare document.xml `declared` bytes long, whatever it holds."""
    docx(path, [PARAGRAPH, *(b" " * 2**20 for _ in range(megabytes))])
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[at + size_at : at + size_at + 4] = struct.pack("<I", declared)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def docx_with_external_entity(path: Path, secret_file: Path) -> Path:
    """A DOCX whose XML declares an entity that points at a local file and uses it."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "{secret_file.as_uri()}">]>'
    leaking = b"<w:p><w:r><w:t>Leaked: &leak;</w:t></w:r></w:p>"
    return docx(path, [leaking, PARAGRAPH], prolog)


def pdf_with_page_count(path: Path, count: int) -> Path:
    """A one-page PDF whose page tree claims `count` pages."""
    content = b"BT /F1 12 Tf 72 720 Td (The supplier shall deliver the services.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    path.write_bytes(out.getvalue())
    return path


def nested_html(path: Path, depth: int) -> Path:
    sentence = "Terms of service. The supplier shall deliver the services with care."
    path.write_text(
        f"<html><body>{'<div>' * depth}{sentence}{'</div>' * depth}</body></html>", "utf-8"
    )
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path
