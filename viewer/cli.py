"""Command line: `contract-compare [gui|sections] ...`; thin: parse, call the core, print.

Bad input exits 2 with one line on stderr naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from functools import partial

from viewer import __version__, cli_format, cli_notes, cli_report
from viewer.cli_options import add_alignment_options
from viewer.core.model import Alignment, IngestError
from viewer.core.pipeline import doc_ids, load_trees

EXIT_BAD_INPUT = 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` the one subcommand a run asked for.

    Every argparse parser costs about half a millisecond to build at start-up; a headless run
    that builds only its own subcommand starts ~3 ms sooner. Help, and a word that is no
    subcommand, build them all, so `--help` and argparse's "invalid choice" list every one.
    """
    parser = _Parser(
        prog="contract-compare",
        description="Line up contract terms by topic and show what differs. "
        "Without a subcommand the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    for name, add in SUBCOMMANDS.items():
        if only in (None, name):
            add(commands)
    return parser


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help formatter asks the terminal for its width directly.

    argparse builds a help formatter for every argument it adds, only to check the metavar,
    and the stock formatter reads the width through `shutil`, which imports zlib, bz2 and lzma:
    ~2.5 ms of every start. Subcommand parsers are made of the parent's class, so all use this.
    """

    def _get_formatter(self) -> argparse.HelpFormatter:
        return self.formatter_class(prog=self.prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the terminal's width, else 80."""
    try:
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def _add_diff(commands) -> None:
    diff = _headless(commands, "diff", "word-level differences against the reference", aligned=True)
    diff.add_argument(
        "--ignore", metavar="KIND,...", help="also ignore: case, punctuation, numbering, parties"
    )
    diff.add_argument("--topic", metavar="KEY", help="only the row of this topic (or row key)")


def _add_gui(commands) -> None:
    gui = commands.add_parser("gui", help="open the desktop app (default)")
    gui.add_argument("files", nargs="*", metavar="FILE")
    gui.add_argument("--screenshot", metavar="PNG", help="render offscreen, save, and exit")
    gui.add_argument("--db", metavar="DB", help="review database (default: in the user data dir)")


def _headless(commands, name: str, help_text: str, *, aligned: bool = False):
    """A subcommand over FILE... with --json; aligned ones also take a reference and a mode."""
    command = commands.add_parser(name, help=help_text)
    command.add_argument("--json", action="store_true", help="machine-readable output")
    if aligned:
        add_alignment_options(command)
    command.add_argument("files", nargs="+", metavar="FILE")
    return command


SUBCOMMANDS = {
    "sections": partial(
        _headless, name="sections", help_text="print each document's section outline"
    ),
    "align": partial(
        _headless, name="align", help_text="line up the documents' sections by topic", aligned=True
    ),
    "diff": _add_diff,
    "terms": partial(
        _headless, name="terms", help_text="key terms side by side (law, liability cap, ...)"
    ),
    "notes": cli_notes.add_parser,
    "report": cli_report.add_parser,
    "gui": _add_gui,
}
HEADLESS = ("sections", "align", "diff", "terms")


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand that opens `argv`, if any; options before it (help) want them all."""
    return argv[0] if argv and argv[0] in SUBCOMMANDS else None


def entry() -> None:
    """The `contract-compare` command: `main`, then a quick exit after a headless command.

    Tearing down the interpreter frees every object the run built, one by one: about 7 ms of
    the 100 ms `align` takes on five 50 KB files. A headless command holds no file, database
    or window that needs closing, so once its output is flushed the process can end at once.
    A reader that stops early (`| head`) ends the command quietly, as it does other tools.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush at exit
        code = 1
    if chosen_command(sys.argv[1:]) in HEADLESS:
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(chosen_command(argv)).parse_args(argv)
    if args.command in (None, "gui"):
        from viewer.gui.app import run_gui

        return run_gui(
            getattr(args, "files", []) or [],
            screenshot=getattr(args, "screenshot", None),
            db=getattr(args, "db", None),
        )
    if args.command == "notes":
        return cli_notes.run(args)
    if args.command == "report":
        return cli_report.run(args)
    # A headless run builds many small objects and frees them all at exit; it makes no
    # reference cycles worth collecting, so the cyclic collector's passes are pure cost (~5%).
    gc.disable()
    try:
        return _headless_run(args)
    finally:
        gc.enable()


def _headless_run(args: argparse.Namespace) -> int:
    try:
        trees = load_trees(args.files)
    except IngestError as error:
        return fail(str(error))
    if args.command == "sections":
        emit(cli_format.sections_json(trees) if args.json else cli_format.outline_text(trees))
        return 0
    return COMMANDS[args.command](args, trees)


def fail(message: str) -> int:
    """Bad input: one line on stderr, exit code 2."""
    print(f"contract-compare: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _aligned(args: argparse.Namespace, trees: list) -> Alignment | str:
    """The alignment the command asks for, or the one-line reason it cannot be made.

    Two versions of one document (or `--versions`) pair each section with its other version;
    documents from different vendors are lined up by topic.
    """
    from viewer.core.align import align

    ids = doc_ids(len(trees))
    if args.reference is not None and args.reference not in ids:
        return (
            f"--reference {args.reference}: no such document (the documents are {', '.join(ids)})"
        )
    if args.versions or (len(trees) == 2 and not args.topics):
        from viewer.core.versions import align_versions, are_versions

        if len(trees) == 2 and not args.versions and not are_versions(*trees):
            return align(trees, reference=args.reference)
        if len(trees) != 2:
            return f"--versions compares exactly two files, not {len(trees)}"
        old, new = trees if args.reference in (None, ids[0]) else trees[::-1]
        return align_versions(old, new)
    return align(trees, reference=args.reference)


def _align(args: argparse.Namespace, trees: list) -> int:
    alignment = _aligned(args, trees)
    if isinstance(alignment, str):
        return fail(alignment)
    emit(cli_format.align_json(alignment) if args.json else cli_format.align_text(alignment))
    return 0


def _diff(args: argparse.Namespace, trees: list) -> int:
    from viewer.core.diff import DiffOptions, diff_alignment

    try:
        options = DiffOptions.ignoring(k for k in (args.ignore or "").split(",") if k.strip())
    except ValueError as error:
        return fail(str(error))
    alignment = _aligned(args, trees)
    if isinstance(alignment, str):
        return fail(alignment)
    rows = [r for r in alignment.rows if args.topic in (None, r.key, r.topic)]
    if args.topic is not None and not rows:
        return fail(f"--topic {args.topic}: no row has that topic or key")
    alignment = alignment._replace(rows=tuple(rows))
    diffs = diff_alignment(alignment, options)
    if args.json:
        emit(cli_format.diff_json(alignment, diffs))
    else:
        emit(cli_format.diff_text(alignment, diffs, color=sys.stdout.isatty()))
    return 0


def _terms(args: argparse.Namespace, trees: list) -> int:
    from viewer.core.terms import extract_terms

    found = {doc: extract_terms(tree) for doc, tree in zip(doc_ids(len(trees)), trees, strict=True)}
    emit(cli_format.terms_json(trees, found) if args.json else cli_format.terms_text(trees, found))
    return 0


COMMANDS = {"align": _align, "diff": _diff, "terms": _terms}


def emit(output: dict[str, object] | str) -> None:
    """JSON for a dict (compact, UTF-8, through the C encoder), the text itself otherwise."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    sys.stdout.write(json.dumps(output, ensure_ascii=False))  # dump() would not use C
    sys.stdout.write("\n")
