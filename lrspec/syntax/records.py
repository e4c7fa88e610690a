"""Frozen records: small value classes with equality, hashing and a repr.

lrspec's nodes, parameter types and limits are plain data. They are written as records
rather than dataclasses because creating a dataclass costs about half a millisecond at import
(``exec`` of its generated methods), and lrspec has a few dozen of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:  # for annotations only: a TypeVar with a bound costs import time
    _R = TypeVar("_R", bound="Record")


class Record:
    """Fields named in ``_fields`` (positional or by name), defaults in ``_defaults``; frozen.

    Equality and hashing use ``_key()`` (the fields, unless a subclass says otherwise).
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **named: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} fields, got {len(args)}")
        put = object.__setattr__
        for name, value in zip(fields, args):
            put(self, name, value)
        for name in fields[len(args) :]:
            if name in named:
                put(self, name, named.pop(name))
            elif name in self._defaults:
                put(self, name, self._defaults[name])
            else:
                raise TypeError(f"{type(self).__name__} is missing {name!r}")
        if named:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(named))!r}")
        self._validate()

    def _validate(self) -> None:
        """Checks on the fields, after they are set."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self._key()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)
