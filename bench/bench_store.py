"""Notes store speed: `notes list --json` over 10,000 notes, and adding one note in-process."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, SAMPLES, Row, best_seconds, median_call, python_start, vs_start
from viewer.core.compare.service import load_trees
from viewer.store import STATUSES, Store

NOTES = 10_000


def run(runs: int) -> list[Row]:
    floor = python_start(runs)
    tree = load_trees([str(SAMPLES / "pelavik_subscription_agreement.txt")])[0]
    sections = [s.id for s in tree.sections]
    with tempfile.TemporaryDirectory() as name:
        db = str(Path(name) / "reviews.sqlite")
        with Store.open(db) as store:
            conn = store._conn  # bulk fill: one transaction, the same rows add_note writes
            conn.execute("BEGIN")
            for number in range(NOTES):
                store._remember(conn, tree)
                anchor_section = sections[number % len(sections)]
                conn.execute(
                    "INSERT INTO notes (doc_sha256, section, section_path, quote, offset, "
                    "section_offset, status, text, author, created, updated) "
                    "VALUES (?, ?, '[]', '', 0, 0, ?, ?, 'bench', '2026-01-01T00:00:00Z', "
                    "'2026-01-01T00:00:00Z')",
                    (tree.document.sha256, anchor_section.split(":", 1)[1],
                     STATUSES[number % 4], f"note {number}: " + "words " * 30),
                )  # fmt: skip
            conn.execute("COMMIT")
            counter = iter(range(10**6))
            add = median_call(
                lambda: store.add_note(
                    tree, sections[1], "concern", f"bench {next(counter)}", "bench",
                    quote=None,
                ),
                max(runs * 5, 30),
            )  # fmt: skip
        listing = best_seconds([*CLI, "notes", "list", "--db", db, "--json"], runs)
    return [
        vs_start(f"`notes list --json`, {NOTES:,} notes (wall, target < 0.5 s)", listing, floor),
        (
            "add one note in process (target < 10 ms; synchronous=FULL, WAL)",
            f"{add * 1000:.1f} ms",
            "",
            "",
        ),
    ]
