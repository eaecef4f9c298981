"""`contract-compare gui ... --screenshot`: offscreen in process, and a real window under Xvfb."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from viewer.gui.app import run_gui
from viewer.gui.system_libraries import missing_xcb_libraries, window_problem
from viewer.store import Store

from .conftest import FIVE, SAMPLES, paths


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many colours a grid of pixels shows: a blank or failed rendering shows one or two."""
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_screenshot_of_the_five_samples(qapp, tmp_path, db_path):
    shot = tmp_path / "s.png"
    assert run_gui(paths(FIVE), screenshot=str(shot), db=db_path) == 0
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(shot))
    assert image.width() >= 1200  # a real window, not a thumbnail
    assert distinct_colours(image) > 50  # text, highlights, marks: not blank
    assert QApplication.applicationName() == "Contract Compare"
    with Store.open(db_path) as store:  # the review was recorded in the given database
        assert len(store.reviews()[0].paths) == 5


def test_screenshot_of_a_bad_file_fails_with_one_line(qapp, tmp_path, capsys, db_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    shot = tmp_path / "s.png"
    assert run_gui([str(SAMPLES[0]), str(empty)], screenshot=str(shot), db=db_path) == 2
    err = capsys.readouterr().err
    assert err == f"contract-compare: error: {empty}: empty file\n"
    assert not shot.exists()


def test_cli_passes_the_database_to_the_gui(qapp, tmp_path, db_path):
    from viewer.cli import main

    shot = tmp_path / "cli.png"
    assert main(["gui", str(SAMPLES[1]), "--db", db_path, "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 0
    assert Path(db_path).exists()


def test_show_brings_a_panel_to_the_front(qapp, qtbot, window, tmp_path, db_path):
    """`gui --show changes --screenshot`: the image of the change list in docs/ is made so."""
    from viewer.cli import main

    window.show()
    window.show_panel("changes")
    topics, _notes, _terms, changes = window.docks
    qtbot.waitUntil(lambda: topics.visibleRegion().isEmpty())  # the tab behind
    assert not changes.visibleRegion().isEmpty()
    shot = tmp_path / "changes.png"
    argv = ["gui", *paths(SAMPLES[:2]), "--db", db_path, "--show", "changes", "--screenshot"]
    assert main([*argv, str(shot)]) == 0 and shot.stat().st_size > 0


def test_missing_x11_libraries_are_named_with_the_package_that_installs_them():
    """Instead of Qt's "Could not load the Qt platform plugin 'xcb'" and an abort."""
    x11 = {"DISPLAY": "remote-host:0"}  # a display whose server this test cannot look for
    lacking = lambda: ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]  # noqa: E731
    problem = window_problem(x11, lacking)
    assert problem is not None
    assert "libxcb-cursor.so.0" in problem
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in problem
    assert window_problem(x11, lambda: []) is None
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}, lacking) is None
    assert window_problem({"WAYLAND_DISPLAY": "wayland-0"}, lacking) is None
    assert "DISPLAY is not set" in (window_problem({}, lambda: []) or "")
    assert "no X server runs on display :987" in (
        window_problem({"DISPLAY": ":987"}, lacking) or ""
    )


def test_files_alone_open_the_app(qapp, tmp_path, db_path):
    """`contract-compare FILE...` as the README says, not "invalid choice" (exit 2)."""
    from viewer.cli import main

    shot = tmp_path / "files.png"
    assert main([*paths(FIVE[:2]), "--db", db_path, "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 0
    shot.unlink()
    assert main(["--db", db_path, str(SAMPLES[1]), "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 0


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_real_window_under_xvfb(tmp_path):
    """The packaged app's path: the xcb platform plugin and its libraries, on a real X server."""
    missing = missing_xcb_libraries()
    if missing:
        pytest.skip(f"Qt's X11 plugin lacks system libraries: {', '.join(missing)}")
    shot = tmp_path / "xvfb.png"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env.pop("DISPLAY", None)
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
        str(Path(sys.executable).with_name("contract-compare")), "gui", *paths(FIVE),
        "--db", str(tmp_path / "reviews.sqlite"), "--screenshot", str(shot),
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "offscreen" not in done.stderr
    image = QImage(str(shot))
    assert image.width() >= 1200
    assert distinct_colours(image) > 50
