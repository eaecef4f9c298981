"""Report speed: the five sample contracts (one per format) with 200 notes, in every format.

The target is under 3 s per format for the report itself (content built from the review, then
rendered and written); the review it starts from (import, alignment, differences, key terms,
notes placed from the store) is timed once as its floor, and the slowest format end to end.

At scale (`scale`): the PDF report beside the HTML one with 1,000 and 10,000 notes, and the
PDF of one 1 MB note without spaces, each written by a process of its own, timed and with its
peak memory. Target for the PDF of 10,000 notes: under 30 s and 500 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ENV, FIVE_FORMATS, ROOT, Row, median_call, table
from viewer.core.compare.align import align
from viewer.core.compare.diff import diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.model import NOTE_STATUSES
from viewer.core.terms.extract import extract_terms
from viewer.report import FORMATS, build_report, write_report
from viewer.store import Store

FILES = [str(path) for path in FIVE_FORMATS]
NOTES = 200
TARGET = "target: under 3 s"
SCALE_NOTES = (1_000, 10_000)
SCALE_TARGET = {"pdf": "target: under 30 s and 500 MB", "html": "—"}


def add_notes(store: Store, trees: list, count: int) -> None:
    """`count` notes spread over every document's sections: all statuses, some on a quote,
    some several lines long, some with text that needs escaping."""
    for index in range(count):
        tree = trees[index % len(trees)]
        section = tree.sections[(index * 7) % len(tree.sections)]
        body = tree.body_of(section).split()
        quote = " ".join(body[:6]) if index % 3 == 0 and len(body) >= 6 else None
        text = f"Note {index}: check this against our position <b>&</b> standard terms."
        if index % 4 == 0:
            text += "\nSecond line: ask for a cap of 12 months' fees.\nThird line."
        status = NOTE_STATUSES[index % len(NOTE_STATUSES)]
        store.add_note(tree, section.id, status, text, author=f"Reviewer {index % 3}", quote=quote)


def review(store: Store) -> tuple:
    trees = load_trees(FILES)
    alignment = align(trees)
    diffs = diff_alignment(alignment)
    terms = {doc: extract_terms(tree, alignment.topics) for doc, tree in alignment.trees.items()}
    notes = [note for tree in trees for note in store.place_notes(tree)]
    return trees, alignment, diffs, terms, notes


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with Store.open(str(folder / "reviews.sqlite")) as store:
            add_notes(store, load_trees(FILES), NOTES)
            start = time.perf_counter()
            trees, alignment, diffs, terms, notes = review(store)
            ready = time.perf_counter() - start
            assert len(notes) == NOTES, len(notes)

            def report(fmt: str) -> None:
                built = build_report(trees, alignment, diffs, terms, notes, title="Bench")
                write_report(built, fmt, str(folder / f"report.{fmt}"))

            rows = []
            timings = {}
            for fmt in FORMATS:
                timings[fmt] = median_call(lambda f=fmt: report(f), max(3, runs // 3))
                size = (folder / f"report.{fmt}").stat().st_size
                rows.append(
                    (
                        f"report {fmt} of five samples, {NOTES} notes ({size // 1024} KB; "
                        "build + write, in process)",
                        f"{timings[fmt]:.3f} s",
                        f"review ready {ready:.2f} s",
                        TARGET,
                    )
                )
            slowest = max(timings, key=timings.get)
            start = time.perf_counter()
            review(store)
            report(slowest)
            whole = time.perf_counter() - start
    rows.append(
        (
            f"import, align, diff, terms, place {NOTES} notes and write the {slowest} report",
            f"{whole:.2f} s",
            "—",
            TARGET,
        )
    )
    return rows


# The report written by a process of its own, started from a small one: a child forked from
# this large benchmark process would report this process's pages as its own peak.
_LAUNCH = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"
_CHILD = """
import json, resource, sys, time
from bench.bench_report import review
from viewer.report import build_report, write_report
from viewer.store import Store

database, fmt, out = sys.argv[1:]
with Store.open(database) as store:
    trees, alignment, diffs, terms, notes = review(store)
ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
write_report(build_report(trees, alignment, diffs, terms, notes, title="Bench"), fmt, out)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "ready": ready / 1024, "peak": peak / 1024}))
"""


def report_process(database: Path, fmt: str, out: Path) -> dict[str, float]:
    """Seconds to build and write the report of the review in `database` in a process of its
    own (after the review), the process's peak memory once the review was ready and at the end
    (MB)."""
    command = [sys.executable, "-c", _LAUNCH, sys.executable, "-c", _CHILD, str(database), fmt]
    found = subprocess.run(
        [*command, str(out)], capture_output=True, text=True, check=True, cwd=ROOT, env=ENV
    )
    return json.loads(found.stdout.splitlines()[-1])


def scale() -> list[Row]:
    """The PDF report beside the HTML one with 1,000 and 10,000 notes, and the PDF of one 1 MB
    note without spaces (MuPDF once took minutes to break such a word over lines)."""
    import pymupdf

    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        trees = load_trees(FILES)
        cases = [(f"{count:,} notes", count, ("html", "pdf")) for count in SCALE_NOTES]
        cases.append(("one 1 MB note without spaces", 0, ("pdf",)))
        targets = {SCALE_NOTES[-1]: SCALE_TARGET, 0: {"pdf": "target: linear (was > 10 min)"}}
        for label, count, formats in cases:
            database = folder / f"reviews-{count}.sqlite"
            with Store.open(str(database)) as store:
                if count:
                    add_notes(store, trees, count)
                else:
                    tree = trees[0]
                    store.add_note(tree, tree.sections[3].id, "concern", "x" * 2**20)
            for fmt in formats:
                out = folder / f"report-{count}.{fmt}"
                found = report_process(database, fmt, out)
                size = f"{out.stat().st_size / 2**20:.1f} MB"
                if fmt == "pdf":
                    with pymupdf.open(out) as document:
                        size = f"{document.page_count:,} pages, {size}"
                rows.append(
                    (
                        f"report {fmt} of five samples, {label} ({size}; build + write, "
                        "own process)",
                        f"{found['seconds']:.2f} s",
                        f"peak {found['peak']:.0f} MB (review ready {found['ready']:.0f} MB)",
                        targets.get(count, {}).get(fmt, "—"),
                    )
                )
    return rows


if __name__ == "__main__":
    print(table(run(9) + scale()))
