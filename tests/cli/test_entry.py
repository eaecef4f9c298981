"""The installed `contract-compare` command: full output despite the quick exit, quiet `| head`."""

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
    str(SAMPLES / "allting_subscription_agreement.txt"),
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


def test_a_run_builds_only_its_own_subcommand_and_help_lists_them_all(capsys) -> None:
    import argparse

    from viewer.cli import SUBCOMMANDS, build_parser, chosen_command

    def names(parser: argparse.ArgumentParser) -> list[str]:
        (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return list(commands.choices)

    assert names(build_parser(chosen_command(["align", "--json", "a.txt"]))) == ["align"]
    for argv in (["--help"], ["-h", "align"], ["nope"], []):
        assert names(build_parser(chosen_command(argv))) == list(SUBCOMMANDS)
    from viewer.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["nope"])
    assert stop.value.code == 2
    assert "choose from 'sections', 'align', 'diff', 'terms', 'notes', 'report', 'gui'" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("columns", ["60", "0", "wide", None])
def test_help_is_as_wide_as_shutil_would_make_it(monkeypatch, columns) -> None:
    import shutil

    from viewer.cli import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    assert columns != "60" or terminal_columns() == 60
