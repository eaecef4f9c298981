"""The installed `contract-compare` command and `python -m viewer`: full output, quiet `| head`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.common import FIVE_FORMATS
from tests.conftest import SAMPLES

COMMAND = str(Path(sys.executable).with_name("contract-compare"))
FILES = [
    str(SAMPLES / "pelavik_subscription_agreement.txt"),
    str(SAMPLES / "brightwave_api_terms.md"),
]


def test_a_headless_command_writes_all_its_output_before_it_exits(capsys) -> None:
    from viewer.cli import main

    main(["align", "--json", *FILES])
    expected = capsys.readouterr().out
    result = subprocess.run([COMMAND, "align", "--json", *FILES], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == expected and json.loads(result.stdout)["rows"]


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    five = [str(path) for path in FIVE_FORMATS]  # ~0.5 MB of JSON: more than a pipe holds
    with subprocess.Popen(
        [COMMAND, "diff", "--json", *five], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(10)
        child.stdout.close()  # like `| head -c 10`
        error = child.stderr.read().decode()
        child.wait(timeout=60)
    assert "Traceback" not in error and child.returncode == 1


def test_a_bad_file_still_exits_2_with_one_line() -> None:
    result = subprocess.run(
        [COMMAND, "sections", "/no/such/file.txt"], capture_output=True, text=True
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_python_dash_m_is_the_command_and_ends_quietly_too() -> None:
    five = [str(path) for path in FIVE_FORMATS]
    with subprocess.Popen(
        [sys.executable, "-m", "viewer", "diff", "--json", *five],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(10)
        child.stdout.close()  # like `python -m viewer diff --json ... | head -c 10`
        error = child.stderr.read().decode()
        child.wait(timeout=60)
    assert "Traceback" not in error and child.returncode == 1


def test_help_and_an_unknown_subcommand_list_every_subcommand(capsys) -> None:
    from viewer.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["nope"])
    assert stop.value.code == 2
    assert "choose from 'sections', 'align', 'diff', 'terms', 'notes', 'report', 'gui'" in (
        capsys.readouterr().err
    )
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    shown = capsys.readouterr().out
    assert all(name in shown for name in ("sections", "notes", "report"))
