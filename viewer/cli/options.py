"""What the subcommands share: the alignment options and the alignment they choose, the one-line
failure, and printing a command's output."""

from __future__ import annotations

import argparse
import json
import sys

from viewer.core.model import Alignment, SectionTree
from viewer.core.pipeline import doc_ids

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


def aligned(args: argparse.Namespace, trees: list[SectionTree]) -> Alignment | str:
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
