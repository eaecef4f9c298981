"""Entry script of the frozen app: the same program as the `contract-compare` console script."""

from __future__ import annotations

import sys

from viewer.cli import main

if __name__ == "__main__":
    sys.exit(main())
