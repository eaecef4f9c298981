"""The build behind the window: stages, snapshots, cancellation, the tree cache, the modes."""

from __future__ import annotations

import pytest

from viewer.app.compare import Comparison, Request, TreeCache, build, review_report
from viewer.core.compare.align import align
from viewer.core.compare.diff import diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.model import TOPICS

from .conftest import SAMPLES, VERSION_PAIR, paths


def run(request: Request, cache: TreeCache | None = None, cancel_after: int | None = None):
    snapshots: list[Comparison] = []
    reports: list[tuple[int, int, str]] = []

    def cancelled() -> bool:
        return cancel_after is not None and len(reports) >= cancel_after

    result = build(
        request,
        cache or TreeCache(),
        lambda done, total, label: reports.append((done, total, label)),
        snapshots.append,
        cancelled,
    )
    return result, snapshots, reports


def test_build_gives_the_cli_alignment_and_diffs():
    request = Request(tuple(paths(SAMPLES)))
    result, snapshots, reports = run(request)
    trees = load_trees(paths(SAMPLES))
    expected = align(trees)
    assert [row.cells for row in result.rows] == [row.cells for row in expected.rows]
    assert result.complete
    assert set(result.diffs) == {row.key for row in result.rows}
    cli = diff_alignment(expected)
    key = next(row.key for row in result.rows if row.topic == "liability")
    assert result.diffs[key] == cli[key]
    assert set(result.terms) == {"A", "B"}
    # rows first, then key terms; progress only grows
    assert not snapshots[0].terms and not snapshots[0].diffs
    assert snapshots[1].terms
    assert [done for done, _, _ in reports] == sorted(done for done, _, _ in reports)


def test_reference_and_ignore_are_part_of_the_request():
    result, _, _ = run(Request(tuple(paths(SAMPLES)), reference="B", ignore=frozenset({"case"})))
    assert result.reference == "B"
    assert result.ids == ["A", "B"]
    assert all("A" in diff.cells for diff in result.diffs.values())


def test_cancelled_build_stops():
    with pytest.raises(InterruptedError):
        run(Request(tuple(paths(SAMPLES))), cancel_after=1)


def test_tree_cache_reads_each_file_once():
    cache = TreeCache()
    first, _, _ = run(Request(tuple(paths(SAMPLES))), cache)
    again, _, _ = run(Request(tuple(paths(SAMPLES)), reference="B"), cache)
    assert first.tree("A") is again.tree("A")
    assert first.terms["A"] is again.terms["A"]
    # the same file at another position gets other ids: a tree of its own
    swapped, _, _ = run(Request(tuple(paths(SAMPLES[::-1]))), cache)
    assert swapped.tree("A").document.path == str(SAMPLES[1])


def test_two_versions_pair_section_by_section_unless_asked_not_to():
    versions, _, _ = run(Request(tuple(paths(VERSION_PAIR))))
    assert versions.versions
    assert all(row.status for row in versions.rows)
    topics, _, _ = run(Request(tuple(paths(VERSION_PAIR)), mode=TOPICS))
    assert not topics.versions


def test_comparison_lookups():
    result, _, _ = run(Request(tuple(paths(SAMPLES))))
    row = next(r for r in result.rows if r.topic == "governing_law")
    section_id = row.cells["A"][0]
    assert result.index.section(section_id).id == section_id
    assert row in result.index.rows_of(section_id)
    assert result.index.row_of(section_id) is not None
    assert result.row(row.key) is row
    assert result.missing(row) == [doc for doc in "AB" if not row.cells[doc]]


@pytest.mark.parametrize(
    ("files", "reference", "remove", "left", "moved_to"),
    [
        (("a", "b", "c"), "C", "A", ("b", "c"), "B"),  # C's file is now B
        (("a", "b", "c"), "A", "C", ("a", "b"), "A"),
        (("a", "b", "c"), "B", "B", ("a", "c"), None),  # the reference itself: the first
        (("a",), None, "A", (), None),
    ],
)
def test_removing_a_document_keeps_the_reference_file(files, reference, remove, left, moved_to):
    request = Request(files, reference).removing(remove)
    assert request.paths == left
    assert request.reference == moved_to


def test_adding_skips_files_already_there(tmp_path):
    first = str(tmp_path / "a.txt")
    request = Request((first,))
    assert request.adding([first, str(tmp_path / ".." / tmp_path.name / "a.txt")]) is None
    added = request.adding([str(tmp_path / "b.txt"), str(tmp_path / "b.txt")])
    assert added.paths == (first, str(tmp_path / "b.txt"))


def test_a_report_of_an_unfinished_comparison_diffs_as_the_window_would():
    """Export before the highlights were in re-diffed with default options, ignoring the
    reviewer's Ignore settings."""
    request = Request(tuple(paths(SAMPLES)), ignore=frozenset({"case", "punctuation"}))
    complete, snapshots, _ = run(request)
    unfinished = next(s for s in snapshots if not s.diffs)
    report = review_report(unfinished, [])
    assert report.diffs == complete.diffs
    assert review_report(complete, []).diffs is complete.diffs
