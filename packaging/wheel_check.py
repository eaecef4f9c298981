"""The wheel works where it is installed: build it, install it in a clean virtualenv, run it.

`make wheel-check` (and CI) runs this. A wheel that lacked `viewer.resources` once installed
fine and then failed every command with FileNotFoundError; this builds the wheel from the
checkout, installs it with its dependencies into a new virtualenv outside the checkout, checks
that the installed package reads its resources from its own site-packages, and runs the
packaging smoke test (`sections`, `align --json`, `gui --screenshot`, notes and a PDF report)
against the installed `contract-compare`, in an empty environment.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smoke_test  # noqa: E402

RESOURCES_CHECK = (
    "import viewer.core.resources as r, viewer.resources as p, os\n"
    "path = r.resource_path('taxonomy/topics.toml')\n"
    "assert os.path.isfile(path) and 'site-packages' in path, path\n"
    "print(os.path.dirname(p.__file__))"
)


def step(label: str, command: list[str], cwd: str) -> str:
    """Run one step; on failure print its last lines and stop with exit code 1."""
    print(f"--  {label}", flush=True)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        print(f"wheel check failed: {label}:\n" + "\n".join(tail), file=sys.stderr)
        raise SystemExit(1)
    return result.stdout


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="contract-compare-wheel-") as work:
        step("build the wheel", [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                                 "--wheel-dir", work, ROOT], work)  # fmt: skip
        (wheel,) = glob.glob(os.path.join(work, "contract_compare-*.whl"))
        venv = os.path.join(work, "venv")
        step("make a clean virtualenv", [sys.executable, "-m", "venv", venv], work)
        python = os.path.join(venv, "bin", "python")
        step(f"install {os.path.basename(wheel)}",
             [python, "-m", "pip", "install", "--quiet", wheel], work)  # fmt: skip
        where = step("resources from site-packages", [python, "-c", RESOURCES_CHECK], work)
        print(f"ok  viewer.resources installed at {where.strip()}", flush=True)
        return smoke_test.main([os.path.join(venv, "bin", "contract-compare")])


if __name__ == "__main__":
    raise SystemExit(main())
