"""The comparison service: one way in for every face, the mode carried by its result, and one
answer to "which row holds this section"."""

from __future__ import annotations

import pytest

from viewer.core.compare.index import RowIndex
from viewer.core.compare.service import line_up, load_trees
from viewer.core.errors import RequestError, UserError
from viewer.core.model import AUTO, TOPICS, VERSIONS

TERMS = """Acme Terms

Welcome to Acme. These terms apply to every order you place with us at any time.

1. Governing Law and Notices
1.1 Governing Law
This Agreement is governed by the laws of Sweden and disputes go to the courts of Stockholm.
1.2 Notices
Notices under this Agreement must be given in writing to the addresses stated in the order.
2. Fees and Notices
The Customer shall pay the fees within thirty days of the invoice date. Notices about invoices
are sent by e-mail to the billing contact named by the Customer.
"""

OTHER = """Beta Terms

1. Governing Law
These terms are governed by the laws of England and Wales.
2. Fees
Fees are payable monthly in advance, within fourteen days of the invoice.
"""


@pytest.fixture
def index(write) -> RowIndex:
    trees = load_trees([write("a.txt", TERMS), write("b.txt", OTHER)])
    return RowIndex(line_up(trees))


def test_trees_and_sections_carry_their_document(write) -> None:
    trees = load_trees([write("a.txt", TERMS), write("b.txt", OTHER)])
    assert [tree.doc for tree in trees] == ["A", "B"]
    for tree in trees:
        assert all(section.doc == tree.doc for section in tree.sections)
        assert all(section.id == f"{tree.doc}:{section.key}" for section in tree.sections)


def test_a_section_stands_in_the_row_of_its_own_topic(index: RowIndex) -> None:
    row = index.row_of("A:1.1")
    assert row is not None and row.topic == "governing_law"
    assert index.tree_of("A:1.1") is index.alignment.trees["A"]


def test_a_bundled_clause_stands_in_the_row_of_its_best_topic(index: RowIndex) -> None:
    topics = index.alignment.topics["A:2"]
    assert len(index.rows_of("A:2")) >= 2, "the clause is in the rows of both its topics"
    row = index.row_of("A:2")
    assert row is not None and row.topic == topics[0]


def test_a_container_stands_in_the_row_its_sub_clause_took_from_it(index: RowIndex) -> None:
    assert not index.rows_of("A:1")
    assert index.row_of("A:1") is index.row_of("A:1.1")


def test_unknown_sections_have_no_row(index: RowIndex) -> None:
    assert index.row_of("A:99") is None and index.section("A:99") is None


def test_the_mode_travels_with_the_alignment(write) -> None:
    old = write("old.txt", OTHER)
    new = write("new.txt", OTHER.replace("fourteen", "thirty"))
    pair = load_trees([old, new])
    assert line_up(pair, mode=AUTO).mode == VERSIONS
    assert line_up(pair, mode=TOPICS).mode == TOPICS
    assert line_up(load_trees([write("a.txt", TERMS), old])).mode == TOPICS


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reference": "D"}, "--reference D: no such document"),
        ({"mode": VERSIONS}, "--versions compares exactly two files, not 3"),
        ({"mode": "sideways"}, "unknown mode 'sideways'"),
    ],
)
def test_a_comparison_that_cannot_be_made_is_one_user_error(write, kwargs, message) -> None:
    trees = load_trees([write(f"{name}.txt", OTHER) for name in "abc"])
    with pytest.raises(RequestError, match=message) as caught:
        line_up(trees, **kwargs)
    assert isinstance(caught.value, UserError) and "\n" not in str(caught.value)


def test_each_document_in_the_json_is_named_by_its_own_id(write) -> None:
    """With --reference B two versions are lined up newest first; the JSON called the first
    document "A" although its sections were B's."""
    from viewer.core.contract import align_json

    old = write("old.txt", OTHER)
    new = write("new.txt", OTHER.replace("fourteen", "thirty"))
    payload = align_json(line_up(load_trees([old, new]), reference="B", mode=VERSIONS))
    for document in payload["documents"]:
        assert {s["id"].split(":")[0] for s in document["sections"]} == {document["id"]}
    assert [d["path"] for d in payload["documents"]] == [new, old]
