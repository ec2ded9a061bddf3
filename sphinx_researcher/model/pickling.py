"""Faster pickling for the frozen, slotted dataclasses the environment holds thousands of."""

from __future__ import annotations

import operator
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def fast_pickling(cls: type[T]) -> type[T]:
    """Pickle ``cls`` as the tuple of its field values, taken by one C-level ``attrgetter``.

    The pair that ``dataclass(frozen=True, slots=True)`` adds calls ``fields()`` for every
    object: pickling the environment of a 2000-entry .bib took twice as long. The state has
    the same shape (the values in field order), so either pair reads the other's pickles.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    assert len(names) > 1  # attrgetter of one name gives the value, not a tuple
    values = operator.attrgetter(*names)
    set_field = object.__setattr__

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return values(self)

    def __setstate__(self: Any, state: Any) -> None:
        for name, value in zip(names, state, strict=True):
            set_field(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 (mypy refuses assigning a method)
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls
