"""Report speed: the five sample contracts (one per format) with 200 notes, in every format.

The target is under 3 s per format for the report itself (content built from the review, then
rendered and written); the review it starts from (import, alignment, differences, key terms,
notes placed from the store) is timed once as its floor, and the slowest format end to end.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import FIVE_FORMATS, Row, median_call, table
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


if __name__ == "__main__":
    print(table(run(9)))
