"""Failure classes seen on commercial contracts (issue 23, CUAD), each pinned with a small
document of our own: how SEC-filed agreements are written, and how they must be read."""

from __future__ import annotations

from pathlib import Path

from viewer.core.compare.service import read_tree

UNTITLED = """SUPPLY AGREEMENT

This Supply Agreement is made between Acme Inc. and Beta LLC.

1. Acme shall supply the Products listed in Schedule A at the prices set out there.

2. Beta shall order the Products by written purchase orders sent to Acme.

3. The validity, construction and performance of this Agreement shall be governed by the laws
of the State of New York.

4. Neither party may assign this Agreement without the prior written consent of the other.
"""


def outline(path: str) -> list[tuple[str | None, str]]:
    return [(s.number, s.title) for s in read_tree(path).sections if s.level > 0]


def test_untitled_numbered_clauses_are_sections(write) -> None:
    """`3. The validity, construction and performance ... governed by` is a clause of its own,
    whose topic must come from its words: a run of such paragraphs was one section."""
    tree = read_tree(write("supply.txt", UNTITLED))
    numbered = [s for s in tree.sections if s.number]
    assert [s.number for s in numbered] == ["1", "2", "3", "4"]
    governing = tree.text_of(numbered[2])
    assert "governed by the laws" in governing and "assign" not in governing


def test_a_list_announced_by_a_colon_stays_in_its_clause(write) -> None:
    content = UNTITLED.replace(
        "2. Beta shall order the Products by written purchase orders sent to Acme.",
        "2. Beta shall order the Products as follows:\n1. by written purchase order;\n"
        "2. by e-mail to the address Acme names.",
    )
    assert [n for n, _ in outline(write("supply.txt", content))] == ["1", "2", "3", "4"]


def test_the_numbering_is_taken_up_again_after_a_jump_or_a_repeat(write) -> None:
    """Clauses lost to a page break (`2.` then `10.`), or a number written twice (`10.` then
    `10.` again): the clauses that follow are still clauses."""
    content = """AGREEMENT

1. Engagement. The Company engages the Consultant to advise on its products.

2. Term. This Agreement runs for one year from the Effective Date.

10. Termination. Either party may terminate this Agreement on thirty days' notice.

10. Notices. Notices shall be given in writing to the addresses above.

11. Licensing. Nothing herein conveys any right to use the Marks.

12. Indemnity. The Company shall indemnify the Consultant against all claims.
"""
    numbered = [entry for entry in outline(write("agreement.txt", content)) if entry[0]]
    assert numbered == [
        ("1", "Engagement"),
        ("2", "Term"),
        ("10", "Termination"),
        ("10", "Notices"),
        ("11", "Licensing"),
        ("12", "Indemnity"),
    ]


def test_a_markdown_numbered_list_under_a_heading_is_a_list(write) -> None:
    content = """# Terms

### Miscellaneous

1.  These Terms are the entire agreement between you and us about the Services.
2.  No joint venture, partnership or agency exists between you and us.
3.  A failure to enforce these Terms is not a waiver of them.
"""
    assert outline(write("terms.md", content)) == [(None, "Miscellaneous")]


def test_a_pdf_clause_number_set_apart_from_its_text_stays_with_it(tmp_path: Path) -> None:
    """Word processors lay list numbers out as separate text: `1.` in the margin and
    `Engagement. ...` on the same baseline to its right. Read apart, the numbers (the same
    `#.` on every page) were dropped as running heads and the clauses lost their numbers."""
    import pymupdf

    document = pymupdf.open()
    titles = [
        "Engagement",
        "Term",
        "Fees",
        "Taxes",
        "Audit",
        "Insurance",
        "Notices",
        "Law",
        "Venue",
    ]
    for page_number in range(3):
        page = document.new_page()
        for row in range(3):
            number = 3 * page_number + row + 1
            y = 160 + 60 * row
            page.insert_text((72, y), f"{number}.", fontsize=10)
            page.insert_text(
                (96, y), f"{titles[number - 1]}. Clause {number} applies.", fontsize=10
            )
    path = tmp_path / "numbers.pdf"
    document.save(str(path))
    numbers = [number for number, _ in outline(str(path))]
    assert numbers == [str(n) for n in range(1, 10)]


def test_a_text_of_one_printed_page_per_line_is_read_paragraph_by_paragraph(write) -> None:
    """Text extracted from an SEC filing holds a page per line, its clauses run together,
    with the page numbers on lines of their own between them."""
    clause = "The Supplier shall perform the Services with due care and skill at all times. "
    page_one = (
        "SERVICES AGREEMENT This Agreement is made between Acme Inc. and Beta LLC. "
        "The Parties agree as follows: 1. Services. 1.1 Provision of Services. (a) "
        + clause * 12
        + "(b) Recipient may assign its right to receive the Services. 1.2 Standard of Service. "
        + clause * 10
    )
    page_two = "2. Fees. 2.1 Payment. " + clause * 20 + "3. Governing Law. " + clause * 4
    content = f"{page_one}\n\n\n2\n\n\n{page_two}\n\n3\n"
    tree = read_tree(write("services.txt", content))
    numbers = [s.number for s in tree.sections if s.number and s.level]
    assert numbers == ["1", "1.1", "1.2", "2", "2.1", "3"]
    assert [line.text for line in tree.document.dropped] == ["2", "3"]  # page numbers


SEC_STYLE = """MASTER SUPPLY AGREEMENT

This Agreement is made between Acme Inc. and Beta LLC.

ARTICLE 1
DEFINITIONS

Section 1.1 "Affiliate" means any entity controlling or controlled by a party.

Section 1.2 "Products" means the products listed in Exhibit A.

2

ARTICLE 2
SUPPLY

Section 2.1 Supply. Supplier shall sell the Products to Buyer on the terms of this Agreement.

Section 2.2 Forecasts. Buyer shall provide rolling forecasts every month.

- 3 -

ARTICLE 15
MISCELLANEOUS

Section 15.6 GOVERNING LAW. This Agreement shall be governed by the laws of the State of New York.

Section 15.7 Assignment. Neither party may assign this Agreement without the other's consent.

EXHIBIT A
PRODUCTS

Widgets and gadgets of every kind.
"""


def test_sec_style_articles_sections_page_numbers_and_exhibits(write) -> None:
    """`ARTICLE 2` after a page number standing alone (`2`, `- 3 -`), a numbering that jumps
    (`ARTICLE 15`, its sections following), and an exhibit, which belongs to no clause."""
    tree = read_tree(write("supply.txt", SEC_STYLE))
    shown = [(s.number, s.level) for s in tree.sections if s.number]
    assert shown == [("1", 1), ("1.1", 2), ("1.2", 2), ("2", 1), ("2.1", 2), ("2.2", 2),
                     ("15", 1), ("15.6", 2), ("15.7", 2)]  # fmt: skip
    titles = {s.number: s.title for s in tree.sections if s.number}
    assert (titles["2"], titles["15"], titles["15.6"]) == (
        "SUPPLY",
        "MISCELLANEOUS",
        "GOVERNING LAW",
    )
    exhibit = next(s for s in tree.sections if s.title == "EXHIBIT A")
    assert exhibit.level == 1 and exhibit.parent is None
    assert {line.text for line in tree.document.dropped} == {"2", "- 3 -"}
