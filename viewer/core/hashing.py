"""SHA-256 without importing hashlib: hashlib loads OpenSSL, 3-5 ms of every CLI start, while
CPython's built-in SHA-256 hashes a typical contract in well under a millisecond."""

from __future__ import annotations

try:
    from _sha2 import sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # a build without the built-in hashes
        from hashlib import sha256

__all__ = ["sha256"]
