"""The registry: every family by the name it is written with.

Families register themselves with the :func:`register` decorator when their module is
imported; the evaluator looks names up here. ``lrspec.families`` imports lrspec's own families
and leaves each library's namespace (``torch.``, ``hf.``, ...) to :func:`register_namespace`:
its module is imported on the first lookup of a name in it, or when anything asks for every
family (:func:`families`, the suggestions for an unknown name), so importing lrspec does not
pay for namespaces a run never writes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..syntax.errors import ArgumentError, UnknownNameError, did_you_mean
from ..syntax.nodes import Span
from .family import Family

_FAMILIES: dict[str, type[Family]] = {}
# Names a library has that text cannot hold, with why and what to write instead.
_REFUSED: dict[str, tuple[str, str]] = {}
# Namespaces not loaded yet: the prefix ("torch.") -> the function that imports its module.
_PENDING: dict[str, Callable[[], object]] = {}
# The module of each namespace, in the order families() lists them (after lrspec's own).
_RANK: dict[str, int] = {}


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


def register_namespace(prefix: str, module: str, load: Callable[[], object]) -> None:
    """Let ``load`` import ``module``, which registers the families named ``prefix...``, when
    one of them is first looked up (or every family is asked for)."""
    _RANK[module] = len(_RANK)
    _PENDING[prefix] = load


def _load(prefix: str) -> None:
    load = _PENDING.get(prefix)
    if load is not None:
        load()  # an import: another thread asking meanwhile waits for it to finish
        _PENDING.pop(prefix, None)


def _load_all() -> None:
    for prefix in list(_PENDING):
        _load(prefix)


def families() -> dict[str, type[Family]]:
    """Every family by name: lrspec's own in registration order, then each namespace's in the
    order the namespaces were declared (however they came to be loaded)."""
    _load_all()
    ranked = sorted(_FAMILIES.items(), key=lambda item: _RANK.get(item[1].__module__, -1))
    return dict(ranked)


def lookup(name: str, span: Span | None = None) -> type[Family]:
    """The family called ``name``; an UnknownNameError suggests close names (an unqualified
    name suggests the namespaced families of that name, too: ``torch.StepLR`` for ``StepLR``)."""
    found = _FAMILIES.get(name)
    if found is None and _PENDING:
        dot = name.find(".")
        if dot >= 0:
            _load(name[: dot + 1])
        found = _FAMILIES.get(name)
        if found is None:
            _load_all()  # the suggestions look at every name
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
    registered = families()
    if not prefix:
        namespaced = [n for n in registered if n.rpartition(".")[2] == name]
        if namespaced:
            return "did you mean " + " or ".join(f"'{n}'" for n in namespaced) + "?"
        return did_you_mean(name, registered)
    siblings = [n for n in (*registered, *_REFUSED) if n.startswith(prefix + ".")]
    if not siblings:
        return did_you_mean(name, registered)
    hint = did_you_mean(last, [n[len(prefix) + 1 :] for n in siblings])
    close = [] if hint is None else [f"{prefix}.{m}" for m in _quoted(hint)]
    if last in registered:
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
