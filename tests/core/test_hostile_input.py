"""Hostile and odd input (issue 17): bounded memory, no hang, one line and exit 2, never a
traceback. Each case runs the real command in a subprocess under a memory cap and a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import hostile
from viewer.core.errors import IngestError
from viewer.core.structure.ingest import load_document
from viewer.core.structure.ingest.docx import MAX_XML_PART_BYTES

COMMAND = [sys.executable, "-m", "viewer", "sections", "--json"]
MEMORY_CAP = 1536 * 2**20  # address space: Python with lxml and MuPDF loaded uses ~0.5 GB
TIMEOUT = 20

posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes, devices and rlimits")


def run_capped(path: Path | str) -> subprocess.CompletedProcess:
    """`sections --json FILE` with its address space capped, as an attacker's file would get."""

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run(
        [*COMMAND, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=cap,
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess, path: Path | str, *words: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert line.startswith(f"contract-compare: error: {path}: ")
    assert all(word in line for word in words), line


@posix_only
def test_a_docx_zip_bomb_is_refused_before_it_unpacks(tmp_path: Path) -> None:
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", megabytes=2 * MAX_XML_PART_BYTES // 2**20)
    assert bomb.stat().st_size < 1024 * 1024
    assert_refused(run_capped(bomb), bomb, "word/document.xml expands beyond 64 MB")


@posix_only
def test_a_docx_that_declares_gigabytes_is_refused_at_once(tmp_path: Path) -> None:
    claimed = hostile.docx_declaring(tmp_path / "claims.docx", declared=4 * 2**30 - 1)
    assert_refused(run_capped(claimed), claimed, "expands beyond")


@posix_only
def test_a_docx_whose_header_understates_its_size_is_cut_off_there(tmp_path: Path) -> None:
    """zipfile unpacks no more than a part declares: 1 KB declared, 64 MB inside."""
    lying = hostile.docx_declaring(tmp_path / "lies.docx", declared=1024, megabytes=64)
    assert_refused(run_capped(lying), lying, "corrupt DOCX")


def test_an_external_entity_never_brings_a_local_file_into_a_document(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CREDENTIAL", "utf-8")
    leaking = hostile.docx_with_external_entity(tmp_path / "xxe.docx", secret)
    document = load_document(leaking)
    assert "The supplier shall deliver" in document.text
    assert "TOPSECRET" not in document.text


@pytest.mark.parametrize("count", [1_000_000_000, -5, 0])
def test_a_pdf_whose_page_tree_lies_is_one_line(tmp_path: Path, count: int) -> None:
    pdf = hostile.pdf_with_page_count(tmp_path / "count.pdf", count)
    with pytest.raises(IngestError, match="corrupt"):
        load_document(pdf)
    result = subprocess.run([*COMMAND, str(pdf)], capture_output=True, text=True, timeout=60)
    assert_refused(result, pdf, "corrupt")


@posix_only
@pytest.mark.parametrize("name", ["terms.txt", "terms.pdf", "terms"])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, name: str) -> None:
    pipe = hostile.fifo(tmp_path / name)
    assert_refused(run_capped(pipe), pipe, "not a regular file (a named pipe)")


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_at_once(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} absent")
    assert_refused(run_capped(device), device, "not a regular file (a device)")


def test_a_file_growing_past_the_limit_while_read_is_stopped_there(tmp_path, monkeypatch) -> None:
    from viewer.core.structure import ingest

    monkeypatch.setattr(ingest, "MAX_TEXT_BYTES", 1024)
    real_fstat = os.fstat

    def smaller(descriptor: int) -> os.stat_result:  # the size on disk said when it was opened
        found = real_fstat(descriptor)
        return os.stat_result((*found[:6], 10, *found[7:]))

    monkeypatch.setattr(ingest.os, "fstat", smaller)
    grown = tmp_path / "grown.txt"
    grown.write_text("Terms. " * 1000, "utf-8")
    with pytest.raises(IngestError, match="file too large"):
        load_document(grown)


def test_a_page_nested_a_hundred_thousand_deep_is_read(tmp_path: Path) -> None:
    page = hostile.nested_html(tmp_path / "deep.html", depth=100_000)
    document = load_document(page)
    assert "The supplier shall deliver the services with care." in document.text
    result = subprocess.run([*COMMAND, str(page)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == ""


def test_an_internal_error_of_a_library_is_still_one_plain_line(tmp_path, monkeypatch) -> None:
    from viewer.core.compare import service as pipeline

    def deep(*_args, **_kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pipeline, "segment", deep)
    text = tmp_path / "terms.txt"
    text.write_text("1. Fees\nThe customer pays.\n", "utf-8")
    with pytest.raises(IngestError) as error:
        pipeline.load_trees([str(text)])
    assert str(error.value) == f"{text}: cannot be read: nested too deeply"
