"""Pure-Python core: import, sectioning, and later topics, alignment, diffs and key terms.

Nothing in this package may import Qt; an import-linter contract and a test enforce it.
"""

from __future__ import annotations
