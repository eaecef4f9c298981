"""The system libraries Qt needs to open a window on X11, checked before Qt tries.

pip installs Qt itself, but its X11 platform plugin links libraries of the system that minimal
Linux installs lack (Qt 6.5 and later need libxcb-cursor0). Without them Qt prints "Could not
load the Qt platform plugin 'xcb'" and aborts the process. Checked first, the user gets one line
naming what is missing and the command that installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path


def missing_xcb_libraries() -> list[str]:
    """The shared libraries (sonames) Qt's X11 plugin links that this machine lacks."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or shutil.which("ldd") is None:
        return []
    env = {**os.environ, "LD_LIBRARY_PATH": str(qt / "lib")}
    found = subprocess.run(["ldd", str(plugin)], env=env, capture_output=True, text=True)
    missing = [line.split()[0] for line in found.stdout.splitlines() if "not found" in line]
    return list(dict.fromkeys(missing))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library, by Debian's naming rule:
    libxcb-cursor.so.0 -> libxcb-cursor0, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    name, _, version = soname.partition(".so.")
    return f"{name}{'-' if name[-1:].isdigit() else ''}{version}"


def window_problem(
    environ: Mapping[str, str], find_missing: Callable[[], list[str]] = missing_xcb_libraries
) -> str | None:
    """Why Qt could not open a window on X11 here, or None: only where Qt would use the xcb
    plugin (Linux, no other platform asked for, no Wayland session) and there is no X server
    to reach or libraries are missing, the cases in which Qt aborts the process."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return None
    if not platform and environ.get("WAYLAND_DISPLAY"):
        return None
    display = environ.get("DISPLAY", "")
    if not display:
        return "no display to open a window on (DISPLAY is not set)"
    local = re.fullmatch(r":(\d+)(?:\.\d+)?", display)
    if local and not os.path.exists(f"/tmp/.X11-unix/X{local.group(1)}"):
        return f"no X server runs on display {display} (DISPLAY)"
    missing = find_missing()
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(soname) for soname in missing))
    return (
        f"Qt cannot open a window: this machine lacks {', '.join(missing)} "
        f"(on Debian or Ubuntu: sudo apt-get install {packages})"
    )
