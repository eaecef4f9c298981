"""`contract-compare [gui|sections|align|diff|terms|notes|report] ...`: parse, dispatch, print.

Bad input exits 2 with one line on stderr naming the file and the problem, never a traceback:
every such problem is a `UserError`, caught here and nowhere else.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from viewer import __version__
from viewer.cli import format, notes, report
from viewer.cli.options import add_alignment_options, drop_stdout, emit, fail, mode_of
from viewer.core import contract
from viewer.core.errors import UserError

EXIT_INTERRUPTED = 130
#: The arguments that name files (the others are text: a reference, a note, a title, ...).
FILE_ARGUMENTS = frozenset({"files", "doc", "db", "out", "screenshot"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contract-compare",
        description="Line up contract terms by topic and show what differs. "
        "Without a subcommand the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    _headless(commands, "sections", "print each document's section outline")
    _headless(commands, "align", "line up the documents' sections by topic", aligned=True)
    diff = _headless(commands, "diff", "word-level differences against the reference", aligned=True)
    diff.add_argument(
        "--ignore", metavar="KIND,...", help="also ignore: case, punctuation, numbering, parties"
    )
    diff.add_argument("--topic", metavar="KEY", help="only the row of this topic (or row key)")
    _headless(commands, "terms", "key terms side by side (law, liability cap, ...)")
    notes.add_parser(commands)
    report.add_parser(commands)
    gui = commands.add_parser("gui", help="open the desktop app (default)")
    gui.add_argument("files", nargs="*", metavar="FILE")
    gui.add_argument("--screenshot", metavar="PNG", help="render offscreen, save, and exit")
    gui.add_argument(
        "--show",
        choices=("topics", "changes", "notes", "terms"),
        help="the panel to bring to the front (for a screenshot of it)",
    )
    gui.add_argument("--db", metavar="DB", help="review database (default: in the user data dir)")
    return parser


def _headless(commands, name: str, help_text: str, *, aligned: bool = False):
    """A subcommand over FILE... with --json; aligned ones also take a reference and a mode."""
    command = commands.add_parser(name, help=help_text)
    command.add_argument("--json", action="store_true", help="machine-readable output")
    if aligned:
        add_alignment_options(command)
    command.add_argument("files", nargs="+", metavar="FILE")
    return command


def entry() -> None:
    """The `contract-compare` command (and `python -m viewer`): `main`, and its exit code.

    A reader that stops early (`| head`) ends the command quietly, as it does other tools:
    stdout is pointed at /dev/null so that the flush at exit cannot fail a second time.
    Ctrl+C is the reviewer's choice, not a bug: one line and the shell's 130 (128 + SIGINT),
    no traceback. Nothing is half-written by then: a report appears only by its final rename.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
        code = 1
    except KeyboardInterrupt:
        print("contract-compare: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_files_open_the_app(parser, sys.argv[1:] if argv is None else argv))
    try:
        _refuse_undecodable(args)
        if args.command in (None, "gui"):
            from viewer.gui.app import run_gui

            return run_gui(
                getattr(args, "files", []) or [],
                screenshot=getattr(args, "screenshot", None),
                db=getattr(args, "db", None),
                show=getattr(args, "show", None),
            )
        return COMMANDS[args.command](args)
    except UserError as error:
        return fail(format.shown(str(error)))


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Every argument must be text. A byte that is not UTF-8 in a file name or a note (Python
    keeps it as a lone surrogate) cannot go into the review database, a JSON document or a
    report, and would fail deep in the work with a traceback, after the database is created;
    refused here, before any work, naming the argument with the byte escaped (`format.shown`)."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str) or item.isascii():
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                if name in FILE_ARGUMENTS:
                    raise UserError(f"{item}: the file name is not valid UTF-8") from None
                option = "--" + name.replace("_", "-")
                raise UserError(f"{option}: not valid UTF-8: {item}") from None


def _files_open_the_app(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """`contract-compare FILE...` (or `--db DB FILE...`) is `contract-compare gui FILE...`: a
    first word that names a file (it exists, or has a folder or an extension) or an option of
    `gui` opens the app; any other unknown word is a mistyped subcommand and lists them."""
    if not argv:
        return []
    first = argv[0]
    subcommands = next(
        action.choices
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    gui_options = {flag for action in subcommands["gui"]._actions for flag in action.option_strings}
    named_file = not first.startswith("-") and (
        os.path.exists(first) or os.sep in first or "." in os.path.basename(first)
    )
    if first not in subcommands and (named_file or first in gui_options - {"-h", "--help"}):
        return ["gui", *argv]
    return list(argv)


def _sections(args: argparse.Namespace) -> int:
    from viewer.core.compare.service import load_trees

    trees = load_trees(args.files)
    emit(contract.sections_json(trees) if args.json else format.outline_text(trees))
    return 0


def _align(args: argparse.Namespace) -> int:
    from viewer.core.compare.service import line_up, load_trees

    alignment = line_up(load_trees(args.files), args.reference, mode_of(args))
    emit(contract.align_json(alignment) if args.json else format.align_text(alignment))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from viewer.core.compare.diff import DiffOptions, diff_alignment
    from viewer.core.compare.service import line_up, load_trees
    from viewer.core.errors import RequestError
    from viewer.core.records import replace

    options = DiffOptions.ignoring(k for k in (args.ignore or "").split(",") if k.strip())
    alignment = line_up(load_trees(args.files), args.reference, mode_of(args))
    rows = [r for r in alignment.rows if args.topic in (None, r.key, r.topic)]
    if args.topic is not None and not rows:
        raise RequestError(f"--topic {args.topic}: no row has that topic or key")
    alignment = replace(alignment, rows=tuple(rows))
    diffs = diff_alignment(alignment, options)
    if args.json:
        emit(contract.diff_json(alignment, diffs))
    else:
        emit(format.diff_text(alignment, diffs, color=sys.stdout.isatty()))
    return 0


def _terms(args: argparse.Namespace) -> int:
    from viewer.core.compare.service import load_trees
    from viewer.core.terms.extract import extract_terms

    trees = load_trees(args.files)
    found = {tree.doc: extract_terms(tree) for tree in trees}
    emit(contract.terms_json(trees, found) if args.json else format.terms_text(trees, found))
    return 0


COMMANDS = {
    "sections": _sections,
    "align": _align,
    "diff": _diff,
    "terms": _terms,
    "notes": notes.run,
    "report": report.run,
}
