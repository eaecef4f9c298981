"""Command line: `contract-compare [gui|sections] ...`; thin: parse, call the core, print.

Bad input exits 2 with one line on stderr naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from viewer import __version__, cli_format
from viewer.core.model import IngestError
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
    align = commands.add_parser("align", help="line up the documents' sections by topic")
    align.add_argument("--json", action="store_true", help="machine-readable output")
    align.add_argument("--reference", metavar="ID", help="reference document id (default A)")
    align.add_argument("files", nargs="+", metavar="FILE")
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
    if args.command == "sections":
        emit(cli_format.sections_json(trees) if args.json else cli_format.outline_text(trees))
        return 0
    from viewer.core.align import align

    ids = doc_ids(len(trees))
    if args.reference is not None and args.reference not in ids:
        print(
            f"contract-compare: error: --reference {args.reference}: no such document "
            f"(the documents are {', '.join(ids)})",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    alignment = align(trees, reference=args.reference)
    emit(cli_format.align_json(alignment) if args.json else cli_format.align_text(alignment))
    return 0


def emit(output: dict[str, object] | str) -> None:
    """JSON for a dict (compact, UTF-8, through the C encoder), the text itself otherwise."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    sys.stdout.write(json.dumps(output, ensure_ascii=False))  # dump() would not use C
    sys.stdout.write("\n")
