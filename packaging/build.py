"""Build the one-folder app with PyInstaller and report how long it took and how big it is.

`make package` runs this; by hand: `.venv/bin/python packaging/build.py`. The result is
`dist/contract-compare/` (plus `Contract Compare.app` on macOS); PyInstaller's work files go
to `build/pyinstaller/`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "packaging", "contract-compare.spec")
DIST = os.path.join(ROOT, "dist")
APP = os.path.join(DIST, "contract-compare")


def tree_size(path: str) -> tuple[int, int]:
    """Bytes and number of files under `path`, symbolic links not followed."""
    total = files = 0
    for folder, _dirs, names in os.walk(path):
        for name in names:
            full = os.path.join(folder, name)
            if not os.path.islink(full):
                total += os.path.getsize(full)
                files += 1
    return total, files


def largest(path: str, count: int = 8) -> list[tuple[int, str]]:
    """The `count` biggest entries directly inside the app's `_internal` folder."""
    internal = os.path.join(path, "_internal")
    sizes = []
    for name in os.listdir(internal):
        full = os.path.join(internal, name)
        if os.path.islink(full):
            continue
        size = tree_size(full)[0] if os.path.isdir(full) else os.path.getsize(full)
        sizes.append((size, name))
    return sorted(sizes, reverse=True)[:count]


def main() -> int:
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        SPEC,
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        DIST,
        "--workpath",
        os.path.join(ROOT, "build", "pyinstaller"),
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        print(f"build: PyInstaller failed with exit code {result.returncode}", file=sys.stderr)
        return result.returncode
    seconds = time.perf_counter() - started
    size, files = tree_size(APP)
    print(
        f"build: {os.path.relpath(APP, ROOT)}/ in {seconds:.0f} s: "
        f"{size / 1e6:.1f} MB in {files} files"
    )
    for entry_size, name in largest(APP):
        print(f"  {entry_size / 1e6:6.1f} MB  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
