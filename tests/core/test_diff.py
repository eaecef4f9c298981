"""Word-level differences: spans, options, moved sentences, and the per-cell work cap."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from tests.conftest import SAMPLES
from viewer.app.compare import DIFF_CHUNK, Request, build
from viewer.core.compare import diff
from viewer.core.compare.align import align
from viewer.core.compare.diff import DiffOptions, diff_alignment
from viewer.core.compare.service import load_trees
from viewer.core.errors import RequestError

PREAMBLE_A = (
    'This Agreement is made between Pelavik Cloud AB ("Pelavik", "we" or "us") and the '
    'entity accepting it ("Subscriber").'
)
PREAMBLE_B = (
    'These Terms are made between Brightwave Labs Inc. ("Brightwave", "we" or "us") and '
    'the organisation using the APIs ("Customer").'
)
CAP_A = (
    "Pelavik's total liability shall not exceed the fees paid by the Subscriber in the "
    "twelve (12) months preceding the claim."
)
CAP_B = (
    "Brightwave's total liability shall not exceed the fees paid by the Customer in the "
    "six (6) months preceding the claim."
)


def pair(write, body_a: str, body_b: str, options: DiffOptions | None = None, topic="liability"):
    a = write("a.txt", f"Terms\n\n{PREAMBLE_A}\n\n12. Limitation of Liability\n{body_a}\n")
    b = write("b.txt", f"Terms\n\n{PREAMBLE_B}\n\n12. Limitation of Liability\n{body_b}\n")
    alignment = align(load_trees([a, b]))
    row = next(r for r in alignment.rows if r.key == topic)
    texts = {doc: tree.document.text for doc, tree in alignment.trees.items()}
    return diff_alignment(alignment, options, rows=[row])[row.key].cells["B"], texts


def words(texts, doc, spans, kind):
    return [texts[doc][start:end] for start, end, label in spans.get(doc, ()) if label == kind]


def test_a_reworded_clause_marks_exactly_the_changed_words(write) -> None:
    cell, texts = pair(write, CAP_A, CAP_B, DiffOptions(parties=True))
    # the closing bracket is common to both, so it stays unmarked
    assert words(texts, "A", cell.spans, "delete") == ["twelve (12"]
    assert words(texts, "B", cell.spans, "insert") == ["six (6"]
    assert 0.8 < cell.similarity < 1 and not cell.coarse


def test_party_names_differ_only_without_the_parties_option(write) -> None:
    plain, texts = pair(
        write, CAP_A, CAP_A.replace("Pelavik", "Brightwave").replace("Subscriber", "Customer")
    )
    assert words(texts, "A", plain.spans, "delete") == ["Pelavik", "Subscriber"]
    assert words(texts, "B", plain.spans, "insert") == ["Brightwave", "Customer"]
    roles, _ = pair(
        write,
        CAP_A,
        CAP_A.replace("Pelavik", "Brightwave").replace("Subscriber", "Customer"),
        DiffOptions(parties=True),
    )
    assert roles.spans == {"A": (), "B": ()} and roles.similarity == 1.0


def test_a_moved_sentence_is_moved_not_deleted_and_inserted(write) -> None:
    first = "Neither party is liable for indirect or consequential damages of any kind."
    second = "Each party remains liable for damage caused by its gross negligence or intent."
    cell, texts = pair(write, f"{first} {CAP_A}\n{second}", f"{second} {CAP_A}\n{first}")
    moved_a = words(texts, "A", cell.spans, "moved")
    moved_b = words(texts, "B", cell.spans, "moved")
    assert any(first in text or second in text for text in moved_a)
    assert sorted(" ".join(moved_a).split()) == sorted(" ".join(moved_b).split())
    assert not words(texts, "A", cell.spans, "delete")
    assert not words(texts, "B", cell.spans, "insert")


def test_when_blocks_swap_the_shorter_one_moves(write) -> None:
    # two short sentences against one long one: a sentence-count diff keeps the two in place
    short = "Fees are due monthly. Invoices are sent by e-mail."
    long = (
        "Either party may terminate this Agreement for convenience on ninety days written "
        "notice to the other party, and any prepaid fees for the remaining term are refunded."
    )
    cell, texts = pair(write, f"{short}\n{long}", f"{long}\n{short}")
    moved_a = " ".join(words(texts, "A", cell.spans, "moved"))
    assert "Fees are due monthly" in moved_a and "terminate" not in moved_a


@pytest.mark.parametrize(
    "kinds, body_b",
    [
        ({"case"}, CAP_A.upper()),
        ({"punctuation"}, CAP_A.replace("(12)", "12").replace(".", "")),
        ({"numbering"}, f"(a) {CAP_A}"),
    ],
)
def test_ignore_options(write, kinds, body_b) -> None:
    strict, _ = pair(write, CAP_A, body_b)
    relaxed, _ = pair(write, CAP_A, body_b, DiffOptions.ignoring(kinds))
    assert any(strict.spans.values())
    assert relaxed.spans == {"A": (), "B": ()}


def unmarked(texts, doc, spans, body: str) -> list[str]:
    """The words of `body` in document `doc` that no span covers."""
    start = texts[doc].index(body)
    chars = list(texts[doc])
    for a, b, _ in spans.get(doc, ()):
        chars[a:b] = " " * (b - a)
    return re.findall(r"\w+", "".join(chars[start : start + len(body)]))


def test_more_shared_words_than_characters_make_a_coarse_diff(write, monkeypatch) -> None:
    """Each shared word (or sentence) is diffed as one character, and there are only about a
    million of them: two texts of over a million distinct lines have more. The ones beyond are
    then counted as changed and the cell is flagged coarse, rather than the diff failing. The
    limit is lowered here to ten characters, eight of them for shared words."""
    assert diff._char(diff.CODES - 1) == chr(0x10FFFF)  # CODES is every character there is
    body_b = CAP_A.replace("twelve (12)", "six (6)")
    exact, texts = pair(write, CAP_A, body_b)
    assert not exact.coarse
    monkeypatch.setattr(diff, "CODES", 10)
    capped, texts = pair(write, CAP_A, body_b)
    assert capped.coarse and 0 < capped.similarity < exact.similarity
    left = unmarked(texts, "A", capped.spans, CAP_A)
    right = unmarked(texts, "B", capped.spans, body_b)
    assert left == right  # whatever is left unmarked is the same on both sides
    assert "twelve" not in left and "six" not in right  # and the changed words are marked
    assert len(left) < len(unmarked(texts, "A", exact.spans, CAP_A))  # detail was lost


def test_spans_join_across_whitespace_only(write) -> None:
    """With punctuation ignored, marks are not compared: changed words either side of a comma
    are two spans, the comma left unmarked; across a space they are one."""
    body_a = "The Customer shall pay the rent, late fees to the Supplier in advance."
    body_b = "The Customer shall pay the charges, extra costs to the Supplier in advance."
    cell, texts = pair(write, body_a, body_b, DiffOptions(punctuation=True))
    assert words(texts, "A", cell.spans, "delete") == ["rent", "late fees"]
    assert words(texts, "B", cell.spans, "insert") == ["charges", "extra costs"]


def test_a_mark_inside_a_changed_word_stays_in_its_span(write) -> None:
    body_a = "The Supplier's invoice for the services of each calendar month is sent by post."
    body_b = "The Reseller's invoice for the services of each calendar month is sent by e-mail."
    cell, texts = pair(write, body_a, body_b, DiffOptions(punctuation=True))
    assert words(texts, "A", cell.spans, "delete") == ["Supplier", "post"]  # 's is the same
    assert words(texts, "B", cell.spans, "insert") == ["Reseller", "e-mail"]


def test_unknown_ignore_kind_is_refused() -> None:
    with pytest.raises(RequestError, match="unknown --ignore kind"):
        DiffOptions.ignoring({"colour"})


def test_an_empty_cell_makes_the_other_side_one_span(write) -> None:
    a = write(
        "a.txt",
        f"Terms\n\n{PREAMBLE_A}\n\n3. Indemnification\nThe Subscriber shall "
        "indemnify and hold harmless Pelavik against third-party claims.\n",
    )
    b = write("b.txt", f"Terms\n\n{PREAMBLE_B}\n\n3. Fees\nThe Customer pays the fees monthly.\n")
    alignment = align(load_trees([a, b]))
    cell = diff_alignment(alignment)["indemnification"].cells["B"]
    section = next(s for s in alignment.trees["A"].sections if s.number == "3")
    assert cell.spans == {"A": ((section.start, section.end - 1, "delete"),), "B": ()}
    assert cell.similarity == 0.0


def test_a_pathological_cell_is_capped_and_flagged_coarse(write) -> None:
    """Two alike 1 MB cells with an edit every few words: far too much work to refine word by
    word, so the cell comes back at once, marked as a whole and flagged coarse."""
    rng = random.Random(7)
    syllables = [c + v for c in "bdfgklmnprstv" for v in "aeiou"]
    vocabulary = ["".join(rng.choices(syllables, k=3)) for _ in range(5000)]
    words_a = [rng.choice(vocabulary) for _ in range(170_000)]
    words_b = [rng.choice(vocabulary) if n % 7 == 0 else w for n, w in enumerate(words_a)]
    cell, texts = pair(write, " ".join(words_a) + ".", " ".join(words_b) + ".")
    assert len(texts["A"]) > 1_000_000 and cell.coarse
    assert 0 <= cell.similarity < 0.5


def test_unrelated_cells_are_different_text_not_coarse(write) -> None:
    rng = random.Random(3)
    syllables = [c + v for c in "bdfgklmnprstv" for v in "aeiou"]
    words = ["".join(rng.choices(syllables, k=3)) for _ in range(3000)]
    cell, _ = pair(
        write,
        " ".join(rng.choices(words, k=2000)) + ".",
        " ".join(rng.choices(words, k=2000)) + ".",
    )
    assert not cell.coarse and cell.similarity < 0.01


def test_spans_lie_inside_their_cells_on_the_samples() -> None:
    files = [
        str(SAMPLES / name)
        for name in (
            "pelavik_subscription_agreement.txt",
            "brightwave_api_terms.md",
            "kestrel_data_processing_agreement.html",
        )
    ]
    alignment = align(load_trees(files))
    diffs = diff_alignment(alignment, DiffOptions.ignoring({"case", "parties"}))
    checked = 0
    for row in alignment.rows:
        for cell in diffs[row.key].cells.values():
            for side, spans in cell.spans.items():
                tree = alignment.trees[side]
                ranges: list[tuple[int, int]] = []  # the cell's text, adjacent sections joined
                for s in tree.sections:
                    if s.id in row.cells[side]:
                        if ranges and ranges[-1][1] == s.start:
                            ranges[-1] = (ranges[-1][0], s.end)
                        else:
                            ranges.append((s.start, s.end))
                for start, end, kind in spans:
                    assert kind in {"delete", "insert", "moved"}
                    assert any(lo <= start < end <= hi for lo, hi in ranges), (row.key, side)
                    checked += 1
            assert cell.similarity is None or 0 <= cell.similarity <= 1
    assert checked > 100


def test_a_build_finds_each_documents_parties_once(monkeypatch) -> None:
    """The window diffs its rows a few at a time; the parties of each document are found once
    for the whole build, not once per batch, and the batches add up to one whole diff."""
    found: Counter[str] = Counter()
    party_roles = diff.party_roles

    def counted(tree):
        found[tree.doc] += 1
        return party_roles(tree)

    monkeypatch.setattr(diff, "party_roles", counted)
    files = ("pelavik_subscription_agreement.txt", "brightwave_api_terms.md")
    request = Request(tuple(str(SAMPLES / name) for name in files), ignore=frozenset({"parties"}))
    result = build(request)
    assert len(result.rows) > DIFF_CHUNK  # more than one batch
    assert found == {"A": 1, "B": 1}
    assert result.diffs == diff_alignment(result.alignment, DiffOptions(parties=True))
