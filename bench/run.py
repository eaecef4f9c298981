"""`make bench`: every benchmark's table; `--write` also saves them to bench/results.md."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (
    alignment_eval,
    anchor_eval,
    bench_align,
    bench_diff,
    bench_gui,
    bench_report,
    bench_sections,
    bench_store,
    bench_summary,
    bench_versions,
    corpus_eval,
    version_eval,
)
from bench.common import ROOT, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="repetitions per start-up timing")
    parser.add_argument("--write", action="store_true", help="save to bench/results.md")
    args = parser.parse_args()
    parts = [
        "## Every command at three sizes\n\n"
        + bench_summary.table(bench_summary.rows() + bench_summary.gui_rows(args.runs))
        + "\nCommands that compare read a pair of documents of the given size each.\n",
        "## Import and sectioning\n\n" + table(bench_sections.run(args.runs)),
        "## Alignment speed\n\n" + table(bench_align.run(args.runs)),
        "## Alignment quality\n\nOur own samples (all development: no split).\n\n"
        + alignment_eval.samples_report(),
        corpus_eval.report(),
        "## Word differences\n\n" + table(bench_diff.run(args.runs)),
        "## Two versions of the same terms\n\n"
        + table(bench_versions.run(args.runs))
        + "\n"
        + version_eval.report(),
        "## Review notes\n\n"
        + table(bench_store.run(args.runs))
        + "\nNotes re-anchored in the newer version of real terms:\n\n"
        + anchor_eval.report(),
        "## Review reports\n\n" + table(bench_report.run(args.runs) + bench_report.scale()),
        "## Desktop app\n\n" + table(bench_gui.run(args.runs)),
    ]
    text = "\n".join(parts)
    print(text)
    if args.write:
        header = (
            f"# Benchmark results\n\nMeasured {time.strftime('%Y-%m-%d')} with `make bench` "
            "(2 cores, 24 GiB).\n\n"
        )
        history = (ROOT / "bench" / "history.md").read_text(encoding="utf-8")
        (ROOT / "bench" / "results.md").write_text(f"{header}{text}\n{history}", encoding="utf-8")


if __name__ == "__main__":
    main()
