"""What a wheel carries: every package of the tree, and the resources as `viewer.resources`."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_package_and_resource_folder_is_listed_for_the_wheel() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"viewer.resources": "resources"}
    code = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "viewer").rglob("__init__.py")
    }
    data = {
        ".".join(("viewer", *path.relative_to(ROOT).parts))
        for path in [ROOT / "resources", *(ROOT / "resources").iterdir()]
        if path.is_dir() and path.name != "__pycache__"
    }
    assert set(setuptools["packages"]) == code | data
    for package in data:
        folder = ROOT / "resources" / "/".join(package.split(".")[2:])
        patterns = setuptools["package-data"][package]
        files = {p for p in folder.iterdir() if p.is_file() and p.name != "__init__.py"}
        assert files == {p for pattern in patterns for p in folder.glob(pattern)}, package


def test_resources_are_read_through_the_package() -> None:
    from viewer.core.resources import resource_path

    path = resource_path("taxonomy/topics.toml")
    assert path == str(ROOT / "resources" / "taxonomy" / "topics.toml")
