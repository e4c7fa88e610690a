"""The registry: every family by the name it is written with.

Families register themselves with the :func:`register` decorator when their module is
imported (``lrspec.families`` imports them all); the evaluator looks names up here.
"""

from __future__ import annotations

from ..syntax.errors import ArgumentError, UnknownNameError, did_you_mean
from ..syntax.nodes import Span
from .family import Family

_FAMILIES: dict[str, type[Family]] = {}
# Names a library has that text cannot hold, with why and what to write instead.
_REFUSED: dict[str, tuple[str, str]] = {}


def register(cls: type[Family]) -> type[Family]:
    """Class decorator: add a family to the registry under its name."""
    if cls.name in _FAMILIES:
        raise ValueError(f"family name {cls.name!r} registered twice")
    _FAMILIES[cls.name] = cls
    return cls


def refuse(name: str, why: str, instead: str) -> None:
    """Make ``name`` (a library's scheduler that takes a Python function, say) an error that
    says ``why`` it cannot be written as text and what to write ``instead``."""
    _REFUSED[name] = (why, instead)


def families() -> dict[str, type[Family]]:
    """Every registered family by name, in registration order."""
    return dict(_FAMILIES)


def lookup(name: str, span: Span | None = None) -> type[Family]:
    """The family called ``name``; an UnknownNameError suggests close names (an unqualified
    name suggests the namespaced families of that name, too: ``torch.StepLR`` for ``StepLR``)."""
    found = _FAMILIES.get(name)
    if found is None:
        if name in _REFUSED:
            why, instead = _REFUSED[name]
            raise ArgumentError(f"{name} cannot be written as text: {why}", span=span, hint=instead)
        raise UnknownNameError(f"unknown schedule '{name}'", span=span, hint=_suggest(name))
    return found


def _suggest(name: str) -> str | None:
    """Close names: for an unqualified name, the namespaced families of that name
    (``torch.StepLR`` for ``StepLR``); for a namespaced one, the close names of that
    namespace and lrspec's own family of that name (``Cosine`` for ``torch.Cosine``)."""
    prefix, _, last = name.rpartition(".")
    if not prefix:
        namespaced = [n for n in _FAMILIES if n.rpartition(".")[2] == name]
        if namespaced:
            return "did you mean " + " or ".join(f"'{n}'" for n in namespaced) + "?"
        return did_you_mean(name, _FAMILIES)
    siblings = [n for n in (*_FAMILIES, *_REFUSED) if n.startswith(prefix + ".")]
    if not siblings:
        return did_you_mean(name, _FAMILIES)
    hint = did_you_mean(last, [n[len(prefix) + 1 :] for n in siblings])
    close = [] if hint is None else [f"{prefix}.{m}" for m in _quoted(hint)]
    if last in _FAMILIES:
        close.append(last)
    if not close:
        return None
    quoted = [f"'{n}'" for n in close]
    return (
        "did you mean "
        + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1])
        + "?"
    )


def _quoted(hint: str) -> list[str]:
    """The names a did-you-mean hint quotes."""
    return hint.split("'")[1::2]
