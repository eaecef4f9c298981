# What mypy sees of `@record`: a frozen dataclass-like class with its fields (at run time a
# namedtuple subclass, see records.py), and `replace`, the one namedtuple method the code uses.
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")

@dataclass_transform(frozen_default=True)
def record(cls: type[_T]) -> type[_T]: ...
def replace(value: _T, **changes: Any) -> _T: ...
