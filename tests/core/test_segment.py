"""Heading styles the segmenter must recognise, one small document per case."""

from __future__ import annotations

import pytest

from viewer.core.structure.ingest import load_document
from viewer.core.structure.segment import segment

BODY = "The parties agree to the terms set out in this clause, which apply in full."


def outline(write, content: str, name: str = "doc.txt") -> list[tuple[str | None, str, int]]:
    tree = segment(load_document(write(name, content)))
    return [(s.number, s.title, s.level) for s in tree.sections if s.title != "Preamble"]


CASES = {
    "numbered own line, three levels": (
        f"1. Definitions\n{BODY}\n1.1 Terms\n{BODY}\n1.1.1. Scope\n{BODY}\n2. Fees\n{BODY}\n",
        [("1", "Definitions", 1), ("1.1", "Terms", 2), ("1.1.1", "Scope", 3), ("2", "Fees", 1)],
    ),
    "deep number with trailing dot": (
        f"6. Security\n{BODY}\n6.4 Keys\n{BODY}\n6.4.4 Storage\n{BODY}\n"
        f"6.4.4.1. Rotation of Keys\n{BODY}\n",
        [
            ("6", "Security", 1),
            ("6.4", "Keys", 2),
            ("6.4.4", "Storage", 3),
            ("6.4.4.1", "Rotation of Keys", 4),
        ],
    ),
    "number alone, title two lines below": (
        f"1. General\n{BODY}\n\n2.\n\nTypes of Products.\n\n{BODY}\n",
        [("1", "General", 1), ("2", "Types of Products", 1)],
    ),
    "sub-number alone, title on next line": (
        f"1. Payment\n{BODY}\n1.1.\nFees\n{BODY}\n",
        [("1", "Payment", 1), ("1.1", "Fees", 2)],
    ),
    "run-in heading": (
        "12. General\n"
        "12.1 Governing Law and Jurisdiction. This Agreement shall be governed by Swedish law.\n"
        "12.2 Notices. Notices shall be given in writing.\n",
        [
            ("12", "General", 1),
            ("12.1", "Governing Law and Jurisdiction", 2),
            ("12.2", "Notices", 2),
        ],
    ),
    "missing parent": (
        f"9. Intellectual Property\n{BODY}\n10.1 Delivery. {BODY}\n10.2 Acceptance. {BODY}\n"
        f"11. Warranties\n{BODY}\n",
        [
            ("9", "Intellectual Property", 1),
            ("10.1", "Delivery", 2),
            ("10.2", "Acceptance", 2),
            ("11", "Warranties", 1),
        ],
    ),
    "lettered clauses": (
        f"7. Liability\n{BODY}\na) Disclaimer\n{BODY}\n(b) Limitation of Liability\n{BODY}\n"
        f"b) Confidential Matters\n{BODY}\n",
        [
            ("7", "Liability", 1),
            ("a", "Disclaimer", 2),
            ("b", "Limitation of Liability", 2),
            ("b", "Confidential Matters", 2),
        ],
    ),
    "lettered sentences are list items": (
        f"3. Use\nYou must not:\n(a) copy the software;\n(b) resell the service.\n{BODY}\n",
        [("3", "Use", 1)],
    ),
    "numbered list inside a clause": (
        "5. Use of the APIs\n"
        + BODY
        + "\na) API Prohibitions\nYou will not:\n"
        + "".join(
            f"{n}. Sublicense or resell item number {n} to any third party;\n" for n in range(1, 10)
        )
        + f"b) Confidential Matters\n{BODY}\n6. Fees\n{BODY}\n",
        [
            ("5", "Use of the APIs", 1),
            ("a", "API Prohibitions", 2),
            ("b", "Confidential Matters", 2),
            ("6", "Fees", 1),
        ],
    ),
    "list numbers that collide with the next clause number": (
        f"1. Scope\n{BODY}\n2. Restrictions\nYou will not:\n"
        "1. copy the software;\n2. resell it;\n3. reverse engineer it; or\n4. rent it.\n"
        f"3. Fees\n{BODY}\n",
        [("1", "Scope", 1), ("2", "Restrictions", 1), ("3", "Fees", 1)],
    ),
    "unnumbered title lines": (
        f"Definitions\n\n{BODY}\n\nGeneral Provisions\n\n{BODY}\n\n"
        f"Appendix A – Data Processing Agreement\n\n{BODY}\n",
        [
            (None, "Definitions", 1),
            (None, "General Provisions", 1),
            (None, "Appendix A – Data Processing Agreement", 1),
        ],
    ),
    "all-caps headings": (
        f"1. Services\n{BODY}\nLIMITATION OF LIABILITY\n{BODY}\n2. Fees\n{BODY}\n",
        [("1", "Services", 1), (None, "LIMITATION OF LIABILITY", 1), ("2", "Fees", 1)],
    ),
    "swedish title lines": (
        "Ansvar\n\nLeverantören ansvarar för skada som orsakats genom vårdslöshet.\n\n"
        "Uppsägning\n\nAvtalet kan sägas upp med tre månaders uppsägningstid.\n",
        [(None, "Ansvar", 1), (None, "Uppsägning", 1)],
    ),
    "heading with no body": (
        f"10. Assignment\n{BODY}\n11. Reserved\n12. Warranties\n{BODY}\n",
        [("10", "Assignment", 1), ("11", "Reserved", 1), ("12", "Warranties", 1)],
    ),
    "title lines under numbered clauses": (
        f"2. The Services\n{BODY}\nLicense.\n{BODY}\nRestrictions.\n{BODY}\n3. Payment\n{BODY}\n",
        [
            ("2", "The Services", 1),
            (None, "License", 2),
            (None, "Restrictions", 2),
            ("3", "Payment", 1),
        ],
    ),
    "table of contents is not a heading list": (
        "1 Introduction\n2 Fees\n3 Termination\n\n"
        f"1 Introduction\n{BODY}\n2 Fees\n{BODY}\n3 Termination\n{BODY}\n",
        [("1", "Introduction", 1), ("2", "Fees", 1), ("3", "Termination", 1)],
    ),
    "unnumbered contents list is skipped, its headings further down are not": (
        "Acme Terms\n\nContents\n\nDefinitions\nFees\nTermination\nGoverning Law\n\n"
        f"Definitions\n\n{BODY}\n\nFees\n\n{BODY}\n\nTermination\n\n{BODY}\n\n"
        f"Governing Law\n\n{BODY}\n",
        [
            (None, "Contents", 1),
            (None, "Definitions", 1),
            (None, "Fees", 1),
            (None, "Termination", 1),
            (None, "Governing Law", 1),
        ],
    ),
    "only three or more recurring titles in a row are a contents list": (
        "Acme Terms\n\nDefinitions\nFees\nAppendix\nTermination\nGoverning Law\nLiability\n\n"
        f"Definitions\n\n{BODY}\n\nFees\n\n{BODY}\n\nTermination\n\n{BODY}\n\n"
        f"Governing Law\n\n{BODY}\n\nLiability\n\n{BODY}\n",
        [
            (None, "Definitions", 1),  # `Definitions`, `Fees`: two in a row, kept
            (None, "Definitions", 1),
            (None, "Fees", 1),
            (None, "Termination", 1),
            (None, "Governing Law", 1),
            (None, "Liability", 1),
        ],
    ),
    "date and version lines are not headings": (
        f"Acme Terms\nLast updated 1 March 2026\n\n{BODY}\n\nFees\n\n{BODY}\n",
        [(None, "Fees", 1)],
    ),
    "unnumbered run-in titles under a heading": (
        f"Miscellaneous\n\n{BODY}\n\nChoice of Law. These Terms are governed by the laws of "
        "Sweden.\n\nForum. Any dispute shall be settled by the courts of Stockholm.\n\n"
        "UNITED KINGDOM: The following terms apply to users in the United Kingdom.\n\n"
        f"Fees\n\n{BODY}\n",
        [
            (None, "Miscellaneous", 1),
            (None, "Choice of Law", 2),
            (None, "Forum", 2),
            (None, "UNITED KINGDOM", 2),
            (None, "Fees", 1),
        ],
    ),
    "one short opening sentence is no run-in title": (
        f"Welcome to Acme. These terms govern your use of the Acme service.\n\n{BODY}\n\n"
        f"Fees\n\n{BODY}\n",
        [(None, "Fees", 1)],
    ),
    "sentences, notes, list numerals and shouting are no run-in titles": (
        "Fees\n\nWe may change the price. We will tell you a month before we do.\n\n"
        "You can cancel at any time. Cancelling stops the next payment.\n\n"
        "Note: The price includes value added tax where it applies.\n\n"
        "iv. The Customer shall pay each invoice within thirty days.\n\n"
        "xii. The Customer shall not resell the service to third parties.\n\n"
        "NO WARRANTIES. THE SERVICE IS PROVIDED AS IS AND WITHOUT ANY WARRANTY.\n\n"
        "NO REFUNDS. FEES PAID ARE NOT REFUNDABLE UNLESS THE LAW SAYS OTHERWISE.\n",
        [(None, "Fees", 1)],
    ),
    "sentence-case run-in titles in italian": (
        "Utilizzo accettabile dei nostri servizi\n\n"
        "Termini e informative. L'utente deve utilizzare i nostri Servizi in conformità ai "
        "nostri Termini e alle nostre informative.\n\n"
        "Danni a WhatsApp o agli utenti. L'utente non deve accedere ai nostri Servizi in modi "
        "non autorizzati o illegali.\n",
        [
            (None, "Utilizzo accettabile dei nostri servizi", 1),
            (None, "Termini e informative", 2),
            (None, "Danni a WhatsApp o agli utenti", 2),
        ],
    ),
    "decimal numbers closed by a parenthesis": (
        f"1) Purpose of the Services\n{BODY}\n1.1) Scope. {BODY}\n2) Fees\n{BODY}\n",
        [("1", "Purpose of the Services", 1), ("1.1", "Scope", 2), ("2", "Fees", 1)],
    ),
}


@pytest.mark.parametrize("content, expected", CASES.values(), ids=CASES.keys())
def test_heading_styles(write, content: str, expected: list) -> None:
    assert outline(write, content) == expected


MARKDOWN_CASES = {
    "markdown levels": (
        f"# Acme Terms\n\n{BODY}\n\n## 1. Definitions\n\n{BODY}\n\n### 1.1 Terms\n\n{BODY}\n\n"
        f"## 2. Fees\n\n{BODY}\n",
        [("1", "Definitions", 1), ("1.1", "Terms", 2), ("2", "Fees", 1)],
    ),
    "escaped number and bold heading give the same section": (
        f"# Acme Terms\n\n{BODY}\n\n### 1\\. General\n\n{BODY}\n\n**2. Fees**\n\n{BODY}\n",
        [("1", "General", 1), ("2", "Fees", 1)],
    ),
    "setext headings": (
        f"Acme Terms\n==========\n\n{BODY}\n\nGeneral\n-------\n\n{BODY}\n\nFees\n----\n\n{BODY}\n",
        [(None, "General", 1), (None, "Fees", 1)],
    ),
    "bullet lettered run-in bold titles": (
        f"# Acme\n\n{BODY}\n\n## 3. Your Account\n\n"
        "- a) **Registration:** In order to use the APIs you must register.\n"
        "- b) **Credentials:** You are responsible for your credentials.\n",
        [("3", "Your Account", 1), ("a", "Registration", 2), ("b", "Credentials", 2)],
    ),
    "numbered run-in bold titles": (
        f"# Acme\n\n{BODY}\n\n## 10. Delivery and Availability\n\n"
        "10.1. **Delivery.** We will deliver the APIs from our data centres.\n\n"
        "10.2. **Availability.** We aim for 99.9% availability.\n",
        [
            ("10", "Delivery and Availability", 1),
            ("10.1", "Delivery", 2),
            ("10.2", "Availability", 2),
        ],
    ),
    "bold line heading": (
        f"# Acme\n\n{BODY}\n\n**General Legal Terms**\n\n{BODY}\n",
        [(None, "General Legal Terms", 1)],
    ),
}


@pytest.mark.parametrize("content, expected", MARKDOWN_CASES.values(), ids=MARKDOWN_CASES.keys())
def test_markdown_heading_styles(write, content: str, expected: list) -> None:
    assert outline(write, content, "doc.md") == expected


def test_heading_with_no_body_is_marked_empty(write) -> None:
    tree = segment(
        load_document(write("d.txt", f"1. A Title\n{BODY}\n2. Reserved\n3. Fees\n{BODY}\n"))
    )
    by_number = {s.number: s for s in tree.sections}
    assert by_number["2"].empty and not by_number["1"].empty and not by_number["3"].empty


def test_ids_parents_and_source_lines(write) -> None:
    content = f"Acme Terms\n\n{BODY}\n\n7. Liability\n{BODY}\nb) Limitation of Liability\n{BODY}\n"
    tree = segment(load_document(write("d.txt", content)), "B")
    preamble, seven, letter = tree.sections
    assert (preamble.id, preamble.title, preamble.number) == ("B:preamble", "Preamble", None)
    assert tree.title == "Acme Terms"
    assert (seven.id, seven.line, seven.parent) == ("B:7", 5, None)
    assert (letter.id, letter.line, letter.parent) == ("B:7.b", 7, "B:7")


def test_bilingual_file_keeps_both_languages(write) -> None:
    swedish = " ".join(
        ["Leverantören ska utföra tjänsten och det är kundens ansvar att betala."] * 8
    )
    english = " ".join(["The supplier shall perform the service and the customer is to pay."] * 8)
    content = f"VILLKOR\n\nAnsvar\n\n{swedish}\n\nTERMS\n\nLiability\n\n{english}\n"
    tree = segment(load_document(write("d.txt", content)))
    languages = {s.title: s.language for s in tree.sections}
    assert tree.document.language == "sv"
    assert languages == {"Preamble": "sv", "Ansvar": "sv", "TERMS": "en", "Liability": "en"}


def test_cancelled_during_a_huge_contents_list(write) -> None:
    titles = "\n".join(f"Term {i}" for i in range(20_000))
    document = load_document(write("d.txt", f"{titles}\n\n{titles}\n"))  # 40,000 title lines
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(InterruptedError) as raised:
        segment(document, cancelled=cancelled)
    assert calls == 4
    assert raised.traceback[-1].name == "_table_of_contents"  # not the later headings pass
