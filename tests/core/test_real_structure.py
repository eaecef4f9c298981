"""Failure classes seen on real business terms (issue 15), each pinned with a small document of
our own: what real terms write, and how it must be read."""

from __future__ import annotations

import pytest

from viewer.core.compare.align import align
from viewer.core.compare.service import load_trees, read_tree
from viewer.core.topics.classify import SectionStems, classify, classify_tree, load_taxonomy
from viewer.core.topics.stems import stems

BODY = "The parties agree to the terms set out in this clause, which apply in full."
TAXONOMY = load_taxonomy()


def outline(write, content: str, name: str) -> list[tuple[str | None, str, int]]:
    tree = read_tree(write(name, content))
    return [(s.number, s.title, s.level) for s in tree.sections if s.level > 0]


def heading_topics(title: str, body: str = BODY) -> tuple[str, ...]:
    words = SectionStems(stems(title, "en"), stems(body, "en"))
    lexicon = TAXONOMY.lexicon("en")
    return classify(words, False, lexicon, TAXONOMY.order, TAXONOMY.broad, TAXONOMY.parts).topics


@pytest.mark.parametrize(
    "title, topics",
    [
        ("Personal Data Breaches", ("security",)),
        ("Sub-processing", ("subprocessors",)),
        ("Return or Destruction of the Customer's Personal Data", ("customer_data",)),
        ("Data Transfers", ("data_protection",)),
        ("Availability Control", ("security",)),
        ("Notices and Service of Process", ("notices",)),
        ("Notice; Process", ("notices",)),  # legal process, not the processing of data
        ("Place of Processing", ("data_protection",)),
        ("Information Security", ("security",)),
        ("Authorized Users", ("account",)),
    ],
)
def test_the_narrower_topic_named_by_a_heading_wins(title: str, topics: tuple) -> None:
    assert heading_topics(title) == topics


def test_a_heading_that_names_a_topic_is_not_flooded_by_its_body() -> None:
    body = (
        "The processor shall implement security measures, allow audits, engage sub-processors "
        "only with consent and process personal data under the GDPR."
    )
    assert heading_topics("Audits", body) == ("audit",)


def test_a_bundled_clause_keeps_every_topic_it_covers() -> None:
    body = (
        "This Agreement is the entire agreement between the parties. Neither party may assign "
        "this Agreement without consent. If any provision is held invalid, the remaining "
        "provisions stay in force. Neither party is liable for force majeure events."
    )
    topics = set(heading_topics("General", body))
    assert {"entire_agreement", "assignment", "severability_waiver", "force_majeure"} <= topics


MARKDOWN = (
    "# Acme Terms\n\n"
    f"{BODY}\n\n"
    "- a) **Registration:** In order to use the APIs you must register an account.\n"
    "- b) **Credentials:** You are responsible for keeping your credentials secret.\n\n"
    "1.  **Agreement**\n"
    "    1.  By clicking through these terms you enter into an agreement with us.\n"
    "2.  **General Provisions**\n"
    "    1.  Assignment. Neither party may assign the agreement without consent.\n"
    "    2.  Governing Law and Venue. The agreement is governed by Swedish law.\n"
)


def test_markdown_in_a_txt_file_reads_as_in_a_md_file(write) -> None:
    as_md = outline(write, MARKDOWN, "terms.md")
    assert as_md == outline(write, MARKDOWN, "terms.txt")
    assert ("a", "Registration", 1) in as_md
    assert [title for _, title, _ in as_md][-3:] == [
        "General Provisions",
        "Assignment",
        "Governing Law and Venue",
    ]
    assert "By clicking through these terms" not in " ".join(t for _, t, _ in as_md)


def test_bulleted_list_items_are_not_sections(write) -> None:
    content = (
        "# Security Measures\n\n## Physical Access Control\n\n"
        "To prevent unauthorised access to data processing systems:\n\n"
        "* Badge Check\n\n    Access to all data centres is strictly controlled.\n\n"
        "* Visitor Log\n\n    Every visitor is recorded and escorted.\n\n"
        "## System Access Control\n\n"
        f"{BODY}\n"
    )
    assert outline(write, content, "tom.md") == [
        (None, "Physical Access Control", 1),
        (None, "System Access Control", 1),
    ]


def test_list_items_that_go_on_are_not_titles(write) -> None:
    content = (
        f"4. Prohibitions\n{BODY}\nYou will not:\n"
        "1. Have more than one account on our Services; and\n"
        "2. Promote or facilitate unlawful activities; or\n"
        "3. Share your password with anyone.\n"
        f"5. Liability\n{BODY}\n"
    )
    assert outline(write, content, "terms.txt") == [
        ("4", "Prohibitions", 1),
        ("5", "Liability", 1),
    ]


def test_definition_entries_are_not_sections(write) -> None:
    content = (
        "Allmänna villkor\n\n1. Definitioner\n\n"
        "Kund\nDet företag som ingått Avtalet med Leverantören.\n\n"
        "Tjänsten\nDen molntjänst som Leverantören tillhandahåller enligt Avtalet.\n\n"
        "Användare\nEn fysisk person som Kunden gett behörighet att använda Tjänsten.\n\n"
        "2. Avgifter\n\nKunden betalar avgifterna enligt prislistan inom trettio dagar.\n"
    )
    assert outline(write, content, "villkor.txt") == [
        ("1", "Definitioner", 1),
        ("2", "Avgifter", 1),
    ]


def test_a_titled_clause_after_the_definitions_paragraph_stays_a_section(write) -> None:
    content = (
        f"Definitions\nThe following words have these meanings: vehicle means the bus.\n\n"
        f"Service Admission\n{BODY}\n\nMinors\n{BODY}\n"
    )
    titles = [title for _, title, _ in outline(write, content, "terms.txt")]
    assert titles == ["Definitions", "Service Admission", "Minors"]


@pytest.mark.parametrize(
    "line, number, title",
    [
        ("### ARTICLE 2 - SECURITY MEASURES", "2", "SECURITY MEASURES"),
        (
            "1.2. Nature, purpose and duration of processing: The processing serves the service.",
            "1.2",
            "Nature, purpose and duration of processing",
        ),
    ],
)
def test_article_dashes_and_colon_run_in_titles(write, line: str, number: str, title: str) -> None:
    content = f"# DPA\n\n{BODY}\n\n### 1. General\n\n{BODY}\n\n1.1 Scope\n\n{line}\n\n{BODY}\n"
    assert (number, title) in [(n, t) for n, t, _ in outline(write, content, "dpa.md")]


def test_a_date_and_a_lone_or_are_not_sections(write) -> None:
    content = (
        "# Acme Terms\n\n## 1 September 2023\n\n## 1. Fees\n\n"
        f"{BODY}\n\n**OR**\n\n{BODY}\n\nSeptember 1st, 2023\n\n## 2. Term\n\n{BODY}\n"
    )
    tree = read_tree(write("terms.md", content))
    assert [s.title for s in tree.sections] == ["Preamble", "Fees", "Term"]


def test_an_empty_anchor_link_in_a_heading_is_not_part_of_its_title(write) -> None:
    content = (
        "# Acme Terms\n\n## [](#1-introduction)1. Introduction\n\n"
        f"{BODY}\n\n## [](#2-fees)2. Fees\n\n{BODY}\n"
    )
    tree = read_tree(write("terms.md", content))
    assert [(s.number, s.title) for s in tree.sections][-2:] == [
        ("1", "Introduction"),
        ("2", "Fees"),
    ]


def test_contents_links_are_not_sections_and_a_lone_number_reads_at_its_title(write) -> None:
    content = (
        "# Acme Terms\n\n"
        "1.  [The Service](#1.-The-Service)\n2.  [General Terms](#2.-General-Terms)\n\n"
        "The Service\n-----------\n\n1.1\n\n### Service Description\n\n"
        f"{BODY}\n\nGeneral Terms\n-------------\n\n2.1\n\n### Governing Law\n\n{BODY}\n"
    )
    tree = read_tree(write("terms.md", content))
    by_title = {s.title: s for s in tree.sections}
    assert [s.title for s in tree.sections].count("The Service") == 1
    assert by_title["Governing Law"].line == content.splitlines().index("### Governing Law") + 1


def test_dpas_line_up_by_topic(write) -> None:
    first = write(
        "a.md",
        "# DPA A\n\n"
        f"{BODY}\n\n## 1. Sub-processing\n\nWe may engage sub-processors to process personal "
        "data.\n\n## 2. Personal Data Breaches\n\nWe notify you of a personal data breach.\n\n"
        "## 3. Audits\n\nYou may audit our compliance with this DPA once a year.\n",
    )
    second = write(
        "b.md",
        "# DPA B\n\n"
        f"{BODY}\n\n### ARTICLE 1 - SECURITY MEASURES\n\nWe protect personal data with "
        "encryption.\n\n### ARTICLE 2 - ULTERIOR SUBCONTRACTORS\n\nOur subcontractors process "
        "personal data on our behalf.\n\n### ARTICLE 3 - DOCUMENTATION AND AUDITS\n\nWe make "
        "available the information needed to demonstrate compliance.\n",
    )
    alignment = align(load_trees([first, second]))
    titles = {s.id: s.title for tree in alignment.trees.values() for s in tree.sections}
    rows = {
        row.key: sorted(titles[i] for ids in row.cells.values() for i in ids)
        for row in alignment.rows
    }
    assert rows["subprocessors"] == ["Sub-processing", "ULTERIOR SUBCONTRACTORS"]
    assert rows["security"] == ["Personal Data Breaches", "SECURITY MEASURES"]
    assert rows["audit"] == ["Audits", "DOCUMENTATION AND AUDITS"]
    assert "data_protection" not in rows


def test_a_clause_is_read_in_the_context_of_its_parent(write) -> None:
    content = (
        "# Terms\n\n"
        f"{BODY}\n\n"
        "## 4. Payment\n\n### 4.1 Fees\n\nYou will pay the fees set out in the order form "
        "within thirty days of the invoice date.\n\n"
        "## 17. Dispute Resolution and Arbitration\n\nAny dispute will be resolved by binding "
        "arbitration under the AAA rules.\n\n### 17.5 Fees\n\nIf the claim is for $10,000 or "
        "less, you may choose an arbitration on documents only; the arbitrator's award may be "
        "entered in any court of competent jurisdiction.\n\n"
        "## 6. Subcontractors\n\nThe processor may engage subcontractors with prior consent.\n\n"
        "### 6.2 Territorial scope\n\nThe processor may not use subcontractors outside the "
        "European Economic Area.\n"
    )
    tree = read_tree(write("terms.md", content))
    topics = {s.id.split(":")[1]: classify_tree(tree)[s.id].topics for s in tree.sections}
    assert topics["4.1"] == ("fees",)
    assert topics["17.5"] == ("governing_law",)
    assert topics["6.2"] == ("subprocessors",)


def test_roman_labels_and_bold_titles_with_a_colon(write) -> None:
    content = (
        "# DPA\n\n"
        f"{BODY}\n\n## 3. Details of the Processing\n\n{BODY}\n\n"
        "**(i) Subject matter and duration of the processing:** The subject matter is the "
        "service.\n\n"
        "**(ii) The nature and purpose of the processing:** Processing is needed to run it.\n\n"
        "## 4. Licences\n\n"
        "**i. _Your Content:_** You grant us a licence to host your content.\n\n"
        "**ii. _Your App:_**\n\nYou grant us a licence to test your app.\n"
    )
    assert outline(write, content, "dpa.md") == [
        ("3", "Details of the Processing", 1),
        ("i", "Subject matter and duration of the processing", 2),
        ("ii", "The nature and purpose of the processing", 2),
        ("4", "Licences", 1),
        ("i", "Your Content", 2),
        ("ii", "Your App", 2),
    ]


def test_a_passing_mention_does_not_join_the_row_of_a_topic_with_a_clause_of_its_own(
    write,
) -> None:
    def terms(name: str, documentation: str) -> str:
        return write(
            name,
            f"# {name}\n\n{BODY}\n\n## 1. Developer Documentation\n\n{documentation}\n\n"
            "## 2. Data Protection\n\nYou process personal data under the GDPR as a controller "
            "and honour data subject rights.\n",
        )

    mention = "Follow the documentation; it also explains personal data handling in short."
    first, second = terms("a.md", mention), terms("b.md", mention)
    alignment = align(load_trees([first, second]))
    titles = {s.id: s.title for tree in alignment.trees.values() for s in tree.sections}
    (row,) = [row for row in alignment.rows if row.key == "data_protection"]
    assert sorted(titles[i] for ids in row.cells.values() for i in ids) == ["Data Protection"] * 2
