"""`contract-compare report`: a review of FILE... with its notes, as HTML, PDF, Markdown, CSV or
JSON.

Thin like the rest of the CLI: parse, call the core, the store and `viewer.report`, write. Every
failure (a bad file, an unknown reference, a database that is not ours, an output path that
cannot be written) is one line on stderr and exit 2. Nothing heavy is imported until `run`.
"""

from __future__ import annotations

import argparse

from viewer.cli.options import add_alignment_options, aligned, fail

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
    add_alignment_options(report)
    report.add_argument("files", nargs="+", metavar="FILE")
    return report


def run(args: argparse.Namespace) -> int:
    from viewer.core.compare.service import load_trees
    from viewer.core.model import IngestError
    from viewer.report import ReportError, check_output

    try:
        check_output(args.out)  # before any work: a typo in --out costs nothing
        trees = load_trees(args.files)
    except (ReportError, IngestError) as error:
        return fail(str(error))
    alignment = aligned(args, trees)
    if isinstance(alignment, str):
        return fail(alignment)
    from viewer.store import Store, StoreError

    try:
        with Store.open(args.db) as store:
            notes = [note for tree in trees for note in store.place_notes(tree)]
    except StoreError as error:
        return fail(str(error))
    from viewer.app.compare import Comparison, Request, review_report
    from viewer.report import write_report

    comparison = Comparison(Request(tuple(args.files), alignment.reference), alignment)
    report = review_report(comparison, notes, title=args.title, reviewer=args.reviewer)
    try:
        write_report(report, args.format, args.out)
    except ReportError as error:
        return fail(str(error))
    return 0
