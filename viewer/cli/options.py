"""What the subcommands share: the alignment options and the mode they choose, the one-line
failure, and printing a command's output."""

from __future__ import annotations

import argparse
import json
import os
import sys

from viewer.core.errors import UserError
from viewer.core.model import AUTO, TOPICS, VERSIONS

EXIT_BAD_INPUT = 2


def add_alignment_options(command: argparse.ArgumentParser) -> None:
    """--reference, and --versions / --topics to choose how the rows are made."""
    command.add_argument("--reference", metavar="ID", help="reference document (default A)")
    mode = command.add_mutually_exclusive_group()
    mode.add_argument(
        "--versions",
        action="store_true",
        help="two versions of one document: pair each section with itself "
        "(the default when two files look like versions)",
    )
    mode.add_argument(
        "--topics",
        action="store_true",
        help="line sections up by topic even when the files look like versions",
    )


def mode_of(args: argparse.Namespace) -> str:
    """The comparison mode the options ask for (`viewer.core.compare.service` modes)."""
    return VERSIONS if args.versions else TOPICS if args.topics else AUTO


def fail(message: str) -> int:
    """Bad input: one line on stderr, exit code 2. `entry` passes the message through
    `format.shown`, as the tables: a file name it quotes may hold a newline, an escape sequence
    or bytes that are not UTF-8, and the line must stay one line and printable."""
    print(f"contract-compare: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def emit(output: dict[str, object] | str) -> None:
    """JSON for a dict (compact, UTF-8, through the C encoder), the text itself otherwise.

    Flushed here, so that an output that cannot take it (a full disk, `> /dev/full`) is a
    UserError, one line and exit 2, rather than a traceback at exit; a reader that went away
    (`| head`) stays a BrokenPipeError, which `entry` ends quietly.
    """
    try:
        if isinstance(output, str):
            sys.stdout.write(output)
        else:
            sys.stdout.write(json.dumps(output, ensure_ascii=False))  # dump() would not use C
            sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        drop_stdout()
        raise UserError(f"cannot write the output: {error.strerror or error}") from None


def drop_stdout() -> None:
    """Point stdout at /dev/null after it failed, so that the flush at exit, which would try
    the output left in its buffer again, cannot fail a second time (the recipe of the Python
    documentation for SIGPIPE). Nothing to do when stdout is not a file (a test's capture)."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)
