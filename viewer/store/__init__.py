"""Reviewer notes, reviews and alignment overrides in one local SQLite file (sqlite-utils)."""

from viewer.store.database import StoreError
from viewer.store.store import STATUSES, LeftBehind, Note, Review, Store, default_db_path

__all__ = ["STATUSES", "LeftBehind", "Note", "Review", "Store", "StoreError", "default_db_path"]
