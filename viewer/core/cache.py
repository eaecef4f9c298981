"""A small on-disk cache for derived data that is costly to rebuild at every start.

Entries are pickles keyed by their source file's path, size and modification time and by the
app version, kept in the platform's user cache directory. Any problem with the cache (missing,
stale, unreadable, unwritable, corrupt) only means the value is computed again.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from hashlib import sha256

from viewer import __version__

TYPE_CHECKING = False  # `typing` itself is not imported at run time: it costs 3 ms of start-up
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def cache_dir() -> str:
    """`$CONTRACT_COMPARE_CACHE`, else the platform's user cache directory.

    On Linux that is the XDG rule, written out because importing platformdirs (pathlib,
    urllib, ipaddress) would cost more than the cache saves; elsewhere platformdirs knows.
    """
    chosen = os.environ.get("CONTRACT_COMPARE_CACHE")
    if chosen:
        return chosen
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "contract-compare")
    from platformdirs import user_cache_dir

    return user_cache_dir("contract-compare")


def cached_for_file(source: str, kind: str, build: Callable[[], T]) -> T:
    """`build()`, or its result from the last run if `source` has not changed since."""
    try:
        info = os.stat(source)
        key = f"{__version__}|{kind}|{os.path.abspath(source)}|{info.st_size}|{info.st_mtime_ns}"
        name = sha256(key.encode("utf-8")).hexdigest()[:32] + ".pickle"
        path = os.path.join(cache_dir(), name)
    except OSError:
        return build()
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:
        pass
    value = build()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass
    return value
