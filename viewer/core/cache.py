"""A small on-disk cache for derived data that is costly to rebuild at every start.

An entry is a pickle keyed on the content of everything it was built from: the bytes of its
source files (data files, and the code that turns them into the value) and a description of
anything else it depends on (the stemming library in use, say). Change any of them and the
key changes, so a stale value is never served. Entries live in the platform's user cache
directory; any problem with the cache (missing, unreadable, unwritable, corrupt) only means
the value is computed again.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from hashlib import sha256

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


def cached(kind: str, sources: Sequence[str], build: Callable[[], T], depends: str = "") -> T:
    """`build()`, or its result from an earlier run that had the same `sources` byte for
    byte (paths included) and the same `depends`."""
    key = sha256(f"{kind}\0{depends}".encode())
    try:
        for source in sources:
            with open(source, "rb") as handle:
                key.update(f"\0{os.path.abspath(source)}\0".encode())
                key.update(handle.read())
    except OSError:
        return build()
    path = os.path.join(cache_dir(), key.hexdigest()[:32] + ".pickle")
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
