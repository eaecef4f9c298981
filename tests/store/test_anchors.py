"""Notes are found again in an edited version of their document, or kept as orphaned."""

from __future__ import annotations

import pytest

from tests.store.conftest import VERSION_1, section

CAP_QUOTE = "total liability is capped at the fees paid in the twelve months"

INSERTED = (
    VERSION_1.replace(
        "2. Liability\n",
        "2. Service Levels\n2.1 The Service is available 99.5 per cent of each month.\n"
        "2.2 Credits are the Customer's only remedy for missed availability.\n\n"
        "3. Liability\n",
    )
    .replace("2.1 Neither", "3.1 Neither")
    .replace("2.2 Each", "3.2 Each")
    .replace("3. Termination\n3.1", "4. Termination\n4.1")
)
REWORDED = VERSION_1.replace(
    "total liability is capped at the fees paid in the twelve months",
    "total liability is limited to the fees paid in the twelve months",
)
REMOVED = VERSION_1.replace(
    "2.2 Each party's total liability is capped at the fees paid in the twelve months before "
    "the claim.\n",
    "",
)


@pytest.mark.parametrize(
    "edited, expected_section",
    [
        (VERSION_1, "A:2.2"),
        (INSERTED, "A:3.2"),  # paragraphs inserted before it, every number after them changed
        (REWORDED, "A:2.2"),  # a word of the quote changed
        (
            # renumbered and retitled around it, and moved to the end
            VERSION_1.replace("2. Liability\n", "")
            .replace("2.1 Neither", "")
            .replace("2.2 Each", "2.9 Each")
            .replace("3. Termination\n3.1", "2. Ending the Agreement\n2.1")
            + "\n3. Liability\n3.1 Neither party is liable for indirect loss.\n3.2 Each party's "
            "total liability is capped at the fees paid in the twelve months before the claim.\n",
            "A:3.2",
        ),
    ],
    ids=["unchanged", "paragraphs-inserted", "reworded", "renumbered-and-moved"],
)
def test_a_quoted_note_is_found_again(store, contract, edited, expected_section) -> None:
    tree = contract()
    note = store.add_note(tree, "A:2.2", "concern", "Cap too low", "ana", quote=CAP_QUOTE)
    edited_tree = contract(edited)
    (placed,) = store.place_notes(edited_tree)
    assert placed.id == note.id and not placed.orphaned
    assert placed.section == expected_section
    text = edited_tree.document.text
    assert text[placed.offset :].startswith("total liability is")
    assert placed.doc_sha256 == edited_tree.document.sha256


def test_a_note_on_a_section_follows_its_title_through_renumbering(store, contract) -> None:
    tree = contract()
    store.add_note(tree, "A:3", "question", "Notice period?")
    (placed,) = store.place_notes(contract(INSERTED))
    assert placed.section == "A:4" and not placed.orphaned


def test_a_note_whose_text_is_gone_is_orphaned_and_still_listed(store, contract) -> None:
    tree = contract()
    kept = store.add_note(tree, "A:1.1", "ok", "Fine", quote="annual fee in advance")
    gone = store.add_note(tree, "A:2.2", "negotiate", "Ask for 2x", quote=CAP_QUOTE)
    placed = {note.id: note for note in store.place_notes(contract(REMOVED))}
    assert placed[kept.id].section == "A:1.1" and not placed[kept.id].orphaned
    assert placed[gone.id].orphaned and placed[gone.id].section is None
    assert placed[gone.id].quote == CAP_QUOTE and placed[gone.id].text == "Ask for 2x"
    # orphaned stays orphaned, listed, and comes back when the text does
    assert [n.id for n in store.notes() if n.orphaned] == [gone.id]
    (back,) = [n for n in store.place_notes(contract()) if n.id == gone.id]
    assert back.section == "A:2.2" and not back.orphaned


def test_a_quote_not_in_the_section_is_refused(store, contract) -> None:
    from viewer.store import StoreError

    with pytest.raises(StoreError, match=r"not found in section A:1\.1"):
        store.add_note(contract(), "A:1.1", "ok", "x", quote=CAP_QUOTE)


def test_a_quote_matches_across_line_breaks(store, contract) -> None:
    tree = contract()
    note = store.add_note(tree, "A:2", "ok", "x", quote="Liability\n2.1   Neither party")
    liability = section(tree, "Liability")
    assert liability.start < note.offset < liability.end
    assert tree.document.text[note.offset :].startswith("Liability\n2.1 Neither")


@pytest.mark.corpus
@pytest.mark.parametrize(
    "pair, expected",
    [  # measured 2026-11-25: (verbatim, reworded, gone), every one placed right
        ("google", (21, 26, 0)),
        ("graphcms", (13, 46, 0)),
        ("evernote", (20, 20, 1)),
    ],
)
def test_real_edits_re_anchor_every_quote(pair: str, expected: tuple) -> None:
    """Quotes of the older version placed in the newer, judged as in bench/anchor_eval.py."""
    from bench.anchor_eval import evaluate
    from tests.conftest import corpus_dir

    folder = corpus_dir("ota-versions") / pair
    counts = evaluate(folder / "old.md", folder / "new.md")
    assert (counts["verbatim"], counts["reworded"], counts["gone"]) == expected
    assert counts["verbatim_right"] == counts["verbatim"]
    assert counts["reworded_right"] == counts["reworded"]
    assert counts["gone_orphaned"] == counts["gone"] and counts["wrong"] == 0


OTHER_VENDOR = """Tern Analytics Service Terms

1. Scope
1.1 These terms cover the hosted dashboards and nothing else.

2. Warranty
2.1 The dashboards are provided as they are, without any warranty.
"""


@pytest.mark.parametrize(
    "old_file_gone, new_text, carried",
    [
        (True, INSERTED, True),  # renamed and edited: the notes follow
        (False, INSERTED, False),  # the old file is still there: two documents
        (True, OTHER_VENDOR, False),  # same title, other terms: the quotes are not in it
    ],
    ids=["renamed-and-edited", "old-file-still-there", "same-title-other-text"],
)
def test_a_renamed_and_edited_document_keeps_its_notes(
    store, contract, tmp_path, old_file_gone, new_text, carried
) -> None:
    old = contract(VERSION_1, "tern_2025.txt")
    note = store.add_note(old, "A:2.2", "concern", "Cap too low", "ana", quote=CAP_QUOTE)
    store.add_note(old, "A:3", "question", "Notice period?", "ana")
    if old_file_gone:
        (tmp_path / "tern_2025.txt").unlink()
    new = contract(new_text, "downloads-tern-terms.txt")
    placed = store.place_notes(new)
    if not carried:
        assert placed == [] and len(store.notes(old.document.sha256)) == 2
        return
    cap = next(n for n in placed if n.id == note.id)
    assert cap.section == "A:3.2" and not cap.orphaned
    assert cap.doc_sha256 == new.document.sha256
    assert {n.section for n in placed} == {"A:3.2", "A:4"}
