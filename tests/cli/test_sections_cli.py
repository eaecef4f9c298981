"""`contract-compare sections`: JSON shape, readable outline, and one-line errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from tests.core.test_ingest_formats import PDF_PAGES, make_pdf
from viewer.cli import main
from viewer.core.compare.service import doc_ids

TXT = str(SAMPLES / "pelavik_subscription_agreement.txt")
MD = str(SAMPLES / "brightwave_api_terms.md")


def test_json_has_the_documented_shape(capsys) -> None:
    assert main(["sections", "--json", TXT, MD]) == 0
    payload = json.loads(capsys.readouterr().out)
    first, second = payload["documents"]
    assert (first["id"], second["id"]) == ("A", "B")
    assert first["path"] == TXT and first["language"] == "en" and len(first["sha256"]) == 64
    assert first["title"] == "PELAVIK CLOUD SUBSCRIPTION AGREEMENT"
    section = next(s for s in first["sections"] if s["number"] == "16.1")
    assert section == {
        "id": "A:16.1",
        "number": "16.1",
        "title": "Governing Law and Jurisdiction",
        "level": 2,
        "parent": "A:16",
        "line": 260,
        "page": None,
        "start": section["start"],
        "end": section["end"],
        "empty": False,
        "language": "en",
    }
    assert first["sections"][0]["title"] == "Preamble" and first["sections"][0]["start"] == 0
    assert second["sections"][-1]["end"] > second["sections"][-1]["start"]


def test_pdf_sections_have_pages_not_lines(capsys) -> None:
    assert main(["sections", "--json", str(SAMPLES / "brightwave_api_terms.pdf")]) == 0
    sections = json.loads(capsys.readouterr().out)["documents"][0]["sections"]
    assert all(s["line"] is None and s["page"] >= 1 for s in sections)


def test_readable_outline(capsys) -> None:
    assert main(["sections", TXT]) == 0
    out = capsys.readouterr().out
    assert "  1 Definitions  [line 6]" in out
    assert "    16.1 Governing Law and Jurisdiction  [line 260]" in out
    assert "11 Reserved  [line 189]  (empty)" in out


def test_doc_ids_run_past_z() -> None:
    assert doc_ids(28)[:3] == ["A", "B", "C"] and doc_ids(28)[25:] == ["Z", "AA", "AB"]


def bad_inputs(tmp_path):
    """(path, words the message must contain) for every kind of bad input."""
    cases = {}

    def add(name, data, *words):
        path = tmp_path / name
        path.write_bytes(data)
        cases[name] = (str(path), words)

    add("empty.txt", b"", "empty file")
    add("blank.txt", b"   \n\n  ", "whitespace")
    add("binary.txt", bytes(range(256)) * 50, "binary")
    add("text.pdf", b"These are terms, not a PDF.", "not a PDF")
    add("garbage.pdf", b"%PDF-1.4\n" + b"\x00\xff" * 500, "corrupt")
    make_pdf(tmp_path / "locked.pdf", PDF_PAGES[:1], encrypt=True)
    cases["locked.pdf"] = (str(tmp_path / "locked.pdf"), ("password-protected",))
    whole = make_pdf(tmp_path / "whole.pdf", PDF_PAGES)
    data = Path(whole).read_bytes()
    add("cut.pdf", data[: len(data) // 2], "PDF")
    add("bad.docx", b"PK\x03\x04" + b"\x00" * 200, "corrupt DOCX")
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    cases["huge.txt"] = (str(tmp_path / "huge.txt"), ("too large", "MB"))
    cases["missing.txt"] = (str(tmp_path / "missing.txt"), ("no such file",))
    cases["directory"] = (str(tmp_path), ("directory",))
    return cases


def test_every_bad_input_exits_2_with_one_line(tmp_path, capsys) -> None:
    for name, (path, words) in bad_inputs(tmp_path).items():
        assert main(["sections", path]) == 2, name
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1, (name, captured.err)
        assert lines[0].startswith(f"contract-compare: error: {path}: "), name
        assert all(word in lines[0] for word in words), (name, lines[0])


def test_real_process_prints_no_traceback(tmp_path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "sections", "--json", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"contract-compare: error: {path}: content is a PNG image, not text\n"


@pytest.mark.parametrize("argv", [["--version"], ["sections", "--help"]])
def test_help_and_version_exit_0(argv, capsys) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(argv)
    assert leaving.value.code == 0


def test_align_json_follows_the_design_contract(capsys) -> None:
    files = [TXT, MD, str(SAMPLES / "nordmoln_allmanna_villkor.md")]
    assert main(["align", "--json", *files]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["reference"] == "A"
    assert [d["id"] for d in payload["documents"]] == ["A", "B", "C"]
    section = next(s for s in payload["documents"][0]["sections"] if s["number"] == "16.1")
    assert section["line"] == 260 and section["topics"] == ["governing_law"]
    assert section["topic_scores"] == [1.0]
    ids = {s["id"] for d in payload["documents"] for s in d["sections"]}
    for row in payload["rows"]:
        assert set(row) == {"topic", "key", "label", "cells", "similarity"}
        assert set(row["cells"]) == {"A", "B", "C"}
        assert all(sid in ids for cell in row["cells"].values() for sid in cell)
    liability = next(r for r in payload["rows"] if r["topic"] == "liability")
    assert liability["label"] == "Limitation of liability"
    assert all(liability["cells"][doc] for doc in "ABC")


def test_align_readable_matrix_marks_missing_topics(capsys) -> None:
    assert main(["align", TXT, str(SAMPLES / "kestrel_data_processing_agreement.html")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"A = {TXT}\n")
    line = next(x for x in out.splitlines() if x.startswith("Limitation of liability"))
    assert "LIMITATION OF LIAB" in line
    assert any(" — " in line for line in out.splitlines())


def test_align_unknown_reference_is_bad_input(capsys) -> None:
    assert main(["align", "--reference", "C", TXT, MD]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_diff_json_follows_the_design_contract(capsys) -> None:
    files = [TXT, MD]
    assert main(["diff", "--json", "--ignore", "case,parties", *files]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["reference"] == "A"
    texts = {d["id"]: d["text"] for d in payload["documents"]}
    assert all(texts.values())
    for row in payload["rows"]:
        assert set(row["diffs"]) == {"B"}
        cell = row["diffs"]["B"]
        assert row["diff_similarity"] == cell["similarity"]  # per row: the mean over its cells
        assert set(cell) == {"similarity", "coarse", "spans"}
        for doc, spans in cell["spans"].items():
            for start, end, kind in spans:
                assert 0 <= start < end <= len(texts[doc])
                assert kind in {"delete", "insert", "moved"}


def test_diff_readable_lists_changed_rows_with_marked_words(capsys) -> None:
    assert main(["diff", "--topic", "liability", TXT, MD]) == 0
    out = capsys.readouterr().out
    assert "## Limitation of liability" in out
    assert "words inserted" in out and "[-" in out and "{+" in out
    assert "## Fees and payment" not in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["diff", "--ignore", "colour", TXT, MD], "unknown --ignore kind"),
        (["diff", "--topic", "nonsense", TXT, MD], "--topic nonsense"),
    ],
)
def test_diff_bad_options_are_one_line_errors(argv, message, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_terms_json_shape_and_table(capsys) -> None:
    swedish = str(SAMPLES / "nordmoln_allmanna_villkor.md")
    assert main(["terms", "--json", TXT, swedish]) == 0
    payload = json.loads(capsys.readouterr().out)
    first, second = payload["documents"]
    assert (first["id"], first["path"], second["id"]) == ("A", TXT, "B")
    law = first["terms"]["governing_law"]
    assert law["value"] == "Sweden" and law["section"] == "A:16.1"
    assert law["quote"] in Path(TXT).read_text(encoding="utf-8")
    assert second["terms"]["liability_cap"]["value"] == "6 months' fees"
    assert first["terms"]["suspension"] is None or set(first["terms"]["suspension"]) >= {
        "value",
        "quote",
        "section",
    }
    assert main(["terms", TXT, swedish]) == 0
    table = capsys.readouterr().out
    assert "Governing law\n  A: Sweden  [16.1]\n  B: Sweden  [14]\n" in table


def test_two_versions_get_version_rows_unless_topics_are_asked_for(capsys) -> None:
    new = str(SAMPLES / "versions" / "brightwave_api_terms_2026-09.md")
    assert main(["align", "--json", MD, new]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert {row["status"] for row in rows} == {"same", "changed", "moved", "added"}
    assert main(["align", "--json", "--topics", MD, new]) == 0
    assert all("status" not in row for row in json.loads(capsys.readouterr().out)["rows"])
    assert main(["diff", "--versions", TXT, MD, new]) == 2
    assert "exactly two files" in capsys.readouterr().err
