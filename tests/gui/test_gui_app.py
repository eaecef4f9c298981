"""`run_gui` with `--screenshot`: renders the window offscreen, saves a PNG, exits."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from viewer.gui.app import run_gui

from .conftest import SAMPLES


def test_screenshot_writes_a_png(qapp, tmp_path):
    shot = tmp_path / "s.png"
    assert run_gui([str(path) for path in SAMPLES], screenshot=str(shot)) == 0
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000
    assert QImage(str(shot)).width() >= 1200  # a real window, not a thumbnail
    assert QApplication.applicationName() == "Contract Compare"
    assert QApplication.organizationName() == "Contract Compare"


def test_screenshot_of_a_bad_file_fails_with_one_line(qapp, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    shot = tmp_path / "s.png"
    assert run_gui([str(SAMPLES[0]), str(empty)], screenshot=str(shot)) == 2
    err = capsys.readouterr().err
    assert err == f"contract-compare: error: {empty}: empty file\n"
    assert not shot.exists()


def test_cli_dispatches_to_the_gui(qapp, tmp_path):
    from viewer.cli import main

    shot = tmp_path / "cli.png"
    assert main(["gui", str(SAMPLES[1]), "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 0
