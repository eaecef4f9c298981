"""`contract-compare report`: a review of FILE... with its notes, as HTML, PDF, Markdown, CSV or
JSON.

Thin like the rest of the CLI: parse, build the comparison through `viewer.app.compare` as the
window does (the review's overrides and notes included), write it with `viewer.report`. Every
failure (a bad file, an unknown reference, a database that is not ours, an output path that
cannot be written) is one line on stderr and exit 2. Nothing heavy is imported until `run`.
"""

from __future__ import annotations

import argparse

from viewer.cli.options import add_alignment_options, mode_of

FORMATS = ("html", "pdf", "md", "csv", "json")  # viewer.report.FORMATS (kept light to import)


def add_parser(commands) -> argparse.ArgumentParser:
    report = commands.add_parser(
        "report", help="write a review report: notes, coverage, key terms and differences"
    )
    report.add_argument("--db", metavar="DB", help="review database (default: your data folder)")
    report.add_argument("--format", required=True, choices=FORMATS, help="the report's format")
    report.add_argument("--out", required=True, metavar="FILE", help="the report file to write")
    report.add_argument("--title", metavar="T", help="the report's title")
    report.add_argument("--reviewer", metavar="NAME", help="who reviewed the documents")
    report.add_argument(
        "--full-text",
        action="store_true",
        help="also the texts of passages not compared with the reference (left out by default)",
    )
    add_alignment_options(report)
    report.add_argument("files", nargs="+", metavar="FILE")
    return report


def run(args: argparse.Namespace) -> int:
    """Build the comparison as the window does, the review's overrides and notes included,
    and write its report. Every failure is a UserError (one line, exit 2)."""
    from viewer.app.compare import Request, build, review_report
    from viewer.app.session import StoreStep
    from viewer.report import check_output, write_report
    from viewer.store import default_db_path

    check_output(args.out)  # before any work: a typo in --out costs nothing
    request = Request(tuple(args.files), args.reference, mode_of(args))
    step = StoreStep(args.db or default_db_path(), args.files, record=False)
    comparison = build(request, review_step=step.read)
    notes = comparison.review.notes
    report = review_report(
        comparison, notes, title=args.title, reviewer=args.reviewer, full_text=args.full_text
    )
    write_report(report, args.format, args.out)
    return 0
