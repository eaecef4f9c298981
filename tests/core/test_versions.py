"""Version mode: each section paired with its own other version, exactly what changed marked."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import SAMPLES, corpus_dir
from viewer.core.compare.diff import DiffOptions, diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.compare.versions import align_versions, are_versions

OLD = SAMPLES / "brightwave_api_terms.md"
NEW = SAMPLES / "versions" / "brightwave_api_terms_2026-09.md"


@pytest.fixture(scope="module")
def versions():
    old, new = load_trees([str(OLD), str(NEW)])
    alignment = align_versions(old, new)
    return alignment, diff_alignment(alignment)


def marked(alignment, diffs, row):
    texts = {doc: tree.document.text for doc, tree in alignment.trees.items()}
    cell = diffs[row.key].cells["B"]
    return [
        (doc, texts[doc][start:end], kind)
        for doc in ("A", "B")
        for start, end, kind in cell.spans[doc]
    ]


def row_of(alignment, section_id):
    doc = section_id.split(":")[0]
    return next(r for r in alignment.rows if section_id in r.cells[doc])


def test_the_two_files_are_recognised_as_versions() -> None:
    old, new = load_trees([str(OLD), str(NEW)])
    other = load_trees([str(SAMPLES / "pelavik_subscription_agreement.txt")])[0]
    assert are_versions(old, new) and not are_versions(old, other)


def test_renumbered_sections_pair_with_themselves(versions) -> None:
    alignment, diffs = versions
    for old, new in (("A:7.b", "B:9.b"), ("A:10.2", "B:12.2"), ("A:16", "B:17"), ("A:5", "B:7")):
        assert row_of(alignment, old).cells == {"A": (old,), "B": (new,)}
    renumbered = row_of(alignment, "A:10.2")
    assert renumbered.status == "changed"
    assert marked(alignment, diffs, renumbered) == [("A", "10.", "delete"), ("B", "12.", "insert")]
    assert diff_alignment(alignment, DiffOptions(numbering=True))[renumbered.key].cells[
        "B"
    ].spans == {"A": (), "B": ()}


def test_a_changed_liability_cap_marks_just_the_period(versions) -> None:
    alignment, diffs = versions
    cap = row_of(alignment, "A:7.b")
    assert cap.status == "changed" and cap.topic == "liability"
    assert marked(alignment, diffs, cap) == [
        ("A", "twelve (12", "delete"),
        ("B", "six (6", "insert"),
    ]


def test_a_new_section_is_added(versions) -> None:
    alignment, diffs = versions
    added = row_of(alignment, "B:6")
    assert added.status == "added" and added.cells["A"] == ()
    assert [kind for _, _, kind in marked(alignment, diffs, added)] == ["insert"]
    assert added.label == "6 Service Credits"


def test_a_moved_clause_is_moved_with_its_rewording_marked(versions) -> None:
    alignment, diffs = versions
    notices = row_of(alignment, "A:15")
    assert notices.status == "moved" and notices.cells["B"] == ("B:4",)
    found = marked(alignment, diffs, notices)
    kinds = {kind for _, _, kind in found}
    assert kinds == {"delete", "insert", "moved"}
    assert (
        "B",
        "Notices to us must be sent by email to legal@brightwave.example and are "
        "effective when received.",
        "insert",
    ) in [(d, t.split("\n")[-1], k) for d, t, k in found]


def test_a_heading_whose_markup_changed_is_the_same_section(versions) -> None:
    alignment, diffs = versions
    legal = row_of(alignment, "A:general-legal-terms")
    assert legal.cells["B"] == ("B:general-legal-terms",) and legal.status == "same"
    assert marked(alignment, diffs, legal) == []


def test_unchanged_sections_are_same_and_unmarked(versions) -> None:
    alignment, diffs = versions
    same = [r for r in alignment.rows if r.status == "same"]
    assert len(same) >= 10
    assert all(marked(alignment, diffs, r) == [] for r in same)


def test_equal_and_changed_text_reproduce_each_document(versions) -> None:
    """Invariant: walking each document's rows, unmarked text plus marked text is its text."""
    alignment, diffs = versions
    for doc, tree in alignment.trees.items():
        text = tree.document.text
        spans = sorted(
            span for row in alignment.rows for span in diffs[row.key].cells["B"].spans[doc]
        )
        pieces, at = [], 0
        for start, end, _ in spans:
            assert start >= at  # spans never overlap
            pieces += [text[at:start], text[start:end]]
            at = end
        pieces.append(text[at:])
        assert "".join(pieces) == text
        covered = sorted(
            (s.start, s.end)
            for row in alignment.rows
            for s in tree.sections
            if s.id in row.cells[doc]
        )
        assert covered[0][0] == 0 and covered[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(covered))


@pytest.mark.parametrize(
    "pair, statuses, changed_words, truth_found",
    [
        # a section split in two (3 -> 3 and a new 4), everything after it renumbered
        ("palantir", {"added": 1, "changed": 11, "same": 2}, (89, 292), (271, 274)),
        # links in headings and the contents list changed target; three dated edits
        # a bulleted list item ("Outline your legal rights on Spotify") is not a section (issue 15)
        ("spotify", {"changed": 2, "same": 37}, (18, 16), (33, 33)),
        ("protonmail", {"changed": 1, "same": 11}, (4, 13), (17, 17)),
    ],
)
def test_real_version_pairs(
    pair: str, statuses: dict, changed_words: tuple, truth_found: tuple
) -> None:
    """Measured 2026-11-25; `truth_found` is (changed words found, changed words) against a
    plain whole-document word diff, as in bench/version_eval.py."""
    from bench.version_eval import evaluate

    folder = corpus_dir("ota-versions") / pair
    old, new = load_trees([str(folder / "old.md"), str(folder / "new.md")])
    assert are_versions(old, new)
    alignment = align_versions(old, new)
    found: dict[str, int] = {}
    for row in alignment.rows:
        found[row.status] = found.get(row.status, 0) + 1
    assert found == statuses
    diffs = diff_alignment(alignment)
    words = {"A": 0, "B": 0}
    for row in alignment.rows:
        for doc, spans in diffs[row.key].cells["B"].spans.items():
            text = alignment.trees[doc].document.text
            words[doc] += sum(len(text[a:b].split()) for a, b, _ in spans)
    assert (words["A"], words["B"]) == changed_words
    counts = evaluate(folder / "old.md", folder / "new.md")
    assert (counts["words_found"], counts["words"]) == truth_found


RENAMED_OLD = """# Harbour Music Terms of Use

## 1. Introduction
These terms govern your use of the Harbour Music apps and website.

## 2. The Harbour Service
### 2.1 Access
We give you a personal licence to stream music on your devices.
### 2.2 Trials
A free trial lasts one month and ends on its own.

## 3. Payment
You pay the monthly fee in advance by card.
"""


def test_a_renamed_heading_is_a_changed_row_not_a_new_one(tmp_path) -> None:
    """Issue 25, defect 4: "The Spotify Service" -> "The Spotify Service Provided by Us"
    (a heading with no text of its own) pairs with its old version and shows as changed."""
    old_path, new_path = tmp_path / "old.md", tmp_path / "new.md"
    old_path.write_text(RENAMED_OLD, encoding="utf-8")
    new_text = RENAMED_OLD.replace(
        "2. The Harbour Service", "2. The Harbour Service Provided by Us"
    ).replace(
        "2.2 Trials\nA free trial lasts one month and ends on its own.",
        "2.2 Free Trials and Promotions\nWe remind you a week before a promotion ends.",
    )  # a heading renamed with its text rewritten, where it stood
    new_path.write_text(new_text, encoding="utf-8")
    old, new = load_trees([str(old_path), str(new_path)])
    alignment = align_versions(old, new)
    for old_id, new_id in (("A:2", "B:2"), ("A:2.2", "B:2.2")):
        row = row_of(alignment, old_id)
        assert row.cells["B"] == (new_id,) and row.status == "changed"
    assert len(alignment.rows) == len(old.sections)
