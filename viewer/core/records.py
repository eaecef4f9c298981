"""`@record`: immutable named records like `typing.NamedTuple`, without importing `typing`.

`typing` alone takes about a third of the CLI's start-up budget (10 ms here), and the core's
results need nothing from it but the NamedTuple class syntax. A `@record` class is written
exactly like a NamedTuple (annotated fields, defaults last, methods and properties) and becomes
a `collections.namedtuple` subclass with the same methods.

It is the one record idiom of every package: the core's results, the store's notes and
reviews, the application's requests and snapshots, a report's content. A copy with changes is
`replace(value, field=...)`. State that changes in place is a plain class, not a record.
"""

from __future__ import annotations

from collections import namedtuple


def record(cls: type) -> type:
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (inspect is slow to import)
    fields = [name for name in annotations if not name.startswith("_")]
    defaults = [cls.__dict__[name] for name in fields if name in cls.__dict__]
    base = namedtuple(cls.__name__, fields, defaults=defaults, module=cls.__module__)
    skip = {*fields, "__dict__", "__weakref__"}
    namespace = {key: value for key, value in cls.__dict__.items() if key not in skip}
    namespace["__slots__"] = ()
    made = type(cls.__name__, (base,), namespace)
    made.__qualname__ = cls.__qualname__
    return made


def replace(value, **changes):
    """A copy of a record with some fields changed (`namedtuple._replace`, spelled so that a
    type checker, which sees records as frozen dataclasses, knows it)."""
    return value._replace(**changes)
