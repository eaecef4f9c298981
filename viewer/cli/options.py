"""What the subcommands share: the alignment options and the mode they choose, the one-line
failure, and printing a command's output."""

from __future__ import annotations

import argparse
import json
import sys

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
    """Bad input: one line on stderr, exit code 2."""
    print(f"contract-compare: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def emit(output: dict[str, object] | str) -> None:
    """JSON for a dict (compact, UTF-8, through the C encoder), the text itself otherwise."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    sys.stdout.write(json.dumps(output, ensure_ascii=False))  # dump() would not use C
    sys.stdout.write("\n")
