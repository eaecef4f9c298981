"""Entry script of the frozen app: the same program as the `contract-compare` console script."""

from __future__ import annotations

from viewer.cli import entry

if __name__ == "__main__":
    entry()
