"""Everything the app remembers between runs, behind one object.

QSettings (INI format, so that tests and portable installs can point it at a file) keeps the
window layout, recent files, zoom, theme, the whole-document switch and the reviewer's name;
the review database path is the `--db` given on the command line or the store's default under
the platform's user data directory.
"""

from __future__ import annotations

import getpass
import logging
import os

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

MAX_RECENT = 10
THEMES = ("system", "light", "dark")
ZOOM_RANGE = (-6, 12)  # point-size steps away from the application font


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): the reviewer can set one
        return ""


class Settings:
    """Typed access to the app's persistent settings."""

    def __init__(self, store: QSettings | None = None, db_path: str | None = None) -> None:
        self._store = store or QSettings(
            QSettings.Format.IniFormat,
            QSettings.Scope.UserScope,
            "Contract Compare",
            "Contract Compare",
        )
        self._db_path = db_path

    @property
    def qsettings(self) -> QSettings:
        return self._store

    # -- the review database ------------------------------------------------------------------

    @property
    def db_path(self) -> str:
        """`--db` when given, else the store's default file in the user data directory."""
        if self._db_path:
            return self._db_path
        from viewer.store import default_db_path

        return default_db_path()

    # -- window layout ------------------------------------------------------------------------

    def layout(self, name: str) -> QByteArray | None:
        value = self._store.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"layout/{name}", value)

    # -- recent files -------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("recent/files", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        listed = value if isinstance(value, list) else []
        return [str(path) for path in listed][:MAX_RECENT]

    def add_recent(self, paths: list[str]) -> None:
        """Put `paths` first in the recent list (absolute, no repeats, at most MAX_RECENT)."""
        fresh = [os.path.abspath(path) for path in paths]
        kept = [path for path in self.recent_files if path not in fresh]
        self._store.setValue("recent/files", (fresh + kept)[:MAX_RECENT])

    def clear_recent(self) -> None:
        self._store.setValue("recent/files", [])

    # -- preferences --------------------------------------------------------------------------

    @property
    def author(self) -> str:
        return str(self._store.value("review/author", "") or _user_name())

    @author.setter
    def author(self, name: str) -> None:
        self._store.setValue("review/author", name.strip())

    @property
    def theme(self) -> str:
        value = str(self._store.value("view/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("view/theme", value if value in THEMES else "system")

    @property
    def zoom(self) -> int:
        return _clamp(_int(self._store.value("view/zoom", 0)), *ZOOM_RANGE)

    @zoom.setter
    def zoom(self, steps: int) -> None:
        self._store.setValue("view/zoom", _clamp(steps, *ZOOM_RANGE))

    @property
    def whole_document(self) -> bool:
        return _bool(self._store.value("view/whole_document", False))

    @whole_document.setter
    def whole_document(self, value: bool) -> None:
        self._store.setValue("view/whole_document", bool(value))

    @property
    def synchronised_scrolling(self) -> bool:
        return _bool(self._store.value("view/synchronised_scrolling", True))

    @synchronised_scrolling.setter
    def synchronised_scrolling(self, value: bool) -> None:
        self._store.setValue("view/synchronised_scrolling", bool(value))

    def sync(self) -> None:
        self._store.sync()


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _bool(value: object) -> bool:
    if isinstance(value, str):  # INI files hand booleans back as text
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
