"""The registry: every family by the name it is written with.

Families register themselves with the :func:`register` decorator when their module is
imported (``lrspec.families`` imports them all); the evaluator looks names up here.
"""

from __future__ import annotations

from ..syntax.errors import UnknownNameError, did_you_mean
from .family import Family

_FAMILIES: dict[str, type[Family]] = {}


def register(cls: type[Family]) -> type[Family]:
    """Class decorator: add a family to the registry under its name."""
    if cls.name in _FAMILIES:
        raise ValueError(f"family name {cls.name!r} registered twice")
    _FAMILIES[cls.name] = cls
    return cls


def families() -> dict[str, type[Family]]:
    """Every registered family by name, in registration order."""
    return dict(_FAMILIES)


def lookup(name: str, span=None) -> type[Family]:
    """The family called ``name``; an UnknownNameError suggests close names (an unqualified
    name suggests the namespaced families of that name, too: ``torch.StepLR`` for ``StepLR``)."""
    found = _FAMILIES.get(name)
    if found is None:
        raise UnknownNameError(f"unknown schedule '{name}'", span=span, hint=_suggest(name))
    return found


def _suggest(name: str) -> str | None:
    namespaced = [n for n in _FAMILIES if n.rpartition(".")[2] == name and n != name]
    if namespaced:
        quoted = " or ".join(f"'{n}'" for n in namespaced)
        return f"did you mean {quoted}?"
    return did_you_mean(name, _FAMILIES)
