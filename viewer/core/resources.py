"""The data files in `resources/`: taxonomy and lexicons, term vocabularies, language data,
report templates and icons.

The folder sits at the top of the project and is installed as the package `viewer.resources`
(a setuptools package-dir mapping in pyproject.toml), so a source checkout, a wheel and the
frozen app carry it like any package data; it is found through the import system
(importlib.resources), never by climbing directories. Only file-system installs are
supported: templates and the PDF style sheet are read by path.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

PACKAGE = "viewer.resources"


def resource_path(name: str) -> str:
    """The path of a file or folder in `resources/`; `name` is relative to it, with `/`
    between folders (`taxonomy/topics.toml`)."""
    return str(files(PACKAGE).joinpath(*name.split("/")))


@cache
def load_json(name: str) -> dict:
    """Parsed JSON resource, read once per process."""
    with open(resource_path(name), encoding="utf-8") as handle:
        return json.load(handle)
