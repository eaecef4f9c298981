"""Print a saved `contract-compare align --json` output, restricted to some of its documents.

usage: print_alignment.py ALIGNMENT.json NAME[,NAME...] [ignored ...]

The shared scorer (../shared/tools/alignment_score.py) runs its `--cmd` on the documents it
scores. With this script as that command, it scores some documents of a group exactly as the
whole group was aligned (as the product is used), not as they would align on their own. The
paths the scorer appends are ignored: the documents are the NAMEs (file names), in that order,
which must be the order given to the scorer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def restrict(alignment: dict, names: list[str]) -> dict:
    """The alignment with only the named documents, and each row's cells for them only."""
    by_name = {Path(doc["path"]).name: doc for doc in alignment["documents"]}
    documents = [by_name[name] for name in names]
    ids = [doc["id"] for doc in documents]
    rows = []
    for row in alignment["rows"]:
        cells = {doc: row["cells"][doc] for doc in ids if row["cells"].get(doc)}
        if cells:
            rows.append({**row, "cells": cells})
    return {**alignment, "documents": documents, "rows": rows}


if __name__ == "__main__":
    saved = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print(json.dumps(restrict(saved, sys.argv[2].split(","))))
