"""Bad input and bad luck end in one line on stderr, never a traceback or a half-written file:
an output path that is not a regular file, bytes that are not UTF-8, Ctrl+C, a full disk; and
what the text tables print cannot drive the terminal (control characters are shown escaped)."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import viewer.report
from tests.cli.test_entry import FILES
from tests.cli.test_notes_cli import run
from tests.conftest import SAMPLES
from tests.store.conftest import VERSION_1
from viewer.report import ReportError, check_output, write_report

PYTHON_M_VIEWER = [sys.executable, "-m", "viewer"]
#: What a terminal would act on: C0 but the newline that ends a table's line, DEL, C1.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def cli(*args: str | bytes, **options) -> subprocess.CompletedProcess[bytes]:
    """`python -m viewer ARGS` in a child process; bytes arguments go to it as they are."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([*PYTHON_M_VIEWER, *args], timeout=180, **options)


def one_line(result: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    """The stderr of a command that failed as the house rule says: one line, `code`."""
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert err.count("\n") == 1 and err.startswith("contract-compare: "), err
    return err


# 1. report --out writes a new file or replaces a regular one, nothing else -------------------


@pytest.mark.parametrize("through_symlink", [False, True])
def test_report_out_refuses_a_named_pipe_and_leaves_it(tmp_path: Path, through_symlink) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = fifo
    if through_symlink:
        out = tmp_path / "report.md"
        out.symlink_to(fifo)
    result = cli("report", "--db", str(tmp_path / "r.sqlite"), "--format", "md", "--out",
                 str(out), *FILES)  # fmt: skip
    err = one_line(result)
    assert f"{out}: cannot write the report: it is a named pipe, not a regular file" in err
    assert stat.S_ISFIFO(os.stat(out).st_mode) and out.is_symlink() == through_symlink
    assert not (tmp_path / "r.sqlite").exists()  # refused before any work
    assert not list(tmp_path.glob(".report-*"))


def test_check_output_refuses_a_device() -> None:
    """Only looked at: nothing is ever written to a device, whoever runs the test."""
    if not os.path.exists(os.devnull) or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no character device at os.devnull")
    with pytest.raises(ReportError, match="it is a device, not a regular file"):
        check_output(os.devnull)


def test_write_report_does_not_replace_a_pipe_that_appears_while_rendering(
    tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "report.md"

    def render_while_a_pipe_appears(report, fmt: str) -> bytes:
        os.mkfifo(out)  # after check_output passed the new path
        return b"# report\n"

    monkeypatch.setattr(viewer.report, "render_report", render_while_a_pipe_appears)
    with pytest.raises(ReportError, match="it is a named pipe, not a regular file"):
        write_report(None, "md", str(out))  # type: ignore[arg-type]
    assert stat.S_ISFIFO(os.lstat(out).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no .part left


# 2. bytes that are not UTF-8, Ctrl+C, a full disk ---------------------------------------------


@pytest.mark.parametrize("option", ["--text", "--author"])
def test_note_text_that_is_not_utf8_is_refused_before_the_database(tmp_path, option) -> None:
    doc = tmp_path / "tern.txt"
    doc.write_text(VERSION_1, encoding="utf-8")
    db = tmp_path / "n.sqlite"
    values: dict[str, str | bytes] = {"--text": "fine", "--author": "ana"}
    values[option] = b"caf\xe9 \xff"
    result = cli("notes", "add", "--db", str(db), "--doc", str(doc), "--section", "A:1",
                 "--status", "ok", *(x for pair in values.items() for x in pair))  # fmt: skip
    err = one_line(result)
    assert f"{option}: not valid UTF-8: caf\\xe9 \\xff" in err
    assert result.stdout == b"" and not db.exists()


@pytest.fixture
def undecodable(tmp_path: Path) -> bytes:
    """A real document whose file name holds the byte 0xff (not UTF-8)."""
    name = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    try:
        with open(name, "wb") as stream:
            stream.write(VERSION_1.encode())
    except OSError:
        pytest.skip("this file system takes only UTF-8 file names")
    return name


def _report(tmp: str, out: str | bytes, doc: str | bytes) -> list[str | bytes]:
    return ["report", "--db", f"{tmp}/n.sqlite", "--format", "md", "--out", out, doc]


@pytest.mark.parametrize(
    "command",
    [
        lambda tmp, doc, bad: ["sections", doc],
        lambda tmp, doc, bad: ["sections", "--json", doc],
        lambda tmp, doc, bad: ["notes", "add", "--db", f"{tmp}/n.sqlite", "--doc", doc,
                               "--section", "A:1", "--status", "ok", "--text", "x"],
        lambda tmp, doc, bad: _report(tmp, f"{tmp}/r.md", doc),
        lambda tmp, doc, bad: _report(tmp, bad + b".md", FILES[0]),
        lambda tmp, doc, bad: ["gui", "--screenshot", bad + b".png", FILES[0]],
    ],
    ids=["sections", "sections-json", "notes-add", "report", "report-out", "gui-screenshot"],
)  # fmt: skip
def test_a_file_name_that_is_not_utf8_is_named_escaped(tmp_path, undecodable, command) -> None:
    folder = os.fsencode(tmp_path)
    result = cli(*command(str(tmp_path), undecodable, os.path.join(folder, b"bad\xffname")))
    err = one_line(result)
    assert "bad\\xffname" in err and "the file name is not valid UTF-8" in err
    assert result.stdout == b""
    assert os.listdir(folder) == [os.path.basename(undecodable)]  # no database, report, png


@pytest.mark.parametrize("command", ["align", "report"])
def test_ctrl_c_ends_with_one_line_130_and_no_output(tmp_path: Path, command) -> None:
    base = (SAMPLES / "pelavik_subscription_agreement.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"  # ~5 MB: seconds of work (its own text: no cache hit)
    big.write_text(f"{command} {time.time()}\n\n" + base * (5_000_000 // len(base) + 1))
    args = {
        "align": ["align", str(big), FILES[1]],
        "report": ["report", "--db", str(tmp_path / "r.sqlite"), "--format", "md", "--out",
                   str(tmp_path / "report.md"), str(big), FILES[1]],
    }[command]  # fmt: skip
    with open(tmp_path / "stdout", "wb") as stdout:
        child = subprocess.Popen([*PYTHON_M_VIEWER, *args], stdout=stdout, stderr=subprocess.PIPE)
        time.sleep(1.0)
        if child.poll() is not None:
            child.communicate()
            pytest.skip("the command finished before Ctrl+C could be sent")
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=120)
    assert child.returncode == 130, err.decode()
    assert err == b"contract-compare: interrupted\n"
    assert (tmp_path / "stdout").read_bytes() == b""
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("r.sqlite"))
    assert left == ["big.txt", "stdout"]  # no report, no .part


@pytest.mark.parametrize("unbuffered", [False, True])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_full_disk_is_one_line(unbuffered: bool, as_json: bool) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with open("/dev/full", "wb") as full:
        result = cli("sections", *(["--json"] if as_json else []), FILES[0], stdout=full, env=env)
    err = one_line(result)
    assert err == "contract-compare: error: cannot write the output: No space left on device\n"


def test_an_error_naming_a_file_with_control_characters_stays_one_line(capsys) -> None:
    code, out, err = run(capsys, "sections", "/no/such/a\nb\x1b[2J.txt")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "/no/such/a\\x0ab\\x1b[2J.txt: " in err and not RAW_CONTROL.search(err)


# 3. the text tables show control characters escaped; JSON stays exact ------------------------


def test_notes_list_shows_control_characters_escaped(capsys, tmp_path: Path) -> None:
    doc = tmp_path / "ev\x1b]0;owned\x07il.txt"
    doc.write_text(VERSION_1, encoding="utf-8")
    db = str(tmp_path / "n.sqlite")
    text, author = "\x1b[2Jwiped\tout\x9b\nsecond line", "eve\x1b[31m"
    code, _, _ = run(capsys, "notes", "add", "--db", db, "--doc", str(doc), "--section", "A:1",
                     "--status", "ok", "--text", text, "--author", author)  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "notes", "list", "--db", db)
    assert code == 0 and not RAW_CONTROL.search(out)
    assert "ev\\x1b]0;owned\\x07il.txt" in out and "eve\\x1b[31m" in out
    assert "\\x1b[2Jwiped\\x09out\\x9b" in out and "second line" not in out
    code, out, _ = run(capsys, "notes", "list", "--db", db, "--json")
    (note,) = json.loads(out)["notes"]
    assert (note["text"], note["author"], note["doc_path"]) == (text, author, str(doc))


def test_sections_shows_control_characters_escaped(capsys, tmp_path: Path) -> None:
    doc = tmp_path / "ev\x1b]0;owned\x07il.txt"
    doc.write_text(VERSION_1.replace("Termination", "Termi\x9b2Jnation"), encoding="utf-8")
    code, out, _ = run(capsys, "sections", str(doc))
    assert code == 0 and not RAW_CONTROL.search(out)
    assert "ev\\x1b]0;owned\\x07il.txt" in out and "3 Termi\\x9b2Jnation  [line 11]" in out
    code, out, _ = run(capsys, "sections", "--json", str(doc))
    (document,) = json.loads(out)["documents"]
    assert document["path"] == str(doc)
    assert "Termi\x9b2Jnation" in [section["title"] for section in document["sections"]]
