"""Command-line options shared by the subcommands that line documents up (align, diff, report)."""

from __future__ import annotations

import argparse


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
