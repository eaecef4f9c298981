"""`python -m viewer` is the same as the `contract-compare` command."""

from __future__ import annotations

from viewer.cli import entry

entry()
