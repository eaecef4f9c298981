"""`contract-compare report`: writes the file, and bad input is one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.report.conftest import BRIGHTWAVE, NASTY, PELAVIK
from viewer.app.compare import Request, build
from viewer.app.session import StoreStep
from viewer.cli import report as cli_report
from viewer.cli.entry import main
from viewer.core.compare.service import load_trees
from viewer.core.model import Override
from viewer.report import FORMATS
from viewer.store import Store


def report(argv: list[str]) -> int:
    """The subcommand as `contract-compare` parses and runs it."""
    return main(argv)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "reviews.sqlite")
    (pelavik,) = load_trees([PELAVIK])
    with Store.open(path) as store:
        store.add_note(pelavik, "16.1", "concern", NASTY, author="Åsa")
    return path


def _error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("contract-compare: error: "), err
    return err


def test_formats_match_the_report_package() -> None:
    assert cli_report.FORMATS == FORMATS


def test_writes_a_json_report_with_the_stored_notes(db: str, tmp_path: Path) -> None:
    out = tmp_path / "review.json"
    argv = ["report", "--db", db, "--format", "json", "--out", str(out), "--title", "Q3",
            "--reviewer", "Åsa", PELAVIK, BRIGHTWAVE]  # fmt: skip
    assert report(argv) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert (payload["title"], payload["reviewer"]) == ("Q3", "Åsa")
    assert [note["text"] for note in payload["notes"]] == [NASTY]
    assert payload["notes"][0]["section"] == "A:16.1"


def test_the_report_shows_the_windows_rows_with_the_reviews_moved_sections(tmp_path: Path) -> None:
    """Window and report build the comparison one way: a section the reviewer moved to
    another row in the window sits in that row in the report too."""
    db = str(tmp_path / "reviews.sqlite")
    files = (PELAVIK, BRIGHTWAVE)
    opened = build(Request(files), review_step=StoreStep(db, files))  # as the window opens it
    row = next(r for r in opened.rows if r.topic and r.cells["B"])
    section = row.cells["B"][0]
    target = next(r.key for r in opened.rows if r.topic and section not in r.cells["B"])
    with Store.open(db) as store:
        store.save_override(opened.review.review_id, opened.tree("B"), Override(section, target))
    shown = build(Request(files), review_step=StoreStep(db, files))  # as the window shows it
    assert section in shown.index.row(target).cells["B"]
    out = tmp_path / "review.json"
    assert report(["report", "--db", db, "--format", "json", "--out", str(out), *files]) == 0
    reported = {r["key"]: r["cells"] for r in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    assert reported == {r.key: {d: list(ids) for d, ids in r.cells.items()} for r in shown.rows}
    assert section in reported[target]["B"]


def test_reference_chooses_the_document_compared_against(db: str, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    argv = ["report", "--db", db, "--format", "md", "--out", str(out), "--reference", "B"]
    assert report([*argv, PELAVIK, BRIGHTWAVE]) == 0
    assert "**Reference document:** B" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "{tmp}/missing/r.html", PELAVIK], "{tmp}/missing/r.html: cannot write"),
        (["--out", "{tmp}", PELAVIK], "{tmp}: cannot write the report: it is a folder"),
        (["--out", "{tmp}/r.html", "{tmp}/nope.txt"], "nope.txt"),
        (["--out", "{tmp}/r.html", "--reference", "Q", PELAVIK, BRIGHTWAVE], "--reference Q"),
        (["--out", "{tmp}/r.html", "--db", "{tmp}/junk.sqlite", PELAVIK], "junk.sqlite"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], message: str, tmp_path: Path, capsys
) -> None:
    (tmp_path / "junk.sqlite").write_bytes(b"not a database, just some text " * 40)
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    if "--db" not in argv:
        argv = ["--db", str(tmp_path / "reviews.sqlite"), *argv]
    assert report(["report", "--format", "html", *argv]) == 2
    assert message.replace("{tmp}", str(tmp_path)) in _error(capsys)
    assert not (tmp_path / "r.html").exists()


def test_registered_in_the_main_cli(db: str, tmp_path: Path) -> None:
    from viewer.cli import main
    from viewer.cli.entry import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert "report" in commands.choices
    out = tmp_path / "r.csv"
    assert main(["report", "--db", db, "--format", "csv", "--out", str(out), PELAVIK]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert NASTY in [row["note"] for row in csv.DictReader(handle)]


def test_importing_the_subcommand_loads_nothing_heavy() -> None:
    code = (
        "import sys, viewer.cli.report\n"
        "heavy = ['jinja2', 'pymupdf', 'viewer.report', 'viewer.store', 'PySide6']\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_report_package_imports_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import viewer.report, viewer.report.pdf_report, viewer.report.html_report\n"
        "import viewer.report.markdown_report, viewer.report.csv_report\n"
        "import viewer.report.json_report\n"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "ok"


def test_import_linter_keeps_qt_out_of_the_report() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "report is pure Python: no Qt, no GUI KEPT" in result.stdout, result.stdout


def test_a_report_only_reads_the_database(db: str, tmp_path: Path) -> None:
    """Opened read-only (issue 26, case 7): the file stays byte-identical (no migration, no
    new anchors, no sketches saved) and a database that does not exist is not created."""
    import os

    before = Path(db).read_bytes()
    out = tmp_path / "review.json"
    argv = ["report", "--db", db, "--format", "json", "--out", str(out), PELAVIK]
    assert report(argv) == 0
    assert [n["text"] for n in json.loads(out.read_text(encoding="utf-8"))["notes"]] == [NASTY]
    assert Path(db).read_bytes() == before
    missing = str(tmp_path / "none.sqlite")
    assert report(["report", "--db", missing, "--format", "json", "--out", str(out), PELAVIK]) == 0
    assert not os.path.exists(missing)
