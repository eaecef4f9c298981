"""Command line: `contract-compare [gui|sections] ...`; thin: parse, call the core, print.

Bad input exits 2 with one line on stderr naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from viewer import __version__
from viewer.core.model import IngestError, SectionTree
from viewer.core.pipeline import doc_ids, load_trees

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contract-compare",
        description="Line up contract terms by topic and show what differs. "
        "Without a subcommand the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    sections = commands.add_parser("sections", help="print each document's section outline")
    sections.add_argument("--json", action="store_true", help="machine-readable output")
    sections.add_argument("files", nargs="+", metavar="FILE")
    gui = commands.add_parser("gui", help="open the desktop app (default)")
    gui.add_argument("files", nargs="*", metavar="FILE")
    gui.add_argument("--screenshot", metavar="PNG", help="render offscreen, save, and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from viewer.gui.app import run_gui

        return run_gui(
            getattr(args, "files", []) or [], screenshot=getattr(args, "screenshot", None)
        )
    try:
        trees = load_trees(args.files)
    except IngestError as error:
        print(f"contract-compare: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        json.dump(sections_json(trees), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(outline_text(trees))
    return 0


def sections_json(trees: Sequence[SectionTree]) -> dict[str, object]:
    documents = []
    for doc_id, tree in zip(doc_ids(len(trees)), trees, strict=True):
        document = tree.document
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
                "sections": [
                    {
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
                    for s in tree.sections
                ],
            }
        )
    return {"documents": documents}


def outline_text(trees: Sequence[SectionTree]) -> str:
    out: list[str] = []
    for doc_id, tree in zip(doc_ids(len(trees)), trees, strict=True):
        document = tree.document
        out.append(
            f"{doc_id}  {document.path}  [{document.format}, {document.language}]"
            + (f"  {tree.title}" if tree.title else "")
        )
        for section in tree.sections:
            label = " ".join(part for part in (section.number, section.title) if part)
            where = f"p.{section.page}" if section.page else f"line {section.line}"
            flags = "  (empty)" if section.empty else ""
            out.append(f"  {'  ' * max(section.level - 1, 0)}{label}  [{where}]{flags}")
        out.append("")
    return "\n".join(out)
